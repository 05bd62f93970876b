"""Grouped notifications (``/api/v2/notifications``, Mastodon 4.3.0 and newer).

The server groups similar notifications (several favourites of one status, several new
followers) under a ``group_key``. A page is one GroupedNotificationsResults dict:
``notification_groups`` plus the ``accounts`` and ``statuses`` the groups refer to by id
(and ``partial_accounts`` when ``expand_accounts="partial_avatars"``).
"""
from __future__ import annotations
from typing import Any, Dict, Iterable, Optional, Union

from mastodon._core import RequestCore
from mastodon._encoding import IdLike, page_params
from mastodon._validate import check_choice
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.notifications import answer_field, supported_type_list, type_list
from mastodon.return_types import Account, GroupedNotificationsResults, NonPaginatableList
from mastodon.utility import api_version

#: A notification group key, or a dict with a ``group_key`` (a group or a notification).
GroupKey = Union[str, Dict[str, Any]]
#: Values of ``expand_accounts``.
EXPAND_ACCOUNTS = ("full", "partial_avatars")


def _group_path(template: str, group_key: GroupKey) -> str:
    """``template`` with the group key of ``group_key`` (a key, or a notification group or
    notification dict with a ``group_key``) as one escaped path segment."""
    if isinstance(group_key, dict):
        if "group_key" not in group_key:
            raise MastodonIllegalArgumentError(
                "Expected a group key or a dict with a 'group_key', got a dict with keys %s" % sorted(group_key)[:10])
        group_key = group_key["group_key"]
    if not isinstance(group_key, str) or not group_key:
        raise MastodonIllegalArgumentError("Expected a notification group key (a string), got %r" % (group_key,))
    return RequestCore._path(template, group_key)


class NotificationGroupsMixin(RequestCore):
    """Grouped notifications endpoints."""

    @api_version("4.3.0", "4.3.0", "4.3.0")
    def grouped_notifications(self, max_id: Optional[IdLike] = None, since_id: Optional[IdLike] = None,
                              min_id: Optional[IdLike] = None, limit: Optional[int] = None,
                              types: Optional[Iterable[str]] = None, exclude_types: Optional[Iterable[str]] = None,
                              account_id: Optional[IdLike] = None, expand_accounts: str = "partial_avatars",
                              grouped_types: Optional[Iterable[str]] = None, include_filtered: Optional[bool] = None,
                              supported_types: Optional[Iterable[str]] = None) -> GroupedNotificationsResults:
        """Fetch a page of the logged-in user's notifications, grouped, newest first.

        ``max_id``, ``since_id``, ``min_id`` (ids, dicts or datetimes) and ``limit``
        (default 40, at most 80 groups) paginate; :meth:`fetch_next` and
        :meth:`fetch_previous` work on the returned dict. ``types`` and ``exclude_types``
        (a type or a list, see :meth:`notifications`) include or exclude types;
        ``account_id`` only gets notifications from that account. ``grouped_types``
        (a type or a list) names the types the client can show grouped (the server
        groups ``favourite``, ``follow`` and ``reblog``; others come one per group).
        ``include_filtered=True`` also returns notifications the notification policy
        filtered out. ``supported_types``: see :meth:`notifications`.

        ``expand_accounts`` is ``"partial_avatars"`` (default: only the accounts the groups
        show in full are in ``accounts``, the other sample accounts are in
        ``partial_accounts`` with only their avatar) or ``"full"`` (all in ``accounts``).

        Returns a GroupedNotificationsResults dict: ``notification_groups`` (each with
        ``group_key``, ``notifications_count``, ``type``, ``most_recent_notification_id``,
        ``sample_account_ids``, ``status_id``, ...), ``accounts``, ``statuses`` and
        ``partial_accounts``.
        """
        params = page_params(
            max_id, min_id, since_id, limit, types=type_list("types", types),
            exclude_types=type_list("exclude_types", exclude_types), account_id=account_id,
            expand_accounts=check_choice("expand_accounts", expand_accounts, EXPAND_ACCOUNTS),
            grouped_types=type_list("grouped_types", grouped_types), include_filtered=include_filtered,
            supported_types=supported_type_list(supported_types))
        return self._request("GET", "/api/v2/notifications", params, paginate_dict=True)

    @api_version("4.3.0", "4.3.0", "4.3.0")
    def grouped_notification(self, group_key: GroupKey,
                             supported_types: Optional[Iterable[str]] = None) -> GroupedNotificationsResults:
        """Fetch one notification group by its ``group_key`` (or a group dict).

        ``supported_types``: see :meth:`notifications`.

        Returns a GroupedNotificationsResults dict with that one group in
        ``notification_groups`` and the accounts and statuses it refers to.
        """
        path = _group_path("/api/v2/notifications/{}", group_key)
        return self._request("GET", path, {"supported_types": supported_type_list(supported_types)})

    @api_version("4.3.0", "4.3.0", "4.3.0")
    def dismiss_grouped_notification(self, group_key: GroupKey) -> None:
        """Dismiss every notification of the group ``group_key`` (or a group dict).

        Returns None.
        """
        self._request("POST", _group_path("/api/v2/notifications/{}/dismiss", group_key))

    @api_version("4.3.0", "4.3.0", "4.3.0")
    def grouped_notification_accounts(self, group_key: GroupKey) -> NonPaginatableList[Account]:
        """Fetch all accounts of the notification group ``group_key`` (or a group dict):
        for example everyone who favourited the status.

        Returns a list of account dicts.
        """
        return self._request("GET", _group_path("/api/v2/notifications/{}/accounts", group_key))

    @api_version("4.3.0", "4.3.0", "4.3.0")
    def unread_grouped_notifications_count(self, limit: Optional[int] = None,
                                           types: Optional[Iterable[str]] = None,
                                           exclude_types: Optional[Iterable[str]] = None,
                                           account_id: Optional[IdLike] = None,
                                           grouped_types: Optional[Iterable[str]] = None) -> int:
        """Count the notification groups the logged-in user has not read yet (newer than
        the ``notifications`` read marker).

        ``limit`` caps the count (server default 100, at most 1000); ``types``,
        ``exclude_types``, ``account_id`` and ``grouped_types`` are those of
        :meth:`grouped_notifications`.

        Returns the number as an int.
        """
        params = {"limit": limit, "types": type_list("types", types),
                  "exclude_types": type_list("exclude_types", exclude_types), "account_id": account_id,
                  "grouped_types": type_list("grouped_types", grouped_types)}
        return int(answer_field(self._request("GET", "/api/v2/notifications/unread_count", params), "count"))
