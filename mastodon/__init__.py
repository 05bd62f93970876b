"""A Python client library for the Mastodon API.

    >>> from mastodon import Mastodon
    >>> api = Mastodon(access_token="pytooter_usercred.secret")
    >>> api.toot("Tooting from Python!")
"""
from mastodon.Mastodon import Mastodon
from mastodon.errors import (MastodonAPIError, MastodonBadGatewayError, MastodonConflictError, MastodonError,
                             MastodonFileNotFoundError, MastodonForbiddenError, MastodonGatewayTimeoutError,
                             MastodonIllegalArgumentError, MastodonInternalServerError, MastodonIOError,
                             MastodonMalformedEventError, MastodonNetworkError, MastodonNotFoundError,
                             MastodonRatelimitError, MastodonReadTimeout, MastodonServerError,
                             MastodonServiceUnavailableError, MastodonTooManyRequestsError,
                             MastodonUnauthorizedError, MastodonUnprocessableEntityError, MastodonVersionError)
from mastodon.streaming import CallbackStreamListener, StreamListener
from mastodon.streaming_endpoints import StreamHandle
from mastodon._websocket import WebSocketHandle, WebSocketStream
from mastodon.utility import AttribAccessDict, AttribAccessList

__version__ = "1.8.0.post1"

__all__ = [
    "Mastodon", "AttribAccessDict", "AttribAccessList", "StreamListener", "CallbackStreamListener",
    "StreamHandle", "WebSocketHandle", "WebSocketStream",
    "MastodonError", "MastodonVersionError", "MastodonIllegalArgumentError", "MastodonIOError",
    "MastodonFileNotFoundError", "MastodonNetworkError", "MastodonReadTimeout", "MastodonAPIError",
    "MastodonNotFoundError", "MastodonUnauthorizedError", "MastodonRatelimitError",
    "MastodonMalformedEventError", "MastodonServerError", "MastodonInternalServerError",
    "MastodonBadGatewayError", "MastodonServiceUnavailableError", "MastodonGatewayTimeoutError",
    "MastodonForbiddenError", "MastodonConflictError", "MastodonUnprocessableEntityError",
    "MastodonTooManyRequestsError",
]
