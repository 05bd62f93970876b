"""Streams over one WebSocket: subscriptions, routing, reconnection, faults, threads.

Every test runs against a hand-made WebSocket server end on 127.0.0.1
(:class:`tests.stream_server.WsConnection`), which can also send malformed frames,
stay silent, close or reset the connection.
"""
import sys
import json
import logging
import threading
import time

import pytest

from mastodon import (Mastodon, MastodonIllegalArgumentError, MastodonMalformedEventError, MastodonNetworkError,
                      MastodonReadTimeout, StreamListener, WebSocketHandle, WebSocketStream)
from mastodon import _websocket

pytest.importorskip("websockets.sync.client", reason="the websocket extra is not installed")
from tests import entities
from tests.conftest import TOKEN
from tests.stream_server import ws_frame
from tests.test_streaming import Recorder, status_json, wait_until

pytestmark = pytest.mark.timeout(60)


class StreamRecorder(Recorder):
    """Also records for_stream and on_any_event."""

    def on_update(self, status, for_stream=None):
        self._record("update", status, for_stream)

    def on_any_event(self, name, data, for_stream):
        self._record("any", name, for_stream)


def subscribe_and_wait(conn, count):
    conn.accept()
    return conn.subscriptions(count)


# -- the connection --------------------------------------------------------------------------------
def test_handshake_url_headers_and_token(sserver, sapi, handles):
    got = []

    def script(conn):
        got.extend(subscribe_and_wait(conn, 1))
        conn.serve_until_closed()

    sserver.ws_scripts = [script]
    sserver.start()
    handle = sapi.stream_open_websocket()
    handles.append(handle)
    assert isinstance(handle, WebSocketHandle)
    stream = sapi.stream_user(Recorder(), run_async=True, websocket_handle=handle)
    assert isinstance(stream, WebSocketStream)
    assert wait_until(lambda: got)
    request = sserver.ws_connections[0].request
    assert request.path == "/api/v1/streaming" and request.query == {"stream": ["user"]}  # the first stream
    assert request.header("Authorization") == "Bearer " + TOKEN
    assert request.header("User-Agent") == "streamtest/1.0"
    assert got == [{"type": "subscribe", "stream": "user"}]
    assert [r.path for r in sserver.requests] == ["/api/v1/instance/", "/api/v1/streaming"]


def test_token_goes_to_the_query_when_the_header_is_refused(sserver, sapi, handles):
    def refuse(conn):
        conn.refuse(401)

    def accept(conn):
        conn.accept()
        conn.serve_until_closed()

    sserver.ws_scripts = [refuse, accept]
    sserver.start()
    listener = Recorder()
    handle = sapi.stream_open_websocket(listener)
    handles.append(handle)
    time.sleep(0.1)
    assert sserver.ws_connections == []  # nothing to stream yet: no connection
    sapi.stream_hashtag("birds", None, run_async=True, websocket_handle=handle)
    assert wait_until(handle.is_receiving)
    first, second = sserver.ws_connections[0].request, sserver.ws_connections[1].request
    assert first.query == {"stream": ["hashtag"], "tag": ["birds"]}
    assert first.header("Authorization") == "Bearer " + TOKEN
    assert second.query == {"stream": ["hashtag"], "tag": ["birds"], "access_token": [TOKEN]}
    assert second.header("Authorization") is None
    assert listener.of("abort") == []


def test_websocket_url_from_the_instance(server, make_api):
    server.route("GET", "/api/v1/instance/", json=entities.instance(streaming_api="wss://stream.example.social"))
    api = make_api(mastodon_version="4.2.0")
    assert _websocket.websocket_url(api._streaming_base_url()) == "wss://stream.example.social/api/v1/streaming"
    server.route("GET", "/api/v1/instance/", json=entities.instance(streaming_api=None))
    api = make_api(mastodon_version="4.2.0")
    expected = server.url.replace("http://", "ws://") + "/api/v1/streaming"
    assert _websocket.websocket_url(api._streaming_base_url()) == expected
    assert _websocket.websocket_url("https://example.social:8443") == "wss://example.social:8443/api/v1/streaming"


