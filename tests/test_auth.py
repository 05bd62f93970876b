"""Construction, app registration, logging in and credential files."""
import os
import stat

import pytest
import requests

from mastodon import (Mastodon, MastodonAPIError, MastodonIllegalArgumentError, MastodonNetworkError,
                      MastodonRatelimitError, MastodonServiceUnavailableError, MastodonVersionError)
from tests import entities
from tests.test_auth_oauth import code_challenge
from tests.conftest import TOKEN
from tests.harness import Reply

CLIENT_ID = entities.app_registration()["client_id"]
CLIENT_SECRET = entities.app_registration()["client_secret"]
USER_TOKEN = entities.token()["access_token"]


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


# -- constructor ---------------------------------------------------------------------------------------
def test_constructor_defaults_and_version_detection(server):
    api = Mastodon(api_base_url=server.url)
    assert api.api_base_url == server.url
    assert api.ratelimit_method == "wait" and api.ratelimit_pacefactor == 1.1
    assert api.request_timeout == 300 and api.version_check_mode == "created"
    assert api.feature_set == "mainline" and api.user_agent == "mastodonpy" and api.lang is None
    assert api.ratelimit_limit == 300 and api.ratelimit_remaining == 300
    assert (api.mastodon_major, api.mastodon_minor, api.mastodon_patch) == (4, 2, 0)
    assert api.version_check_worked is True
    assert isinstance(api.session, requests.Session)
    request = server.last
    assert (request.method, request.path) == ("GET", "/api/v1/instance/")
    assert request.header("Authorization") is None
    assert request.header("User-Agent") == "mastodonpy"


def test_constructor_normalises_base_url():
    api = Mastodon(api_base_url="example.social/", mastodon_version="4.0.0")
    assert api.api_base_url == "https://example.social"


def test_version_check_mode_none_makes_no_request(server):
    api = Mastodon(api_base_url=server.url, version_check_mode="none")
    assert server.requests == []
    assert (api.mastodon_major, api.mastodon_minor, api.mastodon_patch) == (1, 0, 0)


@pytest.mark.parametrize("kwargs, words", [
    ({"ratelimit_method": "sometimes"}, "ratelimit_method"),
    ({"version_check_mode": "always"}, "version_check_mode"),
    ({"feature_set": "misskey"}, "feature_set"),
    ({"client_id": "abc"}, "client_secret"),
    ({"ratelimit_pacefactor": 0}, "ratelimit_pacefactor"),
    ({"ratelimit_pacefactor": "fast"}, "ratelimit_pacefactor"),
])
def test_bad_constructor_arguments(server, kwargs, words):
    with pytest.raises(MastodonIllegalArgumentError, match=words):
        Mastodon(api_base_url=server.url, **kwargs)
    assert server.requests == []


def test_missing_base_url():
    with pytest.raises(MastodonIllegalArgumentError, match="base URL"):
        Mastodon(access_token="abc")


def test_unparseable_mastodon_version(server):
    with pytest.raises(MastodonVersionError, match="mastodon_version"):
        Mastodon(api_base_url=server.url, mastodon_version="banana")
    assert server.requests == []


def test_feature_sets_are_stored(server):
    for feature_set in ("mainline", "fedibird", "pleroma"):
        assert Mastodon(api_base_url=server.url, mastodon_version="4.0.0", feature_set=feature_set).feature_set == feature_set


def test_token_and_language_headers(make_api, server):
    api = make_api(mastodon_version="4.0.0", lang="de", user_agent="mybot/1.0")
    server.route("GET", "/api/v1/apps/verify_credentials", json=entities.application())
    api.app_verify_credentials()
    assert server.last.header("Authorization") == "Bearer " + TOKEN
    assert server.last.header("User-Agent") == "mybot/1.0"
    assert server.last.query == {"lang": ["de"]}
    api.set_language("fr")
    api.access_token = "other-token"
    api.app_verify_credentials()
    assert server.last.query == {"lang": ["fr"]}
    assert server.last.header("Authorization") == "Bearer other-token"


def test_ratelimit_figures_are_writable_attributes(api):
    api.ratelimit_remaining = 7
    api.ratelimit_lastcall = 12.5
    assert (api.ratelimit_remaining, api.ratelimit_lastcall, api.ratelimit_limit) == (7, 12.5, 300)


