"""Timelines (manual section 3.7)."""
from mastodon._core import RequestCore


class TimelineMixin(RequestCore):
    """Timelines endpoints."""
