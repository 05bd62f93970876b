"""Follow suggestions (manual section 3.6)."""
from mastodon._core import RequestCore


class SuggestionsMixin(RequestCore):
    """Follow suggestions endpoints."""