def test_repr_hides_token(api):
    assert TOKEN not in repr(api) and api.api_base_url in repr(api)


# -- credential files ----------------------------------------------------------------------------------------
def test_client_file_is_read(server, tmp_path):
    path = tmp_path / "clientcred.secret"
    path.write_text("%s\n%s\n%s\npytooterapp\n" % (CLIENT_ID, CLIENT_SECRET, server.url))
    api = Mastodon(client_id=path)
    assert (api.client_id, api.client_secret, api.api_base_url) == (CLIENT_ID, CLIENT_SECRET, server.url)
    assert api.user_agent == "pytooterapp"
    assert server.last.header("User-Agent") == "pytooterapp"
    assert Mastodon(client_id=str(path), user_agent="explicit/2").user_agent == "explicit/2"


def test_old_short_files_stay_valid(server, tmp_path):
    client = tmp_path / "old_client.secret"
    client.write_text("%s\n%s\n" % (CLIENT_ID, CLIENT_SECRET))
    token = tmp_path / "old_token.secret"
    token.write_text(USER_TOKEN + "\n")
    api = Mastodon(client_id=client, access_token=token, api_base_url=server.url, mastodon_version="4.0.0")
    assert (api.client_id, api.client_secret, api.access_token) == (CLIENT_ID, CLIENT_SECRET, USER_TOKEN)


def test_token_file_supplies_url_and_client(server, tmp_path):
    token = tmp_path / "usercred.secret"
    token.write_text("%s\n%s\n%s\n%s\n" % (USER_TOKEN, server.url.replace("http://", "http://") + "/", CLIENT_ID, CLIENT_SECRET))
    api = Mastodon(access_token=str(token))
    assert (api.access_token, api.api_base_url, api.client_id, api.client_secret) == (
        USER_TOKEN, server.url, CLIENT_ID, CLIENT_SECRET)


def test_base_url_mismatch(server, tmp_path):
    token = tmp_path / "usercred.secret"
    token.write_text("%s\nhttps://elsewhere.example\n" % USER_TOKEN)
    with pytest.raises(MastodonIllegalArgumentError, match="Mismatch in base URLs between files and/or specified") as info:
        Mastodon(access_token=token, api_base_url=server.url)
    message = str(info.value)
    assert server.url in message and "https://elsewhere.example" in message and str(token) in message
    assert USER_TOKEN not in message
    assert server.requests == []


def test_base_url_mismatch_between_two_files(server, tmp_path):
    client = tmp_path / "clientcred.secret"
    client.write_text("%s\n%s\n%s\n" % (CLIENT_ID, CLIENT_SECRET, server.url))
    token = tmp_path / "usercred.secret"
    token.write_text("%s\nhttps://elsewhere.example\n" % USER_TOKEN)
    with pytest.raises(MastodonIllegalArgumentError, match="Mismatch in base URLs") as info:
        Mastodon(client_id=client, access_token=token)
    assert str(client) in str(info.value) and str(token) in str(info.value)
    assert CLIENT_SECRET not in str(info.value) and USER_TOKEN not in str(info.value)
    assert server.requests == []


def test_stale_two_line_client_file(server, tmp_path):
    """A client file of Mastodon.py before 1.5.2 holds only the id and the secret."""
    path = tmp_path / "pytooter_clientcred.secret"
    path.write_text("%s\n%s\n" % (CLIENT_ID, CLIENT_SECRET))
    with pytest.raises(MastodonIllegalArgumentError, match="API base URL is required") as info:
        Mastodon(client_id=path)
    assert str(path) in str(info.value) and CLIENT_SECRET not in str(info.value)
    api = Mastodon(client_id=path, api_base_url=server.url)
    assert (api.client_id, api.client_secret, api.user_agent) == (CLIENT_ID, CLIENT_SECRET, "mastodonpy")
    assert server.last.header("User-Agent") == "mastodonpy"


def test_missing_token_file_is_explained(tmp_path):
    with pytest.raises(MastodonIllegalArgumentError, match="not the path of an existing file"):
        Mastodon(access_token=str(tmp_path / "pytooter_usercred.secret"))
    with pytest.raises(MastodonIllegalArgumentError, match="not the path of an existing file"):
        Mastodon(client_id=str(tmp_path / "pytooter_clientcred.secret"), api_base_url="https://example.social")


