"""Administration: accounts (manual section 3.13).

Listing accounts with the v1 and v2 APIs, one-call actions on an account and the
moderation action. Every call needs a token with ``admin:read`` / ``admin:write`` scopes
(or their granular variants) of an account with at least moderator rights.
"""
from __future__ import annotations
import logging
from typing import Any, Dict, Optional, Tuple

from mastodon._admin_common import bare_host as _bare_host
from mastodon._core import RequestCore
from mastodon._encoding import page_params
from mastodon._validate import check_choice, id_list
from mastodon.utility import api_version
from mastodon.return_types import AdminAccount, PaginatableList

log = logging.getLogger("mastodon")

#: Allowed values of the account list filters.
ACCOUNT_ORIGINS = ("local", "remote")
ACCOUNT_STATUSES = ("active", "pending", "disabled", "silenced", "suspended")
ACCOUNT_PERMISSIONS = ("staff",)
#: Allowed ``action`` values of :meth:`AdminAccountsMixin.admin_account_moderate` ("none": a warning only).
MODERATION_ACTIONS = ("none", "disable", "silence", "suspend", "sensitive")

#: One-call actions on an account: name -> (verb, path template).
_ACCOUNT_ACTIONS: Dict[str, Tuple[str, str]] = {
    "fetch": ("GET", "/api/v1/admin/accounts/{}"),
    "enable": ("POST", "/api/v1/admin/accounts/{}/enable"),
    "approve": ("POST", "/api/v1/admin/accounts/{}/approve"),
    "reject": ("POST", "/api/v1/admin/accounts/{}/reject"),
    "unsilence": ("POST", "/api/v1/admin/accounts/{}/unsilence"),
    "unsuspend": ("POST", "/api/v1/admin/accounts/{}/unsuspend"),
    "unsensitive": ("POST", "/api/v1/admin/accounts/{}/unsensitive"),
    "delete": ("DELETE", "/api/v1/admin/accounts/{}"),
}


