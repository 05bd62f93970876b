"""Administration and moderation (manual section 3.13).

Every call here needs an access token with ``admin:read`` / ``admin:write`` scopes (or
their granular variants) of an account with at least moderator rights. The one-call
actions on accounts and reports are described by the tables below; each public method
keeps its own 1.8.0 signature, documentation and version declaration.
"""
from __future__ import annotations
import datetime
import logging
from typing import Any, Dict, List, Optional, Tuple, Union
from urllib.parse import urlsplit

from mastodon._core import RequestCore
from mastodon._validate import check_choice, id_list
from mastodon._encoding import page_params
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.utility import AttribAccessDict, AttribAccessList, api_version

log = logging.getLogger("mastodon")

#: Allowed values of the account list filters.
ACCOUNT_ORIGINS = ("local", "remote")
ACCOUNT_STATUSES = ("active", "pending", "disabled", "silenced", "suspended")
ACCOUNT_PERMISSIONS = ("staff",)
#: Allowed ``action`` values of :meth:`AdminMixin.admin_account_moderate` ("none": a warning only).
MODERATION_ACTIONS = ("none", "disable", "silence", "suspend", "sensitive")
#: Allowed domain block severities ("limit", the name the 1.8.0 manual uses, means "noop").
DOMAIN_BLOCK_SEVERITIES = ("silence", "suspend", "noop")
_SEVERITY_ALIASES = {"limit": "noop"}
#: Allowed ``frequency`` values of :meth:`AdminMixin.admin_retention`.
RETENTION_FREQUENCIES = ("day", "month")

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

#: One-call actions on a report: name -> (verb, path template).
_REPORT_ACTIONS: Dict[str, Tuple[str, str]] = {
    "fetch": ("GET", "/api/v1/admin/reports/{}"),
    "assign": ("POST", "/api/v1/admin/reports/{}/assign_to_self"),
    "unassign": ("POST", "/api/v1/admin/reports/{}/unassign"),
    "reopen": ("POST", "/api/v1/admin/reports/{}/reopen"),
    "resolve": ("POST", "/api/v1/admin/reports/{}/resolve"),
}


def _bare_host(domain: Any) -> Any:
    """``https://example.org/about`` -> ``example.org``; other values unchanged."""
    if not isinstance(domain, str):
        return domain
    text = domain.strip()
    if "://" in text:
        text = urlsplit(text).netloc
    text = text.split("/", 1)[0]
    return text.rsplit("@", 1)[-1]


def _time_value(name: str, value: Any) -> Any:
    """A start/end time for the statistics endpoints: a datetime (sent in UTC), a date
    (sent as ``YYYY-MM-DD``) or a string (sent as given)."""
    if isinstance(value, (datetime.datetime, str)):
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise MastodonIllegalArgumentError(
        "%s must be a datetime, a date or an ISO 8601 string, got %r" % (name, value))


