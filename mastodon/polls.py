"""Polls: read, vote, build (manual section 3.5)."""
from mastodon._core import RequestCore


class PollsMixin(RequestCore):
    """Polls: read, vote, build endpoints."""
