"""Reliability under load and faults (issue 16): threads, secrets, errors, retries, closing."""
import threading
import time

import pytest
import requests
import urllib3

from mastodon import (Mastodon, MastodonBadGatewayError, MastodonIllegalArgumentError, MastodonNetworkError,
                      MastodonServiceUnavailableError)
from tests import entities
from tests.conftest import TOKEN
from tests.harness import Reply


# -- more threads than pooled connections ---------------------------------------------------------------
def _no_read1(self):
    raise AttributeError("read1")


@pytest.mark.parametrize("reader", ["read1", "timer"])
def test_many_threads_share_one_client(server, monkeypatch, reader):
    """24 threads x 40 calls on the default session (pool_maxsize 10): no failure, every
    POST reaches the server exactly once; with the reader of current urllib3 and with
    the timer-watched one of urllib3 before 2.2."""
    if reader == "timer":
        monkeypatch.setattr(urllib3.HTTPResponse, "read1", property(_no_read1), raising=False)
    server.route("GET", "/api/v1/accounts/verify_credentials", json=entities.credential_account())
    server.route("POST", "/api/v1/statuses", lambda req: Reply(json=entities.status(id=req.form["status"][0])))
    api = Mastodon(access_token=TOKEN, api_base_url=server.url, mastodon_version="4.2.0")
    threads, calls = 24, 40
    errors = []
    done = []

    def work(number):
        for call in range(calls):
            try:
                if call % 2:
                    api.status_post("%d%03d" % (number + 1, call))
                else:
                    api.account_verify_credentials()
                done.append(1)
            except Exception as err:  # noqa: BLE001 - every failure is the test's finding
                errors.append(repr(err))

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    api.session.close()
    assert errors == []
    assert len(done) == threads * calls
    posted = [r.form["status"][0] for r in server.requests if r.method == "POST"]
    assert len(posted) == threads * calls // 2
    assert len(set(posted)) == len(posted)


def test_a_small_pool_on_a_given_session(server):
    """A caller's session with pool_maxsize=2 and 8 threads: no failure, no POST twice."""
    server.route("POST", "/api/v1/statuses", lambda req: Reply(json=entities.status(id=req.form["status"][0])))
    session = requests.Session()
    session.mount("http://", requests.adapters.HTTPAdapter(pool_connections=1, pool_maxsize=2))
    api = Mastodon(access_token=TOKEN, api_base_url=server.url, mastodon_version="4.2.0", session=session)
    errors = []

    def work(number):
        for call in range(15):
            try:
                api.status_post("%d%03d" % (number + 1, call))
            except Exception as err:  # noqa: BLE001 - every failure is the test's finding
                errors.append(repr(err))

    workers = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    session.close()
    assert errors == []
    posted = [r.form["status"][0] for r in server.requests]
    assert len(posted) == len(set(posted)) == 8 * 15


# -- tokens: stripped, or refused without showing them ----------------------------------------------------
@pytest.mark.parametrize("content", [TOKEN + "\n", TOKEN + "\r\n", "  " + TOKEN + "\t\r\n"])
def test_token_file_whitespace_is_stripped(server, tmp_path, content):
    server.route("GET", "/api/v1/accounts/verify_credentials", json=entities.credential_account())
    path = tmp_path / "user.secret"
    path.write_bytes(content.encode() + server.url.encode() + b"\r\n")
    api = Mastodon(access_token=str(path), mastodon_version="4.2.0")
    api.account_verify_credentials()
    assert api.access_token == TOKEN
    assert server.last.header("Authorization") == "Bearer " + TOKEN
    api.close()


@pytest.mark.parametrize("token", [" %s\n" % TOKEN, TOKEN + "\r\n"])
def test_passed_token_whitespace_is_stripped(make_api, server, token):
    api = make_api(access_token=token, mastodon_version="4.2.0")
    assert api.access_token == TOKEN


