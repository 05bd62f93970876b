"""Preferences and read markers (manual sections 3.4.3 and 3.11)."""
from mastodon._core import RequestCore


class PreferencesMixin(RequestCore):
    """Preferences and read markers endpoints."""
