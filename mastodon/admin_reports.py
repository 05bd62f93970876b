"""Administration: reports (manual section 3.13).

Listing reports, changing a report's category and rules, and the one-call actions on a
report (assign, unassign, reopen, resolve).
"""
from __future__ import annotations
from typing import Any, Dict, Optional, Tuple

from mastodon._core import RequestCore
from mastodon._encoding import IdLike, page_params
from mastodon._validate import check_choice, id_list
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.reports import REPORT_CATEGORIES
from mastodon.return_types import AdminReport, PaginatableList
from mastodon.utility import api_version

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

    def _admin_report_call(self, action: str, id: Any) -> Any:
        verb, template = _REPORT_ACTIONS[action]
        return self._request(verb, self._path(template, id))

    @api_version("2.9.1", "2.9.1", "2.9.1")
    def admin_reports(self, resolved: bool = False, account_id: Any = None, target_account_id: Any = None,
                      max_id: Any = None, min_id: Any = None, since_id: Any = None,
                      limit: Optional[int] = None, unresolved: Optional[bool] = None) -> PaginatableList[AdminReport]:
        """Fetch the list of reports, unresolved ones by default.

        Set ``resolved`` to True to get resolved reports instead (sent as
        ``resolved=1``; False sends nothing). ``unresolved=True`` says explicitly that
        only unresolved reports are wanted; as that is what the server returns without a
        ``resolved`` flag, nothing more is sent, and combining it with ``resolved=True``
        raises :class:`MastodonIllegalArgumentError` before any request.
        ``account_id`` and ``target_account_id`` (ids or dicts) restrict the list to
        reports filed by or about that account. ``max_id`` / ``min_id`` / ``since_id``
        paginate (ids, dicts or datetimes).

        Returns a list of admin report dicts.
        """
        if unresolved and resolved:
            raise MastodonIllegalArgumentError("admin_reports: resolved=True and unresolved=True exclude each other")
        params = page_params(
            max_id, min_id, since_id, limit,
            resolved=True if resolved else None, account_id=account_id,
            target_account_id=target_account_id)
        return self._request("GET", "/api/v1/admin/reports", params)

    @api_version("2.9.1", "2.9.1", "2.9.1")
    def admin_report(self, id: Any) -> AdminReport:
        """Fetch the report with the given id (or dict).

        Returns an admin report dict.
        """
        return self._admin_report_call("fetch", id)

    @api_version("2.9.1", "2.9.1", "2.9.1")
    def admin_report_assign(self, id: Any) -> AdminReport:
        """Assign the given report to the logged-in user.

        Returns the updated admin report dict.
        """
        return self._admin_report_call("assign", id)

    @api_version("2.9.1", "2.9.1", "2.9.1")
    def admin_report_unassign(self, id: Any) -> AdminReport:
        """Unassign the given report from the logged-in user.

        Returns the updated admin report dict.
        """
        return self._admin_report_call("unassign", id)

    @api_version("2.9.1", "2.9.1", "2.9.1")
    def admin_report_reopen(self, id: Any) -> AdminReport:
        """Reopen a closed report.

        Returns the updated admin report dict.
        """
        return self._admin_report_call("reopen", id)

    @api_version("2.9.1", "2.9.1", "2.9.1")
    def admin_report_resolve(self, id: Any) -> AdminReport:
        """Mark a report as resolved, without taking any action.

        Returns the updated admin report dict.
        """
        return self._admin_report_call("resolve", id)

    @api_version("3.5.0", "3.5.0", "4.0.0")
    def admin_update_report(self, id: IdLike, category: Optional[str] = None,
                            rule_ids: Any = None) -> AdminReport:
        """Change the classification of the report with the given id (or dict).

        * ``category``: "spam", "violation" or "other" (anything else raises
          :class:`MastodonIllegalArgumentError` before any request).
        * ``rule_ids``: for "violation" reports, the id (or dict) or list of ids of the
          server rules that were broken (see :meth:`instance_rules`).

        Parameters left at None are not sent and keep their value; giving neither raises
        :class:`MastodonIllegalArgumentError`. Requires scope ``admin:write:reports``.

        Returns the updated admin report dict.
        """
        check_choice("category", category, REPORT_CATEGORIES)
        rules = id_list("rule_ids", rule_ids)
        if category is None and rules is None:
            raise MastodonIllegalArgumentError("admin_update_report needs a category or rule_ids to change")
        params = {"category": category, "rule_ids": rules}
        result: AdminReport = self._request("PUT", self._path("/api/v1/admin/reports/{}", id), params)
        return result
