"""OAuth of today: PKCE (RFC 7636), server metadata (RFC 8414), the 2.x auth methods,
and the trailing-slash fallback of the core."""
import base64
import hashlib
import re
import secrets
from urllib.parse import parse_qs, urlsplit

import pytest

from mastodon import (Mastodon, MastodonAPIError, MastodonIllegalArgumentError, MastodonNotFoundError,
                      MastodonVersionError)
from tests import entities
from tests.conftest import TOKEN
from tests.harness import MockServer, Reply

CLIENT_ID = "client-id"
CLIENT_SECRET = "client-secret"


def code_challenge(verifier):
    """RFC 7636 S256, computed independently of the library."""
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii")).digest()).decode().rstrip("=")


def query_of(url):
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def metadata(base, **changes):
    doc = {
        "issuer": base + "/",
        "authorization_endpoint": base + "/oauth/authorize",
        "token_endpoint": base + "/oauth/token",
        "revocation_endpoint": base + "/oauth/revoke",
        "userinfo_endpoint": base + "/oauth/userinfo",
        "scopes_supported": ["read", "write", "follow", "push", "profile"],
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code", "client_credentials", "refresh_token"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
    }
    doc.update(changes)
    return {k: v for k, v in doc.items() if v is not None}


class StrictOAuthServer:
    """A Mastodon 4.4-like authorization server on the loopback server: metadata with
    S256 and no password grant; its token endpoint checks the PKCE verifier against the
    challenge recorded with the code."""

    def __init__(self, server):
        self.server = server
        self.codes = {}
        self.passwords_seen = 0
        server.route("GET", "/.well-known/oauth-authorization-server", json=metadata(server.url))
        server.route("POST", "/oauth/token", self.token)

    def authorize(self, url):
        """What the user does in the browser: the server records the challenge, issues a code."""
        query = query_of(url)
        assert query["code_challenge_method"] == "S256" and query["response_type"] == "code"
        code = secrets.token_hex(8)
        self.codes[code] = (query["code_challenge"], query["redirect_uri"])
        return code

    def token(self, request):
        form = {k: v[0] for k, v in request.form.items()}
        if "password" in form:
            self.passwords_seen += 1
        if form.get("grant_type") != "authorization_code" or form.get("code") not in self.codes:
            return Reply(status=400, json={"error": "unsupported_grant_type"})
        challenge, redirect_uri = self.codes.pop(form["code"])
        if form.get("redirect_uri") != redirect_uri or code_challenge(form.get("code_verifier", "")) != challenge:
            return Reply(status=400, json={"error": "invalid_grant",
                                           "error_description": "The provided authorization grant is invalid"})
        return Reply(json=entities.token(scope=form["scope"]))


@pytest.fixture
def client(make_api):
    return make_api(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, access_token=None, mastodon_version="4.5.0")


def test_rfc7636_example_and_fresh_verifiers():
    from mastodon._oauth import check_code_verifier, code_challenge as library_challenge, new_code_verifier
    assert library_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    verifiers = {new_code_verifier() for _ in range(20)}
    assert len(verifiers) == 20
    for verifier in verifiers:
        assert re.fullmatch(r"[A-Za-z0-9\-._~]{43,128}", verifier)
        assert check_code_verifier(verifier) == verifier


def test_code_login_against_a_server_without_password_grant(client, server):
    """The "done when" of the issue: same client object, PKCE checked, no password ever sent."""
    oauth = StrictOAuthServer(server)
    url = client.auth_request_url(redirect_uris="https://app.example/cb", scopes=["read", "profile"])
    assert url.startswith(server.url + "/oauth/authorize?")
    code = oauth.authorize(url)
    assert client.log_in(code=code, redirect_uri="https://app.example/cb", scopes=["read", "profile"]) \
        == entities.token()["access_token"]
    assert client.access_token == entities.token()["access_token"]
    token_request = server.last
    assert token_request.path == "/oauth/token" and token_request.form["grant_type"] == ["authorization_code"]
    assert code_challenge(token_request.form["code_verifier"][0]) == query_of(url)["code_challenge"]
    assert client.code_verifier is None  # used up
    # a password login is refused before anything is sent, and the message shows the way
    before = len(server.requests)
    with pytest.raises(MastodonIllegalArgumentError, match="auth_request_url") as info:
        client.log_in("alice@example.social", "hunter2")
    assert "hunter2" not in str(info.value)
    assert len(server.requests) == before and oauth.passwords_seen == 0
    assert all(b"hunter2" not in r.body for r in server.requests)
    # the metadata was read once
    assert [r.path for r in server.requests].count("/.well-known/oauth-authorization-server") == 1


