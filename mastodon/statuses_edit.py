"""Statuses: building the media attributes that :meth:`Mastodon.status_update` sends
to change the description, focus point or thumbnail of attached media."""
from __future__ import annotations
import base64
from typing import Any, Dict, List, Optional

from mastodon._core import RequestCore
from mastodon._encoding import IdLike, unpack_id
from mastodon._files import load_upload
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.media import _focus

#: The keys a media attributes dict may have.
MEDIA_ATTRIBUTE_KEYS = frozenset(("id", "description", "focus", "thumbnail"))


def media_attributes_list(value: Any) -> Optional[List[Dict[str, Any]]]:
    """Check ``media_attributes`` (one dict or a list of dicts, as made by
    :meth:`Mastodon.generate_media_edit_attributes`) and return it as a list; None stays None."""
    if value is None:
        return None
    items = [value] if isinstance(value, dict) else value
    if not isinstance(items, (list, tuple)):
        raise MastodonIllegalArgumentError(
            "media_attributes must be a list of dicts made with generate_media_edit_attributes(), got %r" % (value,))
    checked = []
    for item in items:
        if not isinstance(item, dict) or item.get("id") is None:
            raise MastodonIllegalArgumentError("Each media attributes entry must be a dict with the media 'id', got %r"
                                               % (item,))
        unknown = set(item) - MEDIA_ATTRIBUTE_KEYS
        if unknown:
            raise MastodonIllegalArgumentError("Unknown media attribute(s) %s: use %s"
                                               % (", ".join(sorted(unknown)), ", ".join(sorted(MEDIA_ATTRIBUTE_KEYS))))
        checked.append(dict(item))
    return checked


class StatusEditsMixin(RequestCore):
    """Helpers for editing statuses."""

    def generate_media_edit_attributes(self, id: IdLike, description: Optional[str] = None, focus: Any = None,
                                       thumbnail: Any = None, thumb_mimetype: Optional[str] = None) -> Dict[str, Any]:
        """Build the changes of one media attachment for
        ``status_update(..., media_attributes=[...])``. No request is made.

        ``id`` is the media id (or media dict). ``description`` is the new alt text;
        ``focus`` the new focus point, a tuple ``(x, y)`` of numbers between -1 and 1
        (or a dict with ``x`` and ``y``); ``thumbnail`` a new thumbnail image (a file
        path, ``bytes`` or a binary file object; ``thumb_mimetype`` is its mime type,
        needed for data), which is embedded in the request as a ``data:`` URI (servers
        take custom thumbnails since Mastodon 3.2.0). Invalid values raise
        :class:`MastodonIllegalArgumentError` here, before any request.

        Returns a dict with ``id`` and the given changes (``focus`` as ``"x,y"``).

        *Added: Mastodon v3.5.0 (status editing); makes no request*
        """
        media_id = unpack_id(id)
        if media_id is None or isinstance(media_id, (bool, list, tuple)) or media_id == "":
            raise MastodonIllegalArgumentError("id must be a media id or media dict, got %r" % (id,))
        if description is not None and not isinstance(description, str):
            raise MastodonIllegalArgumentError("description must be a string, got %r" % (description,))
        attributes: Dict[str, Any] = {"id": media_id}
        if description is not None:
            attributes["description"] = description
        if focus is not None:
            attributes["focus"] = _focus(focus)
        if thumbnail is not None:
            _name, data, mime_type = load_upload(thumbnail, thumb_mimetype, what="thumbnail")
            attributes["thumbnail"] = "data:%s;base64,%s" % (mime_type, base64.b64encode(data).decode("ascii"))
        return attributes