def test_subscribe_messages_of_every_stream(sserver, sapi, handles):
    got = []

    def script(conn):
        got.extend(subscribe_and_wait(conn, 9))
        conn.serve_until_closed()

    sserver.ws_scripts = [script]
    sserver.start()
    handle = sapi.stream_open_websocket(Recorder())
    handles.append(handle)
    calls = [lambda h: sapi.stream_user(None, run_async=True, websocket_handle=h),
             lambda h: sapi.stream_user_notifications(None, run_async=True, websocket_handle=h),
             lambda h: sapi.stream_public(None, run_async=True, websocket_handle=h),
             lambda h: sapi.stream_public(None, run_async=True, remote=True, only_media=True, websocket_handle=h),
             lambda h: sapi.stream_local(None, run_async=True, only_media=True, websocket_handle=h),
             lambda h: sapi.stream_hashtag("Birds", None, run_async=True, websocket_handle=h),
             lambda h: sapi.stream_hashtag("birds", None, local=True, run_async=True, websocket_handle=h),
             lambda h: sapi.stream_list({"id": 12}, None, run_async=True, websocket_handle=h),
             lambda h: sapi.stream_direct(None, run_async=True, websocket_handle=h)]
    for call in calls:
        call(handle)
    assert wait_until(lambda: len(got) == 9)
    assert sorted(json.dumps(m, sort_keys=True) for m in got) == sorted(json.dumps(m, sort_keys=True) for m in [
        {"type": "subscribe", "stream": "user"}, {"type": "subscribe", "stream": "user:notification"},
        {"type": "subscribe", "stream": "public"}, {"type": "subscribe", "stream": "public:remote:media"},
        {"type": "subscribe", "stream": "public:local:media"},
        {"type": "subscribe", "stream": "hashtag", "tag": "Birds"},
        {"type": "subscribe", "stream": "hashtag:local", "tag": "birds"},
        {"type": "subscribe", "stream": "list", "list": "12"}, {"type": "subscribe", "stream": "direct"}])
    assert len(handle.streams()) == 9


# -- several streams, routing, unsubscribe -------------------------------------------------------------
def test_several_streams_on_one_connection_each_event_to_its_listener(sserver, sapi, handles):
    ready = threading.Event()

    def script(conn):
        subscribe_and_wait(conn, 2)
        ready.wait(5)
        conn.event(["hashtag", "birds"], "update", status_json(1))
        conn.event(["user"], "update", status_json(2))
        conn.event(["user"], "notification", entities.notification(id="3"))
        conn.event(["public"], "update", status_json(4))  # not subscribed: dropped
        conn.event(["user"], "delete", "5")
        conn.event(["user"], "filters_changed")
        conn.serve_until_closed()

    sserver.ws_scripts = [script]
    sserver.start()
    handle = sapi.stream_open_websocket()
    handles.append(handle)
    birds, user = StreamRecorder(), StreamRecorder()
    sapi.stream_hashtag("birds", birds, run_async=True, websocket_handle=handle)
    sapi.stream_user(user, run_async=True, websocket_handle=handle)
    ready.set()
    assert user.wait_for("filters_changed")
    assert [(s.id, fs) for (s, fs) in birds.of("update")] == [(1, ["hashtag", "birds"])]
    assert [(s.id, fs) for (s, fs) in user.of("update")] == [(2, ["user"])]
    assert [n.id for (n,) in user.of("notification")] == [3]
    assert user.of("delete") == [(5,)]
    assert birds.of("any") == [("update", ["hashtag", "birds"])]
    assert user.of("any") == [("update", ["user"]), ("notification", ["user"]), ("delete", ["user"]),
                              ("filters_changed", ["user"])]
    assert user.of("update")[0][0].created_at.tzinfo is not None
    assert birds.of("abort") == [] and user.of("abort") == []


def test_two_listeners_on_one_stream_subscribe_once_and_get_each_event_once(sserver, sapi, handles):
    go = threading.Event()
    got = []

    def script(conn):
        conn.accept()
        got.extend(conn.subscriptions(1))
        go.wait(5)
        conn.event(["user"], "delete", "1")
        got.extend(conn.subscriptions(1, timeout=3))  # the unsubscribe, once both are gone
        conn.serve_until_closed()

    sserver.ws_scripts = [script]
    sserver.start()
    handle = sapi.stream_open_websocket()
    handles.append(handle)
    first, second = Recorder(), Recorder()
    one = sapi.stream_user(first, run_async=True, websocket_handle=handle)
    two = sapi.stream_user(second, run_async=True, websocket_handle=handle)
    assert wait_until(lambda: len(got) == 1)
    go.set()
    assert first.wait_for("delete") and second.wait_for("delete")
    one.close()
    time.sleep(0.1)
    assert len(got) == 1  # still one listener: no unsubscribe yet
    two.close()
    assert wait_until(lambda: len(got) == 2)
    assert got == [{"type": "subscribe", "stream": "user"}, {"type": "unsubscribe", "stream": "user"}]
    assert first.of("delete") == [(1,)] and second.of("delete") == [(1,)]