@pytest.mark.parametrize("bad", ["abc def", "abc\ndef", "abc\rdef", "abc\x00def", "abc\x7fdef", "abcédef"])
def test_token_with_inner_whitespace_or_control_is_refused_without_showing_it(make_api, server, bad):
    token = bad.replace("abc", "abc-secret-part-A").replace("def", "def-secret-part-B")
    with pytest.raises(MastodonIllegalArgumentError) as info:
        make_api(access_token=token, mastodon_version="4.2.0")
    assert "secret-part" not in str(info.value) and "secret-part" not in repr(info.value)
    api = make_api(mastodon_version="4.2.0")
    with pytest.raises(MastodonIllegalArgumentError) as info:
        api.access_token = token
    assert "secret-part" not in str(info.value)
    assert api.access_token == TOKEN  # unchanged
    assert server.requests == []


def test_no_secret_in_errors_logs_or_debug_output(make_api, server, caplog, capsys):
    """A failing call with DEBUG logging and debug_requests on: the token, client secret
    and password appear nowhere."""
    import logging
    server.route("POST", "/oauth/token", status=400,
                 json={"error": "invalid_grant", "access_token": TOKEN, "password": "hunter2-pw"})
    api = make_api(client_id="client-id", client_secret="client-secret-xyz", mastodon_version="4.2.0",
                   debug_requests=True)
    with caplog.at_level(logging.DEBUG, logger="mastodon"):
        with pytest.raises(MastodonIllegalArgumentError) as info:
            api.log_in("alice@example.org", "hunter2-pw")
        unreachable = make_api(api_base_url="http://127.0.0.1:1", client_id="client-id",
                               client_secret="client-secret-xyz", mastodon_version="4.2.0", debug_requests=True)
        with pytest.raises(MastodonNetworkError) as network:
            unreachable.log_in("alice@example.org", "hunter2-pw")
    shown = "\n".join([str(info.value), repr(info.value), str(network.value), repr(network.value), repr(api),
                       caplog.text, capsys.readouterr().out])
    assert "Request: POST" in caplog.text and "Response: POST" in caplog.text
    for secret in (TOKEN, "client-secret-xyz", "hunter2-pw"):
        assert secret not in shown


def test_debug_logging_only_when_enabled(api, server, caplog):
    import logging
    server.route("GET", "/api/v1/accounts/verify_credentials", json=entities.credential_account())
    with caplog.at_level(logging.INFO, logger="mastodon"):
        api.account_verify_credentials()
    assert "Request:" not in caplog.text
    with caplog.at_level(logging.DEBUG, logger="mastodon"):
        api.account_verify_credentials()
    assert "Request: GET %s/api/v1/accounts/verify_credentials" % server.url in caplog.text
    assert "-> 200" in caplog.text and "Bearer ***" in caplog.text and TOKEN not in caplog.text


# -- errors that say what happened ---------------------------------------------------------------------------
class _Opaque:
    pass


@pytest.mark.parametrize("options", [{"a", "b"}, [_Opaque()]])
def test_unencodable_poll_is_an_argument_error_before_any_request(api, server, options):
    poll = {"options": options, "expires_in": 300}  # hand-built, not through make_poll
    with pytest.raises(MastodonIllegalArgumentError, match=r"poll\[options\]"):
        api.status_post("hello", poll=poll)
    assert server.requests == []


def test_unencodable_form_value_is_an_argument_error(api, server):
    with pytest.raises(MastodonIllegalArgumentError, match="status"):
        api.status_post(_Opaque())
    assert server.requests == []


