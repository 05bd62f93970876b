"""Streaming: endpoints, the SSE reader, listeners, async handles, reconnection, health."""
import datetime
import inspect
import json
import logging
import random
import threading
import time

import http.client

import pytest
import requests

from mastodon import (CallbackStreamListener, Mastodon, MastodonAPIError, MastodonIllegalArgumentError,
                      MastodonMalformedEventError, MastodonNetworkError, MastodonReadTimeout, StreamListener)
from mastodon._convert import loads
from mastodon._sse import CHUNK_SIZE
from mastodon.streaming_endpoints import MAX_RECONNECT_WAIT, reconnect_delay
from tests import entities
from tests.conftest import TOKEN
from tests.stream_server import sse

pytestmark = pytest.mark.timeout(60)

UTC = datetime.timezone.utc
STATUS_CREATED = datetime.datetime(2023, 3, 14, 12, 30, 45, 123000, tzinfo=UTC)


# -- helpers ------------------------------------------------------------------------------------
class Recorder(StreamListener):
    """Records every call as (hook, args); ``wait_for(n)`` waits until n calls of ``hook``."""

    def __init__(self):
        self.calls = []
        self._cond = threading.Condition()

    def _record(self, hook, *args):
        with self._cond:
            self.calls.append((hook,) + args)
            self._cond.notify_all()

    def of(self, hook):
        with self._cond:
            return [call[1:] for call in self.calls if call[0] == hook]

    def wait_for(self, hook, count=1, timeout=5.0):
        deadline = time.monotonic() + timeout
        with self._cond:
            while len([c for c in self.calls if c[0] == hook]) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
            return True

    def on_update(self, status):
        self._record("update", status)

    def on_delete(self, status_id):
        self._record("delete", status_id)

    def on_notification(self, notification):
        self._record("notification", notification)

    def on_status_update(self, status):
        self._record("status_update", status)

    def on_filters_changed(self):
        self._record("filters_changed")

    def on_announcement_reaction(self, TODO):
        self._record("announcement_reaction", TODO)

    def on_abort(self, err):
        self._record("abort", err)

    def on_unknown_event(self, name, unknown_event=None):
        self._record("unknown", name, unknown_event)

    def handle_heartbeat(self):
        self._record("heartbeat")


class FakeResponse:
    """Anything with iter_content, as WIRE.md allows for handle_stream."""

    def __init__(self, chunks):
        self.chunks = list(chunks)
        self.chunk_sizes = []

    def iter_content(self, chunk_size=1):
        self.chunk_sizes.append(chunk_size)
        return iter(self.chunks)


def status_json(id, **kw):
    return entities.status(id=str(id), **kw)


def serve(*pieces, end=False, wait=True):
    """A stream script: send the pieces (one HTTP chunk each), then end or stay silent."""
    def script(conn):
        conn.head()
        conn.send_pieces(list(pieces))
        if end:
            conn.end()
        elif wait:
            conn.wait_closed()
    return script


def close_after(*pieces):
    """A stream script: send the pieces and close the connection without ending the body."""
    def script(conn):
        conn.head()
        conn.send_pieces(list(pieces))
    return script


def wait_until(predicate, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


# -- requests ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("call, path, query", [
    (lambda api, lst: api.stream_user(lst), "/api/v1/streaming/user", {}),
    (lambda api, lst: api.stream_public(lst), "/api/v1/streaming/public", {}),
    (lambda api, lst: api.stream_local(lst), "/api/v1/streaming/public/local", {}),
    (lambda api, lst: api.stream_hashtag("birds", lst), "/api/v1/streaming/hashtag", {"tag": ["birds"]}),
    (lambda api, lst: api.stream_hashtag("vögel", lst, local=True), "/api/v1/streaming/hashtag/local",
     {"tag": ["vögel"]}),
    (lambda api, lst: api.stream_list({"id": "12"}, lst), "/api/v1/streaming/list", {"list": ["12"]}),
    (lambda api, lst: api.stream_direct(lst), "/api/v1/streaming/direct", {}),
])
def test_stream_endpoints_send_exact_requests(sserver, sapi, call, path, query):
    sserver.scripts = [serve(sse("delete", 7), end=True)]
    sserver.start()
    listener = Recorder()
    assert call(sapi, listener) is None  # a clean end returns (1.8.0)
    assert [(r.method, r.path) for r in sserver.requests] == [("GET", "/api/v1/instance/"), ("GET", path)]
    request = sserver.requests[1]
    assert request.query == query
    assert request.header("Authorization") == "Bearer " + TOKEN
    assert request.header("User-Agent") == "streamtest/1.0"
    assert request.header("Accept") == "text/event-stream"
    assert listener.of("delete") == [(7,)]
    assert listener.of("abort") == []


def test_no_authorization_header_without_token(sserver):
    sserver.scripts = [serve(end=True)]
    sserver.start()
    api = Mastodon(api_base_url=sserver.url, mastodon_version="4.2.0")
    assert api.stream_public(Recorder()) is None  # a clean end returns (1.8.0)
    api.session.close()
    assert sserver.stream_requests[0].header("Authorization") is None


def test_arguments_are_checked_before_any_request(sserver, sapi):
    sserver.start()
    with pytest.raises(MastodonIllegalArgumentError, match="omit leading #"):
        sapi.stream_hashtag("#birds", Recorder())
    with pytest.raises(MastodonIllegalArgumentError, match="listener"):
        sapi.stream_user(object())
    with pytest.raises(MastodonIllegalArgumentError, match="timeout"):
        sapi.stream_user(Recorder(), timeout=-1)
    with pytest.raises(MastodonIllegalArgumentError, match="reconnect_async_wait_sec"):
        sapi.stream_user(Recorder(), run_async=True, reconnect_async_wait_sec="5")
    with pytest.raises(MastodonIllegalArgumentError, match="list id"):
        sapi.stream_list(None, Recorder())
    assert sserver.requests == []