def test_byte_order_mark_is_not_part_of_the_id(server, tmp_path):
    path = tmp_path / "clientcred.secret"
    path.write_bytes(("\ufeff%s\r\n%s\r\n%s\r\n" % (CLIENT_ID, CLIENT_SECRET, server.url)).encode("utf-8"))
    api = Mastodon(client_id=path, mastodon_version="4.0.0")
    assert (api.client_id, api.client_secret, api.api_base_url) == (CLIENT_ID, CLIENT_SECRET, server.url)


def test_base_url_comparison_is_normalised(tmp_path):
    token = tmp_path / "usercred.secret"
    token.write_text("%s\nhttps://zombo.com\n" % USER_TOKEN)
    api = Mastodon(access_token=token, api_base_url="zombo.com", mastodon_version="4.0.0")
    assert api.api_base_url == "https://zombo.com"


@pytest.mark.parametrize("content", [b"", b"\n\n", CLIENT_ID.encode() + b"\n", b"\xff\xfe\x00bad\n" + CLIENT_SECRET.encode()])
def test_malformed_client_files_are_refused(tmp_path, content):
    path = tmp_path / "broken.secret"
    path.write_bytes(content)
    with pytest.raises(MastodonIllegalArgumentError) as info:
        Mastodon(client_id=path, api_base_url="https://example.social", mastodon_version="4.0.0")
    assert str(path) in str(info.value)


@pytest.mark.parametrize("content", [b"", b"   \n", b"\xc3\x28\n"])
def test_malformed_token_files_are_refused(tmp_path, content):
    path = tmp_path / "broken_token.secret"
    path.write_bytes(content)
    with pytest.raises(MastodonIllegalArgumentError) as info:
        Mastodon(access_token=path, api_base_url="https://example.social", mastodon_version="4.0.0")
    assert str(path) in str(info.value)


# -- create_app -------------------------------------------------------------------------------------------------
def test_create_app_request_and_file(server, tmp_path):
    server.route("POST", "/api/v1/apps", json=entities.app_registration())
    target = tmp_path / "clientcred.secret"
    result = Mastodon.create_app("pytooterapp", api_base_url=server.url + "/", to_file=str(target),
                                 website="https://example.org/app", redirect_uris=["https://a.example/cb", "https://b.example/cb"])
    assert result == (CLIENT_ID, CLIENT_SECRET)
    request = server.last
    assert (request.method, request.path) == ("POST", "/api/v1/apps")
    assert request.form == {"client_name": ["pytooterapp"], "scopes": ["read write follow push"],
                            "redirect_uris": ["https://a.example/cb\nhttps://b.example/cb"],
                            "website": ["https://example.org/app"]}
    assert target.read_text() == "%s\n%s\n%s\npytooterapp\n" % (CLIENT_ID, CLIENT_SECRET, server.url)
    assert mode(target) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["clientcred.secret"]


def test_create_app_default_redirect_and_session(server):
    server.route("POST", "/api/v1/apps", json=entities.app_registration())
    session = requests.Session()
    Mastodon.create_app("bot", scopes=["read"], api_base_url=server.url, session=session)
    assert server.last.form == {"client_name": ["bot"], "scopes": ["read"],
                                "redirect_uris": ["urn:ietf:wg:oauth:2.0:oob"]}


def test_create_app_goes_through_the_core(server):
    """create_app sends with the given session and user agent, like every other call."""
    server.route("POST", "/api/v1/apps", json=entities.app_registration())
    seen = []
    session = requests.Session()
    session.hooks["response"].append(lambda response, *args, **kwargs: seen.append(response.url))
    result = Mastodon.create_app("bot", api_base_url=server.url, session=session, user_agent="bot/2.0",
                                 request_timeout=5)
    assert result == (CLIENT_ID, CLIENT_SECRET)
    assert seen == [server.url + "/api/v1/apps"]
    request = server.last
    assert request.header("User-Agent") == "bot/2.0" and request.header("Authorization") is None
    assert len(server.requests) == 1
    # without a session the default user agent is 1.8.0's
    Mastodon.create_app("bot", api_base_url=server.url)
    assert server.last.header("User-Agent") == "mastodonpy"


