"""Lists (manual section 3.6)."""
from mastodon._core import RequestCore


class ListsMixin(RequestCore):
    """Lists endpoints."""