def test_unsubscribe_stops_delivery_and_keeps_the_other_streams(sserver, sapi, handles):
    unsubscribed = threading.Event()

    def script(conn):
        subscribe_and_wait(conn, 2)
        conn.event(["user"], "delete", "1")
        conn.event(["direct"], "delete", "2")
        message = conn.recv_json(5)
        assert message == {"type": "unsubscribe", "stream": "direct"}
        unsubscribed.set()
        conn.event(["direct"], "delete", "3")  # in flight after the unsubscribe: not delivered
        conn.event(["user"], "delete", "4")
        conn.serve_until_closed()

    sserver.ws_scripts = [script]
    sserver.start()
    handle = sapi.stream_open_websocket()
    handles.append(handle)
    user, direct = Recorder(), Recorder()
    sapi.stream_user(user, run_async=True, websocket_handle=handle)
    with sapi.stream_direct(direct, run_async=True, websocket_handle=handle) as stream:
        assert direct.wait_for("delete")
        assert stream.is_alive() and stream.is_receiving()
    assert not stream.is_alive()
    assert user.wait_for("delete", 2)
    assert unsubscribed.is_set()
    assert user.of("delete") == [(1,), (4,)] and direct.of("delete") == [(2,)]


def test_blocking_stream_returns_when_the_handle_closes_from_another_thread(sserver, sapi, handles):
    def script(conn):
        subscribe_and_wait(conn, 1)
        conn.event(["user"], "delete", "1")
        conn.serve_until_closed()

    sserver.ws_scripts = [script]
    sserver.start()
    handle = sapi.stream_open_websocket()
    handles.append(handle)
    listener = Recorder()
    timer = threading.Thread(target=lambda: (listener.wait_for("delete"), handle.close()))
    timer.start()
    started = time.monotonic()
    assert sapi.stream_user(listener, websocket_handle=handle) is None
    timer.join(5)
    assert time.monotonic() - started < 5
    assert not handle.is_alive() and listener.of("abort") == []
    with pytest.raises(MastodonIllegalArgumentError, match="closed"):
        sapi.stream_user(listener, websocket_handle=handle)


def test_close_from_another_thread_while_the_server_is_silent(sserver, sapi, handles):
    def script(conn):
        conn.accept()
        conn.serve_until_closed()

    sserver.ws_scripts = [script]
    sserver.start()
    handle = sapi.stream_open_websocket(timeout=None)
    handles.append(handle)
    stream = sapi.stream_user(Recorder(), run_async=True, websocket_handle=handle)
    assert wait_until(handle.is_receiving)
    closer = threading.Thread(target=handle.close)
    started = time.monotonic()
    closer.start()
    closer.join(5)
    assert time.monotonic() - started < 3
    assert not handle.is_alive() and not stream.is_alive()


def test_handler_exception_in_a_blocking_stream_propagates(sserver, sapi, handles):
    def script(conn):
        subscribe_and_wait(conn, 1)
        conn.event(["user"], "delete", "1")
        conn.serve_until_closed()

    class Failing(Recorder):
        def on_delete(self, status_id):
            raise ValueError("bug in the bot")

    sserver.ws_scripts = [script]
    sserver.start()
    handle = sapi.stream_open_websocket()
    handles.append(handle)
    with pytest.raises(ValueError, match="bug in the bot"):
        sapi.stream_user(Failing(), websocket_handle=handle)
    assert handle.streams() == []


# -- reconnection ------------------------------------------------------------------------------------
def test_resubscribes_after_a_server_side_close_without_double_delivery(sserver, sapi, handles):
    seen = []

    def first(conn):
        seen.append(sorted(m["stream"] for m in subscribe_and_wait(conn, 2)))
        conn.event(["user"], "delete", "1")
        conn.event(["hashtag", "birds"], "delete", "2")
        conn.close(1001, "going away")

    def second(conn):
        seen.append(sorted(m["stream"] for m in subscribe_and_wait(conn, 2)))
        conn.event(["user"], "delete", "3")
        conn.event(["hashtag", "birds"], "delete", "4")
        conn.serve_until_closed()

    sserver.ws_scripts = [first, second]
    sserver.start()
    handle_listener = Recorder()
    handle = sapi.stream_open_websocket(handle_listener, reconnect_async=True, reconnect_async_wait_sec=0.05)
    handles.append(handle)
    user, birds = Recorder(), Recorder()
    sapi.stream_user(user, run_async=True, websocket_handle=handle)
    sapi.stream_hashtag("birds", birds, run_async=True, websocket_handle=handle)
    assert user.wait_for("delete", 2) and birds.wait_for("delete", 2)
    time.sleep(0.1)
    assert seen == [["hashtag", "user"], ["hashtag", "user"]]
    assert user.of("delete") == [(1,), (3,)] and birds.of("delete") == [(2,), (4,)]
    assert handle_listener.of("abort") == [] and user.of("abort") == []  # a close is not a failure
    assert len(sserver.ws_connections) == 2


