"""Keyword filters (manual section 3.9.2).

These are the keyword filters of ``/api/v1/filters``: Mastodon 4.0.0 and newer still
serve them (each v1 filter is one keyword of a server-side filter there).
"""
from __future__ import annotations
import re
import time
from datetime import datetime
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Union

from mastodon._convert import parse_date
from mastodon._core import RequestCore
from mastodon._encoding import IdLike
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.utility import AttribAccessList, api_version
from mastodon.return_types import Filter, NonPaginatableList

#: Where a filter applies ("account": profiles, Mastodon 3.1.0 and newer).
FILTER_CONTEXTS = ("home", "notifications", "public", "thread", "account")
#: Actions of server-side filters that make :meth:`filters_apply` drop a status.
_DROPPING_ACTIONS = ("warn", "hide")

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_WORD_START = re.compile(r"^\w")
_WORD_END = re.compile(r"\w$")


def filter_contexts(context: Union[str, Iterable[str]]) -> List[str]:
    """Validate a context or list of contexts; returns the list."""
    if isinstance(context, str):
        values = [context]
    else:
        try:
            values = list(context)
        except TypeError:  # None or another single value: reported below
            values = []
    invalid = [value for value in values if not isinstance(value, str) or value not in FILTER_CONTEXTS]
    if invalid or not values:
        raise MastodonIllegalArgumentError("Invalid filter context %r: use one or more of %s"
                                           % (context, ", ".join(FILTER_CONTEXTS)))
    return values


def _is_active(keyword_filter: Dict[str, Any], context: str) -> bool:
    """Whether a filter applies to ``context`` and has not expired."""
    if context not in (keyword_filter.get("context") or ()):
        return False
    expires_at = keyword_filter.get("expires_at")
    if isinstance(expires_at, str):
        expires_at = parse_date(expires_at)
    if isinstance(expires_at, datetime):  # a naive datetime is local time
        return expires_at.timestamp() > time.time()
    return True


def _pattern(keyword_filter: Dict[str, Any]) -> str:
    """The regular expression of one filter; word boundaries only next to word characters
    (so ``whole_word`` also works for phrases such as ``"#tag"`` or ``"c++"``)."""
    phrase = str(keyword_filter.get("phrase") or "")
    expression = re.escape(phrase)
    if keyword_filter.get("whole_word"):
        if _WORD_START.search(phrase):
            expression = r"\b" + expression
        if _WORD_END.search(phrase):
            expression += r"\b"
    return expression


def _filter_text(item: Dict[str, Any]) -> str:
    """The text a filter is matched against: content warning, content and poll options of
    the status (the boosted one for a boost; the status of a notification), with HTML
    tags removed, entities decoded and whitespace collapsed."""
    status = item.get("status") if "status" in item else item
    if not status:
        return ""
    if status.get("reblog"):
        status = status["reblog"]
    parts = [status.get("spoiler_text") or "", status.get("content") or ""]
    poll = status.get("poll")
    if poll:
        parts.extend(option.get("title") or "" for option in poll.get("options") or ())
    from html import unescape  # slow to import, rarely needed
    text = unescape(_TAG.sub(" ", " ".join(parts)))
    return _SPACE.sub(" ", text).strip()


def _statuses(item: Dict[str, Any]) -> List[Dict[str, Any]]:
    """The status of an object (itself, or the status of a notification) and, for a
    boost, the boosted status."""
    status = item.get("status") if "status" in item else item
    if not isinstance(status, dict):
        return []
    reblog = status.get("reblog")
    return [status, reblog] if isinstance(reblog, dict) else [status]


def _server_filtered(status: Dict[str, Any], context: str) -> bool:
    """Whether the server marked ``status`` as filtered in ``context`` (a FilterResult in
    its ``filtered`` list whose filter applies there and warns or hides)."""
    for result in status.get("filtered") or ():
        found = result.get("filter") if isinstance(result, dict) else None
        if isinstance(found, dict) and _is_active(found, context) \
                and found.get("filter_action", "warn") in _DROPPING_ACTIONS:
            return True
    return False


def _filtered_out(item: Any, context: str, matcher: Optional["re.Pattern[str]"], status_ids: Set[str]) -> bool:
    if not isinstance(item, dict):
        return False
    statuses = _statuses(item)
    if any(_server_filtered(status, context) for status in statuses):
        return True
    if status_ids and any(str(status.get("id")) in status_ids for status in statuses):
        return True
    return matcher is not None and matcher.search(_filter_text(item)) is not None


def _like(objects: Sequence[Any], items: List[Any]) -> List[Any]:
    """``items`` as a list like ``objects``, keeping its pagination information."""
    if not isinstance(objects, AttribAccessList):
        return items
    result = AttribAccessList(items)
    for attribute in ("_pagination_next", "_pagination_prev"):
        if hasattr(objects, attribute):
            setattr(result, attribute, getattr(objects, attribute))
    return result


