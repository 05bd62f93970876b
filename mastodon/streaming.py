"""Stream listeners: turning server-sent events into method calls (manual section 3.10).

A :class:`StreamListener` reads a stream with :meth:`StreamListener.handle_stream` and
calls one of its ``on_*`` methods per event. Reading and parsing the bytes is done by
:mod:`mastodon._sse`; opening, reconnecting and closing streams by the ``stream_*``
methods (:mod:`mastodon.streaming_endpoints`).
"""
from __future__ import annotations
import json
import logging
import threading
from typing import Any, Callable, Dict, Optional, Tuple

from mastodon._convert import json_hook
from mastodon._sse import HEARTBEAT, Event, EventParser, StreamFailure, body_chunks
from mastodon.errors import MastodonMalformedEventError, MastodonNetworkError
from mastodon.return_types import Announcement, Conversation, Notification, Status
from mastodon.utility import AttribAccessDict

__all__ = ["StreamListener", "CallbackStreamListener"]

log = logging.getLogger("mastodon")

#: Handler names a server must not be able to reach through an event name.
_RESERVED_HANDLERS = frozenset(("on_abort", "on_unknown_event", "on_heartbeat", "on_any_event"))
#: Events whose data is not JSON and whose handler takes no payload.
_NO_PAYLOAD_EVENTS = frozenset(("filters_changed",))
#: The entity class of the payload of these events (nested objects get theirs when read).
_EVENT_CLASSES = {"update": Status, "status.update": Status, "notification": Notification,
                  "conversation": Conversation, "announcement": Announcement}

# How a resolved handler is called.
_KNOWN, _BARE, _UNKNOWN = range(3)


