"""Administration: trends (manual section 3.13).

The admin versions of the trends lists, which include what is not approved yet, and
the approval or rejection of trending links, statuses and tags.
"""
from __future__ import annotations
from typing import Any, Optional

from mastodon._core import RequestCore
from mastodon._encoding import IdLike
from mastodon.return_types import NonPaginatableList, PreviewCard, Status, Tag, TrendsLink
from mastodon.utility import api_version

#: Trend review paths: (kind, decision) -> path template.
_TREND_REVIEW = {(kind, decision): "/api/v1/admin/trends/%s/{}/%s" % (kind, decision)
                 for kind in ("links", "statuses", "tags") for decision in ("approve", "reject")}


class AdminTrendsMixin(RequestCore):
    """Administration endpoints for trends."""

    def _admin_trend_review(self, kind: str, decision: str, id: IdLike) -> Any:
        return self._request("POST", self._path(_TREND_REVIEW[kind, decision], id))

    @api_version("3.5.0", "3.5.0", "2.3.4")
    def admin_trending_tags(self, limit: Optional[int] = None) -> NonPaginatableList[Tag]:
        """Admin version of :meth:`trending_tags`: includes tags not yet approved for
        trending. ``limit`` caps the number of results.

        Returns a list of hashtag dicts (with the admin fields ``trendable``,
        ``usable`` and ``requires_review``), sorted by the instance's trending
        algorithm, descending.
        """
        return self._request("GET", "/api/v1/admin/trends/tags", {"limit": limit})

    @api_version("3.5.0", "3.5.0", "3.3.0")
    def admin_trending_statuses(self) -> NonPaginatableList[Status]:
        """Admin version of :meth:`trending_statuses`: includes statuses not yet
        approved for trending.

        Returns a list of status dicts, sorted by the instance's trending algorithm,
        descending.
        """
        return self._request("GET", "/api/v1/admin/trends/statuses")

    @api_version("3.5.0", "3.5.0", "3.2.0")
    def admin_trending_links(self) -> NonPaginatableList[TrendsLink]:
        """Admin version of :meth:`trending_links`: includes links not yet approved for
        trending.

        Returns a list of card dicts (with their usage ``history``), sorted by the
        instance's trending algorithm, descending.
        """
        return self._request("GET", "/api/v1/admin/trends/links")

    # -- trend review ----------------------------------------------------------------------------
    @api_version("4.2.0", "4.2.0", "4.2.0")
    def admin_approve_trending_link(self, id: IdLike) -> PreviewCard:
        """Allow the link (preview card) with the given id (or dict, such as an entry of
        :meth:`admin_trending_links`) to trend.

        Returns the link's card dict.
        """
        result: PreviewCard = self._admin_trend_review("links", "approve", id)
        return result

    @api_version("4.2.0", "4.2.0", "4.2.0")
    def admin_reject_trending_link(self, id: IdLike) -> PreviewCard:
        """Keep the link (preview card) with the given id (or dict) from trending.

        Returns the link's card dict.
        """
        result: PreviewCard = self._admin_trend_review("links", "reject", id)
        return result

    @api_version("4.2.0", "4.2.0", "4.2.0")
    def admin_approve_trending_status(self, id: IdLike) -> Status:
        """Allow the status with the given id (or dict, such as an entry of
        :meth:`admin_trending_statuses`) to trend.

        Returns the status dict.
        """
        result: Status = self._admin_trend_review("statuses", "approve", id)
        return result

    @api_version("4.2.0", "4.2.0", "4.2.0")
    def admin_reject_trending_status(self, id: IdLike) -> Status:
        """Keep the status with the given id (or dict) from trending.

        Returns the status dict.
        """
        result: Status = self._admin_trend_review("statuses", "reject", id)
        return result

    @api_version("4.2.0", "4.2.0", "4.2.0")
    def admin_approve_trending_tag(self, id: IdLike) -> Tag:
        """Allow the hashtag with the given database id (or dict, such as an entry of
        :meth:`admin_trending_tags`) to trend.

        Returns the hashtag dict (with the admin fields).
        """
        result: Tag = self._admin_trend_review("tags", "approve", id)
        return result

    @api_version("4.2.0", "4.2.0", "4.2.0")
    def admin_reject_trending_tag(self, id: IdLike) -> Tag:
        """Keep the hashtag with the given database id (or dict) from trending.

        Returns the hashtag dict (with the admin fields).
        """
        result: Tag = self._admin_trend_review("tags", "reject", id)
        return result