class AdminMixin(RequestCore):
    """Administration and moderation endpoints."""

    # -- helpers -------------------------------------------------------------------------------
    def _admin_account_call(self, action: str, id: Any) -> AttribAccessDict:
        verb, template = _ACCOUNT_ACTIONS[action]
        return self._request(verb, self._path(template, id))

    def _admin_report_call(self, action: str, id: Any) -> AttribAccessDict:
        verb, template = _REPORT_ACTIONS[action]
        return self._request(verb, self._path(template, id))

    def _admin_statistics(self, path: str, start_at: Any, end_at: Any, wanted: Dict[str, Any],
                          limit: Optional[int] = None) -> AttribAccessList:
        """POST a measures / dimensions query as JSON.

        ``wanted`` maps every selectable key, in signature order, to its argument:
        ``tag_*`` keys take a tag id (sent as ``{"id": ...}``), ``instance_*`` keys a
        domain (sent as ``{"domain": host}``), the others are booleans.
        """
        keys: List[str] = []
        body: Dict[str, Any] = {}
        for key, value in wanted.items():
            if value is None or value is False:
                continue
            keys.append(key)
            if key.startswith("tag_"):
                body[key] = {"id": self._unpack_id(value)}
            elif key.startswith("instance_"):
                body[key] = {"domain": _bare_host(value)}
        if not keys:
            raise MastodonIllegalArgumentError(
                "Nothing to retrieve: set at least one of %s" % ", ".join(wanted))
        params = {"keys": keys, "start_at": _time_value("start_at", start_at),
                  "end_at": _time_value("end_at", end_at), "limit": limit}
        params.update(body)
        return self._request("POST", path, params, use_json=True)

    # -- accounts --------------------------------------------------------------------------------
    @api_version("2.9.1", "4.0.0", "4.0.0")
    def admin_accounts_v2(self, origin: Optional[str] = None, by_domain: Optional[str] = None,
                          status: Optional[str] = None, username: Optional[str] = None,
                          display_name: Optional[str] = None, email: Optional[str] = None,
                          ip: Optional[str] = None, permissions: Optional[str] = None,
                          invited_by: Any = None, role_ids: Any = None, max_id: Any = None,
                          min_id: Any = None, since_id: Any = None,
                          limit: Optional[int] = None) -> AttribAccessList:
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
                       limit: Optional[int] = None) -> AttribAccessList:
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
                          limit: Optional[int] = None) -> AttribAccessList:
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
    def admin_account(self, id: Any) -> AttribAccessDict:
        """Fetch the admin account dict of the account with the given id (or dict).

        Returns that admin account dict.
        """
        return self._admin_account_call("fetch", id)

    @api_version("2.9.1", "2.9.1", "4.0.0")
    def admin_account_enable(self, id: Any) -> AttribAccessDict:
        """Re-enable login for a local account whose login has been disabled.

        Returns the updated admin account dict.
        """
        return self._admin_account_call("enable", id)

    @api_version("2.9.1", "2.9.1", "4.0.0")
    def admin_account_approve(self, id: Any) -> AttribAccessDict:
        """Approve a pending account.

        Returns the updated admin account dict.
        """
        return self._admin_account_call("approve", id)

    @api_version("2.9.1", "2.9.1", "4.0.0")
    def admin_account_reject(self, id: Any) -> AttribAccessDict:
        """Reject and delete a pending account.

        Returns the admin account dict of the account that is now gone.
        """
        return self._admin_account_call("reject", id)

    @api_version("2.9.1", "2.9.1", "4.0.0")
    def admin_account_unsilence(self, id: Any) -> AttribAccessDict:
        """Lift the silencing of an account.

        Returns the updated admin account dict.
        """
        return self._admin_account_call("unsilence", id)

    @api_version("2.9.1", "2.9.1", "4.0.0")
    def admin_account_unsuspend(self, id: Any) -> AttribAccessDict:
        """Lift the suspension of an account.

        Returns the updated admin account dict.
        """
        return self._admin_account_call("unsuspend", id)

    @api_version("3.3.0", "3.3.0", "4.0.0")
    def admin_account_delete(self, id: Any) -> AttribAccessDict:
        """Delete the data of a suspended account, permanently.

        Returns the admin account dict of the deleted account.
        """
        return self._admin_account_call("delete", id)

    @api_version("3.3.0", "3.3.0", "4.0.0")
    def admin_account_unsensitive(self, id: Any) -> AttribAccessDict:
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

    # -- reports ---------------------------------------------------------------------------------
    @api_version("2.9.1", "2.9.1", "2.9.1")
    def admin_reports(self, resolved: bool = False, account_id: Any = None, target_account_id: Any = None,
                      max_id: Any = None, min_id: Any = None, since_id: Any = None,
                      limit: Optional[int] = None) -> AttribAccessList:
        """Fetch the list of reports, unresolved ones by default.

        Set ``resolved`` to True to get resolved reports instead (sent as
        ``resolved=1``; False sends nothing). ``account_id`` and ``target_account_id``
        (ids or dicts) restrict the list to reports filed by or about that account.
        ``max_id`` / ``min_id`` / ``since_id`` paginate (ids, dicts or datetimes).

        Returns a list of admin report dicts.
        """
        params = page_params(
            max_id, min_id, since_id, limit,
            resolved=True if resolved else None, account_id=account_id,
            target_account_id=target_account_id)
        return self._request("GET", "/api/v1/admin/reports", params)

    @api_version("2.9.1", "2.9.1", "2.9.1")
    def admin_report(self, id: Any) -> AttribAccessDict:
        """Fetch the report with the given id (or dict).

        Returns an admin report dict.
        """
        return self._admin_report_call("fetch", id)

    @api_version("2.9.1", "2.9.1", "2.9.1")
    def admin_report_assign(self, id: Any) -> AttribAccessDict:
        """Assign the given report to the logged-in user.

        Returns the updated admin report dict.
        """
        return self._admin_report_call("assign", id)

    @api_version("2.9.1", "2.9.1", "2.9.1")
    def admin_report_unassign(self, id: Any) -> AttribAccessDict:
        """Unassign the given report from the logged-in user.

        Returns the updated admin report dict.
        """
        return self._admin_report_call("unassign", id)

    @api_version("2.9.1", "2.9.1", "2.9.1")
    def admin_report_reopen(self, id: Any) -> AttribAccessDict:
        """Reopen a closed report.

        Returns the updated admin report dict.
        """
        return self._admin_report_call("reopen", id)

    @api_version("2.9.1", "2.9.1", "2.9.1")
    def admin_report_resolve(self, id: Any) -> AttribAccessDict:
        """Mark a report as resolved, without taking any action.

        Returns the updated admin report dict.
        """
        return self._admin_report_call("resolve", id)

    # -- trends ----------------------------------------------------------------------------------
    @api_version("3.5.0", "3.5.0", "2.3.4")
    def admin_trending_tags(self, limit: Optional[int] = None) -> AttribAccessList:
        """Admin version of :meth:`trending_tags`: includes tags not yet approved for
        trending. ``limit`` caps the number of results.

        Returns a list of hashtag dicts (with the admin fields ``trendable``,
        ``usable`` and ``requires_review``), sorted by the instance's trending
        algorithm, descending.
        """
        return self._request("GET", "/api/v1/admin/trends/tags", {"limit": limit})

    @api_version("3.5.0", "3.5.0", "3.3.0")
    def admin_trending_statuses(self) -> AttribAccessList:
        """Admin version of :meth:`trending_statuses`: includes statuses not yet
        approved for trending.

        Returns a list of status dicts, sorted by the instance's trending algorithm,
        descending.
        """
        return self._request("GET", "/api/v1/admin/trends/statuses")

    @api_version("3.5.0", "3.5.0", "3.2.0")
    def admin_trending_links(self) -> AttribAccessList:
        """Admin version of :meth:`trending_links`: includes links not yet approved for
        trending.

        Returns a list of card dicts (with their usage ``history``), sorted by the
        instance's trending algorithm, descending.
        """
        return self._request("GET", "/api/v1/admin/trends/links")

    # -- federation ------------------------------------------------------------------------------
    @api_version("4.0.0", "4.0.0", "4.0.0")
    def admin_domain_blocks(self, id: Any = None,
                            limit: Optional[int] = None) -> Union[AttribAccessList, AttribAccessDict]:
        """Fetch the list of blocked domains (at most ``limit`` of them; the list can be
        paginated with :meth:`fetch_next`), or, when an ``id`` (or dict) is given, the
        domain block with that database id. Requires scope ``admin:read:domain_blocks``.

        Returns a list of admin domain block dicts, or one admin domain block dict when
        ``id`` is given; raises :class:`MastodonAPIError` (a
        :class:`MastodonNotFoundError`) if the specified block does not exist.
        """
        if id is not None:
            return self._request("GET", self._path("/api/v1/admin/domain_blocks/{}", id))
        return self._request("GET", "/api/v1/admin/domain_blocks/", {"limit": limit})

    @staticmethod
    def _domain_block_params(severity: Optional[str], reject_media: Optional[bool],
                             reject_reports: Optional[bool], private_comment: Optional[str],
                             public_comment: Optional[str], obfuscate: Optional[bool]) -> Dict[str, Any]:
        if isinstance(severity, str) and severity in _SEVERITY_ALIASES:
            log.debug("Domain block severity %r is sent as %r", severity, _SEVERITY_ALIASES[severity])
            severity = _SEVERITY_ALIASES[severity]
        check_choice("severity", severity, DOMAIN_BLOCK_SEVERITIES)
        return {"severity": severity, "reject_media": reject_media, "reject_reports": reject_reports,
                "private_comment": private_comment, "public_comment": public_comment, "obfuscate": obfuscate}

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def admin_create_domain_block(self, domain: str, severity: Optional[str] = None,
                                  reject_media: Optional[bool] = None, reject_reports: Optional[bool] = None,
                                  private_comment: Optional[str] = None, public_comment: Optional[str] = None,
                                  obfuscate: Optional[bool] = None) -> AttribAccessDict:
        """Block a domain, i.e. perform a moderation action on it. Requires scope
        ``admin:write:domain_blocks``.

        Valid severities are:

        * "silence": hide all posts from federated timelines and do not show
          notifications to local users from the remote instance's users unless they
          are following the remote user.
        * "suspend": deny interactions with this instance going forward. This action is
          reversible.
        * "noop" (also accepted as "limit", the name the 1.8.0 manual used): no
          silencing or suspension, generally used with ``reject_media=True`` to reject
          the instance's media.

        Any other severity raises :class:`MastodonIllegalArgumentError` before any
        request. If no severity is given, the server's default (silence) applies.
        ``domain`` is the domain to block, sent as given; blocking a domain also
        affects its subdomains (``example.com`` also blocks ``sub.example.com``).
        ``reject_media`` stops downloading media from it, ``reject_reports`` ignores
        all reports from it. ``private_comment`` is a comment for the admins only,
        ``public_comment`` one that local users (and maybe everyone) can see.
        ``obfuscate`` censors part of the domain name in public lists.

        Returns the new domain block as an admin domain block dict.
        """
        if domain is None:
            raise MastodonIllegalArgumentError("admin_create_domain_block needs the domain to block")
        params = {"domain": domain}
        params.update(self._domain_block_params(severity, reject_media, reject_reports, private_comment,
                                                public_comment, obfuscate))
        return self._request("POST", "/api/v1/admin/domain_blocks/", params)

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def admin_update_domain_block(self, id: Any, severity: Optional[str] = None,
                                  reject_media: Optional[bool] = None, reject_reports: Optional[bool] = None,
                                  private_comment: Optional[str] = None, public_comment: Optional[str] = None,
                                  obfuscate: Optional[bool] = None) -> AttribAccessDict:
        """Modify the domain block with the given id (or dict). Requires scope
        ``admin:write:domain_blocks``.

        The parameters are those of :meth:`admin_create_domain_block` (severity
        "silence", "suspend" or "noop", alias "limit"); those left at None are not sent
        and keep their value.

        Returns the modified domain block as an admin domain block dict; raises
        :class:`MastodonAPIError` (a :class:`MastodonNotFoundError`) if the specified
        block does not exist.
        """
        if id is None:
            raise MastodonIllegalArgumentError("admin_update_domain_block needs the id of the domain block")
        params = self._domain_block_params(severity, reject_media, reject_reports, private_comment,
                                           public_comment, obfuscate)
        return self._request("PUT", self._path("/api/v1/admin/domain_blocks/{}", id), params)

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def admin_delete_domain_block(self, id: Any = None) -> None:
        """Remove the domain block with the given id (or dict), lifting the moderation
        action against that domain. Requires scope ``admin:write:domain_blocks``.

        Returns None; raises :class:`MastodonAPIError` (a
        :class:`MastodonNotFoundError`) if the specified block does not exist.
        """
        if id is None:
            raise MastodonIllegalArgumentError("admin_delete_domain_block needs the id of the domain block")
        self._request("DELETE", self._path("/api/v1/admin/domain_blocks/{}", id))

    # -- statistics ------------------------------------------------------------------------------
    @api_version("3.5.0", "3.5.0", "3.5.0")
    def admin_measures(self, start_at: Any, end_at: Any, active_users: bool = False, new_users: bool = False,
                       interactions: bool = False, opened_reports: bool = False, resolved_reports: bool = False,
                       tag_accounts: Any = None, tag_uses: Any = None, tag_servers: Any = None,
                       instance_accounts: Optional[str] = None, instance_media_attachments: Optional[str] = None,
                       instance_reports: Optional[str] = None, instance_statuses: Optional[str] = None,
                       instance_follows: Optional[str] = None,
                       instance_followers: Optional[str] = None) -> AttribAccessList:
        """Retrieve numerical instance information for the time period (at day
        granularity) between ``start_at`` and ``end_at`` (datetimes, sent in UTC; dates
        and ISO 8601 strings work too).

        * ``active_users``: True for the number of active users on the instance.
        * ``new_users``: True for the number of users who joined the instance.
        * ``interactions``: True for the number of interactions (favourites, boosts,
          replies) on local statuses.
        * ``opened_reports``: True for the number of reports filed.
        * ``resolved_reports``: True for the number of reports resolved.
        * ``tag_accounts``: a tag id (or dict) for the number of accounts which used
          that tag in at least one status.
        * ``tag_uses``: a tag id for the number of statuses which used that tag.
        * ``tag_servers``: a tag id for the number of remote origin servers of
          statuses which used that tag.
        * ``instance_accounts``: a domain for the number of accounts from that remote
          domain.
        * ``instance_media_attachments``: a domain for the space used by media
          attachments from that remote domain.
        * ``instance_reports``: a domain for the number of reports filed against
          accounts from that remote domain.
        * ``instance_statuses``: a domain for the number of statuses from that remote
          domain.
        * ``instance_follows``: a domain for the number of accounts from that remote
          domain followed by local users.
        * ``instance_followers``: a domain for the number of local accounts followed by
          accounts from that remote domain.

        All counts are for the time period. Domains may be given as URLs: only the host
        is sent. The query is sent as a JSON body. Asking for nothing raises
        :class:`MastodonIllegalArgumentError` before any request.

        This call is relatively expensive; watch the server's load when retrieving a
        lot of statistical data (the ``instance_statuses`` numbers especially may take
        long to compute and time out).

        Returns a list of admin measure dicts, one per requested key, whose ``data``
        rows have ``date`` as a datetime and ``value`` as an int.
        """
        wanted = {
            "active_users": active_users, "new_users": new_users, "interactions": interactions,
            "opened_reports": opened_reports, "resolved_reports": resolved_reports,
            "tag_accounts": tag_accounts, "tag_uses": tag_uses, "tag_servers": tag_servers,
            "instance_accounts": instance_accounts, "instance_media_attachments": instance_media_attachments,
            "instance_reports": instance_reports, "instance_statuses": instance_statuses,
            "instance_follows": instance_follows, "instance_followers": instance_followers,
        }
        return self._admin_statistics("/api/v1/admin/measures", start_at, end_at, wanted)

    @api_version("3.5.0", "3.5.0", "3.5.0")
    def admin_dimensions(self, start_at: Any, end_at: Any, limit: Optional[int] = None, languages: bool = False,
                         sources: bool = False, servers: bool = False, space_usage: bool = False,
                         software_versions: bool = False, tag_servers: Any = None, tag_languages: Any = None,
                         instance_accounts: Optional[str] = None,
                         instance_languages: Optional[str] = None) -> AttribAccessList:
        """Retrieve primarily categorical instance information for the time period (at
        day granularity) between ``start_at`` and ``end_at`` (datetimes, sent in UTC;
        dates and ISO 8601 strings work too).

        * ``languages``: True for the most-used languages on this server.
        * ``sources``: True for the most-used client apps on this server.
        * ``servers``: True for the remote servers with the most statuses.
        * ``space_usage``: True for how much space the parts of the software stack use.
        * ``software_versions``: True for the versions of the software stack.
        * ``tag_servers``: a tag id (or dict) for the most common servers of statuses
          with that tag.
        * ``tag_languages``: a tag id for the most-used languages of statuses with that
          tag.
        * ``instance_accounts``: a domain for the most-followed accounts from that
          remote server.
        * ``instance_languages``: a domain for the most-used languages from that remote
          server.

        ``limit`` sets how many results to get where that makes sense. Domains may be
        given as URLs: only the host is sent. The query is sent as a JSON body. Asking
        for nothing raises :class:`MastodonIllegalArgumentError` before any request.
        This call is relatively expensive; watch the server's load.

        Returns a list of admin dimension dicts, one per requested key.
        """
        wanted = {
            "languages": languages, "sources": sources, "servers": servers, "space_usage": space_usage,
            "software_versions": software_versions, "tag_servers": tag_servers, "tag_languages": tag_languages,
            "instance_accounts": instance_accounts, "instance_languages": instance_languages,
        }
        return self._admin_statistics("/api/v1/admin/dimensions", start_at, end_at, wanted, limit=limit)

    @api_version("3.5.0", "3.5.0", "3.5.0")
    def admin_retention(self, start_at: Any, end_at: Any, frequency: str = "day") -> AttribAccessList:
        """Get user retention statistics between ``start_at`` and ``end_at``
        (datetimes, sent in UTC; dates and ISO 8601 strings work too), at ``frequency``
        granularity: "day" or "month" (anything else raises
        :class:`MastodonIllegalArgumentError` before any request).

        Returns a list of admin retention dicts (cohorts): ``period`` is a datetime,
        and each row of ``data`` has ``date`` (a datetime), ``rate`` and ``value``.
        """
        check_choice("frequency", frequency, RETENTION_FREQUENCIES, required=True)
        params = {"start_at": _time_value("start_at", start_at), "end_at": _time_value("end_at", end_at),
                  "frequency": frequency}
        return self._request("POST", "/api/v1/admin/retention", params)
