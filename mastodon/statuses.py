"""Statuses: reading, posting, editing and interacting with them (manual section 3.5)."""
from mastodon._core import RequestCore


class StatusesMixin(RequestCore):
    """Statuses: reading, posting, editing and interacting with them endpoints."""
