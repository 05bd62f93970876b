"""Many streams over one WebSocket connection (Mastodon's ``/api/v1/streaming``).

:class:`WebSocketHandle` owns one connection, read by a background thread, and the
streams subscribed on it (:class:`WebSocketStream`, one per ``stream_*`` call given
``websocket_handle=``). The wire protocol: the client sends
``{"type": "subscribe", "stream": NAME, ...}`` (``tag`` for hashtags, ``list`` for
lists) and ``{"type": "unsubscribe", ...}``; the server sends text messages
``{"stream": [NAME, ...], "event": EVENT, "payload": JSON_TEXT}``. Every subscription is
sent again after each reconnection, once per stream however many listeners share it.

The transport is the synchronous client of the ``websockets`` package (the
``websocket`` extra); see docs/streaming.rst for the measurements that chose it. It is
imported on first use only.
"""
from __future__ import annotations
import json
import logging
import threading
import time
from typing import Any, Callable, Dict, List, Optional, Tuple
from urllib.parse import quote, urlencode, urlsplit

from mastodon import _debug
from mastodon._convert import json_hook
from mastodon.errors import (MastodonError, MastodonIllegalArgumentError, MastodonMalformedEventError,
                             MastodonNetworkError, MastodonReadTimeout)

log = logging.getLogger("mastodon")

#: The path of the WebSocket endpoint on the streaming host.
WEBSOCKET_PATH = "/api/v1/streaming"
#: Keep-alive pings are sent at least this often (seconds), whatever the timeout.
MAX_PING_INTERVAL = 30.0
#: How long closing waits for the server's part of the closing handshake (seconds).
CLOSE_TIMEOUT = 1.0
#: Largest message accepted (bytes).
MAX_MESSAGE = 16 * 1024 * 1024
#: WebSocket close codes that mean the frames themselves were malformed.
_PROTOCOL_CODES = frozenset((1002, 1003, 1007, 1009))
#: Events whose payload is not JSON (as in :mod:`mastodon.streaming`).
_NO_PAYLOAD_EVENTS = frozenset(("filters_changed",))

Key = Tuple[str, ...]


def load_websockets() -> Any:
    """The ``websockets.sync.client`` module, or NotImplementedError naming the extra."""
    try:
        from websockets.sync import client
    except ImportError as err:
        raise NotImplementedError(
            "Streaming over a WebSocket needs the 'websockets' package "
            "(pip install \"Mastodon.py[websocket]\"): %s" % (err,)) from err
    return client


def websocket_url(base_url: str) -> str:
    """``wss://host/api/v1/streaming`` for an ``https``/``wss`` base URL (``ws`` for
    ``http``/``ws``), keeping host and port."""
    parts = urlsplit(base_url)
    scheme = "wss" if parts.scheme.lower() in ("https", "wss") else "ws"
    return "%s://%s%s" % (scheme, parts.netloc, WEBSOCKET_PATH)


def stream_key(stream: Any) -> Optional[Key]:
    """The routing key of a message's ``stream`` field (a list of strings), or None.

    Compared case-insensitively for stream names and hashtags (servers may normalise
    the tag)."""
    if isinstance(stream, str):
        stream = [stream]
    if not isinstance(stream, list) or not stream:
        return None
    if not all(isinstance(part, (str, int)) and not isinstance(part, bool) for part in stream):
        return None
    stream = [str(part) for part in stream]
    name = stream[0].lower()
    if name.startswith("hashtag"):
        return tuple([name] + [part.lower() for part in stream[1:]])
    return tuple([name] + list(stream[1:]))


def subscription_key(message: Dict[str, str]) -> Key:
    """The key under which events of the subscription ``message`` arrive."""
    name = message["stream"].lower()
    if "tag" in message:
        return (name, message["tag"].lower())
    if "list" in message:
        return (name, message["list"])
    return (name,)


def _decode_payload(name: str, payload: Any, decode: Callable[[str], Any]) -> Any:
    if name in _NO_PAYLOAD_EVENTS:
        return None
    if payload is None:
        raise MastodonMalformedEventError("Missing event payload", name)
    if isinstance(payload, str):
        try:
            return decode(payload)
        except ValueError:
            raise MastodonMalformedEventError("Bad JSON", payload) from None
    # A server that sends the payload as JSON rather than as JSON text: convert it the same way.
    return decode(json.dumps(payload))