class StreamListener:
    """Callbacks for the streaming API.

    Subclass it, override the ``on_*`` methods of the events you are interested in and
    pass an instance to :meth:`Mastodon.stream_user` (or another ``stream_*`` method).
    Every method here does nothing by default.

    An event named ``NAME`` goes to ``on_NAME``, dots replaced by underscores
    (``status.update`` calls :meth:`on_status_update`), so a handler for a new event
    works as soon as it is defined. Events without a handler go to
    :meth:`on_unknown_event`; so do events named ``abort``, ``unknown_event`` and
    ``heartbeat`` and ``any_event``: the server cannot call the listener's own machinery. Payloads are
    converted like REST answers (ids to ``int``, dates to ``datetime``, attribute
    access).

    A handler that has a parameter named ``for_stream`` also gets the decoded
    ``stream`` field of the event (None when the event has none) as last argument, and
    :meth:`on_any_event` sees every event first. The same listener works on both
    transports: server-sent events and a shared WebSocket
    (:meth:`Mastodon.stream_open_websocket`).
    """

    def on_update(self, status: Any) -> None:
        """A new status has appeared; ``status`` is a status dict."""

    def on_delete(self, status_id: Any) -> None:
        """A status has been deleted; ``status_id`` is its id (an int)."""

    def on_notification(self, notification: Any) -> None:
        """A new notification; ``notification`` is a notification dict."""

    def on_filters_changed(self) -> None:
        """The user's filters changed (the event has no payload); refetch them if needed."""

    def on_conversation(self, conversation: Any) -> None:
        """A direct message arrived (direct stream); ``conversation`` is a conversation dict."""

    def on_announcement(self, annoucement: Any) -> None:
        """A new announcement; ``annoucement`` (sic, the 1.8.0 name) is an announcement dict."""

    def on_announcement_reaction(self, TODO: Any) -> None:
        """Someone reacted to an announcement; ``TODO`` (the 1.8.0 name) is the reaction dict
        (``name``, ``count``, ``announcement_id``)."""

    def on_announcement_delete(self, annoucement_id: Any) -> None:
        """An announcement was deleted; ``annoucement_id`` (sic) is its id."""

    def on_status_update(self, status: Any) -> None:
        """A status has been edited; ``status`` is the new status dict."""

    def on_encrypted_message(self, unclear: Any) -> None:
        """An encrypted message arrived; ``unclear`` (the 1.8.0 name) is its payload."""

    def on_abort(self, err: Exception) -> None:
        """The stream failed: connection error, read timeout, refused connection or
        malformed event. ``err`` is the exception (a :class:`~mastodon.MastodonNetworkError`,
        :class:`~mastodon.MastodonReadTimeout` or :class:`~mastodon.MastodonMalformedEventError`).

        Without automatic reconnection, it is raised once this method returns. With
        ``run_async=True, reconnect_async=True`` the stream goes on: after a malformed
        event on the same connection, otherwise on a new one. Events sent while the
        connection was down are not replayed; use this hook to fetch what was missed.
        """

    def on_any_event(self, name: str, data: Any, for_stream: Any = None) -> None:
        """Called for every event (SSE and WebSocket alike) before its own handler:
        ``name`` is the event name, ``data`` its converted payload (None for
        ``filters_changed``), ``for_stream`` the stream it came from (a list such as
        ``["hashtag", "birds"]``, or None when the server did not say). Does nothing by
        default; override it to see every event in one place (2.x API)."""

    def on_unknown_event(self, name: str, unknown_event: Any = None) -> None:
        """An event without a handler of its own. ``name`` is the event name,
        ``unknown_event`` its payload (the converted JSON, as for every event: an event
        without data or with data that is not JSON is malformed). Which events end up
        here may change when new handlers are added."""

    def handle_heartbeat(self) -> None:
        """The server sent a keep-alive comment (Mastodon does so every few seconds)."""

    def handle_stream(self, response: Any) -> None:
        """Read a stream of server-sent events from ``response`` and dispatch its events.

        ``response`` is a streamed ``requests.Response`` or any object with an
        ``iter_content(chunk_size=...)`` method yielding ``bytes`` chunks of any size.
        Returns when the stream ends at an event boundary. A connection failure, a
        stream cut off in the middle of an event (:class:`~mastodon.MastodonNetworkError`,
        :class:`~mastodon.MastodonReadTimeout`) or a malformed event
        (:class:`~mastodon.MastodonMalformedEventError`) is passed to :meth:`on_abort`
        and then raised. Exceptions raised by handlers propagate unchanged.
        """
        try:
            self._consume(response)
        except StreamFailure as failure:
            self.on_abort(failure.error)
            raise failure.error from None

    # -- reading ---------------------------------------------------------------------------------
    def _consume(self, response: Any, keep_going: bool = False, stop: Optional[threading.Event] = None) -> int:
        """Dispatch the events of ``response`` until it ends; return how many were dispatched.

        Stream failures raise :class:`StreamFailure` (``on_abort`` not called). With
        ``keep_going``, a malformed event is passed to ``on_abort`` and skipped, and a
        handler exception is logged and skipped; otherwise the first raises
        :class:`StreamFailure` and the second propagates. Reading stops early once
        ``stop`` is set.
        """
        parser = EventParser()
        handlers = self._handler_table()
        # The conversion of REST answers (mastodon._convert.loads), with the decoder
        # built once per stream instead of once per event.
        decode = json.JSONDecoder(object_hook=json_hook).decode
        dispatched = 0
        try:
            for chunk in body_chunks(response, stop):
                for item in parser.feed(chunk):
                    if stop is not None and stop.is_set():
                        return dispatched
                    try:
                        if item is HEARTBEAT:
                            self.handle_heartbeat()
                        else:
                            self._dispatch(item, handlers, decode)
                            dispatched += 1
                    except MastodonMalformedEventError as err:
                        if not keep_going:
                            raise StreamFailure(err) from None
                        log.warning("Skipping a malformed stream event: %s", err)
                        try:
                            self.on_abort(err)
                        except Exception:  # noqa: BLE001 - the stream goes on
                            log.exception("The stream listener's on_abort raised")
                    except Exception:
                        if not keep_going:
                            raise
                        log.exception("A stream listener handler raised; the stream goes on")
            if parser.pending:
                raise StreamFailure(MastodonNetworkError("Server ceased communication in the middle of an event."))
        except StreamFailure as failure:
            failure.dispatched = dispatched
            raise
        return dispatched

    def _handler_table(self) -> Dict[Any, Any]:
        """A fresh cache of resolved handlers for one stream (see :meth:`_deliver`); the
        key ``None`` holds ``on_any_event`` when a subclass overrides it."""
        overridden = type(self).on_any_event is not StreamListener.on_any_event
        return {None: self.on_any_event if overridden else None}

    def _dispatch(self, event: Event, handlers: Dict[Any, Any], decode: Callable[[str], Any]) -> None:
        name, data, stream, error = event
        if error is not None:
            raise MastodonMalformedEventError(error)
        if name is None:
            raise MastodonMalformedEventError("Missing event name", data)
        if name in _NO_PAYLOAD_EVENTS:
            payload = None
        elif data is None:
            raise MastodonMalformedEventError("Missing event payload", name)
        else:
            try:
                payload = decode(data)
            except ValueError:
                raise MastodonMalformedEventError("Bad JSON", data) from None
        self._deliver(name, payload, stream, handlers)

    def _deliver(self, name: str, payload: Any, stream: Any, handlers: Dict[Any, Any]) -> None:
        """Call ``on_any_event`` (if overridden) and the handler of event ``name`` with its
        converted ``payload``. ``stream`` is the event's stream: the raw JSON text of an
        SSE ``stream`` field, or the list a WebSocket message carries (or None)."""
        if payload.__class__ is AttribAccessDict and name in _EVENT_CLASSES:
            object.__setattr__(payload, "__class__", _EVENT_CLASSES[name])
        entry = handlers.get(name)
        if entry is None:
            entry = handlers[name] = self._resolve(name)
        handler, kind, takes_stream = entry
        any_hook = handlers[None]
        if takes_stream or any_hook is not None:
            for_stream = _decode_stream(stream) if isinstance(stream, str) else stream
            if any_hook is not None:
                any_hook(name, payload, for_stream)
        if kind == _KNOWN:
            args: Tuple[Any, ...] = (payload,)
        elif kind == _BARE:
            args = ()
        else:
            args = (name, payload)
        if takes_stream:
            args += (for_stream,)
        handler(*args)

    def _resolve(self, name: str) -> Tuple[Callable[..., Any], int, bool]:
        """The handler of event ``name``, how to call it, and whether it takes ``for_stream``."""
        attribute = "on_" + name.replace(".", "_")
        handler = None if attribute in _RESERVED_HANDLERS else getattr(self, attribute, None)
        if callable(handler):
            kind = _BARE if name in _NO_PAYLOAD_EVENTS else _KNOWN
        else:
            handler, kind = self.on_unknown_event, _UNKNOWN
        try:
            import inspect  # only for handlers not seen before; slow to import
            takes_stream = "for_stream" in inspect.signature(handler).parameters
        except (TypeError, ValueError):
            takes_stream = False
        return handler, kind, takes_stream


