"""Favourites and bookmarks (manual section 3.7)."""
from __future__ import annotations
from typing import Any, Optional

from mastodon._core import RequestCore
from mastodon._encoding import page_params
from mastodon.utility import api_version
from mastodon.return_types import PaginatableList, Status


class FavouritesMixin(RequestCore):
    """Favourites and bookmarks endpoints."""

    @api_version("1.0.0", "2.6.0", "3.3.0")
    def favourites(self, max_id: Any = None, min_id: Any = None, since_id: Any = None,
                   limit: Optional[int] = None) -> PaginatableList[Status]:
        """Fetch the statuses the logged-in account has favourited.

        ``max_id``, ``min_id``, ``since_id`` (ids, dicts or datetimes) and ``limit``
        select the page, as in :meth:`timeline`.

        Returns a list of status dicts.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._request("GET", "/api/v1/favourites", params)

    @api_version("3.1.0", "3.1.0", "3.3.0")
    def bookmarks(self, max_id: Any = None, min_id: Any = None, since_id: Any = None,
                  limit: Optional[int] = None) -> PaginatableList[Status]:
        """Fetch the statuses the logged-in account has bookmarked.

        ``max_id``, ``min_id``, ``since_id`` (ids, dicts or datetimes) and ``limit``
        select the page, as in :meth:`timeline`.

        Returns a list of status dicts.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._request("GET", "/api/v1/bookmarks", params)