def test_wrong_verifier_is_refused_by_the_server(client, server):
    oauth = StrictOAuthServer(server)
    code = oauth.authorize(client.auth_request_url())
    with pytest.raises(MastodonIllegalArgumentError, match="grant"):
        client.log_in(code=code, code_verifier="x" * 43)


def test_flow_split_across_processes(make_api, server):
    oauth = StrictOAuthServer(server)
    first = make_api(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, access_token=None, mastodon_version="4.5.0")
    url = first.auth_request_url()
    stored = first.code_verifier  # kept with the user's web session
    code = oauth.authorize(url)
    second = make_api(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, access_token=None, mastodon_version="4.5.0")
    assert second.log_in(code=code, code_verifier=stored) == entities.token()["access_token"]
    # a verifier chosen by the caller is used as given
    chosen = "A" * 64
    url = first.auth_request_url(code_verifier=chosen)
    assert query_of(url)["code_challenge"] == code_challenge(chosen) and first.code_verifier == chosen
    second.code_verifier = chosen
    assert second.log_in(code=oauth.authorize(url)) == entities.token()["access_token"]


@pytest.mark.parametrize("bad", ["short", "x" * 129, "has space" + "x" * 40, 42])
def test_bad_verifiers_are_refused_before_any_request(client, server, bad):
    with pytest.raises(MastodonIllegalArgumentError, match="code_verifier"):
        client.auth_request_url(code_verifier=bad)
    with pytest.raises(MastodonIllegalArgumentError, match="code_verifier"):
        client.log_in(code="c", code_verifier=bad)
    assert server.requests == []


def test_server_that_ignores_pkce_keeps_working(client, server):
    """No metadata (404), old /oauth/ paths; the extra parameters do no harm."""
    server.route("POST", "/oauth/token", json=entities.token())
    url = client.auth_request_url()
    assert url.startswith(server.url + "/oauth/authorize?") and "code_challenge=" in url
    assert client.log_in(code="abc") == entities.token()["access_token"]
    form = server.last.form
    assert form["code"] == ["abc"] and form["code_verifier"] == [client.code_verifier or form["code_verifier"][0]]
    # password login on a server without metadata is sent as in 1.8.0
    client.log_in("alice@example.social", "pw")
    assert server.last.form["grant_type"] == ["password"]


@pytest.mark.parametrize("reply", [
    Reply(body=b"<html><body>Akkoma</body></html>", headers={"Content-Type": "text/html"}),
    Reply(json=["not", "an", "object"]),
    Reply(status=500, json={"error": "boom"}),
])
def test_unusable_metadata_falls_back(client, server, reply):
    server.route("GET", "/.well-known/oauth-authorization-server", reply)
    server.route("POST", "/oauth/token", json=entities.token())
    assert client.auth_request_url().startswith(server.url + "/oauth/authorize?")
    client.log_in("a", "b")
    assert server.last.path == "/oauth/token"
    with pytest.raises(MastodonAPIError):
        client.oauth_authorization_server_info()


def test_incomplete_metadata_falls_back_per_endpoint(client, server):
    server.route("GET", "/.well-known/oauth-authorization-server",
                 json={"issuer": server.url + "/", "token_endpoint": server.url + "/auth/v2/token",
                       "authorization_endpoint": "not a url"})
    server.route("POST", "/auth/v2/token", json=entities.token())
    server.route("POST", "/oauth/revoke", json={})
    assert client.auth_request_url().startswith(server.url + "/oauth/authorize?")
    client.log_in(code="c")
    assert server.last.path == "/auth/v2/token"
    client.revoke_access_token()
    assert server.last.path == "/oauth/revoke"


