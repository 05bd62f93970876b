"""Server-side filters (``/api/v2/filters``, Mastodon 4.0.0 and newer).

A filter has a title, the contexts it applies in, an action and a list of keywords
(FilterKeyword) and statuses (FilterStatus). The server applies the filters itself: a
status that matches carries FilterResult dicts in its ``filtered`` list, which
:meth:`~mastodon.Mastodon.filters_apply` understands.
"""
from __future__ import annotations
from typing import Any, Dict, List, Optional, Sequence, Union

from mastodon._core import RequestCore
from mastodon._encoding import IdLike
from mastodon._validate import check_choice
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.filters import filter_contexts
from mastodon.return_types import FilterKeyword, FilterStatus, FilterV2, NonPaginatableList
from mastodon.utility import api_version

#: What a server-side filter does with a matching status ("blur": Mastodon 4.4.0 and newer).
FILTER_ACTIONS = ("warn", "hide", "blur")
_KEYWORD_KEYS = ("keyword", "whole_word", "id", "_destroy")


def _keywords_attributes(value: Any) -> Optional[List[Dict[str, Any]]]:
    """Validate ``keywords_attributes``: a list of keyword strings or dicts with
    ``keyword``, ``whole_word``, ``id`` and ``_destroy``; returns the JSON list."""
    if value is None:
        return None
    if isinstance(value, (str, dict)) or not isinstance(value, (list, tuple)):
        raise MastodonIllegalArgumentError(
            "keywords_attributes must be a list of keywords or of dicts with 'keyword' and 'whole_word', got %r"
            % (value,))
    result = []
    for item in value:
        if isinstance(item, str) and item:
            item = {"keyword": item}
        if not isinstance(item, dict) or not item:
            raise MastodonIllegalArgumentError(
                "Each keywords_attributes entry must be a keyword or a dict with 'keyword' (and 'whole_word'), got %r"
                % (item,))
        unknown = sorted(set(item) - set(_KEYWORD_KEYS))
        if unknown:
            raise MastodonIllegalArgumentError(
                "Unknown keys %s in a keywords_attributes entry: use %s" % (unknown, ", ".join(_KEYWORD_KEYS)))
        if "keyword" not in item and "id" not in item:
            raise MastodonIllegalArgumentError(
                "A keywords_attributes entry needs a 'keyword' (a new keyword) or an 'id' (an existing one): %r"
                % (item,))
        entry = dict(item)
        if "id" in entry:
            entry["id"] = RequestCore._unpack_id(entry["id"])
        result.append(entry)
    return result


def _filter_params(title: Optional[str], context: Any, filter_action: Optional[str], expires_in: Optional[int],
                   keywords_attributes: Any) -> Dict[str, Any]:
    return {"title": title, "context": None if context is None else filter_contexts(context),
            "filter_action": check_choice("filter_action", filter_action, FILTER_ACTIONS),
            "expires_in": expires_in, "keywords_attributes": _keywords_attributes(keywords_attributes)}