def test_streaming_host_comes_from_the_instance(sserver, server, make_api):
    # The API server (harness) names the stream server as streaming_api, with a ws:// URL.
    server.route("GET", "/api/v1/instance/", json=entities.instance(streaming_api=sserver.url.replace("http", "ws")))
    sserver.scripts = [serve(sse("update", status_json(1)), end=True)]
    sserver.start()
    api = make_api(mastodon_version="4.2.0")
    listener = Recorder()
    assert api.stream_user(listener) is None  # a clean end returns (1.8.0)
    assert [r.path for r in server.requests] == ["/api/v1/instance/"]
    assert [r.path for r in sserver.requests] == ["/api/v1/streaming/user"]
    assert listener.of("update")[0][0].id == 1


@pytest.mark.parametrize("streaming_api, expected", [
    ("wss://streaming.example.social", "https://streaming.example.social"),
    ("ws://streaming.example.social:4000/", "http://streaming.example.social:4000"),
    ("https://streaming.example.social", "https://streaming.example.social"),
    (None, "API"),
])
def test_streaming_base_url(server, make_api, streaming_api, expected):
    server.route("GET", "/api/v1/instance/", json=entities.instance(streaming_api=streaming_api))
    api = make_api(mastodon_version="4.2.0")
    assert api._streaming_base_url() == (server.url if expected == "API" else expected)
    assert api._streaming_base_url() == (server.url if expected == "API" else expected)
    assert [r.path for r in server.requests] == ["/api/v1/instance/"]  # looked up once


def test_streams_go_through_the_session(sserver, sapi):
    seen = []

    class RecordingSession(requests.Session):
        def request(self, method, url, *args, **kwargs):
            seen.append((method, url.split("?")[0], kwargs.get("stream")))
            return super().request(method, url, *args, **kwargs)

    sapi.session = RecordingSession()
    sserver.scripts = [serve(end=True)]
    sserver.start()
    assert sapi.stream_user(Recorder()) is None  # a clean end returns (1.8.0)
    sapi.session.close()
    assert seen[-1] == ("GET", sserver.url + "/api/v1/streaming/user", True)
    assert ("GET", sserver.url + "/api/v1/instance/", True) in seen


# -- the reader ---------------------------------------------------------------------------------------
def test_ten_thousand_events_none_lost_or_duplicated(sserver, sapi):
    rng = random.Random(6)
    body = b"".join(sse("update", {"id": str(i), "created_at": "2023-03-14T12:30:45.123Z",
                                   "content": "x" * rng.randint(0, 300)})
                    + (b":thump\n" if i % 1000 == 0 else b"") for i in range(1, 10001))
    pieces, pos = [], 0
    while pos < len(body):  # pieces from 1 byte to 20 KB: lines and events split everywhere
        size = rng.choice((1, 7, 100, 1500, 4096, 20000))
        pieces.append(body[pos:pos + size])
        pos += size
    sserver.scripts = [serve(*pieces, end=True)]
    sserver.start()
    ids = []

    class Counter(StreamListener):
        def on_update(self, status):
            ids.append(status.id)
            assert status.created_at == STATUS_CREATED

    assert sapi.stream_user(Counter()) is None  # a clean end returns (1.8.0)
    assert ids == list(range(1, 10001))


def test_multibyte_characters_split_at_every_byte_over_loopback(sserver, sapi):
    content = "Grüße 😀 日本 ✓"
    event = sse("update", status_json(5, content=content), stream=["user"])
    text_start = event.index("Gr".encode())
    positions = list(range(text_start, text_start + len(content.encode("utf-8")) + 1))

    def script(conn):
        conn.head()
        for position in positions:
            conn.send(event[:position])
            time.sleep(0.002)  # let the client read the first part on its own
            conn.send(event[position:])
        conn.end()

    sserver.scripts = [script]
    sserver.start()
    listener = Recorder()
    assert sapi.stream_user(listener) is None  # a clean end returns (1.8.0)
    contents = [status.content for (status,) in listener.of("update")]
    assert contents == [content] * len(positions)


def test_every_split_of_an_event_into_three_chunks():
    event = ('event: status.update\r\ndata: {"id": "109", "edited_at": "2023-03-14T12:30:45.123Z",\n'
             'data: "content": "ä€😀"}\r\n\r\n:thump\revent: delete\rdata:42\r\r').encode("utf-8")
    listener = Recorder()
    for i in range(len(event) + 1):
        for j in range(i, len(event) + 1):
            listener.calls.clear()
            listener.handle_stream(FakeResponse([event[:i], bytearray(event[i:j]), event[j:]]))
            assert [c[0] for c in listener.calls] == ["status_update", "heartbeat", "delete"], (i, j)
            status = listener.calls[0][1]
            assert (status.id, status.content, status.edited_at) == (109, "ä€😀", STATUS_CREATED)
            assert listener.calls[2][1] == 42


def test_byte_by_byte_chunks_and_chunk_size_asked():
    event = sse("notification", entities.notification(id="77"))
    response = FakeResponse([event[i:i + 1] for i in range(len(event))])
    listener = Recorder()
    listener.handle_stream(response)
    (notification,), = listener.of("notification")
    assert notification.id == 77 and notification.status.account.acct == "alice"
    assert response.chunk_sizes == [CHUNK_SIZE] and CHUNK_SIZE >= 4096


def test_payload_conversion_matches_rest():
    listener = Recorder()
    listener.handle_stream(FakeResponse([sse("update", status_json("110123456789012345"))]))
    (status,), = listener.of("update")
    assert status.id == 110123456789012345 and status.account.id == 109382
    assert status.created_at == STATUS_CREATED
    assert status.media_attachments[0].meta.focus.x == -0.42
    assert status == loads(json.dumps(status_json("110123456789012345")))  # exactly what REST gives