def test_resubscribes_after_a_reset_and_reports_it(sserver, sapi, handles):
    seen = []

    def first(conn):
        seen.append([m["stream"] for m in subscribe_and_wait(conn, 1)])
        conn.event(["user"], "delete", "1")
        time.sleep(0.05)
        conn.reset()

    def second(conn):
        seen.append([m["stream"] for m in subscribe_and_wait(conn, 1)])
        conn.event(["user"], "delete", "2")
        conn.serve_until_closed()

    sserver.ws_scripts = [first, second]
    sserver.start()
    handle = sapi.stream_open_websocket(reconnect_async=True, reconnect_async_wait_sec=0.05)
    handles.append(handle)
    user = Recorder()
    stream = sapi.stream_user(user, run_async=True, websocket_handle=handle)
    assert user.wait_for("delete", 2)
    assert seen == [["user"], ["user"]] and user.of("delete") == [(1,), (2,)]
    aborts = [err for (err,) in user.of("abort")]
    assert len(aborts) == 1 and isinstance(aborts[0], MastodonNetworkError)
    assert stream.is_alive() and wait_until(stream.is_receiving)


def test_without_reconnect_a_reset_ends_the_streams_and_raises_in_blocking_mode(sserver, sapi, handles):
    def script(conn):
        subscribe_and_wait(conn, 1)
        conn.event(["user"], "delete", "1")
        time.sleep(0.05)
        conn.reset()

    sserver.ws_scripts = [script]
    sserver.start()
    handle = sapi.stream_open_websocket()
    handles.append(handle)
    listener = Recorder()
    with pytest.raises(MastodonNetworkError) as raised:
        sapi.stream_user(listener, websocket_handle=handle)
    assert listener.of("delete") == [(1,)] and listener.of("abort") == [(raised.value,)]
    assert wait_until(lambda: not handle.is_alive())
    assert len(sserver.ws_connections) == 1


def test_without_reconnect_a_clean_close_returns(sserver, sapi, handles):
    def script(conn):
        subscribe_and_wait(conn, 1)
        conn.event(["user"], "delete", "1")
        conn.close(1000)

    sserver.ws_scripts = [script]
    sserver.start()
    handle = sapi.stream_open_websocket()
    handles.append(handle)
    listener = Recorder()
    assert sapi.stream_user(listener, websocket_handle=handle) is None
    assert listener.of("delete") == [(1,)] and listener.of("abort") == []


def test_reconnect_backs_off_from_a_server_that_refuses(sserver, sapi, handles):
    def refuse(conn):
        conn.refuse(503)

    sserver.ws_scripts = [refuse]
    sserver.start()
    listener = Recorder()
    handle = sapi.stream_open_websocket(listener, reconnect_async=True, reconnect_async_wait_sec=0.05)
    handles.append(handle)
    sapi.stream_user(None, run_async=True, websocket_handle=handle)
    assert listener.wait_for("abort", 4, timeout=5)
    handle.close()
    times = sserver.ws_times[:4]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert gaps[0] >= 0.04 and gaps[1] >= 0.09 and gaps[2] >= 0.18  # 0.05, 0.1, 0.2: doubling
    assert all(isinstance(err, MastodonNetworkError) for (err,) in listener.of("abort"))
    assert all(TOKEN not in str(err) for (err,) in listener.of("abort"))


# -- faults ------------------------------------------------------------------------------------------
def test_silent_server_is_detected_by_ping_timeout(sserver, sapi, handles):
    def script(conn):
        conn.answer_pings = False
        subscribe_and_wait(conn, 1)
        conn.serve_until_closed(3)

    sserver.ws_scripts = [script]
    sserver.start()
    handle = sapi.stream_open_websocket(timeout=0.4)
    handles.append(handle)
    listener = Recorder()
    started = time.monotonic()
    with pytest.raises(MastodonReadTimeout) as raised:
        sapi.stream_user(listener, websocket_handle=handle)
    assert 0.3 < time.monotonic() - started < 3
    assert listener.of("abort") == [(raised.value,)]
    assert sserver.ws_connections[0].pings >= 1


def test_a_server_that_answers_pings_stays_connected(sserver, sapi, handles):
    def script(conn):
        subscribe_and_wait(conn, 1)
        conn.serve_until_closed(2.2)  # silent, but answering pings, for several timeouts
        conn.event(["user"], "delete", "1")
        conn.serve_until_closed()

    sserver.ws_scripts = [script]
    sserver.start()
    handle = sapi.stream_open_websocket(timeout=1.0)
    handles.append(handle)
    listener = Recorder()
    sapi.stream_user(listener, run_async=True, websocket_handle=handle)
    assert listener.wait_for("delete", timeout=5)
    assert listener.of("abort") == [] and sserver.ws_connections[0].pings >= 2


