"""Administration: trends (manual section 3.13).

The admin versions of the trends lists, which include what is not approved yet.
"""
from __future__ import annotations
from typing import Optional

from mastodon._core import RequestCore
from mastodon.utility import AttribAccessList, api_version


class AdminTrendsMixin(RequestCore):
    """Administration endpoints for trends."""

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
