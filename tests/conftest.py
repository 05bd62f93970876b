"""Shared fixtures: the loopback server and a client pointed at it."""
import pytest

from mastodon import Mastodon
from tests.harness import MockServer
from tests.stream_server import StreamServer

TOKEN = "test-access-token-0123456789"


@pytest.fixture
def server():
    """A :class:`tests.harness.MockServer` on 127.0.0.1, stopped after the test."""
    srv = MockServer().start()
    yield srv
    srv.stop()


@pytest.fixture
def api(server):
    """A logged-in client for ``server``, declared as Mastodon 4.2.0, in "throw" mode."""
    client = Mastodon(client_id="client-id", client_secret="client-secret", access_token=TOKEN,
                      api_base_url=server.url, mastodon_version="4.2.0", ratelimit_method="throw")
    yield client
    client.session.close()


@pytest.fixture
def make_api(server):
    """Build a client for ``server`` with other constructor arguments."""
    made = []

    def build(**kwargs):
        kwargs.setdefault("api_base_url", server.url)
        kwargs.setdefault("access_token", TOKEN)
        client = Mastodon(**kwargs)
        made.append(client)
        return client

    yield build
    for client in made:
        client.session.close()


# -- streaming: a raw-socket server for SSE and WebSocket streams -------------------------------
@pytest.fixture
def sserver():
    srv = StreamServer()
    yield srv
    srv.stop()
    assert not srv.errors, srv.errors


@pytest.fixture
def sapi(sserver):
    """A client for ``sserver`` (started on first use by the test)."""
    client = Mastodon(access_token=TOKEN, api_base_url=sserver.url, mastodon_version="4.2.0",
                      ratelimit_method="throw", user_agent="streamtest/1.0")
    yield client
    client.session.close()


@pytest.fixture
def handles():
    """Stream handles to close at the end of a test, whatever happens."""
    made = []
    yield made
    for handle in made:
        handle.close()
        handle._thread.join(5)
        assert not handle.is_alive()
