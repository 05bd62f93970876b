"""Media attachments: upload and update (manual section 3.5)."""
from __future__ import annotations
import logging
import time
from numbers import Real
from typing import Any, Dict, Optional, Tuple

from mastodon._core import RequestCore
from mastodon._files import load_upload
from mastodon.errors import MastodonAPIError, MastodonIllegalArgumentError
from mastodon.utility import api_version
from mastodon.return_types import MediaAttachment

log = logging.getLogger("mastodon")

#: ``media_post(synchronous=True)``: the first pause between two polls of :meth:`media`
#: (seconds); it doubles after each poll, up to :data:`MEDIA_POLL_MAX_INTERVAL`.
MEDIA_POLL_INTERVAL = 1.0
#: The longest pause between two polls (seconds).
MEDIA_POLL_MAX_INTERVAL = 5.0
#: How long to wait for the server to process an upload before giving up (seconds).
MEDIA_POLL_TIMEOUT = 300.0

def _focus(focus: Any) -> Optional[str]:
    """``(x, y)`` (or a dict with ``x`` and ``y``), each between -1 and 1, as ``"x,y"``."""
    if focus is None:
        return None
    if isinstance(focus, dict) and "x" in focus and "y" in focus:
        focus = (focus["x"], focus["y"])
    if (not isinstance(focus, (tuple, list)) or len(focus) != 2
            or not all(isinstance(v, (int, float, Real)) and not isinstance(v, bool) and -1 <= float(v) <= 1
                       for v in focus)):
        raise MastodonIllegalArgumentError(
            "focus must be a tuple (x, y) of two numbers between -1 and 1, got %r" % (focus,))
    return "%s,%s" % (focus[0], focus[1])


class MediaMixin(RequestCore):
    """Media attachments: upload and update endpoints."""

    @api_version("3.1.4", "3.1.4", "3.2.0")
    def media(self, id: Any) -> MediaAttachment:
        """Fetch a media attachment you uploaded, for example to see whether the server
        has finished processing it (then its ``url`` is set).

        Returns a media dict.
        """
        return self._request("GET", self._path("/api/v1/media/{}", id))

    @api_version("1.0.0", "3.2.0", "3.2.0", params={"thumbnail": "3.2.0"})
    def media_post(self, media_file: Any, mime_type: Optional[str] = None, description: Optional[str] = None,
                   focus: Any = None, file_name: Optional[str] = None, thumbnail: Any = None,
                   thumbnail_mime_type: Optional[str] = None, synchronous: bool = False) -> MediaAttachment:
        """Upload an image, video or audio file, to attach it to a status with
        :meth:`status_post`.

        ``media_file`` is a file path (a ``str`` or a :class:`pathlib.Path`), raw
        ``bytes``, or a file object opened in binary mode. For a path, the mime type is
        read from the content with python-magic when it is installed, else guessed from
        the file name (``mime_type`` is only used when neither works); for data and
        file objects ``mime_type`` is required. A path that is not a file, or whose mime
        type cannot be determined, raises :class:`MastodonIllegalArgumentError` before
        anything is sent. A file opened by this method is always closed; a file object
        you pass is read but not closed.

        ``description`` is the alt text. ``focus`` is a tuple ``(x, y)`` of floats
        between -1 and 1, the focal point of the image for cropping (the origin is the
        centre). ``file_name`` is the name sent with the upload (ignored by Mastodon,
        shown by some other servers); by default a random name is used. ``thumbnail``
        (Mastodon 3.2.0 or newer, else :class:`MastodonVersionError`) is a custom
        preview image for audio and video, given like ``media_file``, with
        ``thumbnail_mime_type``.

        Servers from Mastodon 3.1.4 on (the v2 endpoint) process video and audio after
        answering: the returned ``url`` is None until processing is done, which
        :meth:`media` shows; the answer is returned as it is. With
        ``synchronous=True`` this method first reads the server version again (as
        :meth:`verify_minimum_version` does) and, on such servers, waits until the
        ``url`` is set, polling :meth:`media` with growing pauses (1 to 5 seconds) for
        at most 5 minutes, then raises :class:`MastodonAPIError`. This uses up API
        quota; prefer polling yourself.

        Returns a media dict; its ``id`` is what :meth:`status_post` takes.
        """
        params = {"description": description, "focus": _focus(focus)}
        files: Dict[str, Tuple[str, bytes, str]] = {
            "file": load_upload(media_file, mime_type, file_name, "media_file")}
        if thumbnail is not None:
            files["thumbnail"] = load_upload(thumbnail, thumbnail_mime_type, None, "thumbnail")
        v2 = self._server_at_least("3.1.4")
        media = self._request("POST", "/api/v2/media" if v2 else "/api/v1/media", params, files=files)
        if synchronous and media is not None and self._server_now_at_least("3.1.4"):
            media = self._wait_for_media(media)
        return media

    def _server_now_at_least(self, version: str) -> bool:
        """Ask the server for its version again (``GET /api/v1/instance/``, as 1.8.0 did
        for synchronous uploads) and compare; when it cannot be read, the version known
        before is kept."""
        known = (self.mastodon_major, self.mastodon_minor, self.mastodon_patch, self.version_check_worked)
        if self._detect_version() is None and known[3]:
            (self.mastodon_major, self.mastodon_minor, self.mastodon_patch, self.version_check_worked) = known
        return self._server_at_least(version)

    def _wait_for_media(self, media: Any) -> Any:
        """Poll :meth:`media` until the attachment has a ``url`` (bounded by MEDIA_POLL_TIMEOUT)."""
        deadline = time.monotonic() + MEDIA_POLL_TIMEOUT
        interval = MEDIA_POLL_INTERVAL
        while media.get("url") is None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise MastodonAPIError("Media attachment %s was still being processed after %s seconds"
                                       % (media.get("id"), MEDIA_POLL_TIMEOUT))
            log.debug("Media attachment %s is still being processed; polling again in %.2fs",
                      media.get("id"), min(interval, left))
            time.sleep(min(interval, left))
            interval = min(interval * 2, MEDIA_POLL_MAX_INTERVAL)
            media = self.media(media)
        return media

    @api_version("2.3.0", "3.2.0", "3.2.0", params={"thumbnail": "3.2.0"})
    def media_update(self, id: Any, description: Optional[str] = None, focus: Any = None, thumbnail: Any = None,
                     thumbnail_mime_type: Optional[str] = None) -> MediaAttachment:
        """Change the description, focus point or thumbnail of a media attachment you
        uploaded (and have not attached to a status yet).

        The parameters work as in :meth:`media_post`; those left at None are not
        changed. A thumbnail makes the request a multipart upload (Mastodon 3.2.0 or
        newer).

        Returns the updated media dict.
        """
        params = {"description": description, "focus": _focus(focus)}
        files = None
        if thumbnail is not None:
            files = {"thumbnail": load_upload(thumbnail, thumbnail_mime_type, None, "thumbnail")}
        return self._request("PUT", self._path("/api/v1/media/{}", id), params, files=files)

    @api_version("4.4.0", "4.4.0", "4.4.0")
    def media_delete(self, id: Any) -> None:
        """Delete a media attachment you uploaded and have not attached to a status
        (attached media go with their status: see ``status_delete(delete_media=True)``).

        Returns None.
        """
        self._request("DELETE", self._path("/api/v1/media/{}", id))
