"""Optional integration test: user scenarios against ``mastodon_mock`` (a stateful
Mastodon API server), skipped when it is not installed; run with ``tox -e integration``.

The command line logs in with the code flow (the mock publishes OAuth metadata without
a password grant and issues ``mockcode_<user>`` codes), toots with media, reads the
timeline; a bot streams over a WebSocket with DEBUG logging on and no token in the log.
"""
import logging
import os
import subprocess
import sys
import time

import pytest

from mastodon import Mastodon, StreamListener

mock_server = pytest.importorskip("mastodon_mock.testing.server", reason="mastodon_mock is not installed")

pytestmark = pytest.mark.timeout(120)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


@pytest.fixture(scope="module")
def mock():
    server = mock_server.MockServer().start()
    yield server
    server.stop()


def cli(env, *args, stdin=""):
    return subprocess.run([sys.executable, "-m", "mastodon", *args], input=stdin, capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=60)


def test_cli_code_flow_login_toot_and_timeline(mock, tmp_path):
    env = dict(os.environ, PYTHONPATH=ROOT, MASTODON_CONFIG_DIR=str(tmp_path), MASTODON_NO_BROWSER="1")
    done = cli(env, "login", "--instance", mock.base_url, stdin="mockcode_alice\n")
    assert done.returncode == 0, done.stderr
    assert "code_challenge=" in done.stderr and "@alice" in done.stdout
    credentials = tmp_path / "usercred.secret"
    assert credentials.stat().st_mode & 0o777 == 0o600
    token = credentials.read_text().splitlines()[0]
    picture = tmp_path / "dot.png"
    picture.write_bytes(PNG)
    done = cli(env, "toot", "from the command line #qa", "--media", str(picture), "--visibility", "public")
    assert done.returncode == 0, done.stderr
    assert "[1 attachment]" in done.stdout
    done = cli(env, "timeline", "tag:qa")
    assert done.returncode == 0 and "from the command line" in done.stdout
    for out in (done.stdout, done.stderr):
        assert token not in out


def test_websocket_stream_with_debug_logging_keeps_the_token_out(mock, caplog):
    pytest.importorskip("websockets.sync.client", reason="the websocket extra is not installed")

    class Collector(StreamListener):
        def __init__(self):
            self.updates = []

        def on_update(self, status):
            self.updates.append(status)

    alice = Mastodon(access_token="alice_token", api_base_url=mock.base_url, version_check_mode="none")
    listener = Collector()
    with caplog.at_level(logging.DEBUG):
        with alice.stream_open_websocket(timeout=30) as handle:
            alice.stream_public(listener, run_async=True, websocket_handle=handle)
            deadline = time.monotonic() + 15
            while not listener.updates and time.monotonic() < deadline:
                alice.status_post("websocket and logs", visibility="public")
                time.sleep(0.3)
    alice.close()
    assert listener.updates
    assert [r for r in caplog.records if r.name.startswith("websockets") and "GET /api/v1/streaming" in r.getMessage()]
    assert not [r for r in caplog.records if "alice_token" in r.getMessage()]
