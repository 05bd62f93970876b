"""The command line, run as ``python -m mastodon`` in a subprocess against the loopback server."""
import json
import os
import signal
import stat
import subprocess
import sys

import pytest

from mastodon import cli
from tests import entities
from tests.harness import Reply
from tests.test_auth_oauth import StrictOAuthServer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOKEN = entities.token()["access_token"]
CLIENT_SECRET = entities.app_registration()["client_secret"]

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def env(tmp_path):
    """The environment of the subprocess: a private config directory and HOME, no
    display, and a BROWSER that would leave a marker file if a browser were opened."""
    marker = tmp_path / "browser-opened"
    browser = tmp_path / "fake-browser"
    browser.write_text("#!/bin/sh\necho \"$@\" > %s\n" % marker)
    browser.chmod(0o755)
    values = {k: v for k, v in os.environ.items()
              if k not in ("DISPLAY", "WAYLAND_DISPLAY", cli.NO_BROWSER_ENV, cli.CREDENTIALS_ENV)}
    values.update(PYTHONPATH=ROOT, HOME=str(tmp_path), MASTODON_CONFIG_DIR=str(tmp_path / "config"),
                  BROWSER=str(browser), PYTHONIOENCODING="utf-8")
    return values


@pytest.fixture
def logged_in(env, server, tmp_path):
    """A user credential file for ``server``, as ``login`` writes it."""
    path = tmp_path / "config" / "usercred.secret"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("%s\n%s\nclient-id\n%s\n" % (TOKEN, server.url, CLIENT_SECRET))
    return path


def run(env, *args, stdin=""):
    done = subprocess.run([sys.executable, "-m", "mastodon", *args], input=stdin, capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=60)
    for stream in (done.stdout, done.stderr):  # no command ever prints a secret
        assert TOKEN not in stream and CLIENT_SECRET not in stream
    return done


def one_error_line(done):
    assert done.returncode != 0 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mastodon: error: "), done.stderr
    return lines[0]


def test_help_lists_the_commands(env):
    done = run(env, "--help")
    assert done.returncode == 0
    for command in ("login", "whoami", "toot", "timeline", "notifications", "stream"):
        assert command in done.stdout


