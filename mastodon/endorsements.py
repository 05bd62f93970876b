"""Endorsements (manual section 3.6)."""
from __future__ import annotations
from typing import Any, Optional

from mastodon._core import RequestCore
from mastodon._encoding import page_params
from mastodon.utility import AttribAccessList, api_version


class EndorsementsMixin(RequestCore):
    """Endorsements endpoints."""

    @api_version("2.5.0", "2.5.0", "3.3.0")
    def endorsements(self, max_id: Optional[Any] = None, min_id: Optional[Any] = None,
                     since_id: Optional[Any] = None, limit: Optional[int] = None) -> AttribAccessList:
        """Fetch the accounts the logged-in user endorses (features on their profile,
        see :meth:`account_pin`).

        The optional ``max_id``, ``min_id``, ``since_id`` and ``limit`` page through
        long lists; :meth:`fetch_next` works on the result.

        Returns a paginated list of account dicts.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._request("GET", "/api/v1/endorsements", params)
