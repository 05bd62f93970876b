"""The streaming API endpoints (manual section 3.10)."""
from mastodon._core import RequestCore


class StreamingMixin(RequestCore):
    """The streaming API endpoints endpoints."""