def test_multiline_data_is_joined_with_newlines():
    listener = Recorder()
    listener.handle_stream(FakeResponse([
        b'event: update\ndata: {"id": "3",\ndata:\n', b'data: "content": "two"}\n\n',
        b"event: custom.thing\ndata: [\"first line\",\ndata:\"second line\"]\n\n"]))
    assert listener.of("update")[0][0] == {"id": 3, "content": "two"}
    assert listener.of("unknown") == [("custom.thing", ["first line", "second line"])]


def test_sse_standard_details():
    listener = Recorder()
    listener.handle_stream(FakeResponse([
        b"\xef\xbb\xbf:)\r\n",                         # BOM, CRLF
        b"id: 1\nretry: 1000\nevent:delete\r",         # ignored fields, no space after colon, CR
        b"data:5\r\r",
        b"data: 6\nevent: delete\n\n",                 # data before event
        b"\n\n",                                       # blank lines between events do nothing
        b": comment with: colon\n",
        b"data: [1,\ndata\nevent: custom\ndata:2]\n\n",  # field without colon = empty value
    ]))
    assert [c[0] for c in listener.calls] == ["heartbeat", "delete", "delete", "heartbeat", "unknown"]
    assert listener.of("delete") == [(5,), (6,)]
    assert listener.of("unknown") == [("custom", [1, 2])]


def test_heartbeats_inside_and_between_events(sserver, sapi):
    sserver.scripts = [serve(b":)\n", b"event: delete\n", b":thump\n", b"data: 9\n\n", b":thump\n:thump\n", end=True)]
    sserver.start()
    listener = Recorder()
    assert sapi.stream_user(listener) is None  # a clean end returns (1.8.0)
    assert [c[0] for c in listener.calls] == ["heartbeat", "heartbeat", "delete", "heartbeat", "heartbeat"]


def test_dotted_unknown_and_reserved_event_names():
    listener = Recorder()
    chunks = [sse("status.update", status_json(2)), sse("announcement.reaction", {"name": "bongo", "count": 2}),
              sse("filters_changed", "undefined"), sse("brand.new_event", {"id": "4"}),
              sse("abort", {"x": 1}), sse("unknown_event", [1]), sse("unknown.event", [2]),
              sse("heartbeat", {}), sse("on_abort", 3)]
    listener.handle_stream(FakeResponse(chunks))
    assert listener.of("status_update")[0][0].id == 2
    assert listener.of("announcement_reaction") == [({"name": "bongo", "count": 2},)]
    assert listener.of("filters_changed") == [()]
    assert listener.of("unknown") == [("brand.new_event", {"id": 4}), ("abort", {"x": 1}), ("unknown_event", [1]),
                                      ("unknown.event", [2]), ("heartbeat", {}), ("on_abort", 3)]
    assert listener.of("abort") == [] and listener.of("heartbeat") == []


def test_handlers_defined_by_the_user_and_for_stream():
    got = []

    class Listener(StreamListener):
        def on_update(self, status, for_stream):
            got.append(("update", status.id, for_stream))

        def on_my_event(self, payload):
            got.append(("my_event", payload))

        def on_unknown_event(self, name, unknown_event=None, for_stream=None):
            got.append(("unknown", name, for_stream))

    Listener().handle_stream(FakeResponse([
        sse("update", status_json(1), stream=["hashtag", "birds"]), sse("update", status_json(2)),
        sse("my.event", {"a": "b"}), sse("other", 1, stream=["list", "12"])]))
    assert got == [("update", 1, ["hashtag", "birds"]), ("update", 2, None), ("my_event", {"a": "b"}),
                   ("unknown", "other", ["list", "12"])]


# -- malformed events -------------------------------------------------------------------------------
@pytest.mark.parametrize("bad, message", [
    (b"event: update\ndata: {not json\n\n", "Bad JSON"),
    (b"event: update\n\n", "Missing event payload"),
    (b"data: {}\n\n", "Missing event name"),
    (b"event: update\ndata: \xff\xfe\n\n", "UTF-8"),
    (b"event: \xc3\n\ndata: 1\n\n", "UTF-8"),
    (b"event: custom.thing\ndata: plain text\n\n", "Bad JSON"),    # unknown events too
    (b"event: abort\n\n", "Missing event payload"),
    (b":heart\xff\n", "UTF-8"),                                    # every line is decoded
    (b"id: \xff\nevent: delete\ndata: 3\n\n", "UTF-8"),
])
def test_malformed_event_calls_on_abort_then_raises(bad, message):
    listener = Recorder()
    with pytest.raises(MastodonMalformedEventError, match=message) as raised:
        listener.handle_stream(FakeResponse([sse("delete", 1), bad, sse("delete", 2)]))
    assert listener.of("delete") == [(1,)]
    assert listener.of("abort") == [(raised.value,)]


def test_bad_utf8_is_reported_at_its_line():
    # Raised as soon as the line is complete, before the event (or the stream) ends.
    listener = Recorder()
    with pytest.raises(MastodonMalformedEventError, match="UTF-8"):
        listener.handle_stream(FakeResponse([b"event: update\ndata: \xe2\x82\n"]))
    assert [c[0] for c in listener.calls] == ["abort"]


def test_bad_utf8_line_with_keep_going_drops_only_its_event():
    listener = Recorder()
    listener._consume(FakeResponse([sse("delete", 1), b"event: delete\nid: \xff\ndata: 2\n\n",
                                    b":\xff\n", sse("delete", 3)]), keep_going=True)
    assert [c[0] for c in listener.calls] == ["delete", "abort", "abort", "delete"]
    assert listener.of("delete") == [(1,), (3,)]
    assert all(isinstance(err, MastodonMalformedEventError) for (err,) in listener.of("abort"))


def test_malformed_event_blocking_over_loopback(sserver, sapi):
    sserver.scripts = [serve(sse("delete", 1), b"event: update\ndata: {\"id\": \n\n", sse("delete", 2))]
    sserver.start()
    listener = Recorder()
    with pytest.raises(MastodonMalformedEventError, match="Bad JSON") as raised:
        sapi.stream_user(listener)
    assert listener.of("delete") == [(1,)] and listener.of("abort") == [(raised.value,)]


