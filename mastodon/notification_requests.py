"""Filtered notifications: notification requests and the notification policy
(Mastodon 4.3.0 and newer).

The notification policy decides what happens to notifications from some kinds of
accounts (accept, filter or drop); filtered ones are gathered per account into
notification requests that the user can accept or dismiss.
"""
from __future__ import annotations
from typing import Any, Dict, List, Optional, Sequence, Union

from mastodon._core import RequestCore
from mastodon._encoding import IdLike, page_params
from mastodon._validate import check_choice, id_list
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.notifications import answer_field
from mastodon.return_types import NotificationPolicy, NotificationRequest, PaginatableList
from mastodon.utility import api_version

#: Values of the notification policy settings.
POLICY_VALUES = ("accept", "filter", "drop")


def _ids(value: Any) -> List[Any]:
    ids = id_list("ids", value)
    if not ids:
        raise MastodonIllegalArgumentError("ids must be one notification request id or a non-empty list of them")
    return ids


class NotificationRequestsMixin(RequestCore):
    """Notification requests and notification policy endpoints."""

    @api_version("4.3.0", "4.3.0", "4.3.0")
    def notifications_policy(self) -> NotificationPolicy:
        """Fetch the logged-in user's notification policy.

        Returns a NotificationPolicy dict: ``for_not_following``, ``for_not_followers``,
        ``for_new_accounts``, ``for_private_mentions`` and ``for_limited_accounts`` (each
        ``"accept"``, ``"filter"`` or ``"drop"``) and a ``summary`` with
        ``pending_requests_count`` and ``pending_notifications_count``.
        """
        return self._request("GET", "/api/v2/notifications/policy")

    @api_version("4.3.0", "4.3.0", "4.3.0")
    def update_notifications_policy(self, for_not_following: Optional[str] = None,
                                    for_not_followers: Optional[str] = None,
                                    for_new_accounts: Optional[str] = None,
                                    for_private_mentions: Optional[str] = None,
                                    for_limited_accounts: Optional[str] = None) -> NotificationPolicy:
        """Change the logged-in user's notification policy; only the settings given are
        changed. Each is ``"accept"`` (notify), ``"filter"`` (gather into notification
        requests) or ``"drop"`` (ignore), for notifications from accounts the user does
        not follow, that do not follow the user, that are younger than 30 days, that send
        unsolicited private mentions, and that moderators limited.

        Returns the updated NotificationPolicy dict.
        """
        values: Dict[str, Any] = {
            "for_not_following": for_not_following, "for_not_followers": for_not_followers,
            "for_new_accounts": for_new_accounts, "for_private_mentions": for_private_mentions,
            "for_limited_accounts": for_limited_accounts}
        params = {name: check_choice(name, value, POLICY_VALUES) for name, value in values.items()}
        return self._request("PATCH", "/api/v2/notifications/policy", params)

    @api_version("4.3.0", "4.3.0", "4.3.0")
    def notification_requests(self, max_id: Optional[IdLike] = None, since_id: Optional[IdLike] = None,
                              min_id: Optional[IdLike] = None,
                              limit: Optional[int] = None) -> PaginatableList[NotificationRequest]:
        """Fetch the logged-in user's pending notification requests (filtered
        notifications, one request per account), newest first.

        ``max_id``, ``since_id``, ``min_id`` (ids, dicts or datetimes) and ``limit``
        (default 40, at most 80) paginate (see :meth:`fetch_next`).

        Returns a list of NotificationRequest dicts (``id``, ``account``,
        ``notifications_count``, ``last_status``, ``created_at``, ``updated_at``).
        """
        return self._request("GET", "/api/v1/notifications/requests", page_params(max_id, min_id, since_id, limit))

    @api_version("4.3.0", "4.3.0", "4.3.0")
    def notification_request(self, id: IdLike) -> NotificationRequest:
        """Fetch the notification request ``id`` (an id or a request dict).

        Returns a NotificationRequest dict.
        """
        return self._request("GET", self._path("/api/v1/notifications/requests/{}", id))

    @api_version("4.3.0", "4.3.0", "4.3.0")
    def accept_notification_request(self, id: IdLike) -> None:
        """Accept the notification request ``id``: its notifications move to the
        notifications list and the account's future notifications are not filtered.

        Returns None.
        """
        self._request("POST", self._path("/api/v1/notifications/requests/{}/accept", id))

    @api_version("4.3.0", "4.3.0", "4.3.0")
    def dismiss_notification_request(self, id: IdLike) -> None:
        """Dismiss the notification request ``id``: its notifications are deleted and the
        account's future notifications stay filtered.

        Returns None.
        """
        self._request("POST", self._path("/api/v1/notifications/requests/{}/dismiss", id))

    @api_version("4.3.0", "4.3.0", "4.3.0")
    def accept_multiple_notification_requests(self, ids: Union[IdLike, Sequence[IdLike]]) -> None:
        """Accept several notification requests at once (see
        :meth:`accept_notification_request`); ``ids`` is one id or dict, or a list.

        Returns None.
        """
        self._request("POST", "/api/v1/notifications/requests/accept", {"id": _ids(ids)})

    @api_version("4.3.0", "4.3.0", "4.3.0")
    def dismiss_multiple_notification_requests(self, ids: Union[IdLike, Sequence[IdLike]]) -> None:
        """Dismiss several notification requests at once (see
        :meth:`dismiss_notification_request`); ``ids`` is one id or dict, or a list.

        Returns None.
        """
        self._request("POST", "/api/v1/notifications/requests/dismiss", {"id": _ids(ids)})

    @api_version("4.3.0", "4.3.0", "4.3.0")
    def notifications_merged(self) -> bool:
        """Whether the notifications of all accepted notification requests have been
        merged into the notifications list (accepting is done in the background: poll
        this before reloading the list).

        Returns True or False.
        """
        return bool(answer_field(self._request("GET", "/api/v1/notifications/requests/merged"), "merged"))
