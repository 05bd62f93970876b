"""Notifications (manual section 3.9.1)."""
from mastodon._core import RequestCore


class NotificationsMixin(RequestCore):
    """Notifications endpoints."""
