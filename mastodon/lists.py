"""Lists (manual section 3.6)."""
from __future__ import annotations
from typing import Any, Dict, List, Optional, Sequence, Union

from mastodon._core import RequestCore
from mastodon._encoding import IdLike, page_params
from mastodon._validate import check_choice
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.utility import api_version
from mastodon.return_types import Account, NonPaginatableList, PaginatableList, UserList

#: Values of a list's ``replies_policy``: whose replies show up in the list.
REPLIES_POLICIES = ("followed", "list", "none")
#: Parameters of list_create / list_update and the Mastodon version that added them.
_LIST_PARAMS = {"replies_policy": "3.3.0", "exclusive": "4.2.0"}


def _list_params(title: Optional[str], replies_policy: Optional[str], exclusive: Optional[bool]) -> Dict[str, Any]:
    check_choice("replies_policy", replies_policy, REPLIES_POLICIES)
    return {"title": title, "replies_policy": replies_policy, "exclusive": exclusive}


def _account_ids(account_ids: Union[IdLike, Sequence[IdLike]]) -> List[IdLike]:
    ids: List[IdLike] = list(account_ids) if isinstance(account_ids, (list, tuple, set)) else [account_ids]  # type: ignore[list-item]
    if not ids or any(account_id is None for account_id in ids):
        raise MastodonIllegalArgumentError("account_ids must name at least one account, got %r" % (account_ids,))
    return ids


class ListsMixin(RequestCore):
    """Lists endpoints."""

    @api_version("2.1.0", "2.1.0", "2.1.0")
    def lists(self) -> NonPaginatableList[UserList]:
        """Fetch all lists of the logged-in user.

        Returns a list of list dicts.
        """
        return self._request("GET", "/api/v1/lists")

    @api_version("2.1.0", "2.1.0", "2.1.0")
    def list(self, id: IdLike) -> UserList:
        """Fetch the list ``id``.

        Returns a list dict (``id``, ``title``, and on newer servers ``replies_policy``
        and ``exclusive``).
        """
        return self._request("GET", self._path("/api/v1/lists/{}", id))

    @api_version("2.1.0", "2.6.0", "3.3.0")
    def list_accounts(self, id: IdLike, max_id: Optional[Any] = None, min_id: Optional[Any] = None,
                      since_id: Optional[Any] = None, limit: Optional[int] = None) -> PaginatableList[Account]:
        """Fetch the accounts that are members of the list ``id``.

        ``limit=0`` asks for all members at once.

        Returns a paginated list of account dicts.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._request("GET", self._path("/api/v1/lists/{}/accounts", id), params)

    @api_version("2.1.0", "2.1.0", "2.1.0", params=_LIST_PARAMS)
    def list_create(self, title: str, replies_policy: Optional[str] = None,
                    exclusive: Optional[bool] = None) -> UserList:
        """Create a list named ``title``.

        ``replies_policy`` (Mastodon 3.3.0 and newer): which replies appear in the
        list, one of ``"followed"`` (replies to any followed user), ``"list"`` (replies
        to list members, the server's default) or ``"none"``. ``exclusive`` (Mastodon
        4.2.0 and newer): keep the list's posts out of the home timeline.

        Returns the list dict of the new list.
        """
        return self._request("POST", "/api/v1/lists", _list_params(title, replies_policy, exclusive))

    @api_version("2.1.0", "2.1.0", "2.1.0", params=_LIST_PARAMS)
    def list_update(self, id: IdLike, title: str, replies_policy: Optional[str] = None,
                    exclusive: Optional[bool] = None) -> UserList:
        """Rename the list ``id`` to ``title``; ``replies_policy`` and ``exclusive`` are
        changed too when given (see :meth:`list_create`).

        Returns the list dict of the updated list.
        """
        return self._request("PUT", self._path("/api/v1/lists/{}", id), _list_params(title, replies_policy, exclusive))

    @api_version("2.1.0", "2.1.0", "2.1.0")
    def list_delete(self, id: IdLike) -> None:
        """Delete the list ``id``."""
        self._request("DELETE", self._path("/api/v1/lists/{}", id))

    @api_version("2.1.0", "2.1.0", "2.1.0")
    def list_accounts_add(self, id: IdLike, account_ids: Union[IdLike, Sequence[IdLike]]) -> None:
        """Add one or more accounts to the list ``id``.

        ``account_ids`` is an id or account dict, or a list of them. The logged-in
        user must follow the accounts.
        """
        self._request("POST", self._path("/api/v1/lists/{}/accounts", id), {"account_ids": _account_ids(account_ids)})

    @api_version("2.1.0", "2.1.0", "2.1.0")
    def list_accounts_delete(self, id: IdLike, account_ids: Union[IdLike, Sequence[IdLike]]) -> None:
        """Remove one or more accounts from the list ``id``.

        ``account_ids`` is an id or account dict, or a list of them.
        """
        self._request("DELETE", self._path("/api/v1/lists/{}/accounts", id), {"account_ids": _account_ids(account_ids)})