def test_malformed_event_async_without_reconnect_ends_thread_loudly(sserver, sapi, handles, caplog):
    sserver.scripts = [serve(b"event: update\ndata: nope\n\n", sse("delete", 2))]
    sserver.start()
    listener = Recorder()
    with caplog.at_level(logging.ERROR, logger="mastodon"):
        handle = sapi.stream_user(listener, run_async=True)
        handles.append(handle)
        assert wait_until(lambda: not handle.is_alive())
    (err,), = listener.of("abort")
    assert isinstance(err, MastodonMalformedEventError)
    assert listener.of("delete") == []
    assert any("Stream ended" in r.getMessage() and "Bad JSON" in r.getMessage() for r in caplog.records)
    assert len(sserver.stream_requests) == 1


def test_malformed_event_with_reconnect_skips_it_and_goes_on(sserver, sapi, handles):
    sserver.scripts = [serve(sse("delete", 1), b"event: update\ndata: nope\n\n", sse("delete", 2))]
    sserver.start()
    listener = Recorder()
    handle = sapi.stream_user(listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.05)
    handles.append(handle)
    assert listener.wait_for("delete", 2)
    assert listener.of("delete") == [(1,), (2,)]
    (err,), = listener.of("abort")
    assert isinstance(err, MastodonMalformedEventError) and handle.is_receiving()
    assert len(sserver.stream_requests) == 1  # the same connection went on


# -- handler exceptions ---------------------------------------------------------------------------------
def test_handler_exception_propagates_in_blocking_mode(sserver, sapi):
    class Failing(Recorder):
        def on_delete(self, status_id):
            raise MastodonNetworkError("raised by the handler, not the stream")

    sserver.scripts = [serve(sse("delete", 1))]
    sserver.start()
    listener = Failing()
    with pytest.raises(MastodonNetworkError, match="raised by the handler"):
        sapi.stream_user(listener)
    assert listener.of("abort") == []


def test_handler_exception_with_reconnect_is_logged_and_stream_goes_on(sserver, sapi, handles, caplog):
    class Failing(Recorder):
        def on_delete(self, status_id):
            super().on_delete(status_id)
            if status_id == 1:
                raise ValueError("bug in the bot")

    sserver.scripts = [serve(sse("delete", 1), sse("delete", 2))]
    sserver.start()
    listener = Failing()
    with caplog.at_level(logging.ERROR, logger="mastodon"):
        handle = sapi.stream_user(listener, run_async=True, reconnect_async=True)
        handles.append(handle)
        assert listener.wait_for("delete", 2)
    assert listener.of("abort") == [] and len(sserver.stream_requests) == 1
    assert any(r.exc_info and isinstance(r.exc_info[1], ValueError) for r in caplog.records)


# -- connection failures, reconnection ------------------------------------------------------------------
def test_server_closing_mid_event_without_reconnect(sserver, sapi):
    event = sse("delete", 2)
    sserver.scripts = [close_after(sse("delete", 1), event[:-3])]
    sserver.start()
    listener = Recorder()
    with pytest.raises(MastodonNetworkError) as raised:
        sapi.stream_user(listener)
    assert listener.of("delete") == [(1,)]
    assert listener.of("abort") == [(raised.value,)]


def test_server_closing_mid_event_without_chunked_encoding():
    listener = Recorder()
    with pytest.raises(MastodonNetworkError, match="middle of an event") as raised:
        listener.handle_stream(FakeResponse([sse("delete", 1), b"event: delete\ndata: 2\n"]))
    assert listener.of("delete") == [(1,)] and listener.of("abort") == [(raised.value,)]


def test_server_closing_mid_event_with_reconnect_counts_reconnects(sserver, sapi, handles):
    partial = sse("delete", 99)[:-5]
    sserver.scripts = [close_after(sse("delete", 1), partial), close_after(partial), close_after(b"data: {"),
                       serve(sse("delete", 2))]
    sserver.start()
    listener = Recorder()
    handle = sapi.stream_user(listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.05)
    handles.append(handle)
    assert listener.wait_for("delete", 2)
    assert listener.of("delete") == [(1,), (2,)]
    aborts = [err for (err,) in listener.of("abort")]
    assert len(aborts) == 3 and all(type(err) is MastodonNetworkError for err in aborts)
    assert len(sserver.stream_requests) == 4
    assert wait_until(handle.is_receiving)


def test_silent_server_read_timeout_blocking(sserver, sapi):
    sserver.scripts = [serve(sse("delete", 1))]
    sserver.start()
    listener = Recorder()
    started = time.monotonic()
    with pytest.raises(MastodonReadTimeout) as raised:
        sapi.stream_user(listener, timeout=0.3)
    assert 0.25 < time.monotonic() - started < 5
    assert listener.of("delete") == [(1,)] and listener.of("abort") == [(raised.value,)]


def test_heartbeats_keep_a_quiet_stream_alive(sserver, sapi):
    def script(conn):
        conn.head()
        for _ in range(6):
            conn.send(b":thump\n")
            time.sleep(0.1)
        conn.send(sse("delete", 3))
        conn.end()

    sserver.scripts = [script]
    sserver.start()
    listener = Recorder()
    assert sapi.stream_user(listener, timeout=0.4) is None  # a clean end returns (1.8.0)
    assert listener.of("delete") == [(3,)] and len(listener.of("heartbeat")) == 6
    assert listener.of("abort") == []  # ended by the server, not timed out


def test_silent_server_with_reconnect(sserver, sapi, handles):
    sserver.scripts = [serve(sse("delete", 1)), serve(), serve(sse("delete", 2))]
    sserver.start()
    listener = Recorder()
    handle = sapi.stream_user(listener, run_async=True, timeout=0.3, reconnect_async=True,
                              reconnect_async_wait_sec=0.05)
    handles.append(handle)
    assert listener.wait_for("delete", 2)
    aborts = [err for (err,) in listener.of("abort")]
    assert len(aborts) == 2 and all(isinstance(err, MastodonReadTimeout) for err in aborts)
    assert len(sserver.stream_requests) == 3