def test_login_registers_reads_the_code_from_stdin_and_saves(env, server, tmp_path):
    oauth = StrictOAuthServer(server)
    server.route("POST", "/api/v1/apps", json=entities.app_registration())
    server.route("GET", "/api/v1/accounts/verify_credentials", json=entities.credential_account())
    proc = subprocess.Popen([sys.executable, "-m", "mastodon", "login", "--instance", server.url],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, cwd=ROOT)
    try:
        url = None
        for _ in range(20):  # bounded: the URL comes within the first few lines
            line = proc.stderr.readline()
            if not line:
                break
            if line.startswith(server.url + "/oauth/authorize?"):
                url = line.strip()
                break
        assert url is not None, "login printed no authorization URL"
        code = oauth.authorize(url)  # the user logs in in a browser and copies the code
        stdout, stderr = proc.communicate(code + "\n", timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, stderr
    assert stdout.startswith("Logged in as @alice")
    assert TOKEN not in stdout + stderr and CLIENT_SECRET not in stdout + stderr
    config = tmp_path / "config"
    user_file = config / "usercred.secret"
    client_file = config / ("clientcred-%s.secret" % server.url.split("//")[1].replace(":", "_"))
    assert user_file.read_text().splitlines()[:2] == [TOKEN, server.url]
    assert client_file.read_text().splitlines()[1] == CLIENT_SECRET
    assert stat.S_IMODE(os.stat(user_file).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(client_file).st_mode) == 0o600
    assert sorted(p.name for p in config.iterdir()) == sorted([user_file.name, client_file.name])
    assert oauth.passwords_seen == 0
    assert not (tmp_path / "browser-opened").exists()  # no display: no browser
    # a second login reuses the registered app
    server.clear()
    done = run(env, "login", "--instance", server.url, "--to-file", str(tmp_path / "other.secret"), "--no-browser",
               stdin="wrong-code\n")
    assert [r.path for r in server.requests if r.method == "POST"] == ["/oauth/token"]
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines()[-1].startswith("mastodon: error: Invalid access token")
    assert "grant" in done.stderr.splitlines()[-1] and not (tmp_path / "other.secret").exists()


def test_login_without_a_code(env, server, tmp_path):
    server.route("POST", "/api/v1/apps", json=entities.app_registration())
    env = dict(env, DISPLAY=":0", MASTODON_NO_BROWSER="1")
    done = run(env, "login", "--instance", server.url, stdin="")
    assert done.returncode == 1 and done.stderr.splitlines()[-1] == "mastodon: error: no code given; run login again"
    assert not (tmp_path / "browser-opened").exists()


def test_browser_detection(monkeypatch):
    monkeypatch.delenv(cli.NO_BROWSER_ENV, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert cli.can_open_browser(False) is False
    monkeypatch.setenv("DISPLAY", ":0")
    assert cli.can_open_browser(False) is True
    assert cli.can_open_browser(True) is False
    monkeypatch.setenv(cli.NO_BROWSER_ENV, "1")
    assert cli.can_open_browser(False) is False


def test_whoami(env, server, logged_in):
    server.route("GET", "/api/v1/accounts/verify_credentials", json=entities.credential_account())
    done = run(env, "whoami")
    assert done.returncode == 0
    assert done.stdout.startswith("@alice (") and server.url in done.stdout
    assert server.last.header("Authorization") == "Bearer " + TOKEN
    done = run(env, "whoami", "--json")
    assert json.loads(done.stdout)["acct"] == "alice"


def test_whoami_errors_are_one_line(env, server, logged_in, tmp_path):
    server.route("GET", "/api/v1/accounts/verify_credentials", status=401, json={"error": "The access token is invalid"})
    line = one_error_line(run(env, "whoami"))
    assert "401" in line and "access token is invalid" in line
    line = one_error_line(run(env, "whoami", "--credentials", str(tmp_path / "missing.secret")))
    assert "login" in line


def test_toot_with_media(env, server, logged_in, tmp_path):
    picture = tmp_path / "bird.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\nfake")
    server.route("POST", "/api/v2/media", json=entities.media_attachment(id="777"))
    server.route("POST", "/api/v1/statuses", json=entities.status(id="123", spoiler_text="birds"))
    done = run(env, "toot", "Hello world", "--media", str(picture), "--visibility", "unlisted", "--spoiler", "birds")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("123  ") and "[CW: birds] Look at this #birds photo" in done.stdout
    media, status = [r for r in server.requests if r.method == "POST"]
    assert media.path == "/api/v2/media" and media.files["file"][2] == picture.read_bytes()
    assert status.form == {"status": ["Hello world"], "media_ids[]": ["777"], "visibility": ["unlisted"],
                           "spoiler_text": ["birds"]}
    done = run(env, "toot", "plain", "--json")
    assert json.loads(done.stdout)["id"] == 123
    assert server.last.form == {"status": ["plain"]}


def test_toot_bad_input(env, server, logged_in, tmp_path):
    done = run(env, "toot", "x", "--visibility", "everyone")
    assert done.returncode == 2 and "invalid choice" in done.stderr
    assert "no such media file" in one_error_line(run(env, "toot", "x", "--media", str(tmp_path / "nope.png")))
    assert not any(r.method == "POST" for r in server.requests)


@pytest.mark.parametrize("which, path, query", [
    (None, "/api/v1/timelines/home", {}),
    ("local", "/api/v1/timelines/public", {"local": ["1"]}),
    ("public", "/api/v1/timelines/public", {}),
    ("tag:python", "/api/v1/timelines/tag/python", {}),
    ("list:42", "/api/v1/timelines/list/42", {}),
])
def test_timeline(env, server, logged_in, which, path, query):
    server.route("GET", path, json=[entities.status(id="2"), entities.status(id="1")])
    done = run(env, "timeline", *([which] if which else []), "--limit", "2")
    assert done.returncode == 0, done.stderr
    assert [line.split("  ")[0] for line in done.stdout.splitlines()] == ["2", "1"]
    assert server.last.path == path and server.last.query == dict(query, limit=["2"])


def test_timeline_json_and_unknown(env, server, logged_in):
    server.route("GET", "/api/v1/timelines/home", json=[entities.status(id="5")])
    data = json.loads(run(env, "timeline", "--json").stdout)
    assert data[0]["id"] == 5 and data[0]["created_at"].startswith("20")
    assert "unknown timeline" in one_error_line(run(env, "timeline", "federated"))


def test_notifications(env, server, logged_in):
    server.route("GET", "/api/v1/notifications", json=[entities.notification(id="9", type="favourite")])
    done = run(env, "notifications", "--limit", "5")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("9  ") and "favourite  @bob@other.example: Look at this" in done.stdout
    assert server.last.query == {"limit": ["5"]}
    assert json.loads(run(env, "notifications", "--json").stdout)[0]["type"] == "favourite"


def _events(*pairs):
    return [("event: %s\ndata: %s\n\n" % (name, payload if isinstance(payload, str) else json.dumps(payload))).encode()
            for name, payload in pairs]


@pytest.mark.parametrize("which, path", [(None, "/api/v1/streaming/user"), ("public", "/api/v1/streaming/public"),
                                         ("hashtag:birds", "/api/v1/streaming/hashtag")])
def test_stream(env, server, logged_in, which, path):
    server.route("GET", "/api/v1/instance/",
                 json=entities.instance(streaming_api=server.url.replace("http://", "ws://")))
    chunks = [b":thump\n"] + _events(("update", entities.status(id="11")),
                                      ("notification", entities.notification(id="12")),
                                      ("delete", "13"))
    server.route("GET", path, Reply(chunks=chunks, headers={"Content-Type": "text/event-stream"}))
    done = run(env, "stream", *([which] if which else []))
    lines = done.stdout.splitlines()
    assert [line.split("  ")[0] for line in lines] == ["11", "notification", "deleted"]
    assert lines[1].startswith("notification  12  ") and lines[2] == "deleted  13"
    assert "Traceback" not in done.stderr
    if done.returncode != 0:  # a server that ends the stream: a clean exit, or one line
        assert len(done.stderr.strip().splitlines()) == 1
    if which == "hashtag:birds":
        assert server.last.query.get("tag") == ["birds"]
    done = run(env, "stream", *([which] if which else []), "--json")
    events = [json.loads(line) for line in done.stdout.splitlines()]
    assert [e["event"] for e in events] == ["update", "notification", "delete"]
    assert events[0]["payload"]["id"] == 11


def test_stream_unknown(env, server, logged_in):
    assert "unknown stream" in one_error_line(run(env, "stream", "everything"))


def test_stream_runs_until_ctrl_c(env, server, logged_in):
    server.route("GET", "/api/v1/instance/",
                 json=entities.instance(streaming_api=server.url.replace("http://", "ws://")))
    chunks = _events(("update", entities.status(id="21"))) + [b":thump\n"] * 100
    server.route("GET", "/api/v1/streaming/user",
                 Reply(chunks=chunks, chunk_delay=0.1, headers={"Content-Type": "text/event-stream"}))
    proc = subprocess.Popen([sys.executable, "-m", "mastodon", "stream"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        first = proc.stdout.readline()
        assert first.startswith("21  ")
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 130
    assert "Traceback" not in stderr and TOKEN not in stdout + stderr
