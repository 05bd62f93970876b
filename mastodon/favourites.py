"""Favourites and bookmarks (manual section 3.7)."""
from mastodon._core import RequestCore


class FavouritesMixin(RequestCore):
    """Favourites and bookmarks endpoints."""