class AdminAccountsMixin(RequestCore):
    """Administration endpoints for accounts."""

    def _admin_account_call(self, action: str, id: Any) -> Any:
        verb, template = _ACCOUNT_ACTIONS[action]
        return self._request(verb, self._path(template, id))

    @api_version("2.9.1", "4.0.0", "4.0.0")
    def admin_accounts_v2(self, origin: Optional[str] = None, by_domain: Optional[str] = None,
                          status: Optional[str] = None, username: Optional[str] = None,
                          display_name: Optional[str] = None, email: Optional[str] = None,
                          ip: Optional[str] = None, permissions: Optional[str] = None,
                          invited_by: Any = None, role_ids: Any = None, max_id: Any = None,
                          min_id: Any = None, since_id: Any = None,
                          limit: Optional[int] = None) -> PaginatableList[AdminAccount]:
        """Fetch a list of accounts that match the given criteria (``GET /api/v2/admin/accounts``,
        Mastodon 3.5.0 and newer). Parameters left at None are not sent.

        * ``origin``: "local" or "remote", only accounts of that origin.
        * ``by_domain``: only accounts from that domain (a URL is reduced to its host).
        * ``status``: one of "active", "pending", "disabled", "silenced" or
          "suspended", only accounts with that moderation status.
        * ``username`` / ``display_name``: only accounts whose username / display name
          contains this string.
        * ``email``: only accounts with that e-mail address (local accounts only).
        * ``ip``: only accounts whose last active IP is this one (v4 or v6 notation,
          local accounts only).
        * ``permissions``: "staff" for accounts with staff permissions only.
        * ``invited_by``: an account id (or dict), only accounts invited by it.
        * ``role_ids``: a role id or a list of them, only accounts with those roles.

        Invalid ``origin``, ``status`` or ``permissions`` values raise
        :class:`MastodonIllegalArgumentError` before any request.
        ``max_id`` / ``min_id`` / ``since_id`` paginate (ids, dicts or datetimes).

        Returns a list of admin account dicts.
        """
        check_choice("origin", origin, ACCOUNT_ORIGINS)
        check_choice("status", status, ACCOUNT_STATUSES)
        check_choice("permissions", permissions, ACCOUNT_PERMISSIONS)
        params = page_params(
            max_id, min_id, since_id, limit,
            origin=origin, by_domain=_bare_host(by_domain), status=status,
            username=username, display_name=display_name, email=email, ip=ip,
            permissions=permissions, invited_by=invited_by, role_ids=id_list("role_ids", role_ids))
        return self._request("GET", "/api/v2/admin/accounts", params)

    @api_version("2.9.1", "2.9.1", "4.0.0")
    def admin_accounts(self, remote: bool = False, by_domain: Optional[str] = None, status: str = "active",
                       username: Optional[str] = None, display_name: Optional[str] = None,
                       email: Optional[str] = None, ip: Optional[str] = None, staff_only: bool = False,
                       max_id: Any = None, min_id: Any = None, since_id: Any = None,
                       limit: Optional[int] = None) -> PaginatableList[AdminAccount]:
        """Fetch a list of accounts that match the given criteria, with the parameters of
        :meth:`admin_accounts_v1`.

        On servers that have it (Mastodon 3.5.0 and newer) this calls the v2 API
        (``GET /api/v2/admin/accounts``), translating the parameters: ``remote`` becomes
        ``origin`` "remote" (else "local", the v1 default), ``staff_only`` becomes
        ``permissions`` "staff", ``status`` is sent as is. Older servers get the v1 call.
        For the full set of v2 filters use :meth:`admin_accounts_v2`.

        ``status`` must be one of "active", "pending", "disabled", "silenced" or
        "suspended" (or None for no status filter), else
        :class:`MastodonIllegalArgumentError` is raised before any request.

        Returns a list of admin account dicts.
        """
        if not self._server_at_least("3.5.0"):
            log.debug("admin_accounts: server older than 3.5.0, using the v1 API")
            return self.admin_accounts_v1(remote, by_domain, status, username, display_name, email, ip,
                                          staff_only, max_id, min_id, since_id, limit)
        check_choice("status", status, ACCOUNT_STATUSES)
        return self.admin_accounts_v2(
            origin="remote" if remote else "local", by_domain=by_domain, status=status, username=username,
            display_name=display_name, email=email, ip=ip, permissions="staff" if staff_only else None,
            max_id=max_id, min_id=min_id, since_id=since_id, limit=limit)

    @api_version("2.9.1", "2.9.1", "4.0.0")
    def admin_accounts_v1(self, remote: bool = False, by_domain: Optional[str] = None, status: str = "active",
                          username: Optional[str] = None, display_name: Optional[str] = None,
                          email: Optional[str] = None, ip: Optional[str] = None, staff_only: bool = False,
                          max_id: Any = None, min_id: Any = None, since_id: Any = None,
                          limit: Optional[int] = None) -> PaginatableList[AdminAccount]:
        """Fetch a list of accounts that match the given criteria with the v1 API
        (``GET /api/v1/admin/accounts``, deprecated since Mastodon 3.5.0). By default,
        local accounts are returned.

        * ``remote``: True for remote accounts only (sent as ``remote=1``); otherwise
          local accounts are returned.
        * ``by_domain``: only accounts from that domain (a URL is reduced to its host).
        * ``status``: one of "active" (default), "pending", "disabled", "silenced" or
          "suspended", only accounts with that moderation status (sent as the flag of
          that name, e.g. ``pending=1``); None sends no status flag.
        * ``username`` / ``display_name``: only accounts whose username / display name
          contains this string.
        * ``email``: only accounts with that e-mail address (local accounts only).
        * ``ip``: only accounts whose last active IP is this one (local accounts only).
        * ``staff_only``: True for staff accounts only (sent as ``staff=1``).

        Setting a boolean parameter to False does not ask for accounts to which it does
        not apply; it means "do not filter on this" and sends nothing. An invalid
        ``status`` raises :class:`MastodonIllegalArgumentError` (a ``ValueError``) before
        any request.

        Returns a list of admin account dicts.
        """
        check_choice("status", status, ACCOUNT_STATUSES)
        params = page_params(
            max_id, min_id, since_id, limit,
            remote=True if remote else None, by_domain=_bare_host(by_domain),
            username=username, display_name=display_name, email=email, ip=ip,
            staff=True if staff_only else None)
        if status is not None:
            params[status] = True
        return self._request("GET", "/api/v1/admin/accounts", params)

    @api_version("2.9.1", "2.9.1", "4.0.0")
    def admin_account(self, id: Any) -> AdminAccount:
        """Fetch the admin account dict of the account with the given id (or dict).

        Returns that admin account dict.
        """
        return self._admin_account_call("fetch", id)

    @api_version("2.9.1", "2.9.1", "4.0.0")
    def admin_account_enable(self, id: Any) -> AdminAccount:
        """Re-enable login for a local account whose login has been disabled.

        Returns the updated admin account dict.
        """
        return self._admin_account_call("enable", id)

    @api_version("2.9.1", "2.9.1", "4.0.0")
    def admin_account_approve(self, id: Any) -> AdminAccount:
        """Approve a pending account.

        Returns the updated admin account dict.
        """
        return self._admin_account_call("approve", id)

    @api_version("2.9.1", "2.9.1", "4.0.0")
    def admin_account_reject(self, id: Any) -> AdminAccount:
        """Reject and delete a pending account.

        Returns the admin account dict of the account that is now gone.
        """
        return self._admin_account_call("reject", id)

    @api_version("2.9.1", "2.9.1", "4.0.0")
    def admin_account_unsilence(self, id: Any) -> AdminAccount:
        """Lift the silencing of an account.

        Returns the updated admin account dict.
        """
        return self._admin_account_call("unsilence", id)

    @api_version("2.9.1", "2.9.1", "4.0.0")
    def admin_account_unsuspend(self, id: Any) -> AdminAccount:
        """Lift the suspension of an account.

        Returns the updated admin account dict.
        """
        return self._admin_account_call("unsuspend", id)

    @api_version("3.3.0", "3.3.0", "4.0.0")
    def admin_account_delete(self, id: Any) -> AdminAccount:
        """Delete the data of a suspended account, permanently.

        Returns the admin account dict of the deleted account.
        """
        return self._admin_account_call("delete", id)

    @api_version("3.3.0", "3.3.0", "4.0.0")
    def admin_account_unsensitive(self, id: Any) -> AdminAccount:
        """Stop forcing the media of an account to be marked sensitive.

        Returns the updated admin account dict.
        """
        return self._admin_account_call("unsensitive", id)

    @api_version("2.9.1", "2.9.1", "2.9.1")
    def admin_account_moderate(self, id: Any, action: Optional[str] = None, report_id: Any = None,
                               warning_preset_id: Any = None, text: Optional[str] = None,
                               send_email_notification: bool = True) -> None:
        """Perform a moderation action on an account.

        Valid actions are:

        * "disable": for a local user, disable login.
        * "silence": hide the user's posts from all public timelines.
        * "suspend": irreversibly delete all the user's posts, past and future.
        * "sensitive": force the account's media to always be marked sensitive.
        * None or "none": only issue a warning to the user.

        The action is sent as the form field ``type``; any other value raises
        :class:`MastodonIllegalArgumentError` before any request. Give a report id (or
        dict) as ``report_id`` to close that report with this action as its resolution.
        ``warning_preset_id`` uses a warning preset as the text of the notification to
        the user, ``text`` gives the text directly; with both, they are concatenated
        (preset first). Set ``send_email_notification`` to False to not send the user
        an e-mail about the action (sent as ``0``; Mastodon.py 1.8.0 left it out, so
        the e-mail was sent anyway); None leaves the choice to the server (which sends
        it).

        Returns None.
        """
        if action is None:
            action = "none"
        check_choice("action", action, MODERATION_ACTIONS, required=True)
        params = {
            "type": action,
            "report_id": report_id,
            "warning_preset_id": warning_preset_id,
            "text": text,
            "send_email_notification": None if send_email_notification is None else bool(send_email_notification),
        }
        self._request("POST", self._path("/api/v1/admin/accounts/{}/action", id), params)
