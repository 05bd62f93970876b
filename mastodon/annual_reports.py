"""Annual reports ("Wrapstodon", Mastodon 4.3+): a user's yearly activity summary."""
from __future__ import annotations
from typing import Any

from mastodon._core import RequestCore
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.return_types import AnnualReportState, EmptyResponse, WrappedAnnualReports
from mastodon.utility import api_version


def _year_path(template: str, year: Any) -> str:
    """The path for ``year``, which must be an int (a bool or a string is refused)."""
    if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
        raise MastodonIllegalArgumentError("year must be an integer such as 2025, got %r" % (year,))
    return template % year


class AnnualReportsMixin(RequestCore):
    """Annual reports endpoints."""

    @api_version("4.3.0", "4.3.0", "4.6.0")
    def annual_reports(self) -> WrappedAnnualReports:
        """Fetch all annual reports generated for the logged-in user.

        Returns a dict with ``annual_reports`` (each with its ``year``, ``data``,
        ``schema_version`` and, since 4.6.0, ``share_url``), and the ``accounts`` and
        ``statuses`` the reports refer to.
        """
        return self._request("GET", "/api/v1/annual_reports")

    @api_version("4.4.0", "4.4.0", "4.6.0")
    def annual_report(self, year: int) -> WrappedAnnualReports:
        """Fetch the logged-in user's annual report of ``year`` (an int); a report
        that was not generated gives :class:`MastodonNotFoundError`.

        Returns a dict as :meth:`annual_reports` does, with that one report.
        """
        return self._request("GET", _year_path("/api/v1/annual_reports/%d", year))

    @api_version("4.3.0", "4.3.0", "4.3.0")
    def annual_report_read(self, year: int) -> None:
        """Mark the annual report of ``year`` as read. Returns None."""
        self._request("POST", _year_path("/api/v1/annual_reports/%d/read", year))

    @api_version("4.6.0", "4.6.0", "4.6.0")
    def annual_report_state(self, year: int) -> AnnualReportState:
        """Fetch the state of the annual report of ``year``.

        Returns a dict with ``state``: ``"available"``, ``"generating"``,
        ``"eligible"`` (can be generated, see :meth:`annual_report_generate`) or
        ``"ineligible"``. While it is generating, the answer may carry an async
        refresh (see :meth:`await_async_refresh`).
        """
        return self._request("GET", _year_path("/api/v1/annual_reports/%d/state", year))

    @api_version("4.6.0", "4.6.0", "4.6.0")
    def annual_report_generate(self, year: int) -> EmptyResponse:
        """Ask the server to generate the annual report of ``year`` (it is generated in
        the background; see :meth:`annual_report_state`).

        Returns the server's (empty) answer.
        """
        return self._request("POST", _year_path("/api/v1/annual_reports/%d/generate", year))