def test_create_app_error_answers(server, tmp_path):
    target = tmp_path / "clientcred.secret"
    target.write_text("old-id\nold-secret\n")
    server.route("POST", "/api/v1/apps", Reply(body=b"<html>Welcome to nginx</html>", headers={"Content-Type": "text/html"}))
    with pytest.raises(MastodonAPIError, match="200"):
        Mastodon.create_app("x", api_base_url=server.url, to_file=target)
    server.route("POST", "/api/v1/apps", Reply(status=503, body=b"<html>down</html>"))
    with pytest.raises(MastodonServiceUnavailableError) as info:
        Mastodon.create_app("x", api_base_url=server.url, to_file=target)
    assert info.value.args[1] == 503
    server.route("POST", "/api/v1/apps", status=429, json={"error": "Too many requests"})
    with pytest.raises(MastodonRatelimitError):
        Mastodon.create_app("x", api_base_url=server.url, to_file=target)
    assert target.read_text() == "old-id\nold-secret\n"


def test_create_app_needs_base_url():
    with pytest.raises(MastodonIllegalArgumentError):
        Mastodon.create_app("x")


def test_failed_create_app_keeps_existing_file(server, tmp_path):
    target = tmp_path / "clientcred.secret"
    target.write_text("old-id\nold-secret\n")
    server.route("POST", "/api/v1/apps", status=422, json={"error": "Validation failed: Name can't be blank"})
    with pytest.raises(MastodonAPIError, match="blank"):
        Mastodon.create_app("", api_base_url=server.url, to_file=target)
    assert target.read_text() == "old-id\nold-secret\n"
    with pytest.raises(MastodonNetworkError):
        Mastodon.create_app("x", api_base_url="http://127.0.0.1:1", to_file=target)
    assert target.read_text() == "old-id\nold-secret\n"


# -- log_in ------------------------------------------------------------------------------------------------------
def test_log_in_password(make_api, server, tmp_path):
    api = make_api(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, access_token=None, mastodon_version="4.0.0")
    server.route("POST", "/oauth/token", json=entities.token(refresh_token="refresh-me", expires_in=3600))
    target = tmp_path / "usercred.secret"
    token = api.log_in("alice@example.social", "hunter2", to_file=target)
    assert token == USER_TOKEN and api.access_token == USER_TOKEN
    request = server.last
    assert (request.method, request.path) == ("POST", "/oauth/token")
    assert request.form == {"username": ["alice@example.social"], "password": ["hunter2"],
                            "redirect_uri": ["urn:ietf:wg:oauth:2.0:oob"], "grant_type": ["password"],
                            "client_id": [CLIENT_ID], "client_secret": [CLIENT_SECRET],
                            "scope": ["read write follow push"]}
    assert request.header("Authorization") is None
    assert target.read_text() == "%s\n%s\n%s\n%s\n" % (USER_TOKEN, server.url, CLIENT_ID, CLIENT_SECRET)
    assert mode(target) == 0o600
    # the file works as the constructor's access_token
    again = Mastodon(access_token=target, mastodon_version="4.0.0")
    assert (again.access_token, again.api_base_url, again.client_id) == (USER_TOKEN, server.url, CLIENT_ID)


def test_log_in_code_and_refresh_token(make_api, server):
    api = make_api(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, access_token=None, mastodon_version="4.0.0")
    server.route("POST", "/oauth/token", json=entities.token(scope="read"))
    api.log_in(code="the-code", redirect_uri="https://app.example/cb", scopes=["read"])
    assert server.last.form == {"code": ["the-code"], "redirect_uri": ["https://app.example/cb"],
                                "grant_type": ["authorization_code"], "client_id": [CLIENT_ID],
                                "client_secret": [CLIENT_SECRET], "scope": ["read"]}
    api.log_in(refresh_token="r-token", scopes=["read"])
    assert server.last.form["grant_type"] == ["refresh_token"]
    assert server.last.form["refresh_token"] == ["r-token"]


def test_log_in_scope_sets_cover_granular_scopes(make_api, server):
    api = make_api(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, access_token=None, mastodon_version="4.0.0")
    server.route("POST", "/oauth/token", json=entities.token(scope="read write:statuses"))
    assert api.log_in("a", "b", scopes=["read:accounts", "write:statuses"]) == USER_TOKEN


def test_log_in_missing_scope(make_api, server, tmp_path):
    api = make_api(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, access_token=None, mastodon_version="4.0.0")
    server.route("POST", "/oauth/token", json=entities.token(scope="read"))
    target = tmp_path / "usercred.secret"
    with pytest.raises(MastodonAPIError, match="scopes"):
        api.log_in("a", "b", to_file=target)
    assert not target.exists()


