"""Follow suggestions (manual section 3.6)."""
from __future__ import annotations
from typing import Any, Dict, Union

from mastodon._core import RequestCore
from mastodon.utility import api_version
from mastodon.return_types import Account, NonPaginatableList

#: An id, or a dict (such as an account dict) with an ``id``.
IdLike = Union[int, str, Dict[str, Any]]


class SuggestionsMixin(RequestCore):
    """Follow suggestions endpoints."""

    @api_version("2.4.3", "2.4.3", "3.3.0")
    def suggestions(self) -> NonPaginatableList[Account]:
        """Fetch accounts suggested for the logged-in user to follow (accounts the user
        has interacted with, and accounts the server staff recommend).

        Returns a list of account dicts.
        """
        return self._request("GET", "/api/v1/suggestions")

    @api_version("2.4.3", "2.4.3", "3.3.0")
    def suggestion_delete(self, account_id: IdLike) -> None:
        """Stop suggesting the account ``account_id`` (an id or account dict)."""
        self._request("DELETE", self._path("/api/v1/suggestions/{}", account_id))
