"""End-to-end scenarios, written the way the README's quick start and the 1.8.0 manual
show them, against the loopback server: register, log in, toot, reply, page through a
timeline, handle errors. Throughout, no secret may show up in an exception message, a
``repr``, the ``debug_requests`` output or the log.

The imports are those of code written for Mastodon.py 1.8.0 (``mastodon.Mastodon`` as a
module).
"""
import itertools
import logging
import os
import stat

import pytest

from mastodon.Mastodon import (Mastodon, MastodonAPIError, MastodonError, MastodonIllegalArgumentError,
                               MastodonNetworkError, MastodonNotFoundError, MastodonUnauthorizedError)
from tests import entities
from tests.harness import Reply

APP_NAME = "pytooterapp"
CLIENT_ID = "scenario-client-id-4f2a"
CLIENT_SECRET = "scenario-client-secret-9b7c1e"
EMAIL = "my_login_email@example.com"
PASSWORD = "incrediblygoodpassword"
USER_TOKEN = "scenario-user-token-5d8e3a"
REFRESH_TOKEN = "scenario-refresh-token-77aa"
SECRETS = (CLIENT_SECRET, PASSWORD, USER_TOKEN, REFRESH_TOKEN)

TIMELINE = [str(110000 + n) for n in range(5, 0, -1)]  # newest first
PAGE = 2


class FakeMastodon:
    """Just enough of a Mastodon server, on top of the recording loopback server."""

    def __init__(self, server):
        self.server = server
        self.ids = itertools.count(120000)
        self.me = entities.account(id="1", acct="me")
        server.route("POST", "/api/v1/apps", self.register)
        server.route("POST", "/oauth/token", self.token)
        server.route("GET", "/api/v1/accounts/verify_credentials", self.authed(lambda r: Reply(json=self.me)))
        server.route("POST", "/api/v1/statuses", self.authed(self.post_status))
        server.route("GET", "/api/v1/timelines/home", self.authed(self.timeline))
        server.route("GET", "/api/v1/statuses/999", Reply(status=404, json={"error": "Record not found"}))

    def register(self, request):
        if request.form.get("client_name") != [APP_NAME]:
            return Reply(status=422, json={"error": "Validation failed: Application name can't be blank"})
        return Reply(json=entities.app_registration(client_id=CLIENT_ID, client_secret=CLIENT_SECRET))

    def token(self, request):
        form = request.form
        if form.get("client_id") != [CLIENT_ID] or form.get("client_secret") != [CLIENT_SECRET]:
            return Reply(status=401, json={"error": "invalid_client"})
        if form.get("grant_type") != ["password"] or form.get("username") != [EMAIL] or form.get("password") != [PASSWORD]:
            return Reply(status=400, json={"error": "invalid_grant",
                                           "error_description": "The provided authorization grant is invalid"})
        return Reply(json=entities.token(access_token=USER_TOKEN, refresh_token=REFRESH_TOKEN,
                                         scope=" ".join(form["scope"])))

    def authed(self, handler):
        def check(request):
            if request.header("Authorization") != "Bearer " + USER_TOKEN:
                return Reply(status=401, json={"error": "The access token is invalid"})
            return handler(request)
        return check

    def post_status(self, request):
        text = request.form.get("status", [""])[0]
        if not text.strip():
            return Reply(status=422, json={"error": "Validation failed: Text can't be blank"})
        new_id = str(next(self.ids))
        status = entities.status(id=new_id, account_=self.me, content="<p>%s</p>" % text, mentions=[],
                                 media_attachments=[],
                                 in_reply_to_id=request.form.get("in_reply_to_id", [None])[0],
                                 visibility=request.form.get("visibility", ["public"])[0])
        self.server.route("GET", "/api/v1/statuses/" + new_id, self.authed(lambda r: Reply(json=status)))
        return Reply(json=status)

    def timeline(self, request):
        ids = TIMELINE
        if "max_id" in request.query:
            ids = [i for i in ids if int(i) < int(request.query["max_id"][0])]
        limit = int(request.query.get("limit", ["20"])[0])
        page = ids[:limit]
        headers = {}
        if len(ids) > limit:
            headers["Link"] = '<%s/api/v1/timelines/home?limit=%d&max_id=%s>; rel="next"' % (
                self.server.url, limit, page[-1])
        return Reply(json=[entities.status(id=i) for i in page], headers=headers)


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


