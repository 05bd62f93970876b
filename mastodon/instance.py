"""Instance-wide data (manual section 3.8)."""
from mastodon._core import RequestCore


class InstanceMixin(RequestCore):
    """Instance-wide data endpoints."""
