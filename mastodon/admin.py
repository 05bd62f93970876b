"""Administration and moderation (manual section 3.13)."""
from mastodon._core import RequestCore


class AdminMixin(RequestCore):
    """Administration and moderation endpoints."""