@pytest.mark.parametrize("message, text", [
    (ws_frame(b"not json"), "Bad JSON"),
    (ws_frame(b"[1, 2]"), "not an object"),
    (ws_frame(b'{"stream": ["user"], "payload": "1"}'), "Missing event name"),
    (ws_frame(b'{"stream": ["user"], "event": "update", "payload": "{bad"}'), "Bad JSON"),
    (ws_frame(b'{"stream": ["user"], "event": "update"}'), "Missing event payload"),
    (ws_frame(b"\x00\x01", opcode=2), "Binary"),
])
def test_malformed_messages_are_reported(sserver, sapi, handles, message, text):
    def script(conn):
        subscribe_and_wait(conn, 1)
        conn.send(message)
        conn.serve_until_closed()

    sserver.ws_scripts = [script]
    sserver.start()
    handle = sapi.stream_open_websocket()
    handles.append(handle)
    listener = Recorder()
    with pytest.raises(MastodonMalformedEventError, match=text) as raised:
        sapi.stream_user(listener, websocket_handle=handle)
    assert listener.of("abort") == [(raised.value,)]


@pytest.mark.parametrize("frame", [
    ws_frame(b'{"a": 1}', rsv=2),                # reserved bit without an extension
    ws_frame(b"xx", opcode=3),                   # reserved opcode
    ws_frame(b'"\xff\xfe"'),                     # text that is not UTF-8
])
def test_malformed_frames_are_malformed_event_errors(sserver, sapi, handles, frame):
    def script(conn):
        subscribe_and_wait(conn, 1)
        conn.send(frame)
        conn.serve_until_closed(3)

    sserver.ws_scripts = [script]
    sserver.start()
    handle = sapi.stream_open_websocket()
    handles.append(handle)
    listener = Recorder()
    with pytest.raises(MastodonMalformedEventError) as raised:
        sapi.stream_user(listener, websocket_handle=handle)
    assert listener.of("abort") == [(raised.value,)]


def test_malformed_message_with_reconnect_is_skipped_on_the_same_connection(sserver, sapi, handles):
    def script(conn):
        subscribe_and_wait(conn, 1)
        conn.event(["user"], "delete", "1")
        conn.send(ws_frame(b"garbage"))
        conn.event(["user"], "update", "{bad json")
        conn.event(["user"], "delete", "2")
        conn.serve_until_closed()

    sserver.ws_scripts = [script]
    sserver.start()
    handle = sapi.stream_open_websocket(reconnect_async=True)
    handles.append(handle)
    listener = Recorder()
    sapi.stream_user(listener, run_async=True, websocket_handle=handle)
    assert listener.wait_for("delete", 2)
    assert listener.of("delete") == [(1,), (2,)]
    assert [type(e) for (e,) in listener.of("abort")] == [MastodonMalformedEventError] * 2
    assert len(sserver.ws_connections) == 1


def test_handler_exception_in_an_async_stream_with_reconnect_is_logged(sserver, sapi, handles, caplog):
    def script(conn):
        subscribe_and_wait(conn, 1)
        conn.event(["user"], "delete", "1")
        conn.event(["user"], "delete", "2")
        conn.serve_until_closed()

    class Failing(Recorder):
        def on_delete(self, status_id):
            super().on_delete(status_id)
            if status_id == 1:
                raise ValueError("bug in the bot")

    sserver.ws_scripts = [script]
    sserver.start()
    handle = sapi.stream_open_websocket(reconnect_async=True)
    handles.append(handle)
    listener = Failing()
    with caplog.at_level(logging.ERROR, logger="mastodon"):
        sapi.stream_user(listener, run_async=True, websocket_handle=handle)
        assert listener.wait_for("delete", 2)
    assert listener.of("abort") == []
    assert any(r.exc_info and isinstance(r.exc_info[1], ValueError) for r in caplog.records)


# -- arguments and the missing extra -------------------------------------------------------------------
def test_bad_arguments_send_nothing(sserver, sapi, handles):
    sserver.start()
    with pytest.raises(MastodonIllegalArgumentError, match="websocket_handle"):
        sapi.stream_user(Recorder(), websocket_handle=object())
    with pytest.raises(MastodonIllegalArgumentError, match="listener"):
        sapi.stream_open_websocket(listener=object())
    with pytest.raises(MastodonIllegalArgumentError, match="timeout"):
        sapi.stream_open_websocket(timeout=0)
    with pytest.raises(MastodonIllegalArgumentError, match="local and remote"):
        sapi.stream_public(Recorder(), local=True, remote=True)
    assert sserver.requests == []


def test_stream_needs_a_listener_somewhere(sserver, sapi, handles):
    sserver.ws_scripts = [lambda conn: (conn.accept(), conn.serve_until_closed())]
    sserver.start()
    handle = sapi.stream_open_websocket()
    handles.append(handle)
    with pytest.raises(MastodonIllegalArgumentError, match="StreamListener"):
        sapi.stream_user(None, websocket_handle=handle)