def test_silent_server_async_without_reconnect(sserver, sapi, handles):
    sserver.scripts = [serve(sse("delete", 1))]
    sserver.start()
    listener = Recorder()
    handle = sapi.stream_user(listener, run_async=True, timeout=0.3)
    handles.append(handle)
    assert listener.wait_for("abort")
    assert wait_until(lambda: not handle.is_alive())
    assert isinstance(listener.of("abort")[0][0], MastodonReadTimeout)
    assert len(sserver.stream_requests) == 1


def test_non_200_answer(sserver, sapi, handles):
    def refuse(conn):
        conn.head(401, "Unauthorized", chunked=False)
        conn.send(b'{"error": "The access token is invalid"}')

    sserver.scripts = [refuse, refuse, serve(sse("delete", 5))]
    sserver.start()
    listener = Recorder()
    with pytest.raises(MastodonNetworkError, match="401") as raised:
        sapi.stream_user(listener)
    assert listener.of("abort") == [(raised.value,)]

    listener = Recorder()
    handle = sapi.stream_user(listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.05)
    handles.append(handle)
    assert listener.wait_for("delete")
    assert [str(err) for (err,) in listener.of("abort")] == [str(raised.value)]
    assert len(sserver.stream_requests) == 3


def test_connection_refused(sapi, handles, sserver):
    sserver.instance(streaming_api="ws://127.0.0.1:9")  # nothing listens there
    sserver.start()
    listener = Recorder()
    with pytest.raises(MastodonNetworkError, match="Could not connect"):
        sapi.stream_public(listener)
    assert len(listener.of("abort")) == 1


def test_instance_lookup_failure_raises_in_the_calling_thread(sserver, sapi):
    sserver.route("/api/v1/instance/", {"error": "down"}, status=500)
    sserver.start()
    with pytest.raises(MastodonAPIError, match="down"):
        sapi.stream_user(Recorder(), run_async=True)
    assert sserver.stream_requests == []


def test_reconnect_backs_off_from_a_server_that_closes_at_once(sserver, sapi, handles):
    sserver.scripts = [close_after()]
    sserver.start()
    listener = Recorder()
    handle = sapi.stream_user(listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.1)
    handles.append(handle)
    assert wait_until(lambda: len(sserver.stream_times) >= 5, timeout=5)
    handle.close()
    times = sserver.stream_times[:5]
    gaps = [b - a for a, b in zip(times, times[1:])]
    for gap, expected in zip(gaps, (0.1, 0.2, 0.4, 0.8)):
        assert expected * 0.9 <= gap <= expected + 1.0, gaps
    assert gaps[0] < gaps[2] < gaps[3], gaps
    assert len(listener.of("abort")) >= 4


def test_backoff_resets_after_a_healthy_connection(sserver, sapi, handles):
    sserver.scripts = [close_after(), close_after(), close_after(), close_after(sse("delete", 1)), close_after()]
    sserver.start()
    listener = Recorder()
    handle = sapi.stream_user(listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.1)
    handles.append(handle)
    assert wait_until(lambda: len(sserver.stream_times) >= 6, timeout=5)
    handle.close()
    times = sserver.stream_times
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert gaps[2] >= 0.35  # third failure in a row: 0.4 s
    assert gaps[3] < 0.6 and gaps[4] >= 0.18  # after the event: back to 0.1 s (not 0.8 s), then 0.2 s


def test_reconnect_delay_values():
    assert [reconnect_delay(5, n) for n in (1, 2, 3, 4, 5)] == [5, 10, 20, 40, MAX_RECONNECT_WAIT]
    assert reconnect_delay(0, 1) > 0 and reconnect_delay(0, 3) > reconnect_delay(0, 2)
    assert reconnect_delay(600, 9) == 600
    assert reconnect_delay(1, 10 ** 6) == MAX_RECONNECT_WAIT


# -- handles ------------------------------------------------------------------------------------------
def test_close_from_another_thread_while_the_server_is_silent(sserver, sapi, handles):
    sserver.scripts = [serve(sse("delete", 1))]
    sserver.start()
    listener = Recorder()
    handle = sapi.stream_user(listener, run_async=True, reconnect_async=True)
    handles.append(handle)
    assert listener.wait_for("delete")
    assert handle.is_alive() and handle.is_receiving()
    closer = threading.Thread(target=handle.close)
    started = time.monotonic()
    closer.start()
    closer.join(5)
    handle._thread.join(5)
    assert time.monotonic() - started < 1.0
    assert not handle.is_alive() and not handle.is_receiving()
    assert listener.of("abort") == []  # closing is not a failure
    assert len(sserver.stream_requests) == 1


def test_close_during_reconnect_wait(sserver, sapi, handles):
    sserver.scripts = [close_after()]
    sserver.start()
    listener = Recorder()
    handle = sapi.stream_user(listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=30)
    handles.append(handle)
    assert listener.wait_for("abort")
    assert handle.is_alive() and not handle.is_receiving()
    started = time.monotonic()
    handle.close()
    assert time.monotonic() - started < 1.0 and not handle.is_alive()
    assert len(sserver.stream_requests) == 1


def test_close_from_a_handler(sserver, sapi, handles):
    holder = {}

    class Closing(Recorder):
        def on_delete(self, status_id):
            super().on_delete(status_id)
            holder["handle"].close()

    sserver.scripts = [serve(b":)\n", sse("delete", 1), sse("delete", 2))]
    sserver.start()
    listener = Closing()
    gate = threading.Event()
    listener.handle_heartbeat = lambda: gate.wait(5)  # hold the thread until the handle is known
    handle = holder["handle"] = sapi.stream_user(listener, run_async=True, reconnect_async=True)
    handles.append(handle)
    gate.set()
    assert wait_until(lambda: not handle.is_alive())
    assert listener.of("delete") == [(1,)] and listener.of("abort") == []


