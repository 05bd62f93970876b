"""The streaming API endpoints (manual section 3.10): opening, running and closing streams.

Every stream is a long ``GET`` through ``self.session`` to the streaming host (see
:meth:`StreamingMixin._streaming_base_url`), read by the listener
(:mod:`mastodon.streaming`). In blocking mode the calling thread reads it; with
``run_async=True`` a :class:`StreamHandle` thread does, optionally reconnecting.
"""
from __future__ import annotations
import functools
import logging
import numbers
import os
import socket
import ssl
import threading
import time
from typing import Any, Callable, Dict, List, Optional, Tuple, Union
from urllib.parse import urlsplit

from mastodon import _debug
from mastodon._core import RequestCore
from mastodon._encoding import form_pairs
from mastodon.errors import MastodonError, MastodonIllegalArgumentError, MastodonNetworkError
from mastodon._sse import StreamFailure
from mastodon._websocket import WebSocketHandle, WebSocketStream, load_websockets, websocket_url
from mastodon.streaming import StreamListener, consume
from mastodon.utility import api_version

log = logging.getLogger("mastodon")

#: Reconnection waits never go below this (seconds), so a stream is never retried in a tight loop.
MIN_RECONNECT_WAIT = 0.1
#: Repeated failures double the wait up to this (or up to ``reconnect_async_wait_sec`` if larger).
MAX_RECONNECT_WAIT = 60.0
#: A connection that delivered an event, or stayed up this long (seconds), resets the backoff.
HEALTHY_AFTER = 30.0
#: How long :meth:`StreamHandle.close` waits for the stream thread to finish (seconds).
CLOSE_WAIT = 1.0

#: Internal marker: the server ended the stream cleanly (not a failure: no ``on_abort``).
_CLEAN_END = MastodonNetworkError("The server ended the stream.")

_WS_SCHEMES = {"wss": "https", "ws": "http", "https": "https", "http": "http"}


