"""Hashtags (manual section 3.6): single tags, followed tags and featured tags."""
from __future__ import annotations
from typing import Any, Dict, Optional, Union

from mastodon._core import RequestCore
from mastodon._encoding import IdLike, page_params
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.return_types import FeaturedTag, NonPaginatableList, PaginatableList, Tag
from mastodon.utility import api_version

#: A hashtag argument: its name (without ``#``) or a tag dict with a ``name``.
TagLike = Union[str, Dict[str, Any]]


def _tag_name(hashtag: Any) -> str:
    """The name of a hashtag given as a name or a tag dict; a leading ``#`` is refused."""
    name = hashtag.get("name") if isinstance(hashtag, dict) else hashtag
    if not isinstance(name, str) or not name.strip():
        raise MastodonIllegalArgumentError("Expected a hashtag name or a tag dict with a name, got %r" % (hashtag,))
    if name.startswith("#"):
        raise MastodonIllegalArgumentError("Hashtag names are given without the leading #, got %r" % (name,))
    return name


def _tag_action(api: RequestCore, hashtag: Any, action: str) -> Tag:
    return api._request("POST", api._path("/api/v1/tags/{}/" + action, _tag_name(hashtag)))


class HashtagsMixin(RequestCore):
    """Hashtag endpoints."""

    # -- single tags and followed tags ---------------------------------------------------------------
    @api_version("4.0.0", "4.0.0", "4.0.0")
    def tag(self, hashtag: TagLike) -> Tag:
        """Fetch information about the hashtag ``hashtag`` (its name without ``#``, or a
        tag dict), including its recent usage ``history`` and whether the logged-in
        user follows (``following``) and features it (``featuring``, Mastodon 4.4.0).

        A name with a leading ``#`` raises
        :class:`~mastodon.errors.MastodonIllegalArgumentError`.

        Returns a hashtag dict.
        """
        return self._request("GET", self._path("/api/v1/tags/{}", _tag_name(hashtag)))

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def tag_follow(self, hashtag: TagLike) -> Tag:
        """Follow the hashtag ``hashtag``: its public posts appear in the home timeline.

        Returns the hashtag dict, with ``following`` True.
        """
        return _tag_action(self, hashtag, "follow")

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def tag_unfollow(self, hashtag: TagLike) -> Tag:
        """Stop following the hashtag ``hashtag``.

        Returns the hashtag dict, with ``following`` False.
        """
        return _tag_action(self, hashtag, "unfollow")

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def followed_tags(self, max_id: Optional[Any] = None, min_id: Optional[Any] = None,
                      since_id: Optional[Any] = None, limit: Optional[int] = None) -> PaginatableList[Tag]:
        """Fetch the hashtags the logged-in user follows.

        The optional ``max_id``, ``min_id``, ``since_id`` and ``limit`` page through
        long lists; :meth:`fetch_next` works on the result.

        Returns a paginated list of hashtag dicts.
        """
        return self._request("GET", "/api/v1/followed_tags", page_params(max_id, min_id, since_id, limit))

    @api_version("4.4.0", "4.4.0", "4.4.0")
    def tag_feature(self, name: TagLike) -> Tag:
        """Feature the hashtag ``name`` (its name without ``#``, or a tag dict) on the
        logged-in user's profile.

        Returns the hashtag dict, with ``featuring`` True.
        """
        return _tag_action(self, name, "feature")

    @api_version("4.4.0", "4.4.0", "4.4.0")
    def tag_unfeature(self, name: TagLike) -> Tag:
        """Stop featuring the hashtag ``name`` on the logged-in user's profile.

        Returns the hashtag dict, with ``featuring`` False.
        """
        return _tag_action(self, name, "unfeature")

    # -- featured tags ----------------------------------------------------------------------------

    @api_version("3.0.0", "3.0.0", "3.0.0")
    def featured_tags(self) -> NonPaginatableList[FeaturedTag]:
        """Fetch the hashtags the logged-in user features on their profile.

        Returns a list of featured tag dicts (``id``, ``name``, ``url``,
        ``statuses_count``, ``last_status_at``).
        """
        return self._request("GET", "/api/v1/featured_tags")

    @api_version("3.0.0", "3.0.0", "2.3.4")
    def featured_tag_suggestions(self) -> NonPaginatableList[Tag]:
        """Fetch the hashtags the logged-in user has used most recently, as suggestions
        for featuring (up to 10).

        Returns a list of hashtag dicts.
        """
        return self._request("GET", "/api/v1/featured_tags/suggestions")

    @api_version("3.0.0", "3.0.0", "3.0.0")
    def featured_tag_create(self, name: str) -> FeaturedTag:
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