def test_run_async_returns_at_once_and_receives(sserver, sapi, handles):
    sserver.scripts = [serve(b":)\n", sse("update", status_json(8)))]
    sserver.start()
    listener = Recorder()
    handle = sapi.stream_public(listener, run_async=True)
    handles.append(handle)
    assert handle.is_alive()
    assert listener.wait_for("update")
    assert listener.of("update")[0][0].id == 8
    assert wait_until(handle.is_receiving)
    handle.close()
    assert not handle.is_alive() and not handle.is_receiving()


# -- health ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("status, body, expected", [
    (200, b"OK", True), (200, b"success", True), (200, b"nope", False), (500, b"OK", False), (502, b"", False)])
def test_stream_healthy(sserver, sapi, status, body, expected):
    sserver.route("/api/v1/streaming/health", body, status=status)
    sserver.start()
    assert sapi.stream_healthy() is expected
    request = sserver.requests[-1]
    assert (request.method, request.path) == ("GET", "/api/v1/streaming/health")


def test_stream_healthy_on_a_down_streaming_server(sserver, sapi):
    sserver.instance(streaming_api="wss://127.0.0.1:9")
    sserver.start()
    assert sapi.stream_healthy() is False


def test_stream_healthy_when_even_the_instance_lookup_fails(sserver, sapi):
    sserver.route("/api/v1/instance/", b"", status=503)
    sserver.route("/api/v1/streaming/health", b"OK")
    sserver.start()
    assert sapi.stream_healthy() is True


# -- listener classes ---------------------------------------------------------------------------------
SPEC_LISTENER = {
    "on_update": ["status"], "on_delete": ["status_id"], "on_notification": ["notification"],
    "on_filters_changed": [], "on_conversation": ["conversation"], "on_announcement": ["annoucement"],
    "on_announcement_reaction": ["TODO"], "on_announcement_delete": ["annoucement_id"],
    "on_status_update": ["status"], "on_encrypted_message": ["unclear"], "on_abort": ["err"],
    "on_unknown_event": ["name", "unknown_event=None"], "handle_heartbeat": [], "handle_stream": ["response"],
}


@pytest.mark.parametrize("cls", [StreamListener, CallbackStreamListener])
def test_listener_signatures_are_those_of_1_8_0(cls):
    for name, params in SPEC_LISTENER.items():
        signature = inspect.signature(getattr(cls, name))
        shown = [p.name if p.default is inspect.Parameter.empty else "%s=%r" % (p.name, p.default)
                 for p in list(signature.parameters.values())[1:]]
        assert shown == params, name


def test_callback_listener_signature():
    params = list(inspect.signature(CallbackStreamListener.__init__).parameters)[1:]
    assert params == ["update_handler", "local_update_handler", "delete_handler", "notification_handler",
                      "conversation_handler", "unknown_event_handler", "status_update_handler",
                      "filters_changed_handler", "announcement_handler", "announcement_reaction_handler",
                      "announcement_delete_handler", "encryted_message_handler"]


def test_callback_listener_calls_its_handlers():
    got = []

    def recorder(name):
        return lambda *args: got.append((name,) + args)

    names = ["update", "local_update", "delete", "notification", "conversation", "unknown_event", "status_update",
             "filters_changed", "announcement", "announcement_reaction", "announcement_delete"]
    listener = CallbackStreamListener(encryted_message_handler=recorder("encrypted"),
                                      **{n + "_handler": recorder(n) for n in names})
    remote = status_json(2, account_=entities.account(acct="bob@other.example"))
    listener.handle_stream(FakeResponse([
        sse("update", status_json(1)), sse("update", remote), sse("delete", 3),
        sse("notification", entities.notification(id="4")), sse("conversation", {"id": "5", "unread": True}),
        sse("status.update", status_json(6)), sse("filters_changed", "undefined"),
        sse("announcement", {"id": "7"}), sse("announcement.reaction", {"name": "x", "count": 1}),
        sse("announcement.delete", 8), sse("encrypted_message", {"id": "9"}), sse("mystery", {"id": "10"})]))
    summary = [(g[0],) + tuple(getattr(a, "id", a) for a in g[1:]) for g in got]
    assert summary == [("update", 1), ("local_update", 1), ("update", 2), ("delete", 3), ("notification", 4),
                       ("conversation", 5), ("status_update", 6), ("filters_changed",), ("announcement", 7),
                       ("announcement_reaction", {"name": "x", "count": 1}), ("announcement_delete", 8),
                       ("encrypted", 9), ("unknown_event", "mystery", 10)]


def test_callback_listener_without_handlers_ignores_events():
    listener = CallbackStreamListener()
    events = [sse("update", {"id": "1"}), sse("delete", 1), sse("filters_changed", "undefined"), sse("whatever", {})]
    assert listener.handle_stream(FakeResponse(events)) is None  # an update without account is fine here


def test_callback_listener_bad_update_for_local_handler():
    listener = CallbackStreamListener(local_update_handler=lambda s: None)
    with pytest.raises(MastodonMalformedEventError, match="bad update"):
        listener.handle_stream(FakeResponse([sse("update", {"id": "1"})]))


def test_stream_over_real_async_callback_listener(sserver, sapi, handles):
    updates = []
    done = threading.Event()

    def on_update(status):
        updates.append(status)
        done.set()

    sserver.scripts = [serve(sse("update", status_json(11)))]
    sserver.start()
    handle = sapi.stream_hashtag("birds", CallbackStreamListener(update_handler=on_update), run_async=True)
    handles.append(handle)
    assert done.wait(5)
    assert (updates[0].id, updates[0].account.acct, updates[0].created_at) == (11, "alice", STATUS_CREATED)
    assert sserver.stream_requests[0].query == {"tag": ["birds"]}


