"""Files to upload: what users pass (a path, ``bytes``, a file object) turned into the
parts of a multipart body, each with a file name and a mime type.

Meant for every method that uploads a file (profile avatar and header, media). All
checks happen before anything is sent: a path that is not an existing file, or data
whose mime type is neither detectable nor given, raises
:class:`~mastodon.errors.MastodonIllegalArgumentError`.

The mime type of a file given by path is detected as Mastodon.py 1.8.0 did: from its
content with python-magic when that is installed, else from its name
(:mod:`mimetypes`); a ``mime_type`` given by the caller is used when detection fails.
The data is read at once and files opened here are closed right away, so nothing is
left open and a request retried after a rate limit sends the same data again (an open
file object would be at its end by then).

Typical use in an endpoint method::

    files = upload_parts(avatar=(avatar, avatar_mime_type), header=(header, header_mime_type))
    return self._request("PATCH", path, params, files=files or None)
"""
from __future__ import annotations
import logging
import mimetypes
import os
import time
from typing import Any, Dict, Optional, Tuple

from mastodon.errors import MastodonFileNotFoundError, MastodonIllegalArgumentError, MastodonIOError

log = logging.getLogger("mastodon")

_UNLOADED = object()
#: The python-magic module, imported on first use (it is slow to import); None when it
#: is not installed or libmagic is missing.
_magic: Any = _UNLOADED


def _magic_module() -> Any:
    global _magic
    if _magic is _UNLOADED:
        module: Any
        try:
            import magic as module
        except Exception:  # noqa: BLE001 - ImportError, or OSError when libmagic is missing
            module = None
        _magic = module
    return _magic

#: Answers of libmagic that say "I don't know"; the file name is asked next.
_UNKNOWN_TYPES = frozenset(("application/octet-stream", "application/x-empty", "inode/x-empty"))

#: One multipart part for the ``files`` argument of requests: (file name, data, mime type).
Part = Tuple[str, bytes, str]


class UploadFileNotFoundError(MastodonFileNotFoundError, MastodonIllegalArgumentError):
    """A path given for upload is not an existing file.

    It is both a :class:`~mastodon.errors.MastodonIllegalArgumentError` (what
    Mastodon.py 1.8.0 raised for it) and a
    :class:`~mastodon.errors.MastodonFileNotFoundError`, so either ``except`` works.
    """


def guess_mime_type(path: str) -> Optional[str]:
    """The mime type of the file at ``path``: from its content with python-magic when
    available, else (or when magic does not know) from its name. None if unknown."""
    detected: Optional[str] = None
    magic = _magic_module()
    if magic is not None:
        try:
            detected = magic.from_file(path, mime=True)
        except Exception as err:  # noqa: BLE001 - fall back to the file name
            log.debug("python-magic could not read %r: %s", path, err)
    if detected and detected not in _UNKNOWN_TYPES:
        return detected
    guessed: Optional[str] = mimetypes.guess_type(path)[0]
    return guessed


def default_file_name(mime_type: str) -> str:
    """A unique upload file name with the extension of ``mime_type``, as 1.8.0 made them."""
    extension = mimetypes.guess_extension(mime_type) or ""
    return "mastodonpyupload_%s_%s%s" % (time.time(), os.urandom(16).hex(), extension)


def load_upload(media: Any, mime_type: Optional[str] = None, file_name: Optional[str] = None,
                what: str = "media_file") -> Part:
    """Turn ``media`` into a multipart part ``(file name, data, mime type)``.

    ``media`` is a path (``str`` or path-like: the mime type is detected, ``mime_type``
    is the fallback), raw data (``bytes``, ``bytearray``, ``memoryview``:
    ``mime_type`` is required) or a binary file object (read from its current
    position and left open; its mime type is ``mime_type``, else guessed from its
    ``name``). ``file_name`` defaults to a unique ``mastodonpyupload_...`` name. ``what``
    names the argument in error messages.

    Raises :class:`UploadFileNotFoundError` for a path that is not a file,
    :class:`~mastodon.errors.MastodonIllegalArgumentError` when the mime type cannot be
    determined or ``media`` is of another type, and
    :class:`~mastodon.errors.MastodonIOError` when the file cannot be read.
    """
    if isinstance(media, (str, os.PathLike)):
        path = os.fspath(media)
        if not os.path.isfile(path):
            raise UploadFileNotFoundError("%s: %r is not an existing file (pass raw data as bytes, with a mime type)"
                                          % (what, path))
        mime_type = guess_mime_type(os.fsdecode(path)) or mime_type
        if not mime_type:
            raise MastodonIllegalArgumentError("%s: could not determine the mime type of %r; pass it explicitly"
                                               % (what, path))
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as err:
            raise MastodonIOError("%s: could not read %r: %s" % (what, path, err)) from err
        return file_name or default_file_name(mime_type), data, mime_type

    if isinstance(media, (bytes, bytearray, memoryview)):
        reader = None
    elif hasattr(media, "read"):
        reader = media
        name = getattr(media, "name", None)
        if not mime_type and isinstance(name, str):
            mime_type = mimetypes.guess_type(name)[0]
    else:
        raise MastodonIllegalArgumentError("%s: expected a file path, bytes or a binary file object, got %s"
                                           % (what, type(media).__name__))
    if not mime_type:
        raise MastodonIllegalArgumentError("%s: data was passed directly, so its mime type must be given" % what)
    if reader is None:
        data = bytes(media)
    else:
        try:
            data = reader.read()
        except OSError as err:
            raise MastodonIOError("%s: could not read the file object: %s" % (what, err)) from err
        if not isinstance(data, (bytes, bytearray)):
            raise MastodonIllegalArgumentError("%s: the file object must be opened in binary mode" % what)
        data = bytes(data)
    return file_name or default_file_name(mime_type), data, mime_type


def upload_parts(**specs: Optional[Tuple[Any, ...]]) -> Dict[str, Part]:
    """Load several uploads at once, for the ``files`` argument of ``_request``.

    Each keyword is a multipart field name; its value is ``(media, mime_type)`` or
    ``(media, mime_type, file_name)``; None, or a ``media`` of None, leaves the field
    out. Every upload is checked and read before the dict is returned, so an invalid
    one raises before any request. Returns an empty dict when nothing is uploaded.
    """
    parts: Dict[str, Part] = {}
    for field_name, spec in specs.items():
        if spec is None or spec[0] is None:
            continue
        file_name = spec[2] if len(spec) > 2 else None
        parts[field_name] = load_upload(spec[0], spec[1], file_name, what=field_name)
    return parts
