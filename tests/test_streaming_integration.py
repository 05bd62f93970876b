"""Optional integration test: streaming from ``mastodon_mock`` over SSE and WebSocket.

``mastodon_mock`` (PyPI) is a stateful Mastodon API server (FastAPI + uvicorn) that
serves both streaming transports. The test posts statuses through the REST API and
expects them on the streams. It is skipped when the package is not installed; run it
with ``tox -e integration`` (or ``pip install mastodon_mock`` and pytest).
"""
import threading
import time

import pytest

from mastodon import Mastodon, StreamListener

mock_server = pytest.importorskip("mastodon_mock.testing.server", reason="mastodon_mock is not installed")
pytest.importorskip("websockets.sync.client", reason="the websocket extra is not installed")

pytestmark = pytest.mark.timeout(120)


class Collector(StreamListener):
    def __init__(self):
        self.updates = []
        self.streams = []
        self.cond = threading.Condition()

    def on_update(self, status, for_stream=None):
        with self.cond:
            self.updates.append(status)
            self.streams.append(for_stream)
            self.cond.notify_all()

    def wait_for(self, count, timeout=15.0):
        deadline = time.monotonic() + timeout
        with self.cond:
            while len(self.updates) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.cond.wait(left)
            return True


@pytest.fixture(scope="module")
def mock():
    server = mock_server.MockServer().start()
    yield server
    server.stop()


@pytest.fixture
def alice(mock):
    api = Mastodon(access_token="alice_token", api_base_url=mock.base_url, version_check_mode="none")
    yield api
    api.session.close()


def post_until_seen(api, listener, text, count):
    """Post statuses until the stream delivered ``count`` of them (the subscription may
    become active a moment after the call returned)."""
    deadline = time.monotonic() + 15
    posted = 0
    while time.monotonic() < deadline:
        api.status_post("%s %d" % (text, posted), visibility="public")
        posted += 1
        if listener.wait_for(count, timeout=0.5):
            return posted
    raise AssertionError("the stream delivered %d of %d statuses" % (len(listener.updates), count))


def test_public_stream_over_sse(alice):
    listener = Collector()
    with alice.stream_public(listener, run_async=True, timeout=30) as handle:
        post_until_seen(alice, listener, "sse", 2)
        assert handle.is_alive()
    assert all(isinstance(status.id, int) for status in listener.updates)
    assert all(status.created_at.tzinfo is not None for status in listener.updates)
    assert listener.updates[0].content


def test_public_stream_over_websocket(alice):
    listener = Collector()
    with alice.stream_open_websocket(timeout=30) as handle:
        with alice.stream_public(listener, run_async=True, websocket_handle=handle) as stream:
            post_until_seen(alice, listener, "websocket", 2)
            assert stream.is_receiving()
    assert all(isinstance(status.id, int) for status in listener.updates)
    assert listener.streams[0] == ["public"]
    assert not handle.is_alive()


def test_user_stream_over_websocket_token_in_query(alice, mock):
    bob = Mastodon(access_token="bob_token", api_base_url=mock.base_url, version_check_mode="none")
    listener = Collector()
    try:
        with alice.stream_open_websocket(timeout=30) as handle:
            alice.stream_user(listener, run_async=True, websocket_handle=handle)
            post_until_seen(bob, listener, "for alice's home", 1)  # alice follows bob
    finally:
        bob.session.close()
    assert listener.updates[0].account.username == "bob"