class FiltersV2Mixin(RequestCore):
    """Server-side (v2) filters endpoints."""

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def filters_v2(self) -> NonPaginatableList[FilterV2]:
        """Fetch all server-side filters of the logged-in user (not paginated).

        Returns a list of filter dicts (``id``, ``title``, ``context``, ``expires_at``,
        ``filter_action``, ``keywords``, ``statuses``).
        """
        return self._request("GET", "/api/v2/filters")

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def filter_v2(self, filter_id: IdLike) -> FilterV2:
        """Fetch the server-side filter ``filter_id`` (an id or a filter dict).

        Returns a filter dict.
        """
        return self._request("GET", self._path("/api/v2/filters/{}", filter_id))

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def create_filter_v2(self, title: str, context: Union[str, Sequence[str]], filter_action: str,
                         expires_in: Optional[int] = None,
                         keywords_attributes: Optional[Sequence[Union[str, Dict[str, Any]]]] = None) -> FilterV2:
        """Create a server-side filter called ``title``.

        ``context`` is where it applies: one or a list of ``"home"``, ``"notifications"``,
        ``"public"``, ``"thread"`` and ``"account"``. ``filter_action`` is what happens to
        matching statuses: ``"warn"`` (shown behind a warning naming the filter),
        ``"hide"`` (not shown) or ``"blur"`` (media hidden; Mastodon 4.4.0 and newer).
        ``expires_in``: delete the filter after that many seconds. ``keywords_attributes``
        is a list of keywords to add, each a string or a dict ``{"keyword": ...,
        "whole_word": True}``.

        Returns the filter dict of the new filter.
        """
        if not isinstance(title, str) or not title:
            raise MastodonIllegalArgumentError("title must be a non-empty string, got %r" % (title,))
        check_choice("filter_action", filter_action, FILTER_ACTIONS, required=True)
        params = _filter_params(title, context, filter_action, expires_in, keywords_attributes)
        return self._request("POST", "/api/v2/filters", params, use_json=True)

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def update_filter_v2(self, filter_id: IdLike, title: Optional[str] = None,
                         context: Optional[Union[str, Sequence[str]]] = None, filter_action: Optional[str] = None,
                         expires_in: Optional[int] = None,
                         keywords_attributes: Optional[Sequence[Union[str, Dict[str, Any]]]] = None) -> FilterV2:
        """Update the server-side filter ``filter_id``; only the arguments given are
        changed (see :meth:`create_filter_v2`).

        In ``keywords_attributes``, a dict with an ``id`` changes that keyword (``keyword``,
        ``whole_word``), and ``{"id": ..., "_destroy": True}`` deletes it; entries without
        an ``id`` add keywords.

        Returns the filter dict of the updated filter.
        """
        params = _filter_params(title, context, filter_action, expires_in, keywords_attributes)
        return self._request("PUT", self._path("/api/v2/filters/{}", filter_id), params, use_json=True)

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def delete_filter_v2(self, filter_id: IdLike) -> None:
        """Delete the server-side filter ``filter_id`` with its keywords and statuses.

        Returns None.
        """
        self._request("DELETE", self._path("/api/v2/filters/{}", filter_id))

    # -- keywords ------------------------------------------------------------------------
    @api_version("4.0.0", "4.0.0", "4.0.0")
    def filter_keywords_v2(self, filter_id: IdLike) -> NonPaginatableList[FilterKeyword]:
        """Fetch the keywords of the server-side filter ``filter_id``.

        Returns a list of FilterKeyword dicts (``id``, ``keyword``, ``whole_word``).
        """
        return self._request("GET", self._path("/api/v2/filters/{}/keywords", filter_id))

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def add_filter_keyword_v2(self, filter_id: IdLike, keyword: str, whole_word: bool = False) -> FilterKeyword:
        """Add ``keyword`` to the server-side filter ``filter_id``; with
        ``whole_word=True`` it only matches whole words.

        Returns the new FilterKeyword dict.
        """
        if not isinstance(keyword, str) or not keyword:
            raise MastodonIllegalArgumentError("keyword must be a non-empty string, got %r" % (keyword,))
        return self._request("POST", self._path("/api/v2/filters/{}/keywords", filter_id),
                             {"keyword": keyword, "whole_word": bool(whole_word)})

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def filter_keyword_v2(self, keyword_id: IdLike) -> FilterKeyword:
        """Fetch the filter keyword ``keyword_id`` (an id or a FilterKeyword dict).

        Returns a FilterKeyword dict.
        """
        return self._request("GET", self._path("/api/v2/filters/keywords/{}", keyword_id))

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def update_filter_keyword_v2(self, keyword_id: IdLike, keyword: Optional[str] = None,
                                 whole_word: Optional[bool] = None) -> FilterKeyword:
        """Change the filter keyword ``keyword_id``: its text (``keyword``) and whether it
        only matches whole words (``whole_word``); only the arguments given are sent.

        Returns the updated FilterKeyword dict.
        """
        if keyword is not None and (not isinstance(keyword, str) or not keyword):
            raise MastodonIllegalArgumentError("keyword must be a non-empty string, got %r" % (keyword,))
        return self._request("PUT", self._path("/api/v2/filters/keywords/{}", keyword_id),
                             {"keyword": keyword, "whole_word": whole_word})

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def delete_filter_keyword_v2(self, keyword_id: IdLike) -> None:
        """Delete the filter keyword ``keyword_id``.

        Returns None.
        """
        self._request("DELETE", self._path("/api/v2/filters/keywords/{}", keyword_id))

    # -- statuses ------------------------------------------------------------------------
    @api_version("4.0.0", "4.0.0", "4.0.0")
    def filter_statuses_v2(self, filter_id: IdLike) -> NonPaginatableList[FilterStatus]:
        """Fetch the statuses the server-side filter ``filter_id`` filters individually.

        Returns a list of FilterStatus dicts (``id``, ``status_id``).
        """
        return self._request("GET", self._path("/api/v2/filters/{}/statuses", filter_id))

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def add_filter_status_v2(self, filter_id: IdLike, status_id: IdLike) -> FilterStatus:
        """Make the server-side filter ``filter_id`` filter the status ``status_id`` (an
        id or a status dict).

        Returns the new FilterStatus dict.
        """
        if status_id is None:
            raise MastodonIllegalArgumentError("status_id must be the id of a status (or a status dict)")
        return self._request("POST", self._path("/api/v2/filters/{}/statuses", filter_id),
                             {"status_id": self._unpack_id(status_id)})

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def filter_status_v2(self, filter_status_id: IdLike) -> FilterStatus:
        """Fetch the FilterStatus ``filter_status_id`` (the id of the FilterStatus, not of
        the status).

        Returns a FilterStatus dict.
        """
        return self._request("GET", self._path("/api/v2/filters/statuses/{}", filter_status_id))

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def delete_filter_status_v2(self, filter_status_id: IdLike) -> None:
        """Stop filtering a status: delete the FilterStatus ``filter_status_id``.

        Returns None.
        """
        self._request("DELETE", self._path("/api/v2/filters/statuses/{}", filter_status_id))
