"""Keyword filters (manual section 3.9.2)."""
from mastodon._core import RequestCore


class FiltersMixin(RequestCore):
    """Keyword filters endpoints."""
