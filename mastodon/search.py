"""Search (manual section 3.8.4)."""
from __future__ import annotations
from typing import Any, Optional

from mastodon._core import RequestCore
from mastodon._validate import check_choice
from mastodon.utility import api_version
from mastodon.return_types import Search, SearchV2

_RESULT_TYPES = ("accounts", "hashtags", "statuses")
#: Parameters of the v2 search that need Mastodon 2.8.0.
_ADVANCED = {"result_type": "2.8.0", "account_id": "2.8.0", "offset": "2.8.0", "min_id": "2.8.0", "max_id": "2.8.0"}


class SearchMixin(RequestCore):
    """Search endpoints."""

    @api_version("1.1.0", "2.8.0", "3.3.0", params=_ADVANCED)
    def search(self, q: str, resolve: bool = True, result_type: Optional[str] = None,
               account_id: Any = None, offset: Optional[int] = None, min_id: Any = None,
               max_id: Any = None, exclude_unreviewed: bool = True,
               limit: Optional[int] = None) -> SearchV2:
        """Fetch matching hashtags, accounts and statuses.

        Performs webfinger lookups of remote accounts if ``resolve`` is True. Full-text
        search is only enabled if the instance supports it, and is restricted to statuses
        the logged-in user wrote or was mentioned in.

        ``result_type`` can be one of ``"accounts"``, ``"hashtags"`` or ``"statuses"``,
        to only search for that type of object. Specify ``account_id`` to only get results
        from the account with that id. ``offset``, ``min_id`` and ``max_id`` can be used to
        paginate. ``exclude_unreviewed`` (on by default) restricts hashtag results to those
        reviewed by moderators. ``limit``: how many results of each type to return
        (server default 20, at most 40).

        Uses :meth:`search_v2` on Mastodon 2.4.1 and later, :meth:`search_v1` (no hashtag
        dicts in the result, ``exclude_unreviewed`` and ``limit`` ignored) before.
        ``result_type``, ``account_id``, ``offset``, ``min_id`` and ``max_id`` need
        Mastodon 2.8.0: on an older server they raise :class:`MastodonVersionError` (the cached server version is used).

        Returns a search result dict, with tags as hashtag dicts.
        """
        check_choice("result_type", result_type, _RESULT_TYPES)
        if self._server_at_least("2.4.1"):
            return self._search_v2(q, resolve, result_type, account_id, offset, min_id, max_id, exclude_unreviewed,
                                   limit)
        return self._search_v1(q, resolve)

    @api_version("1.1.0", "2.1.0", "2.1.0", unavailable=[("3.0.0", None)])
    def search_v1(self, q: str, resolve: bool = False) -> Search:
        """Fetch matching hashtags, accounts and statuses with the v1 search API, which
        returns hashtags as plain strings. Performs webfinger lookups if ``resolve`` is
        True.

        The v1 search API was removed in Mastodon 3.0.0: on such a server this raises
        :class:`MastodonVersionError` (unless ``version_check_mode`` is ``"none"``). Use
        :meth:`search`.

        Returns a search result dict.
        """
        return self._search_v1(q, resolve)

    @api_version("2.4.1", "2.8.0", "3.3.0", params=_ADVANCED)
    def search_v2(self, q: str, resolve: bool = True, result_type: Optional[str] = None,
                  account_id: Any = None, offset: Optional[int] = None, min_id: Any = None,
                  max_id: Any = None, exclude_unreviewed: bool = True,
                  limit: Optional[int] = None) -> SearchV2:
        """Identical to :meth:`search_v1`, except that it returns tags as hashtag dicts,
        has more parameters, and resolves by default.

        See :meth:`search` for the parameters. ``exclude_unreviewed`` is only sent to
        Mastodon 3.0.0 and later.

        Returns a search result dict.
        """
        check_choice("result_type", result_type, _RESULT_TYPES)
        return self._search_v2(q, resolve, result_type, account_id, offset, min_id, max_id, exclude_unreviewed,
                               limit)

    # -- helpers ------------------------------------------------------------------------------------
    def _search_v1(self, q: str, resolve: bool) -> Any:
        return self._request("GET", "/api/v1/search", {"q": q, "resolve": True if resolve else None})

    def _search_v2(self, q: str, resolve: bool, result_type: Optional[str], account_id: Any,
                   offset: Optional[int], min_id: Any, max_id: Any, exclude_unreviewed: bool,
                   limit: Optional[int] = None) -> Any:
        params = {
            "q": q,
            "resolve": True if resolve else None,
            "type": result_type,
            "account_id": account_id,
            "offset": offset,
            "min_id": min_id,
            "max_id": max_id,
            "exclude_unreviewed": True if exclude_unreviewed and self._server_at_least("3.0.0") else None,
            "limit": limit,
        }
        return self._request("GET", "/api/v2/search", params)
