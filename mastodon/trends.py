"""Trends (manual section 3.8.3): trending hashtags, statuses and links."""
from __future__ import annotations
from typing import Any, Dict, Optional

from mastodon._core import RequestCore
from mastodon.utility import api_version
from mastodon.return_types import NonPaginatableList, Status, Tag, TrendsLink


class TrendsMixin(RequestCore):
    """Trends endpoints."""

    @api_version("2.4.3", "3.5.0", "2.3.4", unavailable=[("2.8.0", "3.0.0")])
    def trends(self, limit: Optional[int] = None) -> NonPaginatableList[Tag]:
        """Alias for :meth:`trending_tags`.

        Returns a list of hashtag dicts.
        """
        return self._trending_tags(limit, None, None)

    @api_version("3.5.0", "3.5.0", "2.3.4")
    def trending_tags(self, limit: Optional[int] = None, lang: Optional[str] = None,
                      offset: Optional[int] = None) -> NonPaginatableList[Tag]:
        """Fetch trending-hashtag information, if the instance provides it.

        ``limit`` limits how many results are returned (the server caps it; the
        endpoint is not paginated). ``offset`` skips that many results (Mastodon
        3.5.0 and later). Pass ``lang`` to override the client's locale for this call,
        which may affect trend ordering. Does not require authentication unless locked
        down by the administrator.

        Uses ``/api/v1/trends/tags`` on Mastodon 3.5.0 and later, ``/api/v1/trends``
        before. The endpoint does not exist on Mastodon 2.8.0 up to (excluding) 3.0.0:
        there this raises :class:`MastodonVersionError` (unless ``version_check_mode`` is
        ``"none"``).

        Returns a list of hashtag dicts, sorted by the instance's trending algorithm,
        descending.
        """
        return self._trending_tags(limit, lang, offset)

    @api_version("3.5.0", "3.5.0", "3.3.0")
    def trending_statuses(self, limit: Optional[int] = None, offset: Optional[int] = None,
                          lang: Optional[str] = None) -> NonPaginatableList[Status]:
        """Fetch trending-status information, if the instance provides it.

        ``limit`` limits how many results are returned, ``offset`` skips that many. Pass
        ``lang`` to override the client's locale for this call, which may affect trend
        ordering.

        Returns a list of status dicts, sorted by the instance's trending algorithm,
        descending.
        """
        return self._request("GET", "/api/v1/trends/statuses", _trend_params(limit, offset, lang))

    @api_version("3.5.0", "3.5.0", "3.2.0")
    def trending_links(self, limit: Optional[int] = None, offset: Optional[int] = None,
                       lang: Optional[str] = None) -> NonPaginatableList[TrendsLink]:
        """Fetch trending-link information, if the instance provides it.

        ``limit`` limits how many results are returned, ``offset`` skips that many. Pass
        ``lang`` to override the client's locale for this call.

        Returns a list of card dicts (with a ``history`` of daily usage), sorted by the
        instance's trending algorithm, descending.
        """
        return self._request("GET", "/api/v1/trends/links", _trend_params(limit, offset, lang))

    def _trending_tags(self, limit: Optional[int], lang: Optional[str],
                       offset: Optional[int]) -> Any:
        if self._server_at_least("3.5.0"):
            path = "/api/v1/trends/tags"
        else:
            path = "/api/v1/trends"
        return self._request("GET", path, _trend_params(limit, offset, lang))


def _trend_params(limit: Optional[int], offset: Optional[int], lang: Optional[str]) -> Dict[str, Any]:
    """Query parameters of a trends request; ``lang`` only when given, so that the
    client's own ``lang`` applies otherwise."""
    params: Dict[str, Any] = {"limit": limit, "offset": offset}
    if lang is not None:
        params["lang"] = lang
    return params
