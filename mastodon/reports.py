"""Reports (manual section 3.11)."""
from __future__ import annotations
from typing import Any, Optional, Sequence, Union

from mastodon._core import RequestCore
from mastodon._validate import check_choice, id_list
from mastodon._encoding import IdLike
from mastodon.errors import MastodonVersionError
from mastodon.utility import api_version
from mastodon.return_types import NonPaginatableList, Report

#: Report categories (Mastodon 3.5.0 and newer).
REPORT_CATEGORIES = ("spam", "violation", "other")


def _as_list(value: Any) -> Any:
    if value is None or isinstance(value, (list, tuple, set)):
        return value
    return [value]


class ReportsMixin(RequestCore):
    """Reports endpoints."""

    @api_version("1.1.0", "1.1.0", "2.9.1")
    def reports(self) -> NonPaginatableList[Report]:
        """Fetch the reports the logged-in user has filed.

        Mastodon removed this endpoint in 2.5.0: on such servers (and on servers of
        unknown version) :class:`~mastodon.errors.MastodonVersionError` is raised
        without sending anything.

        Returns a list of report dicts.
        """
        if self._server_at_least("2.5.0"):
            raise MastodonVersionError("reports() was removed in Mastodon 2.5.0; the server does not offer it")
        return self._request("GET", "/api/v1/reports")

    @api_version("1.1.0", "3.5.0", "2.9.1", params={"forward_to_domains": "4.0.0", "collection_ids": "4.6.0"})
    def report(self, account_id: IdLike, status_ids: Optional[Union[IdLike, Sequence[IdLike]]] = None,
               comment: Optional[str] = None, forward: bool = False, category: Optional[str] = None,
               rule_ids: Optional[Union[IdLike, Sequence[IdLike]]] = None,
               forward_to_domains: Optional[Union[str, Sequence[str]]] = None,
               collection_ids: Optional[Union[IdLike, Sequence[IdLike]]] = None) -> Report:
        """Report the account ``account_id`` to the moderators of the server.

        ``status_ids``: the offending statuses (an id or status dict, or a list of
        them). ``comment``: the reason, for the moderators. ``forward=True`` also sends
        the report of a remote account to its server. ``category`` (Mastodon 3.5.0 and
        newer) is one of ``"spam"``, ``"violation"`` and ``"other"`` (others raise
        :class:`~mastodon.errors.MastodonIllegalArgumentError`); ``rule_ids`` are the
        ids of the broken server rules (see the ``rules`` of :meth:`instance`), for
        ``"violation"``.

        ``forward_to_domains`` (Mastodon 4.0.0 and newer): with ``forward=True``, the
        remote domains (a domain or a list) to forward the report to, for example the
        servers of the accounts replied to in the reported statuses; by default only
        the reported account's server. ``collection_ids`` (Mastodon 4.6.0 and newer): the
        offending collections (an id or collection dict, or a list of them).

        Returns a report dict.
        """
        check_choice("category", category, REPORT_CATEGORIES)
        if isinstance(forward_to_domains, str):
            forward_to_domains = [forward_to_domains]
        params = {"account_id": account_id, "status_ids": _as_list(status_ids), "comment": comment,
                  "forward": True if forward else None, "category": category, "rule_ids": _as_list(rule_ids),
                  "forward_to_domains": forward_to_domains, "collection_ids": id_list("collection_ids", collection_ids)}
        return self._request("POST", "/api/v1/reports/", params)
