"""Trends (manual section 3.8)."""
from mastodon._core import RequestCore


class TrendsMixin(RequestCore):
    """Trends endpoints."""
