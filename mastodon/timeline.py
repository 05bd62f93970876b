"""Timelines (manual section 3.7)."""
from __future__ import annotations
import logging
from typing import Any, Dict, List, Optional, Tuple

from mastodon._core import RequestCore, api_error
from mastodon._encoding import page_params
from mastodon.errors import MastodonError, MastodonIllegalArgumentError
from mastodon.return_types import PaginatableList, Status
from mastodon.utility import api_version

log = logging.getLogger("mastodon")

#: ``configuration.timelines_access`` (Mastodon 4.5+) section of each kind of timeline.
_ACCESS_SECTIONS = {"public": "live_feeds", "local": "live_feeds", "remote": "live_feeds",
                    "tag": "hashtag_feeds", "hashtag": "hashtag_feeds", "link": "trending_link_feeds"}
#: HTTP answers of a timeline that mean "not for you" (401 and 422: login required, 403: forbidden).
_REFUSED = (401, 403, 422)


def _hashtag(hashtag: Any) -> str:
    if not isinstance(hashtag, str) or not hashtag:
        raise MastodonIllegalArgumentError("hashtag must be a non-empty string, got %r" % (hashtag,))
    if hashtag.startswith("#"):
        raise MastodonIllegalArgumentError("hashtag must be given without the leading #: use %r" % hashtag[1:])
    return hashtag


