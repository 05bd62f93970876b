"""Timelines (manual section 3.7)."""
from __future__ import annotations
from typing import Any, Optional, Tuple

from mastodon._core import RequestCore
from mastodon._encoding import page_params
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.utility import api_version
from mastodon.return_types import PaginatableList, Status


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