def test_metadata_endpoints_are_used_and_cached(client, server):
    server.route("GET", "/.well-known/oauth-authorization-server", json=metadata(
        server.url, authorization_endpoint=server.url + "/login/authorize?tenant=1",
        revocation_endpoint=server.url + "/login/revoke", userinfo_endpoint=server.url + "/login/me",
        grant_types_supported=["authorization_code", "password"]))
    server.route("POST", "/oauth/token", json=entities.token())
    server.route("POST", "/login/revoke", json={})
    server.route("GET", "/login/me", json={"sub": "https://example.social/users/alice", "preferred_username": "alice"})
    info = client.oauth_authorization_server_info()
    assert info.code_challenge_methods_supported == ["S256"]
    url = client.auth_request_url()
    assert url.startswith(server.url + "/login/authorize?tenant=1&client_id=client-id&")
    client.log_in("alice@example.social", "pw")  # the metadata lists the password grant
    assert server.last.form["grant_type"] == ["password"]
    user = client.oauth_userinfo()
    assert user.preferred_username == "alice"
    assert (server.last.path, server.last.header("Authorization")) == ("/login/me", "Bearer " + entities.token()["access_token"])
    client.revoke_access_token()
    assert server.last.path == "/login/revoke" and client.access_token is None
    assert [r.path for r in server.requests].count("/.well-known/oauth-authorization-server") == 1
    client.clear_caches()
    client.auth_request_url()
    assert [r.path for r in server.requests].count("/.well-known/oauth-authorization-server") == 2


def test_plain_http_endpoint_named_only_by_metadata(client, server):
    other = MockServer().start()
    try:
        server.route("GET", "/.well-known/oauth-authorization-server", json=metadata(
            other.url, grant_types_supported=["authorization_code", "password"]))
        other.route("POST", "/oauth/token", json=entities.token())
        with pytest.raises(MastodonIllegalArgumentError, match="allow_http"):
            client.log_in(code="c")
        with pytest.raises(MastodonIllegalArgumentError, match="allow_http"):
            client.auth_request_url()
        assert other.requests == []
        client.log_in(code="c", allow_http=True)
        assert other.last.path == "/oauth/token"
        assert client.auth_request_url(allow_http=True).startswith(other.url + "/oauth/authorize?")
    finally:
        other.stop()


def test_skip_server_info_makes_no_request(client, server):
    url = client.auth_request_url(skip_server_info=True)
    assert url.startswith(server.url + "/oauth/authorize?") and server.requests == []


def test_oauth_userinfo(api, server, make_api):
    server.route("GET", "/oauth/userinfo", json={"iss": server.url + "/", "sub": server.url + "/users/a",
                                                 "name": "A", "preferred_username": "a"})
    with pytest.raises(MastodonVersionError):
        api.oauth_userinfo()  # the api fixture declares 4.2.0
    assert server.requests == []
    info = make_api(mastodon_version="4.4.0").oauth_userinfo()
    assert info.sub == server.url + "/users/a"
    assert server.last.path == "/oauth/userinfo" and server.last.header("Authorization") == "Bearer " + TOKEN


def test_persistable_login_credentials(api, server, tmp_path):
    text = api.persistable_login_credentials()
    assert text == "%s\n%s\n%s\n%s\n" % (TOKEN, server.url, CLIENT_ID, CLIENT_SECRET)
    path = tmp_path / "usercred.secret"
    path.write_text(text)
    again = Mastodon(access_token=str(path), mastodon_version="4.0.0")
    assert (again.access_token, again.api_base_url, again.client_secret) == (TOKEN, server.url, CLIENT_SECRET)
    with pytest.raises(MastodonIllegalArgumentError) as info:
        Mastodon(api_base_url=server.url, access_token=TOKEN, mastodon_version="4.0.0").persistable_login_credentials()
    assert TOKEN not in str(info.value)