def test_sse_streams_take_only_media_and_remote(sserver, sapi):
    from tests.test_streaming import serve
    sserver.scripts = [serve(end=True)]
    sserver.start()
    assert sapi.stream_public(Recorder(), only_media=True) is None
    assert sapi.stream_public(Recorder(), remote=True) is None
    assert sapi.stream_public(Recorder(), local=True) is None
    assert sapi.stream_local(Recorder(), only_media=True) is None
    assert sapi.stream_user_notifications(Recorder()) is None
    assert [(r.path, r.query) for r in sserver.stream_requests] == [
        ("/api/v1/streaming/public", {"only_media": ["1"]}), ("/api/v1/streaming/public/remote", {}),
        ("/api/v1/streaming/public/local", {}), ("/api/v1/streaming/public/local", {"only_media": ["1"]}),
        ("/api/v1/streaming/user/notification", {})]


def test_for_stream_and_on_any_event_over_sse(sserver, sapi):
    from tests.stream_server import sse
    from tests.test_streaming import serve
    sserver.scripts = [serve(sse("update", status_json(1), stream=["hashtag", "birds"]), sse("delete", 2),
                             end=True)]
    sserver.start()
    listener = StreamRecorder()
    assert sapi.stream_hashtag("birds", listener) is None
    assert [(s.id, fs) for (s, fs) in listener.of("update")] == [(1, ["hashtag", "birds"])]
    assert listener.of("any") == [("update", ["hashtag", "birds"]), ("delete", None)]


def test_listener_classes_are_shared():
    assert issubclass(StreamRecorder, StreamListener)
    assert "on_any_event" in dir(StreamListener)


def test_events_of_a_server_that_names_the_stream_without_its_tag(sserver, sapi, handles):
    def script(conn):  # like servers that take the stream from the URL and echo only its name
        conn.accept()
        conn.event(["hashtag"], "delete", "1")
        conn.event("hashtag", "delete", "2")
        conn.serve_until_closed()

    sserver.ws_scripts = [script]
    sserver.start()
    handle = sapi.stream_open_websocket()
    handles.append(handle)
    listener = Recorder()
    sapi.stream_hashtag("birds", listener, run_async=True, websocket_handle=handle)
    assert listener.wait_for("delete", 2)
    assert listener.of("delete") == [(1,), (2,)]


def test_close_and_unsubscribe_from_a_handler(sserver, sapi, handles):
    got = []

    def script(conn):
        got.extend(subscribe_and_wait(conn, 2))
        conn.event(["direct"], "delete", "1")
        got.extend(conn.subscriptions(1, timeout=3))  # the unsubscribe of direct
        conn.event(["user"], "delete", "2")
        conn.serve_until_closed()

    class Unsubscriber(Recorder):
        stream = None

        def on_delete(self, status_id):
            super().on_delete(status_id)
            self.stream.close()

    class Closer(Recorder):
        def on_delete(self, status_id):
            super().on_delete(status_id)
            handle.close()

    sserver.ws_scripts = [script]
    sserver.start()
    handle = sapi.stream_open_websocket()
    handles.append(handle)
    direct, user = Unsubscriber(), Closer()
    sapi.stream_user(user, run_async=True, websocket_handle=handle)
    direct.stream = sapi.stream_direct(direct, run_async=True, websocket_handle=handle)
    assert user.wait_for("delete")
    assert wait_until(lambda: not handle.is_alive())
    assert got[2] == {"type": "unsubscribe", "stream": "direct"}
    assert direct.of("delete") == [(1,)] and user.of("delete") == [(2,)]
    assert direct.of("abort") == [] and user.of("abort") == []


def test_no_token_in_errors_or_logs_in_either_token_mode(sserver, sapi, handles, caplog):
    def refuse(conn):
        conn.refuse(401 if conn.index == 0 else 503)

    sserver.ws_scripts = [refuse]
    sserver.start()
    listener = Recorder()
    with caplog.at_level(logging.DEBUG, logger="mastodon"):
        handle = sapi.stream_open_websocket(listener, reconnect_async=True, reconnect_async_wait_sec=0.05)
        handles.append(handle)
        sapi.stream_user(None, run_async=True, websocket_handle=handle)
        assert listener.wait_for("abort", 2)
        handle.close()
    assert sserver.ws_connections[1].request.query["access_token"] == [TOKEN]
    assert all(TOKEN not in str(err) and TOKEN not in repr(err) for (err,) in listener.of("abort"))
    assert all(TOKEN not in record.getMessage() for record in caplog.records)