# -- transport: how the body is read ---------------------------------------------------------------
def chunked(*pieces, extension=b""):
    return b"".join(b"%x%s\r\n%s\r\n" % (len(p), extension, p) for p in pieces) + b"0\r\n\r\n"


def test_dechunk_every_split_of_the_transfer_encoding():
    from mastodon._sse import _dechunk
    body = chunked(b"event: delete\n", b"data: 1\n\n", b"x" * 20, extension=b";name=value")
    expected = b"event: delete\ndata: 1\n\n" + b"x" * 20
    for i in range(len(body) + 1):
        for j in range(i, len(body) + 1):
            reads = iter([piece for piece in (body[:i], body[i:j], body[j:]) if piece] + [b""])
            assert b"".join(_dechunk(lambda size, reads=reads: next(reads), None)) == expected, (i, j)


def test_dechunk_errors():
    from mastodon._sse import _dechunk
    for body in (b"zz\r\ndata\r\n0\r\n\r\n", b"5\r\nabc", b"5\r\nabcde\r\n"):
        reads = iter([body, b""])
        with pytest.raises((ValueError, http.client.IncompleteRead)):
            list(_dechunk(lambda size, reads=reads: next(reads), None))


def test_chunked_body_in_tiny_tcp_writes(sserver, sapi):
    events = sse("delete", 1) + b":thump\r\n" + sse("update", status_json(2, content="é😀"))

    def script(conn):
        conn.head()
        conn.send_raw(chunked(events[:30], events[30:31], events[31:]), pause=0.001, size=3)
        conn.wait_closed(2)

    sserver.scripts = [script]
    sserver.start()
    listener = Recorder()
    assert sapi.stream_user(listener) is None  # a clean end returns (1.8.0)
    assert [c[0] for c in listener.calls] == ["delete", "heartbeat", "update"]
    assert listener.of("update")[0][0].content == "é😀"


def test_bad_chunk_framing_is_a_network_error(sserver, sapi):
    def script(conn):
        conn.head()
        conn.send_raw(chunked(sse("delete", 1))[:-5] + b"\r\nnot-hex\r\n")
        conn.wait_closed(2)

    sserver.scripts = [script]
    sserver.start()
    listener = Recorder()
    with pytest.raises(MastodonNetworkError) as raised:
        sapi.stream_user(listener)
    assert listener.of("delete") == [(1,)] and listener.of("abort") == [(raised.value,)]


def test_body_without_chunked_encoding(sserver, sapi):
    def script(conn):
        conn.head(chunked=False)
        conn.send(sse("delete", 1))
        time.sleep(0.05)
        conn.send(sse("delete", 2) + b"event: delete\n")

    sserver.scripts = [script]
    sserver.start()
    listener = Recorder()
    with pytest.raises(MastodonNetworkError, match="middle of an event"):
        sapi.stream_user(listener)
    assert listener.of("delete") == [(1,), (2,)]


def test_body_with_content_length(sserver, sapi):
    body = sse("delete", 1) + sse("delete", 2)

    def script(conn):
        conn.head(chunked=False, headers={"Content-Length": str(len(body))})
        conn.send(body)
        conn.wait_closed(2)

    sserver.scripts = [script]
    sserver.start()
    listener = Recorder()
    assert sapi.stream_user(listener) is None  # a clean end returns (1.8.0)
    assert listener.of("delete") == [(1,), (2,)]


def test_gzip_compressed_stream(sserver, sapi):
    import zlib
    compressor = zlib.compressobj(wbits=31)

    def script(conn):
        conn.head(headers={"Content-Encoding": "gzip"})
        for i in range(1, 4):
            conn.send(compressor.compress(sse("update", status_json(i))) + compressor.flush(zlib.Z_SYNC_FLUSH))
            time.sleep(0.01)
        conn.send(compressor.flush())
        conn.end()

    sserver.scripts = [script]
    sserver.start()
    listener = Recorder()
    assert sapi.stream_user(listener) is None  # a clean end returns (1.8.0)
    assert [s.id for (s,) in listener.of("update")] == [1, 2, 3]


def test_handle_stream_on_a_requests_response(sserver):
    sserver.scripts = [serve(sse("delete", 1), b":)\n", end=True)]
    sserver.start()
    listener = Recorder()
    with requests.get(sserver.url + "/api/v1/streaming/public", stream=True, timeout=5) as response:
        listener.handle_stream(response)
    assert [c[0] for c in listener.calls] == ["delete", "heartbeat"]


def test_stream_from_the_shared_harness_server(server, make_api):
    from tests.harness import Reply
    server.route("GET", "/api/v1/instance/", json=entities.instance(streaming_api=server.url))
    server.route("GET", "/api/v1/streaming/user", Reply(
        chunks=[b"event: upd", b"ate\ndata: " + json.dumps(status_json(4)).encode()[:50],
                json.dumps(status_json(4)).encode()[50:] + b"\n\n"], chunk_delay=0.01,
        headers={"Content-Type": "text/event-stream"}))
    api = make_api(mastodon_version="4.2.0")
    listener = Recorder()
    assert api.stream_user(listener) is None  # a clean end returns (1.8.0)
    assert listener.of("update")[0][0].id == 4
    assert server.last.header("Authorization") == "Bearer " + TOKEN


# -- listeners that are not plain StreamListeners ------------------------------------------------------
def test_duck_typed_listener(sserver, sapi):
    class Duck:
        def __init__(self):
            self.responses, self.aborts = [], []

        def handle_stream(self, response):
            self.responses.append(b"".join(response.iter_content(chunk_size=1024)))

        def on_abort(self, err):
            self.aborts.append(err)

    sserver.scripts = [serve(sse("delete", 1), end=True)]
    sserver.start()
    duck = Duck()
    assert sapi.stream_user(duck) is None  # a clean end returns (1.8.0)
    assert duck.responses == [sse("delete", 1)] and duck.aborts == []