class CallbackStreamListener(StreamListener):
    """A listener that calls the functions it is given instead of being subclassed.

    Each ``*_handler`` receives the payload of its event (``filters_changed_handler``
    is called without arguments, ``unknown_event_handler`` with the event name and the
    payload). ``local_update_handler`` additionally receives the updates whose author is
    local (``status.account.acct`` has no ``@``). ``unknown_event_handler`` is meant for
    diagnostics: events may stop going to it once they get a handler of their own.
    ``encryted_message_handler`` is spelled as in 1.8.0.
    """

    def __init__(self, update_handler: Optional[Callable[..., Any]] = None,
                 local_update_handler: Optional[Callable[..., Any]] = None,
                 delete_handler: Optional[Callable[..., Any]] = None,
                 notification_handler: Optional[Callable[..., Any]] = None,
                 conversation_handler: Optional[Callable[..., Any]] = None,
                 unknown_event_handler: Optional[Callable[..., Any]] = None,
                 status_update_handler: Optional[Callable[..., Any]] = None,
                 filters_changed_handler: Optional[Callable[..., Any]] = None,
                 announcement_handler: Optional[Callable[..., Any]] = None,
                 announcement_reaction_handler: Optional[Callable[..., Any]] = None,
                 announcement_delete_handler: Optional[Callable[..., Any]] = None,
                 encryted_message_handler: Optional[Callable[..., Any]] = None) -> None:
        super().__init__()
        self.update_handler = update_handler
        self.local_update_handler = local_update_handler
        self.delete_handler = delete_handler
        self.notification_handler = notification_handler
        self.conversation_handler = conversation_handler
        self.unknown_event_handler = unknown_event_handler
        self.status_update_handler = status_update_handler
        self.filters_changed_handler = filters_changed_handler
        self.announcement_handler = announcement_handler
        self.announcement_reaction_handler = announcement_reaction_handler
        self.announcement_delete_handler = announcement_delete_handler
        self.encryted_message_handler = encryted_message_handler

    def _call(self, handler_attribute: str, *args: Any) -> None:
        handler = getattr(self, handler_attribute)
        if handler is not None:
            handler(*args)

    def on_update(self, status: Any) -> None:
        """Call ``update_handler``, and ``local_update_handler`` for a local author."""
        self._call("update_handler", status)
        if self.local_update_handler is not None:
            account = status.get("account") if isinstance(status, dict) else None
            acct = account.get("acct") if isinstance(account, dict) else None
            if not isinstance(acct, str):
                raise MastodonMalformedEventError("received bad update", status)
            if "@" not in acct:
                self.local_update_handler(status)

    def on_delete(self, status_id: Any) -> None:
        """Call ``delete_handler``."""
        self._call("delete_handler", status_id)

    def on_notification(self, notification: Any) -> None:
        """Call ``notification_handler``."""
        self._call("notification_handler", notification)

    def on_filters_changed(self) -> None:
        """Call ``filters_changed_handler`` (without arguments)."""
        self._call("filters_changed_handler")

    def on_conversation(self, conversation: Any) -> None:
        """Call ``conversation_handler``."""
        self._call("conversation_handler", conversation)

    def on_announcement(self, annoucement: Any) -> None:
        """Call ``announcement_handler``."""
        self._call("announcement_handler", annoucement)

    def on_announcement_reaction(self, TODO: Any) -> None:
        """Call ``announcement_reaction_handler``."""
        self._call("announcement_reaction_handler", TODO)

    def on_announcement_delete(self, annoucement_id: Any) -> None:
        """Call ``announcement_delete_handler``."""
        self._call("announcement_delete_handler", annoucement_id)

    def on_status_update(self, status: Any) -> None:
        """Call ``status_update_handler``."""
        self._call("status_update_handler", status)

    def on_encrypted_message(self, unclear: Any) -> None:
        """Call ``encryted_message_handler``."""
        self._call("encryted_message_handler", unclear)

    def on_any_event(self, name: str, data: Any, for_stream: Any = None) -> None:
        """Called for every event (SSE and WebSocket alike) before its own handler:
        ``name`` is the event name, ``data`` its converted payload (None for
        ``filters_changed``), ``for_stream`` the stream it came from (a list such as
        ``["hashtag", "birds"]``, or None when the server did not say). Does nothing by
        default; override it to see every event in one place (2.x API)."""

    def on_unknown_event(self, name: str, unknown_event: Any = None) -> None:
        """Call ``unknown_event_handler`` with the event name and payload."""
        self._call("unknown_event_handler", name, unknown_event)


def consume(listener: Any, response: Any, keep_going: bool = False, stop: Optional[threading.Event] = None) -> int:
    """Run ``listener`` on ``response`` for the ``stream_*`` methods (see ``_consume``).

    A listener that is not a :class:`StreamListener`, or that overrides
    :meth:`StreamListener.handle_stream`, is run through its ``handle_stream``, which
    calls ``on_abort`` itself.
    """
    if isinstance(listener, StreamListener) and type(listener).handle_stream is StreamListener.handle_stream:
        return listener._consume(response, keep_going, stop)
    try:
        listener.handle_stream(response)
    except (MastodonNetworkError, MastodonMalformedEventError) as err:
        raise StreamFailure(err, aborted=True) from None
    return 0


def _decode_stream(stream: Optional[str]) -> Any:
    if stream is None:
        return None
    try:
        return json.loads(stream)
    except ValueError:
        return None