# -- against the websockets library's own server ------------------------------------------------------
class RealServer:
    """A small Mastodon-like streaming server built on ``websockets``' sync server:
    subscribe / unsubscribe per connection, ``publish`` to the subscribers of a stream."""

    def __init__(self):
        from websockets.sync.server import serve
        self.lock = threading.Lock()
        self.connections = []      # (websocket, set of subscribed keys, list of messages received)
        self.server = serve(self.handler, "127.0.0.1", 0, compression=None)
        self.url = "ws://127.0.0.1:%d" % self.server.socket.getsockname()[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def handler(self, ws):
        subscribed, received = set(), []
        with self.lock:
            self.connections.append((ws, subscribed, received))
        for text in ws:
            message = json.loads(text)
            key = (message["stream"],) + tuple(message[k] for k in ("tag", "list") if k in message)
            with self.lock:
                received.append(message)
                if message["type"] == "subscribe":
                    subscribed.add(key)
                else:
                    subscribed.discard(key)

    def publish(self, key, event, payload):
        with self.lock:
            targets = [ws for ws, subscribed, _ in self.connections if key in subscribed]
        for ws in targets:
            try:
                ws.send(json.dumps({"stream": list(key), "event": event,
                                    "payload": payload if isinstance(payload, str) else json.dumps(payload)}))
            except Exception:  # noqa: BLE001 - a connection going away
                pass

    def subscribed(self, index=-1):
        with self.lock:
            return set(self.connections[index][1]) if self.connections else set()

    def stop(self):
        self.server.shutdown()
        self.thread.join(5)


@pytest.fixture
def real(sserver):
    srv = RealServer()
    sserver.instance(streaming_api=srv.url)
    sserver.start()
    yield srv
    srv.stop()


def test_many_threads_subscribing_and_unsubscribing_while_events_stream(real, sapi, handles):
    handle = sapi.stream_open_websocket(reconnect_async=True, reconnect_async_wait_sec=0.05)
    handles.append(handle)
    tags = ["tag%d" % i for i in range(8)]
    listeners = {tag: Recorder() for tag in tags}
    errors = []

    def churn(tag):
        try:
            for _ in range(15):  # subscribe and unsubscribe, sending while the reader receives
                stream = sapi.stream_hashtag(tag, listeners[tag], run_async=True, websocket_handle=handle)
                time.sleep(0.002)
                stream.close()
            sapi.stream_hashtag(tag, listeners[tag], run_async=True, websocket_handle=handle)
        except Exception as err:  # noqa: BLE001 - reported below
            errors.append(err)

    stop = threading.Event()

    def publisher():
        number = 0
        while not stop.is_set():
            number += 1
            for tag in tags:
                real.publish(("hashtag", tag), "delete", str(number))
            time.sleep(0.001)

    feeding = threading.Thread(target=publisher)
    feeding.start()
    workers = [threading.Thread(target=churn, args=(tag,)) for tag in tags]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)
    try:
        assert errors == []
        expected = {("hashtag", tag) for tag in tags}
        assert wait_until(lambda: real.subscribed() == expected)
        assert all(listeners[tag].wait_for("delete", 3) for tag in tags)
    finally:
        stop.set()
        feeding.join(5)
    for tag, listener in listeners.items():
        numbers = [n for (n,) in listener.of("delete")]
        assert numbers == sorted(set(numbers)), tag  # each event once, in order
        assert listener.of("abort") == []


def test_resubscription_on_a_real_server_after_it_drops_the_connection(real, sapi, handles):
    handle = sapi.stream_open_websocket(reconnect_async=True, reconnect_async_wait_sec=0.05)
    handles.append(handle)
    user, birds = Recorder(), Recorder()
    sapi.stream_user(user, run_async=True, websocket_handle=handle)
    sapi.stream_hashtag("birds", birds, run_async=True, websocket_handle=handle)
    gone = sapi.stream_direct(Recorder(), run_async=True, websocket_handle=handle)
    gone.close()
    assert wait_until(lambda: real.subscribed() == {("user",), ("hashtag", "birds")})
    real.publish(("user",), "delete", "1")
    assert user.wait_for("delete")
    with real.lock:
        first = real.connections[0][0]
    first.close(1001)  # the server goes away (normally)
    assert wait_until(lambda: len(real.connections) == 2 and real.subscribed(1) == {("user",), ("hashtag", "birds")})
    with real.lock:
        received = list(real.connections[1][2])
    assert sorted(m["stream"] for m in received) == ["hashtag", "user"]  # each once, direct not again
    real.publish(("user",), "delete", "2")
    real.publish(("hashtag", "birds"), "delete", "3")
    assert user.wait_for("delete", 2) and birds.wait_for("delete")
    assert user.of("delete") == [(1,), (2,)] and birds.of("delete") == [(3,)]
    assert user.of("abort") == []


