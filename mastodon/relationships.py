"""Mutes, blocks, follow requests and domain blocks (manual section 3.6)."""
from __future__ import annotations
from typing import Any, Optional

from mastodon._core import RequestCore
from mastodon._encoding import IdLike, page_params
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.utility import api_version
from mastodon.return_types import Account, PaginatableList, Relationship



def _domain(domain: Optional[str]) -> str:
    if not isinstance(domain, str) or not domain.strip():
        raise MastodonIllegalArgumentError("A domain (such as 'example.com') is required, got %r" % (domain,))
    return domain


def _page(api: RequestCore, path: str, max_id: Any, min_id: Any, since_id: Any,
          limit: Optional[int]) -> Any:
    return api._request("GET", path, page_params(max_id, min_id, since_id, limit))


class RelationshipsMixin(RequestCore):
    """Mutes, blocks, follow requests and domain blocks endpoints."""

    @api_version("1.1.0", "2.6.0", "3.3.0")
    def mutes(self, max_id: Optional[Any] = None, min_id: Optional[Any] = None, since_id: Optional[Any] = None,
              limit: Optional[int] = None) -> PaginatableList[Account]:
        """Fetch the accounts the logged-in user has muted.

        Returns a paginated list of account dicts.
        """
        return _page(self, "/api/v1/mutes", max_id, min_id, since_id, limit)

    @api_version("1.0.0", "2.6.0", "3.3.0")
    def blocks(self, max_id: Optional[Any] = None, min_id: Optional[Any] = None, since_id: Optional[Any] = None,
               limit: Optional[int] = None) -> PaginatableList[Account]:
        """Fetch the accounts the logged-in user has blocked.

        Returns a paginated list of account dicts.
        """
        return _page(self, "/api/v1/blocks", max_id, min_id, since_id, limit)

    @api_version("1.0.0", "2.6.0", "3.3.0")
    def follow_requests(self, max_id: Optional[Any] = None, min_id: Optional[Any] = None,
                        since_id: Optional[Any] = None, limit: Optional[int] = None) -> PaginatableList[Account]:
        """Fetch the accounts that have asked to follow the logged-in user (for locked
        accounts).

        Returns a paginated list of account dicts.
        """
        return _page(self, "/api/v1/follow_requests", max_id, min_id, since_id, limit)

    @api_version("1.0.0", "3.0.0", "3.3.0")
    def follow_request_authorize(self, id: IdLike) -> Relationship:
        """Accept the follow request of the account ``id``.

        Returns the updated relationship dict for the requesting account.
        """
        return self._request("POST", self._path("/api/v1/follow_requests/{}/authorize", id))

    @api_version("1.0.0", "3.0.0", "3.3.0")
    def follow_request_reject(self, id: IdLike) -> Relationship:
        """Reject the follow request of the account ``id``.

        Returns the updated relationship dict for the requesting account.
        """
        return self._request("POST", self._path("/api/v1/follow_requests/{}/reject", id))

    @api_version("1.4.0", "2.6.0", "1.4.0")
    def domain_blocks(self, max_id: Optional[Any] = None, min_id: Optional[Any] = None,
                      since_id: Optional[Any] = None, limit: Optional[int] = None) -> PaginatableList[str]:
        """Fetch the domains the logged-in user has blocked.

        Returns a paginated list of domain names (strings, without a scheme).
        """
        return _page(self, "/api/v1/domain_blocks", max_id, min_id, since_id, limit)

    @api_version("1.4.0", "1.4.0", "1.4.0")
    def domain_block(self, domain: Optional[str] = None) -> None:
        """Block a whole domain for the logged-in user: hide everything from it, remove
        followers from it and stop following its accounts.

        ``domain`` (such as ``"example.com"``) is required despite its default: without
        one :class:`~mastodon.errors.MastodonIllegalArgumentError` is raised.
        """
        self._request("POST", "/api/v1/domain_blocks", {"domain": _domain(domain)})

    @api_version("1.4.0", "1.4.0", "1.4.0")
    def domain_unblock(self, domain: Optional[str] = None) -> None:
        """Remove the logged-in user's block of ``domain``.

        ``domain`` is required despite its default: without one
        :class:`~mastodon.errors.MastodonIllegalArgumentError` is raised.
        """
        self._request("DELETE", "/api/v1/domain_blocks", {"domain": _domain(domain)})