class WebSocketStream:
    """One stream subscribed on a :class:`WebSocketHandle`; returned by the ``stream_*``
    methods called with ``websocket_handle=`` and ``run_async=True``.

    It has the interface of :class:`~mastodon.StreamHandle`: :meth:`close`
    unsubscribes (from any thread, also from a handler; the connection and the other
    streams on it go on), :meth:`is_alive` tells whether it is still subscribed,
    :meth:`is_receiving` whether the connection is up; it is a context manager.
    """

    def __init__(self, handle: "WebSocketHandle", message: Dict[str, str], listener: Any, blocking: bool) -> None:
        self.handle = handle
        self.message = message
        self.key = subscription_key(message)
        self.listener = listener
        self.blocking = blocking
        self._handlers: Dict[Any, Any] = listener._handler_table()
        self._decode = json.JSONDecoder(object_hook=json_hook).decode
        self._done = threading.Event()
        self.error: Optional[BaseException] = None

    def close(self) -> None:
        """Unsubscribe this stream; no event reaches its listener afterwards."""
        self.handle._remove(self, None)

    def is_alive(self) -> bool:
        """Whether the stream is still subscribed (it ends on :meth:`close`, or with the
        connection when it is not reconnected)."""
        return not self._done.is_set()

    def is_receiving(self) -> bool:
        """Whether the stream is subscribed and its connection is up right now."""
        return not self._done.is_set() and self.handle.is_receiving()

    def __enter__(self) -> "WebSocketStream":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def wait(self) -> None:
        """Block until the stream ends; raise its error, if it ended with one."""
        try:
            while not self._done.wait(0.5):
                pass
        except BaseException:  # Ctrl-C in a blocking stream: unsubscribe on the way out
            self.close()
            raise
        if self.error is not None:
            raise self.error

    def _finish(self, error: Optional[BaseException]) -> None:
        if not self._done.is_set():
            self.error = error
            self._done.set()

    def _deliver(self, name: Any, payload: Any, stream: Any) -> None:
        """Dispatch one event; raises MastodonMalformedEventError or the handler's exception."""
        if not isinstance(name, str) or not name:
            raise MastodonMalformedEventError("Missing event name", payload)
        data = _decode_payload(name, payload, self._decode)
        self.listener._deliver(name, data, stream, self._handlers)


