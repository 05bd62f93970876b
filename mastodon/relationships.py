"""Mutes, blocks, follow requests and domain blocks (manual section 3.6)."""
from mastodon._core import RequestCore


class RelationshipsMixin(RequestCore):
    """Mutes, blocks, follow requests and domain blocks endpoints."""
