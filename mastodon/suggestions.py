"""Follow suggestions (manual section 3.6)."""
from __future__ import annotations
from typing import Optional

from mastodon._core import RequestCore
from mastodon._encoding import IdLike
from mastodon.return_types import Account, NonPaginatableList, Suggestion
from mastodon.utility import api_version


class SuggestionsMixin(RequestCore):
    """Follow suggestions endpoints."""

    @api_version("2.4.3", "2.4.3", "3.3.0")
    def suggestions(self) -> NonPaginatableList[Account]:
        """Fetch accounts suggested for the logged-in user to follow (accounts the user
        has interacted with, and accounts the server staff recommend).

        Uses the v1 endpoint, as Mastodon.py 1.8.0 did; see :meth:`suggestions_v2` for
        the suggestions with their reasons.

        Returns a list of account dicts.
        """
        return self._request("GET", "/api/v1/suggestions")

    @api_version("2.4.3", "2.4.3", "2.4.3")
    def suggestions_v1(self) -> NonPaginatableList[Account]:
        """Fetch accounts suggested for the logged-in user to follow, with the v1
        endpoint (deprecated by Mastodon in favour of :meth:`suggestions_v2`).

        Returns a list of account dicts.
        """
        return self._request("GET", "/api/v1/suggestions")

    @api_version("3.4.0", "3.4.0", "3.4.0")
    def suggestions_v2(self, limit: Optional[int] = None) -> NonPaginatableList[Suggestion]:
        """Fetch accounts suggested for the logged-in user to follow, with the reasons.

        ``limit``: how many suggestions to return (server default 40, at most 80).

        Returns a list of suggestion dicts: ``account`` (an account dict), ``sources``
        (the reasons, such as ``"featured"``, ``"most_followed"``,
        ``"most_interactions"``, ``"similar_to_recently_followed"`` or
        ``"friends_of_friends"``, Mastodon 4.3.0) and the older single ``source``.
        """
        return self._request("GET", "/api/v2/suggestions", {"limit": limit})

    @api_version("2.4.3", "2.4.3", "3.3.0")
    def suggestion_delete(self, account_id: IdLike) -> None:
        """Stop suggesting the account ``account_id`` (an id or account dict)."""
        self._request("DELETE", self._path("/api/v1/suggestions/{}", account_id))
