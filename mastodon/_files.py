"""Files to upload: what users pass (a path, ``bytes``, a file object) turned into the
parts of a multipart body, each with a file name and a mime type.

Used by every method that uploads a file (profile avatar and header, media). All
checks happen before anything is sent: a path that is not an existing file, or data
whose mime type is neither given nor detectable, raises
:class:`~mastodon.errors.MastodonIllegalArgumentError`. Mime types of files are
detected with python-magic when it is installed, else from the file name
(:mod:`mimetypes`); a mime type given by the caller always wins.

Typical use in an endpoint method::

    with open_uploads(avatar=(avatar, avatar_mime_type), header=(header, header_mime_type)) as files:
        return self._request("PATCH", path, params, files=files or None)

Files the helper opened itself are closed when the ``with`` block ends.
"""
import contextlib
import logging
import mimetypes
import os
import time
import uuid
from typing import Any, Dict, Iterator, NamedTuple, Optional, Tuple

from mastodon.errors import MastodonFileNotFoundError, MastodonIllegalArgumentError, MastodonIOError

log = logging.getLogger("mastodon")

try:  # python-magic is optional; it fails with ImportError, or OSError when libmagic is missing
    import magic as _magic
except Exception:  # noqa: BLE001
    _magic = None

#: Answers of libmagic that say "I don't know"; the file name is asked next.
_UNKNOWN_TYPES = frozenset(("application/octet-stream", "application/x-empty", "inode/x-empty"))


class UploadFileNotFoundError(MastodonFileNotFoundError, MastodonIllegalArgumentError):
    """A path given for upload is not an existing file.

    It is both a :class:`~mastodon.errors.MastodonIllegalArgumentError` (what
    Mastodon.py 1.8.0 raised for it) and a
    :class:`~mastodon.errors.MastodonFileNotFoundError`, so either ``except`` works.
    """


class Upload(NamedTuple):
    """One loaded upload: ``part`` is the ``(file name, data or file object, mime type)``
    tuple for the ``files`` argument of requests; ``opened`` says whether the helper
    opened the file itself (then the caller must close it, see :meth:`close`)."""
    part: Tuple[str, Any, str]
    opened: bool

    def close(self) -> None:
        """Close the file if the helper opened it."""
        if self.opened:
            self.part[1].close()


def guess_mime_type(path: str) -> Optional[str]:
    """The mime type of the file at ``path``: from its content with python-magic when
    available, else (or when magic does not know) from its name. None if unknown."""
    detected = None
    if _magic is not None:
        try:
            detected = _magic.from_file(path, mime=True)
        except Exception as err:  # noqa: BLE001 - fall back to the file name
            log.debug("python-magic could not read %r: %s", path, err)
    if detected and detected not in _UNKNOWN_TYPES:
        return detected
    return mimetypes.guess_type(path)[0]


def default_file_name(mime_type: str) -> str:
    """A unique upload file name with the extension of ``mime_type``, as 1.8.0 made them."""
    extension = mimetypes.guess_extension(mime_type) or ""
    return "mastodonpyupload_%s_%s%s" % (time.time(), uuid.uuid4().hex, extension)


def load_upload(media: Any, mime_type: Optional[str] = None, file_name: Optional[str] = None,
                what: str = "media_file") -> Upload:
    """Turn ``media`` into an :class:`Upload`.

    ``media`` is a path (``str`` or path-like: the file is opened), raw data (``bytes``,
    ``bytearray``, ``memoryview``: ``mime_type`` is required) or a binary file object
    (its mime type is taken from ``mime_type``, else guessed from its ``name``).
    ``what`` names the argument in error messages. Raises
    :class:`UploadFileNotFoundError` for a path that is not a file,
    :class:`~mastodon.errors.MastodonIllegalArgumentError` when the mime type cannot be
    determined or ``media`` is of another type, and
    :class:`~mastodon.errors.MastodonIOError` when the file cannot be opened.
    """
    if isinstance(media, (str, os.PathLike)):
        path = os.fspath(media)
        if not os.path.isfile(path):
            raise UploadFileNotFoundError("%s: %r is not an existing file (pass raw data as bytes, with a mime type)"
                                          % (what, path))
        mime_type = mime_type or guess_mime_type(os.fsdecode(path))
        if not mime_type:
            raise MastodonIllegalArgumentError("%s: could not determine the mime type of %r; pass it explicitly"
                                               % (what, path))
        try:
            handle = open(path, "rb")
        except OSError as err:
            raise MastodonIOError("%s: could not open %r: %s" % (what, path, err)) from err
        return Upload((file_name or default_file_name(mime_type), handle, mime_type), True)

    if isinstance(media, (bytes, bytearray, memoryview)):
        data = bytes(media)
    elif hasattr(media, "read"):
        data = media
        name = getattr(media, "name", None)
        if not mime_type and isinstance(name, str):
            mime_type = mimetypes.guess_type(name)[0]
    else:
        raise MastodonIllegalArgumentError("%s: expected a file path, bytes or a binary file object, got %s"
                                           % (what, type(media).__name__))
    if not mime_type:
        raise MastodonIllegalArgumentError("%s: data was passed directly, so its mime type must be given" % what)
    return Upload((file_name or default_file_name(mime_type), data, mime_type), False)


@contextlib.contextmanager
def open_uploads(**specs: Optional[Tuple[Any, ...]]) -> Iterator[Dict[str, Tuple[str, Any, str]]]:
    """Load several uploads at once and close the files opened for them afterwards.

    Each keyword is a multipart field name; its value is ``(media, mime_type)`` or
    ``(media, mime_type, file_name)``, or None / a ``media`` of None to leave the field
    out. Yields the ``files`` dict for :meth:`RequestCore._request` (empty when nothing
    is uploaded). If one upload is invalid, the files already opened are closed before
    the error propagates.
    """
    loaded: Dict[str, Upload] = {}
    try:
        for field_name, spec in specs.items():
            if spec is None or spec[0] is None:
                continue
            media, mime_type = spec[0], spec[1]
            file_name = spec[2] if len(spec) > 2 else None
            loaded[field_name] = load_upload(media, mime_type, file_name, what=field_name)
        yield {field_name: upload.part for field_name, upload in loaded.items()}
    finally:
        for upload in loaded.values():
            upload.close()