def test_log_in_bad_credentials_keep_existing_file(make_api, server, tmp_path):
    api = make_api(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, access_token=None, mastodon_version="4.0.0")
    server.route("POST", "/oauth/token", status=400, json={"error": "invalid_grant",
                                                           "error_description": "The provided authorization grant is invalid"})
    target = tmp_path / "usercred.secret"
    target.write_text("previous-token\n")
    with pytest.raises(MastodonIllegalArgumentError) as info:
        api.log_in("alice@example.social", "wrong-password", to_file=target)
    assert "wrong-password" not in str(info.value) and CLIENT_SECRET not in str(info.value)
    assert target.read_text() == "previous-token\n"


def test_log_in_needs_credentials(api, server):
    with pytest.raises(MastodonIllegalArgumentError):
        api.log_in(username="only-user")
    assert server.requests == []


def test_log_in_needs_the_client_id(make_api, server):
    api = make_api(access_token=None, mastodon_version="4.0.0")
    with pytest.raises(MastodonIllegalArgumentError, match="client id"):
        api.log_in("alice@example.social", "hunter2")
    with pytest.raises(MastodonIllegalArgumentError, match="client id"):
        api.auth_request_url()
    assert server.requests == []


def test_log_in_retries_failed_version_detection(server):
    server.version = "takahe/0.11.0"
    api = Mastodon(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, api_base_url=server.url)
    assert api.version_check_worked is False
    server.version = "4.1.0"
    server.route("POST", "/oauth/token", json=entities.token())
    api.log_in("a", "b")
    assert api.version_check_worked is True and api.mastodon_minor == 1


# -- auth_request_url, revoke, app_verify_credentials -----------------------------------------------
def test_auth_request_url(api, tmp_path):
    url = api.auth_request_url(state="xyz", force_login=True, lang="de")
    assert url == (api.api_base_url + "/oauth/authorize?client_id=client-id&response_type=code"
                   "&redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob&scope=read+write+follow+push"
                   "&force_login=true&state=xyz&lang=de&code_challenge=" + code_challenge(api.code_verifier)
                   + "&code_challenge_method=S256")
    path = tmp_path / "clientcred.secret"
    path.write_text("file-client-id\nsecret\n")
    url = api.auth_request_url(client_id=path, redirect_uris="https://app.example/cb", scopes=["read"])
    assert url.endswith("?client_id=file-client-id&response_type=code&redirect_uri=https%3A%2F%2Fapp.example%2Fcb"
                        "&scope=read&force_login=false&code_challenge=" + code_challenge(api.code_verifier)
                        + "&code_challenge_method=S256")


def test_revoke_access_token(api, server):
    server.route("POST", "/oauth/revoke", json={})
    assert api.revoke_access_token() is None
    assert server.last.form == {"client_id": ["client-id"], "client_secret": ["client-secret"], "token": [TOKEN]}
    assert api.access_token is None
    with pytest.raises(MastodonIllegalArgumentError):
        api.revoke_access_token()


def test_app_verify_credentials(api, server):
    server.route("GET", "/api/v1/apps/verify_credentials", json=entities.application())
    app = api.app_verify_credentials()
    assert server.last.path == "/api/v1/apps/verify_credentials"
    assert app.name == "pytooterapp" and app.scopes == ["read", "write", "follow", "push"]


def test_app_verify_credentials_version_check(make_api, server):
    api = make_api(mastodon_version="1.6.0")
    with pytest.raises(MastodonVersionError, match="app_verify_credentials"):
        api.app_verify_credentials()
    assert server.requests == []