def test_listener_overriding_handle_stream(sserver, sapi):
    class Wrapping(Recorder):
        def handle_stream(self, response):
            self._record("wrapped")
            super().handle_stream(response)

    sserver.scripts = [close_after(sse("delete", 1), b"data: {")]
    sserver.start()
    listener = Wrapping()
    with pytest.raises(MastodonNetworkError) as raised:
        sapi.stream_user(listener)
    assert [c[0] for c in listener.calls] == ["wrapped", "delete", "abort"]
    assert listener.of("abort") == [(raised.value,)]


def test_on_abort_raising_does_not_stop_a_reconnecting_stream(sserver, sapi, handles, caplog):
    class Raising(Recorder):
        def on_abort(self, err):
            super().on_abort(err)
            raise RuntimeError("on_abort bug")

    sserver.scripts = [serve(sse("delete", 1), b"event: update\ndata: nope\n\n", sse("delete", 2))]
    sserver.start()
    listener = Raising()
    with caplog.at_level(logging.ERROR, logger="mastodon"):
        handle = sapi.stream_user(listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.05)
        handles.append(handle)
        assert listener.wait_for("delete", 2)
    assert len(listener.of("abort")) == 1 and handle.is_alive()
    assert any("on_abort raised" in r.getMessage() for r in caplog.records)


# -- a clean end, the query, the handle as a context manager (issue 16) ---------------------------------
def test_clean_end_of_a_close_delimited_body_returns(sserver, sapi):
    def script(conn):
        conn.head(chunked=False)
        conn.send(sse("delete", 1) + sse("delete", 2))  # then EOF at an event boundary

    sserver.scripts = [script]
    sserver.start()
    listener = Recorder()
    assert sapi.stream_user(listener) is None
    assert listener.of("delete") == [(1,), (2,)] and listener.of("abort") == []


def test_clean_end_of_a_chunked_body_returns_and_faults_still_raise(sserver, sapi):
    sserver.scripts = [serve(sse("delete", 1), end=True), close_after(sse("delete", 2))]
    sserver.start()
    listener = Recorder()
    assert sapi.stream_user(listener) is None
    assert listener.of("abort") == []
    with pytest.raises(MastodonNetworkError) as raised:  # reset before the last chunk: a fault
        sapi.stream_user(listener)
    assert listener.of("delete") == [(1,), (2,)] and listener.of("abort") == [(raised.value,)]


def test_clean_end_async_without_reconnect_ends_the_thread_quietly(sserver, sapi, handles):
    sserver.scripts = [serve(sse("delete", 1), end=True)]
    sserver.start()
    listener = Recorder()
    handle = sapi.stream_user(listener, run_async=True)
    handles.append(handle)
    assert wait_until(lambda: not handle.is_alive())
    assert listener.of("delete") == [(1,)] and listener.of("abort") == []
    assert len(sserver.stream_requests) == 1


def test_clean_end_with_reconnect_reconnects_with_backoff(sserver, sapi, handles):
    sserver.scripts = [serve(sse("delete", 1), end=True), serve(end=True), serve(end=True), serve(end=True),
                       serve(sse("delete", 2))]
    sserver.start()
    listener = Recorder()
    handle = sapi.stream_user(listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.05)
    handles.append(handle)
    assert listener.wait_for("delete", 2)
    assert listener.of("abort") == []
    gaps = [b - a for a, b in zip(sserver.stream_times, sserver.stream_times[1:])]
    # 0.05 after a connection that delivered, then 0.1, 0.2 and 0.4 for empty ones: growing
    assert len(gaps) == 4 and gaps[1] >= 0.09 and gaps[2] >= 0.18 and gaps[3] >= 0.36


def test_stream_query_goes_through_the_core_encoding_and_carries_lang(sserver, sapi):
    sserver.scripts = [serve(end=True)]
    sserver.start()
    sapi.set_language("de")
    sapi.stream_list({"id": 12}, Recorder())
    sapi.stream_hashtag("vögel", Recorder(), local=True)
    queries = [r.query for r in sserver.stream_requests]
    assert queries == [{"list": ["12"], "lang": ["de"]}, {"tag": ["vögel"], "lang": ["de"]}]


def test_stream_handle_is_a_context_manager(sserver, sapi):
    import mastodon
    sserver.scripts = [serve(sse("delete", 1))]
    sserver.start()
    listener = Recorder()
    with sapi.stream_user(listener, run_async=True) as handle:
        assert isinstance(handle, mastodon.StreamHandle)
        assert listener.wait_for("delete")
        assert handle.is_alive()
    assert not handle.is_alive() and listener.of("abort") == []


def test_without_the_extra_the_error_names_it(sserver, sapi, monkeypatch):
    import builtins
    real_import = builtins.__import__

    def no_websockets(name, *args, **kwargs):
        if name.startswith("websockets"):
            raise ImportError("No module named 'websockets'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_websockets)
    sserver.start()
    with pytest.raises(NotImplementedError, match=r"Mastodon.py\[websocket\]"):
        sapi.stream_open_websocket()
    assert sserver.requests == []


def test_closing_the_client_ends_its_running_streams(sserver):
    sserver.scripts = [serve(sse("delete", 1)), serve(sse("delete", 2))]
    sserver.start()
    listeners = [Recorder(), Recorder()]
    with Mastodon(access_token=TOKEN, api_base_url=sserver.url, mastodon_version="4.2.0") as api:
        first = api.stream_user(listeners[0], run_async=True)
        second = api.stream_public(listeners[1], run_async=True, reconnect_async=True)
        assert wait_until(lambda: listeners[0].of("delete") and listeners[1].of("delete"))
        assert first.is_alive() and second.is_alive()
    # leaving the block closed both streams (and the client's own session)
    assert wait_until(lambda: not first.is_alive() and not second.is_alive())
    assert len(sserver.stream_requests) == 2  # and no reconnection after the close
