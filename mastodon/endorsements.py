"""Endorsements (manual section 3.6)."""
from __future__ import annotations
from typing import Any, Optional

from mastodon._core import RequestCore
from mastodon.utility import api_version
from mastodon.return_types import Account, PaginatableList


class EndorsementsMixin(RequestCore):
    """Endorsements endpoints."""

    @api_version("2.5.0", "2.5.0", "3.3.0")
    def endorsements(self, max_id: Optional[Any] = None, min_id: Optional[Any] = None,
                     since_id: Optional[Any] = None, limit: Optional[int] = None) -> PaginatableList[Account]:
        """Fetch the accounts the logged-in user endorses (features on their profile,
        see :meth:`account_pin`).

        The optional ``max_id``, ``min_id``, ``since_id`` and ``limit`` page through
        long lists; :meth:`fetch_next` works on the result.

        Returns a paginated list of account dicts.
        """
        params = {"max_id": max_id, "min_id": min_id, "since_id": since_id, "limit": limit}
        return self._request("GET", "/api/v1/endorsements", params)