class FiltersMixin(RequestCore):
    """Keyword filters endpoints."""

    @api_version("2.4.3", "2.4.3", "2.4.3")
    def filters(self) -> NonPaginatableList[Filter]:
        """Fetch all keyword filters of the logged-in user (not paginated).

        Returns a list of filter dicts (``id``, ``phrase``, ``context``,
        ``expires_at``, ``irreversible``, ``whole_word``).
        """
        return self._request("GET", "/api/v1/filters")

    @api_version("2.4.3", "2.4.3", "2.4.3")
    def filter(self, id: IdLike) -> Filter:
        """Fetch the keyword filter ``id``.

        Returns a filter dict.
        """
        return self._request("GET", self._path("/api/v1/filters/{}", id))

    @api_version("2.4.3", "2.4.3", "2.4.3")
    def filters_apply(self, objects: Sequence[Any], filters: Iterable[Dict[str, Any]], context: str) -> List[Any]:
        """Apply filters to statuses or notifications, on the client (no request).

        Uses the filters of ``filters`` that apply to ``context`` (one of ``"home"``,
        ``"notifications"``, ``"public"``, ``"thread"``, ``"account"``) and have not
        expired: keyword filters as returned by :meth:`filters`, and server-side filters
        as returned by :meth:`filters_v2` (their keywords and statuses). An object is
        dropped when a filter's phrase or keyword occurs, ignoring case, in its text: the
        content warning, content and poll options with HTML tags removed (for a
        notification, those of its status; for a boost, those of the boosted status).
        Phrases with ``whole_word`` only match at word boundaries.

        The server's own verdicts count too (Mastodon 4.0.0 and newer): an object is also
        dropped when its status carries, in ``filtered``, a FilterResult whose filter
        applies to ``context``, has not expired and has the action ``"warn"`` or
        ``"hide"``, whatever ``filters`` holds. Server-side filters with the action
        ``"blur"`` (which only hides media) drop nothing.

        Returns the objects no filter matched, in their order (all of them when no
        filter applies). Raises :class:`~mastodon.errors.MastodonIllegalArgumentError`
        for an unknown context.
        """
        filter_contexts(context)
        patterns: List[str] = []
        status_ids: Set[str] = set()
        for given in filters:
            if not _is_active(given, context):
                continue
            if "phrase" in given:  # a v1 keyword filter
                patterns.append(_pattern(given))
            elif given.get("filter_action", "warn") in _DROPPING_ACTIONS:  # a v2 filter
                patterns.extend(_pattern({"phrase": keyword.get("keyword"), "whole_word": keyword.get("whole_word")})
                                for keyword in given.get("keywords") or ())
                status_ids.update(str(entry.get("status_id")) for entry in given.get("statuses") or ())
        patterns = [pattern for pattern in patterns if pattern]
        matcher = re.compile("|".join(patterns), flags=re.IGNORECASE) if patterns else None
        return _like(objects, [item for item in objects
                               if not _filtered_out(item, context, matcher, status_ids)])

    @api_version("2.4.3", "2.4.3", "2.4.3")
    def filter_create(self, phrase: str, context: Union[str, Sequence[str]], irreversible: bool = False,
                      whole_word: bool = True, expires_in: Optional[int] = None) -> Filter:
        """Create a keyword filter for ``phrase``.

        ``context`` is where it applies: one or a list of ``"home"``,
        ``"notifications"``, ``"public"``, ``"thread"`` and ``"account"`` (others
        raise :class:`~mastodon.errors.MastodonIllegalArgumentError`).
        ``irreversible=True`` makes the server drop matching statuses instead of
        hiding them on the client (home and notifications only). ``whole_word=False``
        lets the phrase match inside words too. ``expires_in``: delete the filter after
        that many seconds.

        Returns the filter dict of the new filter.
        """
        params = {"phrase": phrase, "context": filter_contexts(context), "irreversible": bool(irreversible),
                  "whole_word": bool(whole_word), "expires_in": expires_in}
        return self._request("POST", "/api/v1/filters", params)

    @api_version("2.4.3", "2.4.3", "2.4.3")
    def filter_update(self, id: IdLike, phrase: Optional[str] = None,
                      context: Optional[Union[str, Sequence[str]]] = None,
                      irreversible: Optional[bool] = None, whole_word: Optional[bool] = None,
                      expires_in: Optional[int] = None) -> Filter:
        """Update the keyword filter ``id``; only the arguments given are changed (see
        :meth:`filter_create` for their meaning).

        Returns the filter dict of the updated filter.
        """
        params = {"phrase": phrase, "context": None if context is None else filter_contexts(context),
                  "irreversible": irreversible, "whole_word": whole_word, "expires_in": expires_in}
        return self._request("PUT", self._path("/api/v1/filters/{}", id), params)

    @api_version("2.4.3", "2.4.3", "2.4.3")
    def filter_delete(self, id: IdLike) -> None:
        """Delete the keyword filter ``id``."""
        self._request("DELETE", self._path("/api/v1/filters/{}", id))
