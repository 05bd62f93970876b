"""The exception hierarchy of the library (identical to Mastodon.py 1.8.0).

Every error the library raises derives from :class:`MastodonError`, so
``except MastodonError`` catches them all. Errors that come from the server
(:class:`MastodonAPIError` and below) carry four ``args``: a message, the HTTP
status code, the reason phrase and the server's ``error`` text (or ``None``).
"""


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
    """The server answered with an error, or with a body that could not be read."""


class MastodonNotFoundError(MastodonAPIError):
    """HTTP 404."""


class MastodonUnauthorizedError(MastodonAPIError):
    """HTTP 401."""


class MastodonRatelimitError(MastodonError):
    """HTTP 429 in "throw" mode: the rate limit was hit."""


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
    "MastodonUnauthorizedError", "MastodonRatelimitError", "MastodonServerError",
    "MastodonInternalServerError", "MastodonBadGatewayError",
    "MastodonServiceUnavailableError", "MastodonGatewayTimeoutError",
    "MastodonMalformedEventError",
]
