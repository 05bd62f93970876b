"""Direct conversations (manual section 3.7)."""
from mastodon._core import RequestCore


class ConversationsMixin(RequestCore):
    """Direct conversations endpoints."""