def test_granular_and_profile_scopes(client, server):
    server.route("POST", "/oauth/token", json=entities.token(scope="profile read write:statuses"))
    client.log_in(code="c", scopes=["profile", "read:bookmarks", "write:statuses"])
    assert server.last.form["scope"] == ["profile read:bookmarks write:statuses"]
    server.route("POST", "/oauth/token", json=entities.token(scope="read"))
    with pytest.raises(MastodonAPIError, match="profile"):
        client.log_in(code="c", scopes=["profile", "read"])


def test_create_app_with_several_redirect_uris_and_user_agent(server):
    server.route("POST", "/api/v1/apps", json=entities.app_registration())
    Mastodon.create_app("web", scopes=["profile", "read"], api_base_url=server.url, user_agent="web/1.0",
                        redirect_uris=["https://a.example/cb", "http://127.0.0.1:8000/cb", "urn:ietf:wg:oauth:2.0:oob"])
    assert server.last.form["redirect_uris"] == ["https://a.example/cb\nhttp://127.0.0.1:8000/cb\nurn:ietf:wg:oauth:2.0:oob"]
    assert server.last.form["scopes"] == ["profile read"]
    assert server.last.header("User-Agent") == "web/1.0"


def test_clear_caches_forgets_the_instance(api, server):
    api.instance()
    api._cached_instance()
    count = len(server.requests)
    api._cached_instance()
    assert len(server.requests) == count
    api.clear_caches()
    api._cached_instance()
    assert len(server.requests) == count + 1


# -- the trailing slash (Takahe) ------------------------------------------------------------------------
def test_instance_and_conversations_fall_back_to_the_bare_path(api, server):
    server.route("GET", "/api/v1/instance/", status=404, json={"error": "Not found"})
    server.route("GET", "/api/v1/instance", json=entities.instance(version="4.0.0"))
    server.route("GET", "/api/v1/conversations/", status=404, body=b"")
    server.route("GET", "/api/v1/conversations", json=[])
    assert api.instance().version == "4.0.0"
    assert [r.path for r in server.requests] == ["/api/v1/instance/", "/api/v1/instance"]
    server.clear()
    api.instance()
    assert api.conversations() == []
    api.conversations()
    assert [r.path for r in server.requests] == [
        "/api/v1/instance", "/api/v1/conversations/", "/api/v1/conversations", "/api/v1/conversations"]


def test_slash_form_stays_when_the_server_serves_it(api, server):
    api.instance()
    api.instance()
    assert [r.path for r in server.requests] == ["/api/v1/instance/", "/api/v1/instance/"]


def test_a_real_404_on_both_forms_raises(api, server):
    server.route("GET", "/api/v1/conversations/", status=404, json={"error": "gone"})
    with pytest.raises(MastodonNotFoundError):
        api.conversations()
    assert [r.path for r in server.requests] == ["/api/v1/conversations/", "/api/v1/conversations"]
    # not remembered: the next call asks for the slash form again
    with pytest.raises(MastodonNotFoundError):
        api.conversations()
    assert server.requests[-2].path == "/api/v1/conversations/"


def test_the_memory_is_per_client(make_api, server):
    server.route("GET", "/api/v1/instance/", status=404, json={"error": "Not found"})
    server.route("GET", "/api/v1/instance", json=entities.instance())
    make_api(mastodon_version="4.0.0").instance()
    server.clear()
    make_api(mastodon_version="4.0.0").instance()
    assert [r.path for r in server.requests] == ["/api/v1/instance/", "/api/v1/instance"]


def test_version_detection_on_a_server_without_the_slash_path(server):
    server.route("GET", "/api/v1/instance/", status=404, json={"error": "Not found"})
    server.route("GET", "/api/v1/instance", json=entities.instance(version="3.5.3"))
    api = Mastodon(api_base_url=server.url)
    assert api.version_check_worked is True and (api.mastodon_major, api.mastodon_minor) == (3, 5)
    api.instance()
    assert [r.path for r in server.requests] == ["/api/v1/instance/", "/api/v1/instance", "/api/v1/instance"]
    api.session.close()