class StreamHandle:
    """The handle of a stream read by a background thread, returned by the ``stream_*``
    methods when called with ``run_async=True``.

    The thread connects, dispatches events to the listener and, with
    ``reconnect_async=True``, reconnects after every failure (dropped connection, read
    timeout, refused connection) until :meth:`close` is called: the first retry comes
    after ``reconnect_async_wait_sec`` seconds, repeated failures double the wait (up to
    a minute, or ``reconnect_async_wait_sec`` if that is longer). Each failure is passed
    to the listener's ``on_abort`` and logged on the ``mastodon`` logger. Without
    ``reconnect_async``, the first failure ends the thread.
    """

    def __init__(self, connect: Callable[[], Any], listener: Any, reconnect: bool, wait: float) -> None:
        self._connect = connect
        self._listener = listener
        self._reconnect = bool(reconnect)
        self._wait = float(wait)
        self._closed = threading.Event()
        self._lock = threading.Lock()
        self._response: Any = None
        self._receiving = False
        self._thread = threading.Thread(target=self._run, name="mastodon-stream", daemon=True)

    def _start(self) -> "StreamHandle":
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop streaming: close the connection and end the thread.

        Works while the server is silent: the connection is shut down, which wakes the
        thread at once. Waits up to a second for the thread to finish (not when called
        from a handler, that is from the stream thread itself). No handler is called
        and no reconnection is made once the thread has noticed the close. (A
        connection attempt still waiting for the server's answer cannot be cut short:
        the thread then ends as soon as that attempt is over.)
        """
        self._closed.set()
        with self._lock:
            response = self._response
        if response is not None:
            _interrupt(response)
        if threading.current_thread() is not self._thread and self._thread.is_alive():
            self._thread.join(CLOSE_WAIT)

    def __enter__(self) -> "StreamHandle":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        """Leaving a ``with`` block closes the stream (see :meth:`close`)."""
        self.close()

    def is_alive(self) -> bool:
        """Whether the stream thread is still running (connected, or waiting to reconnect)."""
        return self._thread.is_alive()

    def is_receiving(self) -> bool:
        """Whether the stream is connected and reading events right now (False while
        connecting, waiting to reconnect, or after :meth:`close`)."""
        return self._receiving and not self._closed.is_set() and self._thread.is_alive()

    # -- the thread ----------------------------------------------------------------------------
    def _run(self) -> None:
        failures = 0
        while not self._closed.is_set():
            started = time.monotonic()
            error, aborted, dispatched = self._run_connection()
            if error is None or self._closed.is_set():
                return
            clean = error is _CLEAN_END
            if not aborted and not clean:
                _notify_abort(self._listener, error, log_errors=True)
            if not self._reconnect:
                if clean:
                    log.info("The server ended the stream")
                else:
                    log.error("Stream ended: %s", error)
                return
            healthy = dispatched > 0 or time.monotonic() - started >= HEALTHY_AFTER
            failures = 1 if healthy else failures + 1
            delay = reconnect_delay(self._wait, failures)
            if clean:
                log.info("The server ended the stream; reconnecting in %.1f s", delay)
            else:
                log.warning("Stream failed (%s); reconnecting in %.1f s", error, delay)
            if self._closed.wait(delay):
                return

    def _run_connection(self) -> Any:
        """Connect and read one connection: (error or None to stop, on_abort done, events)."""
        try:
            response = self._connect()
        except MastodonNetworkError as err:
            return err, False, 0
        with self._lock:
            self._response = response
            if self._closed.is_set():  # closed while connecting
                self._response = None
                response.close()
                return None, False, 0
        self._receiving = True
        try:
            dispatched = consume(self._listener, response, keep_going=self._reconnect, stop=self._closed)
        except StreamFailure as failure:
            return failure.error, failure.aborted, failure.dispatched
        except Exception as err:  # raised by the listener itself, not by the stream
            if self._closed.is_set():
                return None, False, 0
            if not self._reconnect:
                log.exception("The stream listener raised; the stream ends")
                return None, False, 0
            log.exception("The stream listener raised; reconnecting")
            return MastodonNetworkError("The stream listener raised: %r" % (err,)), True, 0
        finally:
            self._receiving = False
            with self._lock:
                self._response = None
            response.close()
        return _CLEAN_END, False, dispatched


def reconnect_delay(wait: float, failures: int) -> float:
    """Seconds to wait before reconnection attempt number ``failures`` (1 = first) in a row."""
    base = max(wait, MIN_RECONNECT_WAIT)
    return float(min(base * 2.0 ** min(failures - 1, 30), max(base, MAX_RECONNECT_WAIT)))


def _notify_abort(listener: Any, error: MastodonError, log_errors: bool = False) -> None:
    hook = getattr(listener, "on_abort", None)
    if hook is None:
        return
    if not log_errors:
        hook(error)
        return
    try:
        hook(error)
    except Exception:  # noqa: BLE001 - the thread must go on (or end) in an orderly way
        log.exception("The stream listener's on_abort raised")


def _interrupt(response: Any) -> None:
    """Wake a thread blocked reading ``response``: shut its socket down (closing the
    response could wait for the reader to let go of it)."""
    raw = getattr(response, "raw", None)
    connection = getattr(raw, "connection", None) or getattr(raw, "_connection", None)
    sock = getattr(connection, "sock", None)
    if sock is None:
        buffered = getattr(getattr(raw, "_fp", None), "fp", None)
        sock = getattr(getattr(buffered, "raw", None), "_sock", None)
    if isinstance(sock, socket.socket):
        try:
            socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the plain socket call, also for TLS sockets
        except OSError:
            pass
        return
    try:
        response.close()
    except Exception:  # noqa: BLE001 - closing is best effort
        pass


def _check_listener(listener: Any) -> None:
    if not callable(getattr(listener, "handle_stream", None)):
        raise MastodonIllegalArgumentError(
            "listener must be a StreamListener (or have a handle_stream method), not %r" % (listener,))


def _ssl_context(session: Any) -> Optional[ssl.SSLContext]:
    """The TLS settings of ``session`` (``verify``: False, or a CA bundle file or
    directory; ``cert``) for a WebSocket, which cannot go through the session; None for
    the defaults."""
    verify = getattr(session, "verify", True)
    cert = getattr(session, "cert", None)
    if verify is True and not cert:
        return None
    path = verify if isinstance(verify, str) else None
    context = ssl.create_default_context(cafile=path if path and not os.path.isdir(path) else None,
                                         capath=path if path and os.path.isdir(path) else None)
    if verify is False:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    if isinstance(cert, str):
        context.load_cert_chain(cert)
    elif isinstance(cert, (tuple, list)) and len(cert) == 2:
        context.load_cert_chain(cert[0], cert[1])
    return context


def _media(only_media: bool) -> Optional[Dict[str, Any]]:
    """The query of a public stream: ``only_media`` is sent only when asked for."""
    return {"only_media": True} if only_media else None


def _subscribe(handle: Any, listener: Any, run_async: bool, message: Dict[str, str]) -> Optional[WebSocketStream]:
    """Subscribe a stream on a shared WebSocket; block until it ends unless ``run_async``."""
    if not isinstance(handle, WebSocketHandle):
        raise MastodonIllegalArgumentError(
            "websocket_handle must come from stream_open_websocket(), not %r" % (handle,))
    if listener is None:
        listener = handle.listener
    if not isinstance(listener, StreamListener):
        raise MastodonIllegalArgumentError(
            "A stream on a WebSocket needs a StreamListener (given here or to stream_open_websocket), not %r"
            % (listener,))
    stream = handle._add(message, listener, blocking=not run_async)
    if run_async:
        return stream
    stream.wait()
    return None


def _check_number(name: str, value: Any, allow_none: bool, allow_zero: bool) -> None:
    if value is None and allow_none:
        return
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or value < 0 or (value == 0 and not allow_zero):
        raise MastodonIllegalArgumentError(
            "%s must be a %s number of seconds%s, not %r"
            % (name, "non-negative" if allow_zero else "positive", " or None" if allow_none else "", value))


#: What the ``stream_*`` methods return: None (blocking), a handle (``run_async=True``).
StreamResult = Optional[Union[StreamHandle, WebSocketStream]]


class StreamingMixin(RequestCore):
    """The streaming API endpoints."""

    @api_version("1.1.0", "1.4.2", "3.3.0")
    def stream_user(self, listener: Any, run_async: bool = False, timeout: Optional[float] = 300,
                    reconnect_async: bool = False, reconnect_async_wait_sec: float = 5,
                    websocket_handle: Optional[WebSocketHandle] = None) -> StreamResult:
        """Stream the events relevant to the logged-in user: home timeline and notifications.

        ``listener`` is a :class:`StreamListener`. Blocking by default: returns None
        when the server ends the stream cleanly (``on_abort`` is not called), and raises
        (after ``listener.on_abort``) :class:`MastodonNetworkError` when the connection
        fails (:class:`MastodonReadTimeout` when nothing, not even a heartbeat, arrived
        for ``timeout`` seconds; None waits forever) or
        :class:`MastodonMalformedEventError` for an unreadable event. With
        ``run_async=True``, returns a :class:`~mastodon.StreamHandle`
        at once and streams in a thread; ``reconnect_async=True`` makes that thread
        reconnect after failures, waiting ``reconnect_async_wait_sec`` seconds (more on
        repeated failures).

        With ``websocket_handle`` (from :meth:`stream_open_websocket`), the stream is
        subscribed on that shared WebSocket instead of opening a connection of its own:
        ``listener`` may then be None (the handle's listener is used), ``timeout`` and
        ``reconnect_async*`` are the handle's, and ``run_async=True`` returns a
        :class:`~mastodon.WebSocketStream` (whose ``close()`` unsubscribes). See
        :ref:`streaming` for details.
        """
        return self._stream("/api/v1/streaming/user", None, listener, run_async, timeout,
                            reconnect_async, reconnect_async_wait_sec, websocket_handle, {"stream": "user"})

    @api_version("1.4.2", "1.4.2", "1.4.2")
    def stream_user_notifications(self, listener: Any, run_async: bool = False, timeout: Optional[float] = 300,
                                  reconnect_async: bool = False, reconnect_async_wait_sec: float = 5,
                                  websocket_handle: Optional[WebSocketHandle] = None) -> StreamResult:
        """Stream the logged-in user's notifications only (stream ``user:notification``).

        Arguments and return value as in :meth:`stream_user`.
        """
        return self._stream("/api/v1/streaming/user/notification", None, listener, run_async, timeout,
                            reconnect_async, reconnect_async_wait_sec, websocket_handle,
                            {"stream": "user:notification"})

    @api_version("1.1.0", "1.4.2", "3.3.0")
    def stream_public(self, listener: Any, run_async: bool = False, timeout: Optional[float] = 300,
                      reconnect_async: bool = False, reconnect_async_wait_sec: float = 5,
                      local: bool = False, remote: bool = False, only_media: bool = False,
                      websocket_handle: Optional[WebSocketHandle] = None) -> StreamResult:
        """Stream the public (federated) timeline; ``local=True`` limits it to this
        server's statuses (as :meth:`stream_local`), ``remote=True`` to other servers'
        (Mastodon 3.1.4+), ``only_media=True`` to statuses with media attachments.

        Other arguments and return value as in :meth:`stream_user`.
        """
        if local and remote:
            raise MastodonIllegalArgumentError("stream_public: local and remote cannot both be True")
        scope = ":local" if local else ":remote" if remote else ""
        return self._stream("/api/v1/streaming/public" + scope.replace(":", "/"), _media(only_media), listener,
                            run_async, timeout, reconnect_async, reconnect_async_wait_sec, websocket_handle,
                            {"stream": "public" + scope + (":media" if only_media else "")})

    @api_version("1.1.0", "1.4.2", "3.3.0")
    def stream_local(self, listener: Any, run_async: bool = False, timeout: Optional[float] = 300,
                     reconnect_async: bool = False, reconnect_async_wait_sec: float = 5,
                     only_media: bool = False, websocket_handle: Optional[WebSocketHandle] = None) -> StreamResult:
        """Stream the local public timeline (statuses of this server's users);
        ``only_media=True`` limits it to statuses with media attachments.

        Other arguments and return value as in :meth:`stream_user`.
        """
        return self._stream("/api/v1/streaming/public/local", _media(only_media), listener, run_async, timeout,
                            reconnect_async, reconnect_async_wait_sec, websocket_handle,
                            {"stream": "public:local" + (":media" if only_media else "")})

    @api_version("1.1.0", "1.4.2", "3.3.0")
    def stream_hashtag(self, tag: str, listener: Any, local: bool = False, run_async: bool = False,
                       timeout: Optional[float] = 300, reconnect_async: bool = False,
                       reconnect_async_wait_sec: float = 5,
                       websocket_handle: Optional[WebSocketHandle] = None) -> StreamResult:
        """Stream the public statuses with the hashtag ``tag`` (without the ``#``: a
        leading ``#`` is a :class:`MastodonIllegalArgumentError`) that the server knows of;
        ``local=True`` limits them to local statuses.

        Other arguments and return value as in :meth:`stream_user`.
        """
        if not isinstance(tag, str) or not tag:
            raise MastodonIllegalArgumentError("tag must be a non-empty string, not %r" % (tag,))
        if tag.startswith("#"):
            raise MastodonIllegalArgumentError("Tag parameter should omit leading #: use %r" % (tag.lstrip("#"),))
        path = "/api/v1/streaming/hashtag/local" if local else "/api/v1/streaming/hashtag"
        return self._stream(path, {"tag": tag}, listener, run_async, timeout, reconnect_async,
                            reconnect_async_wait_sec, websocket_handle,
                            {"stream": "hashtag:local" if local else "hashtag", "tag": tag})

    @api_version("2.1.0", "2.1.0", "3.3.0")
    def stream_list(self, id: Any, listener: Any, run_async: bool = False, timeout: Optional[float] = 300,
                    reconnect_async: bool = False, reconnect_async_wait_sec: float = 5,
                    websocket_handle: Optional[WebSocketHandle] = None) -> StreamResult:
        """Stream the events of the logged-in user restricted to the accounts on list
        ``id`` (a list id or list dict).

        Other arguments and return value as in :meth:`stream_user`.
        """
        list_id = self._unpack_id(id)
        if list_id is None or list_id == "" or isinstance(list_id, (bool, list, tuple, set)):
            raise MastodonIllegalArgumentError("stream_list needs a list id or list dict, not %r" % (id,))
        return self._stream("/api/v1/streaming/list", {"list": list_id}, listener, run_async, timeout,
                            reconnect_async, reconnect_async_wait_sec, websocket_handle,
                            {"stream": "list", "list": str(list_id)})

    @api_version("2.6.0", "2.6.0", "3.3.0")
    def stream_direct(self, listener: Any, run_async: bool = False, timeout: Optional[float] = 300,
                      reconnect_async: bool = False, reconnect_async_wait_sec: float = 5,
                      websocket_handle: Optional[WebSocketHandle] = None) -> StreamResult:
        """Stream the logged-in user's direct messages (as ``conversation`` events).

        Arguments and return value as in :meth:`stream_user`.
        """
        return self._stream("/api/v1/streaming/direct", None, listener, run_async, timeout,
                            reconnect_async, reconnect_async_wait_sec, websocket_handle, {"stream": "direct"})

    @api_version("3.3.0", "3.3.0", "3.3.0")
    def stream_open_websocket(self, listener: Any = None, timeout: Optional[float] = 300,
                              reconnect_async: bool = False,
                              reconnect_async_wait_sec: float = 5) -> WebSocketHandle:
        """Open one WebSocket connection to the streaming API that several streams share.

        Returns a :class:`~mastodon.WebSocketHandle` at once; a background thread
        connects to ``/api/v1/streaming`` on the instance's streaming host (``wss``/``ws``
        to the API host when the instance names none) and reads it. Pass the handle as
        ``websocket_handle=`` to the ``stream_*`` methods to subscribe their streams on
        it; every stream is subscribed again after each reconnection, and each event goes
        to the listener of the stream it came from (``for_stream`` names it).

        ``listener`` (a :class:`StreamListener`, optional) is used by streams subscribed
        without a listener of their own, and is told (``on_abort``) of every connection
        failure. ``timeout``: a server that answers no ping for about that many seconds
        is taken to be gone (None: never). ``reconnect_async=True`` reconnects after
        failures and clean closes, waiting ``reconnect_async_wait_sec`` seconds, doubled
        on repeated failures up to a minute; without it the first failure or close ends
        the connection and every stream on it. Needs the ``websocket`` extra
        (``pip install "Mastodon.py[websocket]"``), else raises NotImplementedError.
        """
        load_websockets()
        if listener is not None and not isinstance(listener, StreamListener):
            raise MastodonIllegalArgumentError("listener must be a StreamListener or None, not %r" % (listener,))
        _check_number("timeout", timeout, allow_none=True, allow_zero=False)
        _check_number("reconnect_async_wait_sec", reconnect_async_wait_sec, allow_none=False, allow_zero=True)
        url = websocket_url(self._streaming_base_url())
        token = self.access_token

        def connect_info() -> Tuple[str, Dict[str, str]]:
            return url, self._headers(access_token="")

        connect_timeout = self.request_timeout
        if isinstance(connect_timeout, (tuple, list)):
            connect_timeout = connect_timeout[0]
        handle = WebSocketHandle(connect_info, token, listener, timeout, reconnect_async, reconnect_async_wait_sec,
                                 connect_timeout, reconnect_delay, HEALTHY_AFTER, debug=bool(self.debug_requests),
                                 ssl_context=_ssl_context(self.session) if url.startswith("wss:") else None)
        return self._keep_stream(handle._start())

    @api_version("2.5.0", "2.5.0", "2.5.0")
    def stream_healthy(self) -> bool:
        """Whether the streaming server is up: True if its health check answers "OK" (or "success").

        Returns False, without raising, when the streaming server is down, unreachable
        or answers anything else.
        """
        try:
            base_url = self._streaming_base_url()
        except MastodonError as err:
            log.info("Could not look up the streaming host (%s); checking %s", err, self.api_base_url)
            base_url = self.api_base_url
        try:
            response = self._request("GET", "/api/v1/streaming/health", base_url=base_url,
                                     rate_limited=False, return_response=True)
            return response.status_code == 200 and response.content.strip() in (b"OK", b"success")
        except Exception as err:  # noqa: BLE001 - any failure means "not healthy"
            log.info("Streaming health check failed: %s", err)
            return False

    # -- helpers --------------------------------------------------------------------------------
    def _streaming_base_url(self) -> str:
        """The base URL of the streaming server: ``urls.streaming_api`` of the instance
        (``wss``/``ws`` read as ``https``/``http``) when it names one, else ``api_base_url``."""
        urls = self._cached_instance().get("urls")
        location = urls.get("streaming_api") if isinstance(urls, dict) else None
        if not isinstance(location, str) or not location:
            return self.api_base_url
        parts = urlsplit(location)
        scheme = _WS_SCHEMES.get(parts.scheme.lower())
        if scheme is None or not parts.netloc:
            log.warning("Unusable streaming_api %r in the instance document; streaming from %s",
                        location, self.api_base_url)
            return self.api_base_url
        return scheme + "://" + parts.netloc

    def _stream(self, path: str, params: Optional[Dict[str, Any]], listener: Any, run_async: bool,
                timeout: Optional[float], reconnect_async: bool, reconnect_async_wait_sec: float,
                websocket_handle: Optional[WebSocketHandle] = None,
                subscription: Optional[Dict[str, str]] = None) -> StreamResult:
        if websocket_handle is not None:
            return _subscribe(websocket_handle, listener, run_async, subscription or {})
        _check_listener(listener)
        _check_number("timeout", timeout, allow_none=True, allow_zero=False)
        _check_number("reconnect_async_wait_sec", reconnect_async_wait_sec, allow_none=False, allow_zero=True)
        url = self._streaming_base_url() + path
        connect = functools.partial(self._stream_connect, url, params, timeout)
        if run_async:
            return self._keep_stream(StreamHandle(connect, listener, reconnect_async, reconnect_async_wait_sec)._start())
        try:
            response = connect()
        except MastodonNetworkError as err:
            _notify_abort(listener, err)
            raise
        try:
            consume(listener, response)
        except StreamFailure as failure:
            if not failure.aborted:
                _notify_abort(listener, failure.error)
            raise failure.error from None
        finally:
            response.close()
        log.info("The server ended the stream %s", path)
        return None

    def _stream_query(self, params: Optional[Dict[str, Any]]) -> List[Tuple[str, Any]]:
        """The query of a stream: ``params`` plus the client's ``lang``, encoded like
        every request's (:func:`mastodon._encoding.form_pairs`)."""
        query = dict(params) if params else {}
        if self.lang is not None and "lang" not in query:
            query["lang"] = self.lang
        return form_pairs(query)

    def _stream_connect(self, url: str, params: Optional[Dict[str, Any]], timeout: Optional[float]) -> Any:
        """Open the stream: the response, once the server answered 200; else MastodonNetworkError."""
        headers = self._headers(extra={"Accept": "text/event-stream"})
        query = self._stream_query(params)
        connect_timeout = self.request_timeout
        if isinstance(connect_timeout, (tuple, list)):
            connect_timeout = connect_timeout[0]
        if self.debug_requests:
            _debug.print_request("GET", url, query, headers, None)
        try:
            response = self.session.request("GET", url, params=query, headers=headers, stream=True,
                                            timeout=(connect_timeout, timeout))
        except Exception as err:  # requests, urllib3 and socket failures alike
            raise MastodonNetworkError("Could not connect to streaming server: %s" % (err,)) from err
        status = getattr(response, "status_code", None)
        if status != 200:
            reason = getattr(response, "reason", None) or ""
            response.close()
            raise MastodonNetworkError("Could not connect to streaming server: HTTP %s %s" % (status, reason))
        log.debug("Stream connected: %s", url)
        return response
