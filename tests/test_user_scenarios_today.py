"""Scenarios of today's users (bot authors, moderation tools, CLI users), each the
reproduction of a bug found by trying the library as they would, against loopback
servers (tests/harness.py, tests/stream_server.py).
"""
import logging

import pytest

from mastodon import Mastodon, MastodonIllegalArgumentError, MastodonIOError, StreamListener
from tests import entities
from tests.conftest import TOKEN
from tests.harness import Reply
from tests.stream_server import StreamServer
from tests.test_cli import env, logged_in, run  # noqa: F401 - fixtures of the command line tests
from tests.test_streaming import wait_until

pytestmark = pytest.mark.timeout(60)


# -- a bot author debugging a WebSocket stream with logging.basicConfig(level=DEBUG) ----------------
@pytest.fixture
def sserver():
    srv = StreamServer()
    yield srv
    srv.stop()


def test_websocket_handshake_log_lines_do_not_show_the_token(sserver, caplog):
    """The websockets library logs the handshake (request line and headers) at DEBUG on
    its own logger; with the token in the Authorization header, and after a server
    refused the header, in the ``access_token`` query. Neither may reach the log."""
    pytest.importorskip("websockets.sync.client", reason="the websocket extra is not installed")

    def refuse(conn):
        conn.refuse(401)

    def accept(conn):
        conn.accept()
        conn.serve_until_closed()

    sserver.ws_scripts = [refuse, accept]
    sserver.start()
    api = Mastodon(access_token=TOKEN, api_base_url=sserver.url, mastodon_version="4.2.0")
    with caplog.at_level(logging.DEBUG):  # the root logger, as logging.basicConfig(level=DEBUG) sets it
        with api.stream_open_websocket() as handle:
            api.stream_user(StreamListener(), run_async=True, websocket_handle=handle)
            assert wait_until(handle.is_receiving)
    api.close()
    assert len(sserver.ws_connections) == 2
    lines = [record.getMessage() for record in caplog.records]
    handshake = [line for line in lines if line.startswith("> ")]
    assert any("GET /api/v1/streaming" in line for line in handshake)  # the library does log it
    assert any("access_token=***" in line for line in handshake)
    assert any(line == "> Authorization: Bearer ***" for line in handshake)
    assert not [line for line in lines if TOKEN in line]


# -- a bot author quoting a status ---------------------------------------------------------------------
@pytest.mark.parametrize("call", [
    lambda api: api.status_post("look", quoted_status_id=[1, 2]),
    lambda api: api.status_post("look", quoted_status_id=(1,)),
    lambda api: api.status_reply(entities.status(id="5"), "look", quoted_status_id=[5]),
    lambda api: api.status_post("look", quoted_status_id=True),
])
def test_a_quote_of_several_statuses_is_refused_before_any_request(server, make_api, call):
    """A status quotes one status: a list of ids used to go out as ``quoted_status_id[]``."""
    api = make_api(mastodon_version="4.5.0", ratelimit_method="throw")
    api._own_account_id = 1  # status_reply asks who is logged in; known here
    with pytest.raises(MastodonIllegalArgumentError, match="quoted_status_id"):
        call(api)
    assert server.requests == []


def test_a_quote_by_id_or_status_dict(server, make_api):
    api = make_api(mastodon_version="4.5.0", ratelimit_method="throw")
    server.route("POST", "/api/v1/statuses", json=entities.status(id="7"))
    api.status_post("look", quoted_status_id=entities.status(id="5"))
    api.status_post("look", quoted_status_id=6)
    assert [r.form["quoted_status_id"] for r in server.requests] == [["5"], ["6"]]


# -- an app that registers once and logs in with the code flow ---------------------------------------
REDIRECTS = ["https://app.example/callback", "urn:ietf:wg:oauth:2.0:oob"]


def test_scopes_given_as_one_string_are_the_space_separated_scopes(server):
    """``scopes="read write"`` (the form the API itself uses) went out as
    ``"r e a d   w r i t e"``."""
    server.route("POST", "/api/v1/apps", json=entities.app_registration())
    server.route("POST", "/oauth/token", json=entities.token(scope="read write"))
    Mastodon.create_app("webapp", scopes="read write", redirect_uris=REDIRECTS, api_base_url=server.url)
    assert server.last.form["scopes"] == ["read write"]
    api = Mastodon(client_id="id", client_secret="secret", api_base_url=server.url, version_check_mode="none")
    url = api.auth_request_url(scopes="read write")
    assert "scope=read+write&" in url
    api.log_in(code="the-code", scopes="read write")
    assert server.last.form["scope"] == ["read write"]


@pytest.mark.parametrize("call", [
    lambda api: Mastodon.create_app("webapp", scopes=["read", 5], api_base_url=api.api_base_url),
    lambda api: Mastodon.create_app("webapp", scopes=None, api_base_url=api.api_base_url),
    lambda api: api.auth_request_url(scopes=[["read"]]),
    lambda api: api.log_in(code="the-code", scopes=3),
])
def test_scopes_that_are_not_strings_are_refused_before_any_request(server, call):
    api = Mastodon(client_id="id", client_secret="secret", api_base_url=server.url, version_check_mode="none")
    with pytest.raises(MastodonIllegalArgumentError, match="scopes"):
        call(api)
    assert server.requests == []


