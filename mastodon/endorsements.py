"""Endorsements (manual section 3.6): the accounts a user features on their profile."""
from __future__ import annotations
from typing import Any, Optional

from mastodon._core import RequestCore
from mastodon._encoding import IdLike, page_params
from mastodon.return_types import Account, PaginatableList, Relationship
from mastodon.utility import api_version


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
        params = page_params(max_id, min_id, since_id, limit)
        return self._request("GET", "/api/v1/endorsements", params)

    @api_version("4.4.0", "4.4.0", "4.4.0")
    def account_endorse(self, id: IdLike) -> Relationship:
        """Endorse (feature) the account ``id`` on the logged-in user's profile; the user
        must follow it.

        Returns a relationship dict with the updated relationship (``endorsed`` True).
        """
        return self._request("POST", self._path("/api/v1/accounts/{}/endorse", id))

    @api_version("4.4.0", "4.4.0", "4.4.0")
    def account_unendorse(self, id: IdLike) -> Relationship:
        """Stop endorsing (featuring) the account ``id`` on the logged-in user's profile.

        Returns a relationship dict with the updated relationship (``endorsed`` False).
        """
        return self._request("POST", self._path("/api/v1/accounts/{}/unendorse", id))

    @api_version("4.4.0", "4.4.0", "4.4.0")
    def account_endorsements(self, id: IdLike, max_id: Optional[Any] = None, min_id: Optional[Any] = None,
                             since_id: Optional[Any] = None,
                             limit: Optional[int] = None) -> PaginatableList[Account]:
        """Fetch the accounts that the account ``id`` endorses (features on its profile).

        The optional ``max_id``, ``min_id``, ``since_id`` and ``limit`` page through
        long lists; :meth:`fetch_next` works on the result.

        Returns a paginated list of account dicts.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._request("GET", self._path("/api/v1/accounts/{}/endorsements", id), params)