# -- create_account / email_resend_confirmation ----------------------------------------------------------------------
def test_create_account(make_api, server, tmp_path):
    api = make_api(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, access_token=None, mastodon_version="4.0.0")
    server.route("POST", "/oauth/token", json=entities.token(access_token="app-token", scope="read write follow push"))
    server.route("POST", "/api/v1/accounts", json=entities.token())
    target = tmp_path / "new_user.secret"
    token = api.create_account("newbie", "correct horse", "newbie@example.org", agreement=True,
                               reason="I like birds", to_file=target)
    assert token == USER_TOKEN and api.access_token == USER_TOKEN
    oauth, create = server.requests
    assert oauth.form == {"scope": ["read write follow push"], "client_id": [CLIENT_ID],
                          "client_secret": [CLIENT_SECRET], "grant_type": ["client_credentials"]}
    assert oauth.header("Authorization") is None
    assert create.header("Authorization") == "Bearer app-token"
    assert create.form == {"username": ["newbie"], "password": ["correct horse"], "email": ["newbie@example.org"],
                           "agreement": ["1"], "reason": ["I like birds"], "locale": ["en"],
                           "return_detailed_error": ["0"], "client_id": [CLIENT_ID], "client_secret": [CLIENT_SECRET]}
    assert target.read_text().splitlines()[0] == USER_TOKEN and mode(target) == 0o600


def test_create_account_detailed_error(make_api, server):
    api = make_api(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, access_token=None, mastodon_version="4.0.0")
    server.route("POST", "/oauth/token", json=entities.token(access_token="app-token"))
    error = {"error": "Validation failed: Username has already been taken",
             "details": {"username": [{"error": "ERR_TAKEN", "description": "has already been taken"}]}}
    server.route("POST", "/api/v1/accounts", status=422, json=error)
    token, details = api.create_account("alice", "pw", "a@example.org", agreement=True, return_detailed_error=True)
    assert token is None and details.details.username[0].error == "ERR_TAKEN"
    assert "agreement" in server.last.form and server.last.form["return_detailed_error"] == ["1"]
    with pytest.raises(MastodonIllegalArgumentError, match="already been taken"):
        api.create_account("alice", "pw", "a@example.org")
    assert "agreement" not in server.last.form


def test_create_account_refusals(make_api, server, tmp_path):
    no_app = make_api(access_token=None, mastodon_version="4.0.0")
    with pytest.raises(MastodonIllegalArgumentError, match="client id and secret"):
        no_app.create_account("newbie", "pw", "n@example.org", agreement=True)
    assert server.requests == []
    api = make_api(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, access_token=None, mastodon_version="4.0.0")
    server.route("POST", "/oauth/token", status=401, json={"error": "invalid_client"})
    with pytest.raises(MastodonIllegalArgumentError, match="oauth phase: invalid_client") as info:
        api.create_account("newbie", "secret-pw", "n@example.org", agreement=True)
    assert [r.path for r in server.requests] == ["/oauth/token"]
    assert CLIENT_SECRET not in str(info.value) and "secret-pw" not in str(info.value)
    # a token with fewer scopes than asked for is not used, and not saved
    server.route("POST", "/oauth/token", json=entities.token(access_token="app-token"))
    server.route("POST", "/api/v1/accounts", json=entities.token(scope="read"))
    target = tmp_path / "new_user.secret"
    with pytest.raises(MastodonAPIError, match="scopes"):
        api.create_account("newbie", "pw", "n@example.org", agreement=True, to_file=target)
    assert not target.exists() and api.access_token is None


def test_create_account_version_check(make_api, server):
    api = make_api(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, access_token=None, mastodon_version="2.6.0")
    with pytest.raises(MastodonVersionError, match="create_account"):
        api.create_account("newbie", "pw", "n@example.org", agreement=True)
    with pytest.raises(MastodonVersionError, match="email_resend_confirmation"):
        api.email_resend_confirmation()
    assert server.requests == []


def test_email_resend_confirmation(api, server):
    server.route("POST", "/api/v1/emails/confirmations", json={})
    assert api.email_resend_confirmation() is None
    assert (server.last.method, server.last.path, server.last.form) == ("POST", "/api/v1/emails/confirmations", {})


def test_interrupted_write_leaves_old_file_and_no_temporary(server, tmp_path, monkeypatch):
    server.route("POST", "/api/v1/apps", json=entities.app_registration())
    target = tmp_path / "clientcred.secret"
    target.write_text("old-id\nold-secret\n")

    def crash(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        Mastodon.create_app("pytooterapp", api_base_url=server.url, to_file=target)
    assert target.read_text() == "old-id\nold-secret\n"
    assert [p.name for p in tmp_path.iterdir()] == ["clientcred.secret"]


def test_unreadable_credential_file():
    from mastodon import MastodonFileNotFoundError
    from mastodon._credentials import read_lines
    with pytest.raises(MastodonFileNotFoundError, match="no-such.secret"):
        read_lines("/nonexistent/no-such.secret", ("token",))