def test_the_redirect_uri_list_given_to_create_app_is_not_sent_as_its_repr(server):
    """create_app takes several redirect URIs; auth_request_url sends one. A list of one
    is that one; a list of several cannot be guessed from (it went out as
    ``redirect_uri=['https://...']``)."""
    api = Mastodon(client_id="id", client_secret="secret", api_base_url=server.url, version_check_mode="none")
    url = api.auth_request_url(redirect_uris=REDIRECTS[:1], skip_server_info=True)
    assert "redirect_uri=https%3A%2F%2Fapp.example%2Fcallback&" in url
    with pytest.raises(MastodonIllegalArgumentError, match="redirect_uris"):
        api.auth_request_url(redirect_uris=REDIRECTS)
    with pytest.raises(MastodonIllegalArgumentError, match="redirect_uri"):
        api.log_in(code="the-code", redirect_uri=REDIRECTS)
    assert server.requests == []


# -- a CLI user tooting a video ---------------------------------------------------------------------
def test_cli_toot_waits_until_a_video_is_processed(env, server, logged_in, tmp_path):  # noqa: F811
    """Mastodon answers a video upload with 202 and ``url`` None while it processes it,
    and refuses (422) a status that attaches it before that. ``toot --media`` posted at
    once."""
    video = tmp_path / "birds.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42fake")
    processing = entities.media_attachment(id="777", type="video", url=None)
    server.route("POST", "/api/v2/media", Reply(status=202, json=processing))
    server.route("GET", "/api/v1/media/777", json=entities.media_attachment(id="777", type="video"))

    def post_status(request):
        if not any(r.path == "/api/v1/media/777" for r in server.requests):
            return Reply(status=422, json={"error": "Cannot attach files that have not finished processing. "
                                                    "Try again in a moment!"})
        return Reply(json=entities.status(id="123"))

    server.route("POST", "/api/v1/statuses", post_status)
    done = run(env, "toot", "Birds!", "--media", str(video))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("123  ")
    assert server.last.form["media_ids[]"] == ["777"]


def test_the_pkce_verifier_stays_out_of_debug_output_and_logs(server, capsys, caplog):
    """The code verifier is the secret half of PKCE (the code, the other one, was
    masked already)."""
    server.route("POST", "/oauth/token", json=entities.token())
    api = Mastodon(client_id="id", client_secret="secret", api_base_url=server.url, version_check_mode="none",
                   debug_requests=True)
    api.auth_request_url(skip_server_info=True)
    verifier = api.code_verifier
    with caplog.at_level(logging.DEBUG, logger="mastodon"):
        api.log_in(code="the-code")
    assert server.last.form["code_verifier"] == [verifier]
    out = capsys.readouterr().out
    assert "code_verifier" in out and verifier not in out
    assert [r for r in caplog.records if "code_verifier" in r.getMessage()]
    assert not [r for r in caplog.records if verifier in r.getMessage()]


# -- a bot on Akkoma / Pleroma (1.8.0 sent any notification type) ------------------------------------
def test_notification_types_of_other_servers_are_sent(server, make_api):
    server.route("GET", "/api/v1/notifications", json=[])
    mainline = make_api(mastodon_version="4.2.0")
    mainline.notifications(exclude_types=["pleroma:emoji_reaction", "favourite"])
    assert server.last.query["exclude_types[]"] == ["pleroma:emoji_reaction", "favourite"]
    pleroma = make_api(mastodon_version="4.2.0", feature_set="pleroma")
    pleroma.notifications(types=["move", "pleroma:chat_mention", "mention"])
    assert server.last.query["types[]"] == ["move", "pleroma:chat_mention", "mention"]
    sent = len(server.requests)
    for bad in (["favorite"], [5], [""], ["pleroma:"]):
        with pytest.raises(MastodonIllegalArgumentError, match="notification type"):
            mainline.notifications(types=bad)
    with pytest.raises(MastodonIllegalArgumentError, match="notification type"):
        pleroma.notifications(types=[None])
    assert len(server.requests) == sent


@pytest.mark.parametrize("kwargs", [
    {"quote_approval_policy": "everyone"},
    {"quoted_status_id": [1, 2]},
    {"visibility": "friends"},
    {"media_ids": [1], "poll": {"options": ["a", "b"], "expires_in": 300}},
])
def test_status_reply_refuses_bad_input_before_asking_who_is_logged_in(server, make_api, kwargs):
    """status_reply looks up the logged-in account (to leave it out of the mentions);
    bad arguments used to be noticed only after that request."""
    api = make_api(mastodon_version="4.5.0", ratelimit_method="throw")
    with pytest.raises(MastodonIllegalArgumentError):
        api.status_reply(entities.status(id="5"), "reply", **kwargs)
    assert server.requests == []


@pytest.mark.parametrize("call", [
    lambda api, path: Mastodon.create_app("app", api_base_url=api.api_base_url, to_file=path),
    lambda api, path: api.log_in("me@example.org", "pw", to_file=path),
    lambda api, path: api.log_in(code="abc", to_file=path),
    lambda api, path: api.create_account("me", "pw-0123456789", "me@example.org", agreement=True, to_file=path),
])
def test_credential_file_that_cannot_be_written_is_refused_before_any_request(api, server, tmp_path, call):
    # registering an app (or logging in) and then failing to save the secret loses it
    for path in (tmp_path / "missing" / "clientcred.secret", tmp_path):
        with pytest.raises(MastodonIOError, match="Cannot write the credential file"):
            call(api, str(path))
    assert server.requests == []
