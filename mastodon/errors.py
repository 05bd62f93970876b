"""The exception hierarchy of the library (that of Mastodon.py 1.8.0, plus subclasses).

Every error the library raises derives from :class:`MastodonError`, so
``except MastodonError`` catches them all. Errors that come from the server
(:class:`MastodonAPIError` and below) carry four ``args``: a message, the HTTP
status code, the reason phrase and the server's ``error`` text (or ``None``), and
the same as the attributes ``status_code``, ``reason`` and ``error``, plus the
answer's ``headers``.
"""
from typing import Any, Mapping, Optional


class MastodonError(Exception):
    """Base class of every error raised by this library."""


class MastodonIllegalArgumentError(ValueError, MastodonError):
    """An argument was invalid; raised before any request is sent."""


class MastodonIOError(IOError, MastodonError):
    """Base class of local file and network errors."""


class MastodonFileNotFoundError(MastodonIOError):
    """A file could not be opened."""


class MastodonNetworkError(MastodonIOError):
    """A request could not be completed: refused, reset, timed out, bad host."""


class MastodonReadTimeout(MastodonNetworkError):
    """A streaming connection stayed silent for longer than its timeout."""


class MastodonVersionError(MastodonError):
    """The server is too old for the called method, or a version was unparseable."""


class MastodonAPIError(MastodonError):
    """The server answered with an error, or with a body that could not be read.

    ``args`` is ``(message, status_code, reason, error)`` as in 1.8.0; the attributes
    ``status_code`` (int), ``reason`` (the HTTP reason phrase), ``error`` (the server's
    error text) and ``headers`` (the answer's headers) hold the same, each ``None``
    when unknown.
    """

    status_code: Optional[int]
    reason: Optional[str]
    error: Optional[str]
    headers: Optional[Mapping[str, str]]

    def __init__(self, *args: Any, headers: Optional[Mapping[str, str]] = None) -> None:
        super().__init__(*args)
        self.status_code = args[1] if len(args) > 1 else None
        self.reason = args[2] if len(args) > 2 else None
        self.error = args[3] if len(args) > 3 else None
        self.headers = headers


class MastodonNotFoundError(MastodonAPIError):
    """HTTP 404."""


class MastodonUnauthorizedError(MastodonAPIError):
    """HTTP 401."""


class MastodonForbiddenError(MastodonAPIError):
    """HTTP 403: the token may not do this (missing scope, suspended account, ...)."""


class MastodonConflictError(MastodonAPIError):
    """HTTP 409 (conflict, e.g. a duplicate request still being processed) and
    HTTP 410 (gone)."""


class MastodonUnprocessableEntityError(MastodonAPIError):
    """HTTP 422: the server refused the parameters (validation failed)."""


class MastodonRatelimitError(MastodonError):
    """HTTP 429 in "throw" mode: the rate limit was hit.

    Its ``args`` are 1.8.0's ``("Hit rate limit.",)``; the attributes ``status_code``,
    ``reason``, ``error`` and ``headers`` describe the 429 answer.
    """

    status_code: Optional[int]
    reason: Optional[str]
    error: Optional[str]
    headers: Optional[Mapping[str, str]]

    def __init__(self, *args: Any, status_code: Optional[int] = None, reason: Optional[str] = None,
                 error: Optional[str] = None, headers: Optional[Mapping[str, str]] = None) -> None:
        super().__init__(*args)
        self.status_code = status_code
        self.reason = reason
        self.error = error
        self.headers = headers


class MastodonTooManyRequestsError(MastodonRatelimitError, MastodonAPIError):
    """HTTP 429 in "wait" or "pace" mode when waiting is given up (no usable reset
    time within ``ratelimit_max_wait``).

    Like the error 1.8.0 raised then, it is a :class:`MastodonAPIError` with ``args``
    ``(message, 429, reason, error)``; it is also a :class:`MastodonRatelimitError`.
    """

    def __init__(self, *args: Any, headers: Optional[Mapping[str, str]] = None) -> None:
        MastodonAPIError.__init__(self, *args, headers=headers)


class MastodonServerError(MastodonAPIError):
    """HTTP 5xx not covered by a more specific class."""


class MastodonInternalServerError(MastodonServerError):
    """HTTP 500."""


class MastodonBadGatewayError(MastodonServerError):
    """HTTP 502."""


class MastodonServiceUnavailableError(MastodonServerError):
    """HTTP 503."""


class MastodonGatewayTimeoutError(MastodonServerError):
    """HTTP 504."""


class MastodonMalformedEventError(MastodonError):
    """A streaming event could not be read."""


__all__ = [
    "MastodonError", "MastodonIllegalArgumentError", "MastodonIOError",
    "MastodonFileNotFoundError", "MastodonNetworkError", "MastodonReadTimeout",
    "MastodonVersionError", "MastodonAPIError", "MastodonNotFoundError",
    "MastodonUnauthorizedError", "MastodonForbiddenError", "MastodonConflictError",
    "MastodonUnprocessableEntityError", "MastodonRatelimitError", "MastodonTooManyRequestsError", "MastodonServerError",
    "MastodonInternalServerError", "MastodonBadGatewayError",
    "MastodonServiceUnavailableError", "MastodonGatewayTimeoutError",
    "MastodonMalformedEventError",
]
