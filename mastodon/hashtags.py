"""Featured hashtags (manual section 3.6)."""
from __future__ import annotations

from mastodon._core import RequestCore
from mastodon._encoding import IdLike
from mastodon.utility import AttribAccessDict, AttribAccessList, api_version



class HashtagsMixin(RequestCore):
    """Featured hashtags endpoints."""

    @api_version("3.0.0", "3.0.0", "3.0.0")
    def featured_tags(self) -> AttribAccessList:
        """Fetch the hashtags the logged-in user features on their profile.

        Returns a list of featured tag dicts (``id``, ``name``, ``url``,
        ``statuses_count``, ``last_status_at``).
        """
        return self._request("GET", "/api/v1/featured_tags")

    @api_version("3.0.0", "3.0.0", "2.3.4")
    def featured_tag_suggestions(self) -> AttribAccessList:
        """Fetch the hashtags the logged-in user has used most recently, as suggestions
        for featuring (up to 10).

        Returns a list of hashtag dicts.
        """
        return self._request("GET", "/api/v1/featured_tags/suggestions")

    @api_version("3.0.0", "3.0.0", "3.0.0")
    def featured_tag_create(self, name: str) -> AttribAccessDict:
        """Feature the hashtag ``name`` on the logged-in user's profile.

        The name is sent as given (the server accepts it with or without ``#``).

        Returns the featured tag dict of the new featured tag.
        """
        return self._request("POST", "/api/v1/featured_tags", {"name": name})

    @api_version("3.0.0", "3.0.0", "3.0.0")
    def featured_tag_delete(self, id: IdLike) -> None:
        """Stop featuring a hashtag; ``id`` is the id of the featured tag (or its dict),
        not the hashtag's name."""
        self._request("DELETE", self._path("/api/v1/featured_tags/{}", id))
