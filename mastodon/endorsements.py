"""Endorsements (manual section 3.6)."""
from mastodon._core import RequestCore


class EndorsementsMixin(RequestCore):
    """Endorsements endpoints."""
