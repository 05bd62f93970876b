"""Featured hashtags (manual section 3.6)."""
from mastodon._core import RequestCore


class HashtagsMixin(RequestCore):
    """Featured hashtags endpoints."""