class TimelineMixin(RequestCore):
    """Timelines endpoints."""

    def _timeline_path(self, timeline: Any) -> Tuple[str, bool]:
        """The path of a timeline name, and whether it is the local timeline."""
        if not isinstance(timeline, str) or not timeline:
            raise MastodonIllegalArgumentError(
                "timeline must be 'home', 'local', 'public', 'tag/<hashtag>' or 'list/<id>', got %r" % (timeline,))
        if timeline == "local":
            return "/api/v1/timelines/public", True
        kind, _, rest = timeline.partition("/")
        if kind == "tag" and rest:
            return self._path("/api/v1/timelines/tag/{}", _hashtag(rest)), False
        if kind == "list" and rest:
            return self._path("/api/v1/timelines/list/{}", rest), False
        if rest or kind in ("tag", "list"):
            raise MastodonIllegalArgumentError(
                "timeline must be 'home', 'local', 'public', 'tag/<hashtag>' or 'list/<id>', got %r" % (timeline,))
        # home, public, and the extra timelines of older servers and forks.
        return self._path("/api/v1/timelines/{}", timeline), False

    def _timeline_request(self, path: str, max_id: Any, min_id: Any, since_id: Any, limit: Optional[int],
                          only_media: bool, local: bool, remote: bool) -> Any:
        params = page_params(max_id, min_id, since_id, limit, only_media=True if only_media else None,
                             local=True if local else None, remote=True if remote else None)
        return self._request("GET", path, params)

    @api_version("1.0.0", "3.1.4", "3.3.0")
    def timeline(self, timeline: str = "home", max_id: Any = None, min_id: Any = None, since_id: Any = None,
                 limit: Optional[int] = None, only_media: bool = False, local: bool = False,
                 remote: bool = False) -> PaginatableList[Status]:
        """Fetch statuses of a timeline, newest first.

        ``timeline`` is ``"home"`` (the default), ``"local"`` (the public timeline with
        ``local`` set), ``"public"``, ``"tag/<hashtag>"`` or ``"list/<id>"``; see the
        methods below for what each holds. ``only_media`` keeps statuses with media
        attachments, ``local`` statuses of this server, ``remote`` statuses of other
        servers (these are sent only when True; some combinations make no sense).

        ``max_id``, ``min_id`` and ``since_id`` (ids, status dicts or datetimes) and
        ``limit`` select the page; the result works with :meth:`fetch_next`,
        :meth:`fetch_previous` and :meth:`fetch_remaining`.

        May or may not need authentication, depending on the server's settings and the
        timeline.

        Returns a list of status dicts.
        """
        path, is_local = self._timeline_path(timeline)
        return self._timeline_request(path, max_id, min_id, since_id, limit, only_media, local or is_local, remote)

    @api_version("1.0.0", "3.1.4", "3.3.0")
    def timeline_home(self, max_id: Any = None, min_id: Any = None, since_id: Any = None, limit: Optional[int] = None,
                      only_media: bool = False, local: bool = False, remote: bool = False) -> PaginatableList[Status]:
        """Fetch the home timeline of the logged-in account: statuses of the accounts it
        follows, and its own. Parameters as in :meth:`timeline`.

        Returns a list of status dicts.
        """
        return self._timeline_request("/api/v1/timelines/home", max_id, min_id, since_id, limit,
                                      only_media, local, remote)

    @api_version("1.0.0", "3.1.4", "3.3.0")
    def timeline_local(self, max_id: Any = None, min_id: Any = None, since_id: Any = None,
                       limit: Optional[int] = None, only_media: bool = False) -> PaginatableList[Status]:
        """Fetch the local timeline: public statuses of accounts of this server.
        Parameters as in :meth:`timeline`.

        Returns a list of status dicts.
        """
        return self._timeline_request("/api/v1/timelines/public", max_id, min_id, since_id, limit,
                                      only_media, True, False)

    @api_version("1.0.0", "3.1.4", "3.3.0")
    def timeline_public(self, max_id: Any = None, min_id: Any = None, since_id: Any = None,
                        limit: Optional[int] = None, only_media: bool = False, local: bool = False,
                        remote: bool = False) -> PaginatableList[Status]:
        """Fetch the public (federated) timeline: public statuses this server knows of.
        Parameters as in :meth:`timeline`.

        Returns a list of status dicts.
        """
        return self._timeline_request("/api/v1/timelines/public", max_id, min_id, since_id, limit,
                                      only_media, local, remote)

    @api_version("1.0.0", "3.1.4", "3.3.0")
    def timeline_hashtag(self, hashtag: str, local: bool = False, max_id: Any = None, min_id: Any = None,
                         since_id: Any = None, limit: Optional[int] = None, only_media: bool = False,
                         remote: bool = False) -> PaginatableList[Status]:
        """Fetch public statuses with a hashtag. ``hashtag`` is given without the
        leading ``#`` (with it: :class:`MastodonIllegalArgumentError`). Parameters as in
        :meth:`timeline`.

        Returns a list of status dicts.
        """
        path = self._path("/api/v1/timelines/tag/{}", _hashtag(hashtag))
        return self._timeline_request(path, max_id, min_id, since_id, limit, only_media, local, remote)

    @api_version("2.1.0", "3.1.4", "3.3.0")
    def timeline_list(self, id: Any, max_id: Any = None, min_id: Any = None, since_id: Any = None,
                      limit: Optional[int] = None, only_media: bool = False, local: bool = False,
                      remote: bool = False) -> PaginatableList[Status]:
        """Fetch the statuses of the accounts in one of your lists (``id`` is the list's
        id or list dict). Parameters as in :meth:`timeline`.

        Returns a list of status dicts.
        """
        path = self._path("/api/v1/timelines/list/{}", id)
        return self._timeline_request(path, max_id, min_id, since_id, limit, only_media, local, remote)

    @api_version("4.3.0", "4.3.0", "4.3.0")
    def timeline_link(self, url: str, local: bool = False, max_id: Any = None, min_id: Any = None,
                      since_id: Any = None, limit: Optional[int] = None, only_media: bool = False,
                      remote: bool = False) -> PaginatableList[Status]:
        """Fetch the public statuses that share a trending link (``url``, as in
        :meth:`trending_links`). Other parameters as in :meth:`timeline`.

        Returns a list of status dicts.
        """
        if not isinstance(url, str) or not url:
            raise MastodonIllegalArgumentError("url must be the URL of a trending link, got %r" % (url,))
        params = page_params(max_id, min_id, since_id, limit, url=url, only_media=True if only_media else None,
                             local=True if local else None, remote=True if remote else None)
        return self._request("GET", "/api/v1/timelines/link", params)

    def timeline_is_available(self, timeline: str = "public", local: bool = False, remote: bool = False,
                              with_auth: bool = False, fail_hard: bool = False) -> bool:
        """Tell whether a timeline can be read, without logging in (``with_auth=False``)
        or with the client's access token (``with_auth=True``).

        Mastodon 4.5 lets administrators make the live (public), hashtag and trending
        link timelines available to everyone, to logged-in users only, or to nobody,
        separately for local and remote statuses. ``timeline`` is ``"public"`` (with
        ``local`` / ``remote`` as in :meth:`timeline`), ``"local"``, ``"remote"``,
        ``"tag"`` (or ``"tag/<hashtag>"``, ``"hashtag"``), ``"link"``, ``"home"`` or
        ``"list/<id>"`` (these two always need a login); another name raises
        :class:`MastodonIllegalArgumentError`.

        The answer comes from the server's ``configuration.timelines_access``
        (``GET /api/v2/instance``). Servers that do not publish it (before 4.5) are
        asked for one status of the timeline instead: an answer means available, a
        refusal (401, 403 or 422, as restricted timelines answer anonymous requests)
        means not available. When neither gives an answer (an error, an unreachable
        server), the timeline is taken to be available, or with ``fail_hard=True``
        the error is raised.

        Returns True or False.

        *Added: Mastodon v4.5.0 (timeline access settings); works with any version*
        """
        kind, _, rest = timeline.partition("/") if isinstance(timeline, str) else ("", "", "")
        if kind in ("home", "list") and (kind == "home") == (rest == ""):
            return bool(with_auth)
        if kind not in _ACCESS_SECTIONS or (rest and kind != "tag"):
            raise MastodonIllegalArgumentError(
                "timeline must be 'public', 'local', 'remote', 'tag', 'tag/<hashtag>', 'link', 'home' or "
                "'list/<id>', got %r" % (timeline,))
        local = local or kind == "local"
        remote = remote or kind == "remote"
        levels = self._timeline_access_levels(_ACCESS_SECTIONS[kind], local, remote)
        if levels:
            if "disabled" in levels:
                return False
            return with_auth or all(level == "public" for level in levels)
        return self._probe_timeline(kind, rest, local, remote, with_auth, fail_hard)

    def _timeline_access_levels(self, section: str, local: bool, remote: bool) -> List[str]:
        """The access levels (``public``, ``authenticated``, ``disabled``) that apply, or
        [] when the server does not publish them."""
        try:
            instance = self._request("GET", "/api/v2/instance")
        except MastodonError as err:
            log.info("No v2 instance information (%s); probing the timeline instead", err)
            return []
        access = ((instance or {}).get("configuration") or {}).get("timelines_access") or {}
        feeds: Dict[str, Any] = access.get(section) or {}
        wanted = ["local"] if local and not remote else ["remote"] if remote and not local else ["local", "remote"]
        levels = [feeds.get(which) for which in wanted]
        if not all(level in ("public", "authenticated", "disabled") for level in levels):
            return []
        return levels  # type: ignore[return-value]

    def _probe_timeline(self, kind: str, tag: str, local: bool, remote: bool, with_auth: bool,
                        fail_hard: bool) -> bool:
        """Ask for one status of the timeline and read the answer's status code."""
        params: Dict[str, Any] = {"limit": 1, "local": True if local else None, "remote": True if remote else None}
        if kind in ("tag", "hashtag"):
            path = self._path("/api/v1/timelines/tag/{}", tag or "mastodon")
        elif kind == "link":
            path = "/api/v1/timelines/link"
            params["url"] = self.api_base_url + "/"
        else:
            path = "/api/v1/timelines/public"
        try:
            response = self._request("GET", path, params, access_token=None if with_auth else "",
                                     return_response=True)
        except MastodonError:
            if fail_hard:
                raise
            return True
        code = response.status_code
        if code < 400:
            return True
        if code in _REFUSED:
            return False
        if fail_hard:
            raise api_error(response)
        return True
