"""Administration: reports (manual section 3.13).

Listing reports and the one-call actions on a report (assign, unassign, reopen, resolve).
"""
from __future__ import annotations
from typing import Any, Dict, Optional, Tuple

from mastodon._core import RequestCore
from mastodon._encoding import page_params
from mastodon.utility import AttribAccessDict, AttribAccessList, api_version

#: One-call actions on a report: name -> (verb, path template).
_REPORT_ACTIONS: Dict[str, Tuple[str, str]] = {
    "fetch": ("GET", "/api/v1/admin/reports/{}"),
    "assign": ("POST", "/api/v1/admin/reports/{}/assign_to_self"),
    "unassign": ("POST", "/api/v1/admin/reports/{}/unassign"),
    "reopen": ("POST", "/api/v1/admin/reports/{}/reopen"),
    "resolve": ("POST", "/api/v1/admin/reports/{}/resolve"),
}


class AdminReportsMixin(RequestCore):
    """Administration endpoints for reports."""

    def _admin_report_call(self, action: str, id: Any) -> AttribAccessDict:
        verb, template = _REPORT_ACTIONS[action]
        return self._request(verb, self._path(template, id))

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
