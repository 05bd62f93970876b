"""Web push subscriptions and decryption (manual section 3.9.3)."""
from mastodon._core import RequestCore


class PushMixin(RequestCore):
    """Web push subscriptions and decryption endpoints."""
