"""Notifications (manual section 3.9.1)."""
from __future__ import annotations
from typing import Any, Iterable, List, Optional, Union

from mastodon._core import RequestCore
from mastodon._encoding import page_params
from mastodon.errors import MastodonAPIError, MastodonIllegalArgumentError
from mastodon.return_types import Notification, PaginatableList, UnreadNotificationsCount
from mastodon.utility import api_version

#: Notification types the server knows (the filters ``types`` / ``exclude_types`` accept these).
NOTIFICATION_TYPES = (
    "mention", "status", "reblog", "follow", "follow_request", "favourite", "poll", "update",
    "admin.sign_up", "admin.report", "severed_relationships", "moderation_warning", "annual_report",
    "quote", "quoted_update",
)
#: What ``mentions_only=True`` excludes on servers without the ``types`` filter (before 3.5.0).
_NOT_MENTIONS = ("follow", "favourite", "reblog", "poll", "follow_request")


def answer_field(answer: Any, key: str) -> Any:
    """``answer[key]`` of a dict answer; an answer without it is a :class:`MastodonAPIError`."""
    if not isinstance(answer, dict) or key not in answer:
        raise MastodonAPIError("Unexpected answer from the server: expected a JSON object with %r, got %.200r"
                               % (key, answer))
    return answer[key]


def supported_type_list(value: Any) -> Optional[List[str]]:
    """Validate a ``supported_types`` argument: a type name or a list of them.

    Names are not checked against :data:`NOTIFICATION_TYPES`: they declare what the client
    can show, which may include types newer than this library.
    """
    if value is None:
        return None
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, (list, tuple, set, frozenset)) or not all(
            isinstance(v, str) and v for v in values):
        raise MastodonIllegalArgumentError(
            "supported_types must be a notification type name or a list of them, got %r" % (value,))
    return list(values)


def _other_server_type(value: Any, feature_set: str) -> bool:
    """Whether ``value`` is a notification type of another server: a namespaced name
    (``pleroma:emoji_reaction``), or any name with ``feature_set`` "pleroma" or
    "fedibird" (``move``, ``emoji_reaction``). Mastodon.py 1.8.0 sent every name."""
    if not isinstance(value, str) or not value.strip():
        return False
    prefix, colon, rest = value.partition(":")
    return bool(prefix and colon and rest) or feature_set != "mainline"


def type_list(name: str, value: Any, feature_set: str = "mainline") -> Optional[List[str]]:
    """Validate a ``types`` / ``exclude_types`` argument: a type or a list of types
    (:data:`NOTIFICATION_TYPES`, and those of other servers, see :func:`_other_server_type`)."""
    if value is None:
        return None
    if isinstance(value, str):
        values = [value]
    else:
        try:
            values = list(value)
        except TypeError:
            raise MastodonIllegalArgumentError(
                "%s must be a notification type or a list of them (%s), got %r"
                % (name, ", ".join(NOTIFICATION_TYPES), value)) from None
    unknown = [v for v in values if v not in NOTIFICATION_TYPES and not _other_server_type(v, feature_set)]
    if unknown:
        raise MastodonIllegalArgumentError(
            "Unknown notification type(s) %s in %s: use %s"
            % (", ".join(repr(v) for v in unknown), name, ", ".join(NOTIFICATION_TYPES)))
    return values