class WebSocketHandle:
    """One WebSocket connection to the streaming API that several streams share;
    returned by :meth:`Mastodon.stream_open_websocket`.

    Pass it as ``websocket_handle=`` to the ``stream_*`` methods to subscribe their
    streams on it. A background thread connects, subscribes every stream (again after
    every reconnection), and hands each event to the listener of the stream it belongs
    to. :meth:`close` ends everything from any thread; it is also a context manager.
    """

    def __init__(self, connect_info: Callable[[], Tuple[str, Dict[str, str]]], token: Optional[str],
                 listener: Any, timeout: Optional[float], reconnect: bool, wait: float,
                 open_timeout: Optional[float], delay: Callable[[float, int], float], healthy_after: float,
                 debug: bool = False, ssl_context: Any = None) -> None:
        self._client = load_websockets()
        self._debug = debug
        self._ssl = ssl_context
        self._connect_info = connect_info
        self._token = token
        self._token_in_query = False
        self.listener = listener
        self._timeout = timeout
        self._reconnect = bool(reconnect)
        self._wait = float(wait)
        self._open_timeout = open_timeout
        self._delay = delay
        self._healthy_after = healthy_after
        self._lock = threading.RLock()
        self._streams: Dict[Key, List[WebSocketStream]] = {}
        self._ws: Any = None
        self._closed = threading.Event()
        self._wanted = threading.Event()  # set while at least one stream is subscribed
        self._ended = False
        self._thread = threading.Thread(target=self._run, name="mastodon-websocket", daemon=True)

    def _start(self) -> "WebSocketHandle":
        self._thread.start()
        return self

    # -- public interface ------------------------------------------------------------------------
    def close(self) -> None:
        """Close the connection and end every stream on it (blocking ``stream_*`` calls
        waiting on it return None). Works from any thread, also from a handler; waits up
        to a few seconds for the thread to end (not from a handler). Idempotent."""
        self._closed.set()
        self._wanted.set()  # wakes a thread waiting for a first stream
        with self._lock:
            ws = self._ws
        if ws is not None:
            _close_quietly(ws)
        if threading.current_thread() is not self._thread and self._thread.is_alive():
            self._thread.join(CLOSE_TIMEOUT + 2)
        self._end_all(None)

    def is_alive(self) -> bool:
        """Whether the connection thread is running (connected, or waiting to reconnect)."""
        return self._thread.is_alive()

    def is_receiving(self) -> bool:
        """Whether the connection is up right now."""
        return self._ws is not None and not self._closed.is_set()

    def streams(self) -> List[Dict[str, str]]:
        """The subscriptions in force (the subscribe messages, without ``type``)."""
        with self._lock:
            return [dict(group[0].message) for group in self._streams.values()]

    def __enter__(self) -> "WebSocketHandle":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    # -- subscriptions ---------------------------------------------------------------------------
    def _add(self, message: Dict[str, str], listener: Any, blocking: bool) -> WebSocketStream:
        stream = WebSocketStream(self, message, listener, blocking)
        with self._lock:
            if self._closed.is_set() or self._ended:
                raise MastodonIllegalArgumentError("This WebSocket handle is closed; open a new one")
            group = self._streams.setdefault(stream.key, [])
            group.append(stream)
            self._wanted.set()
            if len(group) == 1 and self._ws is not None:
                self._send(self._ws, "subscribe", message)
        return stream

    def _remove(self, stream: WebSocketStream, error: Optional[BaseException]) -> None:
        with self._lock:
            group = self._streams.get(stream.key)
            if group is not None and stream in group:
                group.remove(stream)
                if not group:
                    del self._streams[stream.key]
                    if not self._streams and not self._closed.is_set():
                        self._wanted.clear()
                    if self._ws is not None and not self._closed.is_set():
                        self._send(self._ws, "unsubscribe", stream.message)
        stream._finish(error)

    def _send(self, ws: Any, kind: str, message: Dict[str, str]) -> None:
        try:
            ws.send(json.dumps(dict(message, type=kind)))
        except Exception as err:  # noqa: BLE001 - the reader notices the broken connection
            log.info("Could not send %s of %s: %s", kind, message.get("stream"), err)

    def _end_all(self, error: Optional[BaseException]) -> None:
        with self._lock:
            self._ended = True
            streams = [s for group in self._streams.values() for s in group]
            self._streams.clear()
        for stream in streams:
            stream._finish(error)

    def _listeners(self) -> List[Any]:
        with self._lock:
            listeners = [s.listener for group in self._streams.values() for s in group]
        if self.listener is not None:
            listeners.insert(0, self.listener)
        unique: List[Any] = []
        for listener in listeners:
            if not any(listener is seen for seen in unique):
                unique.append(listener)
        return unique

    def _abort(self, error: MastodonError, listeners: Optional[List[Any]] = None) -> None:
        for listener in listeners if listeners is not None else self._listeners():
            hook = getattr(listener, "on_abort", None)
            if hook is None:
                continue
            try:
                hook(error)
            except Exception:  # noqa: BLE001 - the connection thread must go on
                log.exception("The stream listener's on_abort raised")

    # -- the thread ------------------------------------------------------------------------------
    def _run(self) -> None:
        failures = 0
        outcome: Any = None
        try:
            while not self._closed.is_set():
                # Connect only while there is something to stream: the first stream also
                # goes in the URL, for servers that take one stream per connection only.
                while not self._wanted.wait(1.0):
                    pass
                if self._closed.is_set():
                    break
                started = time.monotonic()
                outcome, delivered = self._run_connection()
                if outcome is None or self._closed.is_set():
                    outcome = None
                    return
                clean = outcome is _CLEAN
                if not clean:
                    self._abort(outcome)
                if not self._reconnect:
                    if clean:
                        log.info("The server closed the WebSocket")
                    else:
                        log.error("WebSocket stream ended: %s", outcome)
                    return
                healthy = delivered > 0 or time.monotonic() - started >= self._healthy_after
                failures = 1 if healthy else failures + 1
                delay = self._delay(self._wait, failures)
                if clean:
                    log.info("The server closed the WebSocket; reconnecting in %.1f s", delay)
                else:
                    log.warning("WebSocket failed (%s); reconnecting in %.1f s", outcome, delay)
                if self._closed.wait(delay):
                    outcome = None
                    return
        finally:
            self._end_all(None if outcome is None or outcome is _CLEAN else outcome)

    def _open(self) -> Any:
        url, headers = self._connect_info()
        with self._lock:
            first = next(iter(self._streams.values()))[0].message if self._streams else {}
        query = [(key, value) for key, value in first.items()]
        if self._token and not self._token_in_query:
            headers["Authorization"] = "Bearer " + self._token
        elif self._token:
            query.append(("access_token", self._token))
        if self._debug:
            _debug.print_request("GET (WebSocket)", url, query, headers, None)
        if query:
            url += "?" + urlencode(query, quote_via=quote)
        ping_timeout = None if self._timeout is None else self._timeout / 2
        ping_interval = MAX_PING_INTERVAL if ping_timeout is None else min(MAX_PING_INTERVAL, ping_timeout)
        user_agent = headers.pop("User-Agent", None)
        extra: Dict[str, Any] = {"ssl": self._ssl} if self._ssl is not None else {}
        if self._token:  # websockets logs the handshake (token header or query) at DEBUG
            extra["logger"] = _MaskingLogger(logging.getLogger("websockets.client"), self._token)
        return self._client.connect(url, additional_headers=headers, user_agent_header=user_agent, **extra,
                                    compression=None, max_size=MAX_MESSAGE, open_timeout=self._open_timeout,
                                    ping_interval=ping_interval, ping_timeout=ping_timeout,
                                    close_timeout=CLOSE_TIMEOUT)

    def _connect(self) -> Any:
        """Open the connection: a websockets connection, or MastodonNetworkError."""
        for attempt in range(2):
            try:
                return self._open()
            except Exception as err:  # noqa: BLE001 - handshake, socket, TLS and URI failures alike
                status = getattr(getattr(err, "response", None), "status_code", None)
                if status in (400, 401, 403) and self._token and not self._token_in_query and attempt == 0:
                    # Some servers (GoToSocial) read the token from the query only.
                    log.info("The streaming server refused the token header (HTTP %s); "
                             "sending it as access_token instead", status)
                    self._token_in_query = True
                    continue
                raise MastodonNetworkError("Could not connect to streaming server: %s" % self._clean(err)) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _clean(self, err: BaseException) -> str:
        text = "%s: %s" % (type(err).__name__, err)
        if self._token:
            text = text.replace(self._token, "***").replace(quote(self._token, safe=""), "***")
        return text

    def _run_connection(self) -> Tuple[Any, int]:
        """One connection: (None when closed by us, _CLEAN, or the error; events delivered)."""
        try:
            manager = self._connect()
        except MastodonNetworkError as err:
            return err, 0
        delivered = 0
        from websockets.exceptions import ConnectionClosed, ConnectionClosedOK
        with manager as ws:
            with self._lock:
                if self._closed.is_set():
                    return None, 0
                self._ws = ws
                for group in self._streams.values():
                    self._send(ws, "subscribe", group[0].message)
            log.debug("WebSocket connected")
            try:
                while True:
                    try:
                        message = ws.recv()
                    except ConnectionClosedOK:
                        return (None if self._closed.is_set() else _CLEAN), delivered
                    except ConnectionClosed as err:
                        if self._closed.is_set():
                            return None, delivered
                        return self._closed_error(err), delivered
                    except Exception as err:  # noqa: BLE001 - any other transport failure
                        if self._closed.is_set():
                            return None, delivered
                        return MastodonNetworkError("Server ceased communication: %s" % self._clean(err)), delivered
                    try:
                        delivered += self._on_message(message)
                    except MastodonMalformedEventError as err:
                        if self._reconnect:
                            log.warning("Skipping a malformed stream message: %s", err)
                            self._abort(err)
                        else:
                            return err, delivered
            finally:
                with self._lock:
                    self._ws = None

    def _closed_error(self, err: Any) -> MastodonError:
        sent = getattr(err, "sent", None)
        received = getattr(err, "rcvd", None)
        sent_code = getattr(sent, "code", None)
        reason = getattr(sent, "reason", "") or ""
        if sent_code == 1011 and "keepalive" in reason:
            return MastodonReadTimeout("Server ceased communication: no answer to a ping within the stream "
                                       "timeout (%s s)" % self._timeout)
        if sent_code in _PROTOCOL_CODES and received is None:
            return MastodonMalformedEventError("Malformed WebSocket frame: %s" % (reason or sent_code))
        if received is not None:
            return MastodonNetworkError("The server closed the WebSocket with code %s %s"
                                        % (received.code, received.reason or ""))
        return MastodonNetworkError("Server ceased communication: %s" % self._clean(err))

    def _on_message(self, message: Any) -> int:
        """Route one message; returns how many streams it was delivered to."""
        if not isinstance(message, str):
            raise MastodonMalformedEventError("Binary WebSocket message", message[:100])
        try:
            frame = json.loads(message)
        except ValueError:
            raise MastodonMalformedEventError("Bad JSON", message[:1000]) from None
        if not isinstance(frame, dict):
            raise MastodonMalformedEventError("WebSocket message is not an object", message[:1000])
        name = frame.get("event")
        if name is None and "error" in frame:
            log.warning("The streaming server reported an error: %s (status %s)",
                        frame.get("error"), frame.get("status"))
            self._abort(MastodonNetworkError("Streaming server error: %s" % (frame.get("error"),)),
                        [self.listener] if self.listener is not None else [])
            return 0
        stream = frame.get("stream")
        key = stream_key(stream)
        with self._lock:
            targets = list(self._streams.get(key, ())) if key is not None else []
            if not targets:
                # A server that does not name the stream, or names it without its tag or
                # list id: unambiguous only if one subscription fits.
                fits = [group for k, group in self._streams.items() if key is None or k[0] == key[0]]
                if len(fits) == 1 and (key is None or len(key) == 1):
                    targets = list(fits[0])
        if not targets:
            log.debug("Dropping a %r event for stream %r: not subscribed", name, stream)
            return 0
        for target in targets:
            self._deliver(target, name, frame.get("payload"), stream)
        return 1

    def _deliver(self, target: WebSocketStream, name: Any, payload: Any, stream: Any) -> None:
        if target._done.is_set():
            return
        try:
            target._deliver(name, payload, stream)
        except MastodonMalformedEventError as err:
            if self._reconnect and not target.blocking:
                log.warning("Skipping a malformed stream event: %s", err)
                self._abort(err, [target.listener])
            else:
                self._abort(err, [target.listener])
                self._remove(target, err)
        except Exception as err:  # raised by the listener's handler
            if target.blocking:
                self._remove(target, err)  # raised in the calling thread
            elif self._reconnect:
                log.exception("A stream listener handler raised; the stream goes on")
            else:
                log.exception("A stream listener handler raised; the stream ends")
                self._remove(target, None)


class _MaskingLogger(logging.LoggerAdapter):  # type: ignore[type-arg]
    """The ``websockets`` library's logger for one connection, with the access token
    (as such and URL-quoted) replaced by ``***`` in every message: the library logs the
    handshake's request line and headers at DEBUG."""

    def __init__(self, logger: logging.Logger, token: str) -> None:
        super().__init__(logger, {})
        self._secrets = sorted({token, quote(token, safe="")}, key=len, reverse=True)

    def log(self, level: int, msg: Any, *args: Any, **kwargs: Any) -> None:
        if not self.isEnabledFor(level):
            return
        try:
            text = str(msg) % args if args else str(msg)
        except (TypeError, ValueError):
            text = " ".join(str(part) for part in (msg,) + args)
        for secret in self._secrets:
            text = text.replace(secret, "***")
        self.logger.log(level, "%s", text, **kwargs)


def _close_quietly(ws: Any) -> None:
    try:
        ws.close()
    except Exception:  # noqa: BLE001 - closing is best effort
        pass


#: Internal marker: the server closed the connection normally (not a failure).
_CLEAN = object()
