"""The profile API (Mastodon 4.6+): reading and editing the logged-in user's profile."""
from __future__ import annotations
from typing import Any, Dict, List, Optional, Sequence

from mastodon._core import RequestCore
from mastodon._files import upload_parts
from mastodon.accounts import _fields_attributes
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.return_types import Profile
from mastodon.utility import api_version

#: The boolean settings of :meth:`Mastodon.profile_update`.
_PROFILE_FLAGS = ("locked", "bot", "discoverable", "hide_collections", "indexable", "show_media",
                  "show_media_replies", "show_featured")


class ProfileMixin(RequestCore):
    """Profile endpoints."""

    @api_version("4.6.0", "4.6.0", "4.6.0")
    def profile(self) -> Profile:
        """Fetch the profile of the logged-in user, in the form it is edited in
        (``note`` as plain text, the profile ``fields``, the display settings).

        Returns a profile dict.
        """
        return self._request("GET", "/api/v1/profile")  # type: ignore[no-any-return]

    @api_version("4.6.0", "4.6.0", "4.6.0")
    def profile_update(self, display_name: Optional[str] = None, note: Optional[str] = None, avatar: Any = None,
                       avatar_mime_type: Optional[str] = None, header: Any = None,
                       header_mime_type: Optional[str] = None, locked: Optional[bool] = None,
                       bot: Optional[bool] = None, discoverable: Optional[bool] = None,
                       hide_collections: Optional[bool] = None, indexable: Optional[bool] = None,
                       show_media: Optional[bool] = None, show_media_replies: Optional[bool] = None,
                       show_featured: Optional[bool] = None, attribution_domains: Optional[List[str]] = None,
                       fields: Optional[Sequence[Any]] = None, avatar_description: Optional[str] = None,
                       header_description: Optional[str] = None) -> Profile:
        """Change the profile of the logged-in user (``PATCH /api/v1/profile``); only
        the arguments given are changed.

        ``display_name``, ``note`` (the bio), ``avatar`` and ``header`` (images, as in
        :meth:`account_update_credentials`: a path, ``bytes`` or a binary file object,
        with ``avatar_mime_type`` / ``header_mime_type`` for data; the request is then a
        multipart upload), ``avatar_description`` and ``header_description`` (their alt
        texts), ``fields`` (up to four ``(name, value)`` pairs, replacing the current
        ones) and ``attribution_domains`` (up to 10 web sites allowed to credit you); an
        empty list of fields or domains removes them all (sent as one blank entry).
        The flags: ``locked`` (approve followers), ``bot``, ``discoverable`` (in the
        profile directory), ``hide_collections`` (hide followers and follows),
        ``indexable`` (public posts searchable), ``show_media`` and
        ``show_media_replies`` (the "Media" tab), ``show_featured`` (the "Featured"
        tab). Invalid values raise :class:`MastodonIllegalArgumentError` before
        anything is sent.

        Returns the updated profile dict.
        """
        flags = {"locked": locked, "bot": bot, "discoverable": discoverable, "hide_collections": hide_collections,
                 "indexable": indexable, "show_media": show_media, "show_media_replies": show_media_replies,
                 "show_featured": show_featured}
        for name in _PROFILE_FLAGS:
            if flags[name] is not None and not isinstance(flags[name], bool):
                raise MastodonIllegalArgumentError("%s must be True or False, got %r" % (name, flags[name]))
        if attribution_domains is not None and (
                isinstance(attribution_domains, str) or not isinstance(attribution_domains, (list, tuple))
                or not all(isinstance(d, str) and d for d in attribution_domains)):
            raise MastodonIllegalArgumentError(
                "attribution_domains must be a list of domain names, got %r" % (attribution_domains,))
        params: Dict[str, Any] = {"display_name": display_name, "note": note,
                                  "avatar_description": avatar_description,
                                  "header_description": header_description, **flags}
        if attribution_domains is not None:
            params["attribution_domains"] = list(attribution_domains) or [""]
        if fields is not None:
            params.update(_fields_attributes(fields))
        files = upload_parts(avatar=(avatar, avatar_mime_type), header=(header, header_mime_type))
        return self._request("PATCH", "/api/v1/profile", params, files=files or None)  # type: ignore[no-any-return]