class NotificationsMixin(RequestCore):
    """Notifications endpoints."""

    @api_version("1.0.0", "3.5.0", "3.5.0")
    def notifications(self, id: Any = None, account_id: Any = None, max_id: Any = None,
                      min_id: Any = None, since_id: Any = None, limit: Optional[int] = None,
                      exclude_types: Optional[Iterable[str]] = None, types: Optional[Iterable[str]] = None,
                      mentions_only: Optional[bool] = None,
                      supported_types: Optional[Iterable[str]] = None) -> Union[PaginatableList[Notification], Notification]:
        """Fetch notifications (mentions, favourites, reblogs, follows, ...) of the
        logged-in user, newest first, or a single notification.

        With ``id`` (an id or a notification dict), fetch that one notification and return
        it as a notification dict (the other arguments must then be left out).

        Otherwise return a page of notifications: ``account_id`` only gets notifications
        originating from that account; ``max_id``, ``min_id`` and ``since_id`` (ids, dicts
        or datetimes) and ``limit`` paginate (see :meth:`fetch_next`).

        The notification types are:

        - ``follow``: a user followed the logged-in user
        - ``follow_request``: a user requested to follow the logged-in user (locked accounts)
        - ``favourite``: a user favourited a post of the logged-in user
        - ``reblog``: a user reblogged a post of the logged-in user
        - ``mention``: a user mentioned the logged-in user
        - ``poll``: a poll the logged-in user created or voted in has ended
        - ``update``: a status the logged-in user reblogged has been edited
        - ``status``: a user the logged-in user enabled notifications for has posted
          (see ``notify`` of :meth:`account_follow`)
        - ``admin.sign_up``, ``admin.report``: for moderators, a new user signed up or a
          new report was filed
        - ``severed_relationships``, ``moderation_warning``, ``annual_report``,
          ``quote``, ``quoted_update``: newer types of Mastodon 4.3 and later

        ``types`` and ``exclude_types`` (a type or a list of types) include or exclude
        these; giving both yields the intersection. Unknown types raise
        :class:`MastodonIllegalArgumentError`, except the namespaced types of other
        servers (``"pleroma:emoji_reaction"``) and, with ``feature_set`` "pleroma" or
        "fedibird", any type name (``"move"``): they are sent as given. ``mentions_only=True`` is a deprecated way
        to get only mentions (``types=["mention"]`` on Mastodon 3.5.0 and later, everything
        else excluded before); it cannot be combined with ``types`` or ``exclude_types``.

        ``supported_types`` (a type or a list; Mastodon 4.6.0 and newer, older servers
        ignore it) names the notification types the client can show: a notification of
        another type then comes with a ``fallback`` (a NotificationFallback dict with a
        ``title``, ``summary`` and ``details`` to show instead).

        Returns a list of notification dicts, or one notification dict when ``id`` is given.
        """
        exclude_types = type_list("exclude_types", exclude_types, self.feature_set)
        types = type_list("types", types, self.feature_set)
        supported = supported_type_list(supported_types)
        if mentions_only is not None:
            if types is not None or exclude_types is not None:
                raise MastodonIllegalArgumentError("mentions_only cannot be combined with types or exclude_types")
            if mentions_only:
                if self._server_at_least("3.5.0"):
                    types = ["mention"]
                else:
                    exclude_types = list(_NOT_MENTIONS)
        if id is not None:
            given = [name for name, value in (("account_id", account_id), ("max_id", max_id), ("min_id", min_id),
                                              ("since_id", since_id), ("limit", limit), ("types", types),
                                              ("exclude_types", exclude_types)) if value is not None]
            if given:
                raise MastodonIllegalArgumentError(
                    "notifications(id=...) fetches one notification; do not combine it with %s" % ", ".join(given))
            return self._request("GET", self._path("/api/v1/notifications/{}", id), {"supported_types": supported})
        params = page_params(max_id, min_id, since_id, limit, account_id=account_id,
                             exclude_types=exclude_types, types=types, supported_types=supported)
        return self._request("GET", "/api/v1/notifications", params)

    @api_version("1.0.0", "1.0.0", "1.0.0")
    def notifications_clear(self) -> None:
        """Clear out all notifications of the logged-in user.

        Returns None.
        """
        self._request("POST", "/api/v1/notifications/clear")

    @api_version("1.3.0", "2.9.2", "2.9.2")
    def notifications_dismiss(self, id: Any) -> None:
        """Delete the single notification ``id`` (an id or a notification dict).

        Uses ``POST /api/v1/notifications/:id/dismiss`` on Mastodon 2.9.2 and later, the
        older ``POST /api/v1/notifications/dismiss`` before.

        Returns None.
        """
        if self._server_at_least("2.9.2"):
            self._request("POST", self._path("/api/v1/notifications/{}/dismiss", id))
        else:
            id = self._unpack_id(id)
            if id is None:
                raise MastodonIllegalArgumentError("notifications_dismiss needs the id of a notification")
            self._request("POST", "/api/v1/notifications/dismiss", {"id": id})

    @api_version("4.3.0", "4.3.0", "4.3.0")
    def notifications_unread_count(self) -> UnreadNotificationsCount:
        """Fetch how many notifications the logged-in user has not read yet (those
        newer than the ``notifications`` read marker; the server caps the count).

        Returns a dict with the number as ``count`` (an int).
        """
        return self._request("GET", "/api/v1/notifications/unread_count")
