"""Follow suggestions (manual section 3.6)."""
from __future__ import annotations

from mastodon._core import RequestCore
from mastodon._encoding import IdLike
from mastodon.utility import AttribAccessList, api_version



class SuggestionsMixin(RequestCore):
    """Follow suggestions endpoints."""

    @api_version("2.4.3", "2.4.3", "3.3.0")
    def suggestions(self) -> AttribAccessList:
        """Fetch accounts suggested for the logged-in user to follow (accounts the user
        has interacted with, and accounts the server staff recommend).

        Returns a list of account dicts.
        """
        return self._request("GET", "/api/v1/suggestions")

    @api_version("2.4.3", "2.4.3", "3.3.0")
    def suggestion_delete(self, account_id: IdLike) -> None:
        """Stop suggesting the account ``account_id`` (an id or account dict)."""
        self._request("DELETE", self._path("/api/v1/suggestions/{}", account_id))