def test_debug_requests_shows_the_handshake_with_secrets_masked(sserver, sapi, handles, capsys):
    def refuse(conn):
        conn.refuse(401)

    def accept(conn):
        conn.accept()
        conn.serve_until_closed()

    sserver.ws_scripts = [refuse, accept]
    sserver.start()
    sapi.debug_requests = True
    handle = sapi.stream_open_websocket()
    handles.append(handle)
    sapi.stream_user(Recorder(), run_async=True, websocket_handle=handle)
    assert wait_until(handle.is_receiving)
    out = capsys.readouterr().out
    assert out.count("/api/v1/streaming\" using method \"GET (WebSocket)\"") == 2
    assert "Bearer ***" in out and "('access_token', '***')" in out and TOKEN not in out


def test_server_error_messages_and_unroutable_events(sserver, sapi, handles, caplog):
    def script(conn):
        subscribe_and_wait(conn, 2)
        conn.send(ws_frame(b'{"error": "Not authorized to stream this list", "status": 403}'))
        conn.send(ws_frame(b'{"event": "delete", "payload": "1"}'))  # no stream, two subscribed: dropped
        conn.event(["user"], "delete", "2")
        conn.serve_until_closed()

    sserver.ws_scripts = [script]
    sserver.start()
    handle_listener, user, lst = Recorder(), Recorder(), Recorder()
    with caplog.at_level(logging.WARNING, logger="mastodon"):
        handle = sapi.stream_open_websocket(handle_listener)
        handles.append(handle)
        sapi.stream_user(user, run_async=True, websocket_handle=handle)
        sapi.stream_list(99, lst, run_async=True, websocket_handle=handle)
        assert user.wait_for("delete")
    assert user.of("delete") == [(2,)] and lst.of("delete") == []
    assert [str(e) for (e,) in handle_listener.of("abort")] == [
        "Streaming server error: Not authorized to stream this list"]
    assert user.of("abort") == [] and lst.of("abort") == []
    assert any("Not authorized" in r.getMessage() for r in caplog.records)


def _self_signed(tmp_path):
    """A certificate for 127.0.0.1 and its key, as PEM files."""
    import datetime as dt
    import ipaddress
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_file), str(key_file)


@pytest.mark.parametrize("verify", ["bundle", False])
def test_wss_uses_the_session_tls_settings(sserver, sapi, handles, tmp_path, verify):
    import ssl
    from websockets.sync.server import serve
    cert, key = _self_signed(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)

    def handler(ws):
        for text in ws:
            message = json.loads(text)
            ws.send(json.dumps({"stream": [message["stream"]], "event": "delete", "payload": "7"}))

    server = serve(handler, "127.0.0.1", 0, ssl=context)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        sserver.instance(streaming_api="wss://127.0.0.1:%d" % server.socket.getsockname()[1])
        sserver.start()
        sapi.session.verify = cert if verify == "bundle" else False
        handle = sapi.stream_open_websocket()
        handles.append(handle)
        listener = Recorder()
        sapi.stream_user(listener, run_async=True, websocket_handle=handle)
        assert listener.wait_for("delete")
        assert listener.of("delete") == [(7,)]
        handle.close()
    finally:
        server.shutdown()
        thread.join(5)


def test_wss_refuses_an_unknown_certificate_by_default(sserver, sapi, handles, tmp_path):
    import ssl
    from websockets.sync.server import serve
    cert, key = _self_signed(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = serve(lambda ws: None, "127.0.0.1", 0, ssl=context)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        sserver.instance(streaming_api="wss://127.0.0.1:%d" % server.socket.getsockname()[1])
        sserver.start()
        handle = sapi.stream_open_websocket()
        handles.append(handle)
        with pytest.raises(MastodonNetworkError, match="CERTIFICATE_VERIFY_FAILED|certificate"):
            sapi.stream_user(Recorder(), websocket_handle=handle)
    finally:
        server.shutdown()
        thread.join(5)


def test_without_the_websocket_extra_the_error_names_it(api, server, monkeypatch):
    # an ImportError for the optional package (as when it is not installed)
    monkeypatch.setitem(sys.modules, "websockets.sync", None)
    monkeypatch.setitem(sys.modules, "websockets.sync.client", None)
    with pytest.raises(NotImplementedError, match=r'pip install "Mastodon.py\[websocket\]"'):
        api.stream_open_websocket()
    assert server.requests == []


def test_closing_the_client_ends_its_websocket(sserver):
    got = []

    def script(conn):
        got.extend(subscribe_and_wait(conn, 1))
        conn.serve_until_closed()

    sserver.ws_scripts = [script]
    sserver.start()
    with Mastodon(access_token=TOKEN, api_base_url=sserver.url, mastodon_version="4.2.0") as api:
        handle = api.stream_open_websocket()
        stream = api.stream_user(Recorder(), run_async=True, websocket_handle=handle)
        assert wait_until(lambda: got) and handle.is_alive()
    assert wait_until(lambda: not handle.is_alive() and not stream.is_alive())
    assert len(sserver.ws_connections) == 1  # closed, not reconnected
