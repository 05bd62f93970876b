"""Search (manual section 3.8)."""
from mastodon._core import RequestCore


class SearchMixin(RequestCore):
    """Search endpoints."""