class Evidence:
    """Everything a user could see or log: exception texts, reprs, printed output."""

    def __init__(self):
        self.texts = []

    def error(self, error):
        self.texts += [str(error), repr(error)]
        cause = error.__cause__ or error.__context__
        if cause is not None:
            self.texts += [str(cause), repr(cause)]
        return error

    def assert_no_secrets(self, *extra):
        everything = "\n".join(self.texts + list(extra))
        for secret in SECRETS:
            assert secret not in everything, secret


@pytest.fixture
def fake(server):
    return FakeMastodon(server)


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """Run in an empty directory, as the quick start does with its relative file names."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("debug_requests", [False, True])
def test_quick_start(server, fake, in_tmp, capsys, caplog, debug_requests):
    seen = Evidence()
    caplog.set_level(logging.DEBUG, logger="mastodon")

    # Register your app! (once)
    assert Mastodon.create_app(APP_NAME, api_base_url=server.url,
                               to_file="pytooter_clientcred.secret") == (CLIENT_ID, CLIENT_SECRET)
    assert (in_tmp / "pytooter_clientcred.secret").read_text() == "%s\n%s\n%s\n%s\n" % (
        CLIENT_ID, CLIENT_SECRET, server.url, APP_NAME)
    assert mode("pytooter_clientcred.secret") == 0o600

    # Then, log in.
    mastodon = Mastodon(client_id="pytooter_clientcred.secret", debug_requests=debug_requests)
    assert (mastodon.api_base_url, mastodon.user_agent) == (server.url, APP_NAME)
    assert (mastodon.mastodon_major, mastodon.mastodon_minor) == (4, 2)
    seen.texts.append(repr(mastodon))
    with pytest.raises(MastodonIllegalArgumentError) as wrong:
        mastodon.log_in(EMAIL, "not-the-" + PASSWORD, to_file="pytooter_usercred.secret")
    seen.error(wrong.value)
    assert not os.path.exists("pytooter_usercred.secret")
    token = mastodon.log_in(EMAIL, PASSWORD, to_file="pytooter_usercred.secret")
    assert token == USER_TOKEN
    login = server.last
    assert login.form["redirect_uri"] == ["urn:ietf:wg:oauth:2.0:oob"] and login.form["grant_type"] == ["password"]
    assert login.header("User-Agent") == APP_NAME
    assert (in_tmp / "pytooter_usercred.secret").read_text() == "%s\n%s\n%s\n%s\n" % (
        USER_TOKEN, server.url, CLIENT_ID, CLIENT_SECRET)
    assert mode("pytooter_usercred.secret") == 0o600
    seen.texts.append(repr(mastodon))

    # To post, create an actual API instance.
    mastodon = Mastodon(access_token="pytooter_usercred.secret", debug_requests=debug_requests)
    assert (mastodon.access_token, mastodon.client_id, mastodon.client_secret) == (USER_TOKEN, CLIENT_ID, CLIENT_SECRET)
    seen.texts.append(repr(mastodon))
    toot = mastodon.toot("Tooting from Python using #mastodonpy !")
    posted = server.last
    assert (posted.method, posted.path) == ("POST", "/api/v1/statuses")
    assert posted.form == {"status": ["Tooting from Python using #mastodonpy !"]}
    assert posted.header("Authorization") == "Bearer " + USER_TOKEN
    assert toot.id == 120000 and toot.account.acct == "me" and toot.created_at.year == 2023

    # Reply to it: no self-mention, the reply goes to the toot.
    reply = mastodon.status_reply(toot, "and a reply")
    assert server.last.form == {"status": ["and a reply"], "in_reply_to_id": ["120000"], "visibility": ["public"],
                                "spoiler_text": [""]}
    assert reply.in_reply_to_id == 120000
    assert mastodon.status(reply).id == reply.id  # a status dict works as an id

    # Page through the home timeline.
    page = mastodon.timeline_home(limit=PAGE)
    ids = []
    while page:
        ids += [status.id for status in page]
        page = mastodon.fetch_next(page)
    assert ids == [int(i) for i in TIMELINE]
    pages = [r for r in server.requests if r.path == "/api/v1/timelines/home"]
    assert [r.query.get("max_id") for r in pages] == [None, ["110004"], ["110002"]]
    assert all(r.query["limit"] == ["2"] for r in pages)
    assert mastodon.fetch_remaining(mastodon.timeline_home(limit=PAGE)) == mastodon.timeline_home(limit=5)

    # A 404, the documented way.
    try:
        mastodon.status(999)
        raise AssertionError("no error")
    except MastodonNotFoundError as error:
        message, status_code, reason, error_text = seen.error(error).args
        assert (status_code, reason, error_text) == (404, "Not Found", "Record not found")
        assert isinstance(error, MastodonAPIError) and "Record not found" in str(error)

    # A 422 (the server refuses an empty status), the documented way.
    try:
        mastodon.toot("")
        raise AssertionError("no error")
    except MastodonAPIError as error:
        seen.error(error)
        assert error.args[1] == 422 and error.args[3] == "Validation failed: Text can't be blank"
        assert not isinstance(error, MastodonNotFoundError)

    # A token the server does not accept.
    mastodon.access_token = USER_TOKEN[::-1]
    with pytest.raises(MastodonUnauthorizedError) as refused:
        mastodon.timeline_home()
    seen.error(refused.value)
    mastodon.access_token = USER_TOKEN

    # The server goes away.
    gone = Mastodon(access_token="pytooter_usercred.secret", api_base_url=server.url, debug_requests=debug_requests)
    server.stop()
    gone.session.close()  # no kept-alive connection to the stopped server
    with pytest.raises(MastodonNetworkError) as down:
        gone.toot("anyone there?")
    seen.error(down.value)
    seen.texts.append(repr(gone))

    captured = capsys.readouterr()
    if debug_requests:
        assert 'using method "POST"' in captured.out and "Authorization" in captured.out
        assert "Bearer ***" in captured.out and EMAIL in captured.out
    else:
        assert captured.out == ""
    seen.assert_no_secrets(captured.out, captured.err, caplog.text)


def test_stale_two_line_client_file(server, fake, in_tmp):
    """A client file written before Mastodon.py 1.5.2: only the id and the secret."""
    seen = Evidence()
    (in_tmp / "pytooter_clientcred.secret").write_text("%s\n%s\n" % (CLIENT_ID, CLIENT_SECRET))
    with pytest.raises(MastodonIllegalArgumentError) as no_url:
        Mastodon(client_id="pytooter_clientcred.secret")
    assert "pytooter_clientcred.secret" in str(seen.error(no_url.value))
    assert server.requests == []

    mastodon = Mastodon(client_id="pytooter_clientcred.secret", api_base_url=server.url)
    assert mastodon.user_agent == "mastodonpy"  # no app name in such a file
    mastodon.log_in(EMAIL, PASSWORD, to_file="pytooter_usercred.secret")
    assert server.last.form["client_secret"] == [CLIENT_SECRET]
    again = Mastodon(access_token="pytooter_usercred.secret")
    assert again.api_base_url == server.url
    assert again.toot("still here").id == 120000
    seen.assert_no_secrets(repr(mastodon), repr(again))


def test_mismatched_base_urls(server, fake, in_tmp):
    """1.8.0: 'Mismatch in base URLs between files and/or specified', before any request."""
    seen = Evidence()
    Mastodon.create_app(APP_NAME, api_base_url=server.url, to_file="pytooter_clientcred.secret")
    Mastodon(client_id="pytooter_clientcred.secret").log_in(EMAIL, PASSWORD, to_file="pytooter_usercred.secret")
    server.clear()
    for kwargs in ({"access_token": "pytooter_usercred.secret", "api_base_url": "https://mastodon.social"},
                   {"client_id": "pytooter_clientcred.secret", "api_base_url": "mastodon.social"}):
        with pytest.raises(MastodonIllegalArgumentError, match="Mismatch in base URLs between files and/or specified") as info:
            Mastodon(**kwargs)
        message = str(seen.error(info.value))
        assert "https://mastodon.social" in message and server.url in message
    (in_tmp / "other_usercred.secret").write_text("%s\nhttps://mastodon.social\n" % USER_TOKEN)
    with pytest.raises(MastodonIllegalArgumentError, match="Mismatch in base URLs") as info:
        Mastodon(client_id="pytooter_clientcred.secret", access_token="other_usercred.secret")
    seen.error(info.value)
    assert server.requests == []
    # the same URL spelled differently is no mismatch
    api = Mastodon(access_token="pytooter_usercred.secret", api_base_url=server.url + "/")
    assert api.api_base_url == server.url
    seen.assert_no_secrets()


def test_errors_are_catchable_as_in_the_manual(server, fake, in_tmp):
    Mastodon.create_app(APP_NAME, api_base_url=server.url, to_file="pytooter_clientcred.secret")
    mastodon = Mastodon(client_id="pytooter_clientcred.secret")
    mastodon.log_in(EMAIL, PASSWORD)
    for call in (lambda: mastodon.status(999), lambda: mastodon.toot(""),
                 lambda: mastodon.status_post("x", visibility="everyone")):
        with pytest.raises(MastodonError):
            call()
    with pytest.raises(ValueError):  # MastodonIllegalArgumentError is a ValueError too
        mastodon.status_post("x", visibility="everyone")