def test_programming_errors_are_not_network_errors(api, server, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr(api.session, "request", broken)
    with pytest.raises(KeyError):
        api.account_verify_credentials()


def test_bad_base_url_is_an_argument_error(make_api):
    api = make_api(api_base_url="http://", mastodon_version="4.2.0")
    with pytest.raises(MastodonIllegalArgumentError):
        api.account_verify_credentials()


def test_create_account_server_failure_is_a_server_error(make_api, server):
    server.route("POST", "/oauth/token", json=entities.token(access_token="app-token"))
    server.route("POST", "/api/v1/accounts", status=503, json={"error": "Maintenance"})
    api = make_api(client_id="cid", client_secret="csecret", access_token=None, mastodon_version="4.0.0")
    with pytest.raises(MastodonServiceUnavailableError) as info:
        api.create_account("newbie", "pw", "n@example.org", agreement=True)
    assert info.value.args[1:] == (503, "Service Unavailable", "Maintenance")


# -- closing ---------------------------------------------------------------------------------------------------
def test_close_closes_only_an_own_session(server, monkeypatch):
    closed = []
    with Mastodon(access_token=TOKEN, api_base_url=server.url, mastodon_version="4.2.0") as api:
        monkeypatch.setattr(api.session, "close", lambda: closed.append("own"))
    assert closed == ["own"]
    session = requests.Session()
    monkeypatch.setattr(session, "close", lambda: closed.append("given"))
    with Mastodon(access_token=TOKEN, api_base_url=server.url, mastodon_version="4.2.0", session=session) as api:
        pass
    api.close()
    assert closed == ["own"]


def test_closed_client_releases_its_connections(server):
    server.route("GET", "/api/v1/accounts/verify_credentials", json=entities.credential_account())
    api = Mastodon(access_token=TOKEN, api_base_url=server.url, mastodon_version="4.2.0")
    api.account_verify_credentials()
    adapter = api.session.get_adapter(server.url)
    assert adapter.poolmanager.pools
    api.close()
    assert not adapter.poolmanager.pools


# -- opt-in retries ---------------------------------------------------------------------------------------
def _fails_twice(status=503, headers=None):
    count = []

    def route(request):
        count.append(1)
        if len(count) <= 2:
            return Reply(status=status, json={"error": "busy"}, headers=headers or {})
        return Reply(json=entities.status(id="5"))
    return route


def _fast_retries():
    from urllib3.util import Retry
    return Retry(total=3, backoff_factor=0.01, status_forcelist=(502, 503, 504),
                 allowed_methods=("GET", "HEAD", "PUT", "DELETE"))


@pytest.mark.parametrize("status", [502, 503, 504])
def test_a_server_that_fails_twice_is_survived_with_retries(make_api, server, status):
    server.route("GET", "/api/v1/statuses/5", _fails_twice(status))
    api = make_api(mastodon_version="4.2.0", retries=_fast_retries())
    assert api.status(5).id == 5
    assert len(server.requests) == 3


def test_retries_are_off_by_default(api, server):
    server.route("GET", "/api/v1/statuses/5", _fails_twice())
    with pytest.raises(MastodonServiceUnavailableError):
        api.status(5)
    assert len(server.requests) == 1


def test_retries_true_honours_retry_after(make_api, server):
    server.route("GET", "/api/v1/statuses/5", _fails_twice(503, {"Retry-After": "0.2"}))
    api = make_api(mastodon_version="4.2.0", retries=True)
    started = time.monotonic()
    assert api.status(5).id == 5
    assert 0.4 <= time.monotonic() - started < 5


def test_retries_give_up_after_their_count(make_api, server):
    server.route("GET", "/api/v1/statuses/5", status=502, json={"error": "down"})
    from urllib3.util import Retry
    api = make_api(mastodon_version="4.2.0", retries=Retry(total=2, backoff_factor=0, status_forcelist=(502,)))
    with pytest.raises(MastodonBadGatewayError):
        api.status(5)
    assert len(server.requests) == 3


def test_connection_failures_are_retried(make_api, server):
    count = []

    def route(request):
        count.append(1)
        return Reply(drop=True) if len(count) <= 2 else Reply(json=entities.status(id="5"))

    server.route("GET", "/api/v1/statuses/5", route)
    api = make_api(mastodon_version="4.2.0", retries=_fast_retries())
    assert api.status(5).id == 5
    assert len(count) == 3


def test_post_without_idempotency_key_is_never_sent_twice(make_api, server):
    server.route("POST", "/api/v1/statuses", _fails_twice(503))
    api = make_api(mastodon_version="4.2.0", retries=_fast_retries())
    with pytest.raises(MastodonServiceUnavailableError):
        api.status_post("hello")
    assert len(server.requests) == 1
    server.clear()
    server.route("POST", "/api/v1/statuses", Reply(drop=True))
    with pytest.raises(MastodonNetworkError):
        api.status_post("hello")
    assert len(server.requests) == 1


def test_post_with_idempotency_key_is_retried_with_the_same_key(make_api, server):
    server.route("POST", "/api/v1/statuses", _fails_twice(503))
    api = make_api(mastodon_version="4.2.0", retries=_fast_retries())
    assert api.status_post("hello", idempotency_key="key-1").id == 5
    assert [r.header("Idempotency-Key") for r in server.requests] == ["key-1"] * 3


@pytest.mark.parametrize("bad", [-1, "yes", 2.5])
def test_bad_retries_argument(make_api, bad):
    with pytest.raises(MastodonIllegalArgumentError):
        make_api(mastodon_version="4.2.0", retries=bad)


def test_constructor_stays_1_8_0_compatible():
    import inspect
    names = list(inspect.signature(Mastodon.__init__).parameters)
    assert names[:15] == ["self", "client_id", "client_secret", "access_token", "api_base_url", "debug_requests",
                          "ratelimit_method", "ratelimit_pacefactor", "request_timeout", "mastodon_version",
                          "version_check_mode", "session", "feature_set", "user_agent", "lang"]
    assert "ratelimit_max_wait" in names and "retries" in names


# -- tests that stand alone -------------------------------------------------------------------------------
def test_tests_read_nothing_outside_the_repository():
    """The data the tests need lives in tests/data; no test refers to files beyond the
    repository (a clone of the project alone must pass)."""
    import os
    import re
    here = os.path.dirname(os.path.abspath(__file__))
    outside = re.compile(r'"\.\.",\s*"\.\."|\.\./\.\./|/work/|shared/spec')
    for name in sorted(os.listdir(here)):
        if name.endswith(".py") and name != os.path.basename(__file__):
            with open(os.path.join(here, name), encoding="utf-8") as handle:
                for number, line in enumerate(handle, 1):
                    if "os.path" in line or "open(" in line:
                        assert not outside.search(line), "%s:%d reads outside the repository" % (name, number)
    assert os.path.exists(os.path.join(here, "data", "version_strings.json"))


def test_retry_backoff_grows_with_jitter_and_its_total_is_bounded(monkeypatch):
    from urllib3.util import Retry

    from mastodon import _retry
    state = _retry.RetryState(_retry.default_policy(3))
    delays = []
    while state.after_status(503, {}):
        delays.append(state.delay)
    assert len(delays) == 3
    for number, delay in enumerate(delays):
        base = 0.5 * 2 ** number
        assert base <= delay <= base + 0.5
    # Retry-After beyond what is left of the total wait ends the retries
    state = _retry.RetryState(Retry(total=10, status_forcelist=(503,)))
    assert state.after_status(503, {"Retry-After": "30"}) and state.delay == 30
    state.waited = 30
    assert not state.after_status(503, {"Retry-After": "31"})
    assert not state.after_status(500, {})  # not a status to retry


@pytest.mark.parametrize("method, headers, expected", [
    ("GET", {}, True), ("DELETE", {}, True), ("PUT", {}, True), ("HEAD", {}, True),
    ("POST", {}, False), ("PATCH", {}, False), ("POST", {"Idempotency-Key": "k"}, True),
])
def test_which_requests_may_be_retried(method, headers, expected):
    from mastodon import _retry
    assert _retry.may_retry(_retry.default_policy(), method, headers) is expected


def test_a_transport_error_showing_the_token_is_masked(api, server, monkeypatch):
    import traceback

    def leaky(*args, **kwargs):
        raise requests.exceptions.ConnectionError("proxy refused header Authorization: Bearer %s" % TOKEN)

    monkeypatch.setattr(api.session, "request", leaky)
    with pytest.raises(MastodonNetworkError) as info:
        api.account_verify_credentials()
    assert TOKEN not in str(info.value) and "Bearer ***" in str(info.value)
    printed = "".join(traceback.format_exception(info.type, info.value, info.tb))
    assert TOKEN not in printed
