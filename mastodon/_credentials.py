"""Reading and writing credential files.

A client credential file (written by ``create_app``) holds the client id, the client
secret, the base URL and the app name, one per line; a user credential file (written
by ``log_in`` and ``create_account``) holds the access token, the base URL, the client
id and the client secret. Files of older versions are shorter and remain valid.

Files are written atomically with mode 0600: the lines go to a private temporary file
next to the target, which is then renamed over it, so a crash leaves either the old
file or the complete new one, never a partial or world-readable secret.
"""
from __future__ import annotations
import os
import tempfile
from typing import List, Optional, Sequence, cast

from mastodon.errors import MastodonFileNotFoundError, MastodonIllegalArgumentError, MastodonIOError


def clean_token(token: object) -> Optional[str]:
    """An access token as it may be sent: surrounding whitespace (a trailing newline,
    CRLF) stripped. A token with any other whitespace or a control or non-ASCII
    character raises MastodonIllegalArgumentError, whose text never contains it."""
    if token is None:
        return None
    if not isinstance(token, str):
        raise MastodonIllegalArgumentError(
            "An access token must be a string (or the path of a credential file), got a %s" % type(token).__name__)
    token = token.strip()
    for position, char in enumerate(token):
        if not "!" <= char <= "~":
            raise MastodonIllegalArgumentError(
                "The access token contains whitespace, a control character or a non-ASCII character "
                "(at position %d); check the token or the file it was read from" % (position + 1))
    return token


def as_existing_file(value: object) -> Optional[str]:
    """The path of ``value`` if it names an existing file (str or path-like), else None."""
    if value is None or isinstance(value, (bytes, int)):
        return None
    try:
        path = os.fspath(cast("os.PathLike[str]", value))
    except TypeError:
        return None
    if isinstance(path, str) and os.path.isfile(path):
        return path
    return None


def read_lines(path: str, required: Sequence[str], optional: Sequence[str] = ()) -> List[Optional[str]]:
    """Read a credential file. ``required`` and ``optional`` name its lines in order.

    Returns one value per name (None for absent optional lines). A file that is not
    UTF-8, or lacks a required line, raises MastodonIllegalArgumentError naming it.
    """
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as err:
        raise MastodonFileNotFoundError("Could not read credential file %r: %s" % (path, err.strerror)) from None
    try:
        text = raw.decode("utf-8-sig")  # a byte order mark left by an editor is not part of the id
    except UnicodeDecodeError:
        raise MastodonIllegalArgumentError("Credential file %r is not UTF-8 text" % path) from None
    lines = [line.strip() for line in text.splitlines()]
    values: List[Optional[str]] = []
    for index, name in enumerate(list(required) + list(optional)):
        value = lines[index] if index < len(lines) and lines[index] else None
        if value is None and index < len(required):
            raise MastodonIllegalArgumentError(
                "Credential file %r is incomplete: line %d (%s) is missing or blank" % (path, index + 1, name))
        values.append(value)
    return values


def check_writable(path: object) -> None:
    """Refuse, before anything is sent to the server, a credential file that could not
    be written (its folder is missing or not writable, or it is a folder): registering
    an app or logging in and then losing the secret would be worse."""
    if path is None:
        return
    target = os.fspath(cast("os.PathLike[str]", path))
    directory = os.path.dirname(os.path.abspath(target))
    if os.path.isdir(target):
        raise MastodonIOError("Cannot write the credential file %s: it is a folder" % target)
    if not os.path.isdir(directory):
        raise MastodonFileNotFoundError("Cannot write the credential file %s: the folder %s does not exist"
                                        % (target, directory))
    if not os.access(directory, os.W_OK):
        raise MastodonIOError("Cannot write the credential file %s: the folder %s is not writable"
                              % (target, directory))


def write_lines(path: object, lines: Sequence[Optional[str]]) -> None:
    """Atomically write a credential file with mode 0600."""
    target = os.fspath(cast("os.PathLike[str]", path))
    directory = os.path.dirname(os.path.abspath(target))
    content = "".join((line or "") + "\n" for line in lines).encode("utf-8")
    handle, temporary = tempfile.mkstemp(prefix=".%s." % os.path.basename(target), suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
