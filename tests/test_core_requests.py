"""The request core: encoding, ids in paths, errors, timeouts, debug output, pagination."""
import datetime
import json
import pickle
import time

import pytest

from mastodon import (AttribAccessDict, MastodonAPIError, MastodonBadGatewayError, MastodonConflictError,
                      MastodonError, MastodonForbiddenError, MastodonUnprocessableEntityError,
                      MastodonGatewayTimeoutError, MastodonIllegalArgumentError, MastodonInternalServerError,
                      MastodonNetworkError, MastodonNotFoundError, MastodonRatelimitError, MastodonServerError,
                      MastodonServiceUnavailableError, MastodonUnauthorizedError)
from tests import entities
from tests.conftest import TOKEN
from tests.harness import Reply

UTC = datetime.timezone.utc


# -- parameter encoding -----------------------------------------------------------------------------------
def test_query_encoding(api, server):
    server.route("GET", "/api/v1/things", json=[])
    when = datetime.datetime(2023, 3, 14, 12, 0, 0, tzinfo=UTC)
    api._request("GET", "/api/v1/things", {
        "none": None, "yes": True, "no": False, "number": 5, "text": "a b&c",
        "ids": [1, {"id": 2}, "3"], "account_id": {"id": 77}, "max_id": when, "scheduled_at": when,
        "already[]": ["x"],
    })
    assert server.last.query == {
        "yes": ["1"], "no": ["0"], "number": ["5"], "text": ["a b&c"], "ids[]": ["1", "2", "3"],
        "account_id": ["77"], "max_id": [str((int(when.timestamp()) << 16) * 1000)],
        "scheduled_at": ["2023-03-14T12:00:00+00:00"], "already[]": ["x"],
    }


def test_form_encoding(api, server):
    server.route("POST", "/api/v1/things", json={})
    api._request("POST", "/api/v1/things", {"flag": True, "media_ids": [1, 2], "skip": None})
    request = server.last
    assert request.content_type == "application/x-www-form-urlencoded"
    assert request.form == {"flag": ["1"], "media_ids[]": ["1", "2"]}
    assert request.query == {}


def test_naive_datetime_is_local_time(api, server):
    server.route("GET", "/x", json=[])
    naive = datetime.datetime(2023, 3, 14, 12, 0, 0)
    api._request("GET", "/x", {"at": naive})
    assert server.last.query["at"] == [naive.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")]


def test_json_body(api, server):
    server.route("POST", "/api/v1/markers", json={})
    api._request("POST", "/api/v1/markers", {"home": {"last_read_id": 5}, "flag": True, "gone": None,
                                             "when": datetime.datetime(2023, 1, 1, tzinfo=UTC), "ids": [1, 2]},
                 use_json=True)
    request = server.last
    assert request.content_type.startswith("application/json")
    assert request.json == {"home": {"last_read_id": 5}, "flag": True, "when": "2023-01-01T00:00:00+00:00", "ids": [1, 2]}


def test_multipart_body(api, server):
    server.route("POST", "/api/v2/media", json=entities.media_attachment())
    api._request("POST", "/api/v2/media", {"description": "a bird", "focus": "0.1,0.2"},
                 files={"file": ("bird.png", b"\x89PNG...", "image/png")})
    request = server.last
    assert request.content_type.startswith("multipart/form-data")
    assert request.form == {"description": ["a bird"], "focus": ["0.1,0.2"]}
    assert request.files == {"file": ("bird.png", "image/png", b"\x89PNG...")}


def test_lang_goes_into_every_container(make_api, server):
    api = make_api(mastodon_version="4.0.0", lang="de", ratelimit_method="throw")
    server.route("POST", "/form", json={})
    server.route("POST", "/json", json={})
    api._request("POST", "/form", {"a": 1})
    assert server.last.form == {"a": ["1"], "lang": ["de"]}
    api._request("POST", "/json", {"a": 1}, use_json=True)
    assert server.last.json == {"a": 1, "lang": "de"}


# -- ids in paths --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("evil, segment", [
    ("1/../../accounts/verify_credentials", "1%2F..%2F..%2Faccounts%2Fverify_credentials"),
    ("1?admin=true", "1%3Fadmin%3Dtrue"),
    ("1#frag", "1%23frag"),
    ("..", "%2E%2E"),
    (".", "%2E"),
])
def test_ids_cannot_steer_requests(api, server, evil, segment):
    assert api._path("/api/v1/statuses/{}", evil) == "/api/v1/statuses/" + segment
    with pytest.raises(MastodonNotFoundError):
        api._request("GET", api._path("/api/v1/statuses/{}", evil))
    request = server.last
    assert request.path.startswith("/api/v1/statuses/") and request.query == {}
    assert request.path.count("/") == 4


def test_id_unpacking(api):
    assert api._path("/api/v1/statuses/{}/context", {"id": 1234}) == "/api/v1/statuses/1234/context"
    assert api._unpack_id(AttribAccessDict(id=5)) == 5
    when = datetime.datetime(2020, 1, 1, tzinfo=UTC)
    assert api._unpack_id(when, dateconv=True) == (int(when.timestamp()) << 16) * 1000
    for bad in ({"name": "no id"}, None, "", [1, 2]):
        with pytest.raises(MastodonIllegalArgumentError):
            api._path("/api/v1/statuses/{}", bad)


# -- responses -----------------------------------------------------------------------------------------------
def test_response_conversion(api, server):
    server.route("GET", "/api/v1/statuses/1", json=entities.status(id="1"))
    status = api._request("GET", "/api/v1/statuses/1")
    assert isinstance(status, AttribAccessDict)
    assert status.id == 1 and status.account.id == 109382
    assert status.created_at == datetime.datetime(2023, 3, 14, 12, 30, 45, 123000, tzinfo=UTC)
    assert status.account.last_status_at == datetime.datetime(2023, 3, 14)
    assert status.media_attachments[0].id == 110000000000000001
    assert pickle.loads(pickle.dumps(status)) == status


def test_empty_body_is_not_an_error(api, server):
    server.route("DELETE", "/api/v1/things/1", Reply(body=b""))
    assert api._request("DELETE", "/api/v1/things/1") is None


def test_non_json_success_body(api, server):
    server.route("GET", "/api/v1/html", Reply(body=b"<html>maintenance</html>", headers={"Content-Type": "text/html"}))
    with pytest.raises(MastodonAPIError) as info:
        api._request("GET", "/api/v1/html")
    assert "200" in str(info.value)


@pytest.mark.parametrize("status, error_class", [
    (401, MastodonUnauthorizedError), (403, MastodonForbiddenError), (404, MastodonNotFoundError),
    (409, MastodonConflictError), (410, MastodonConflictError), (422, MastodonUnprocessableEntityError),
    (418, MastodonAPIError),
    (500, MastodonInternalServerError), (502, MastodonBadGatewayError),
    (503, MastodonServiceUnavailableError), (504, MastodonGatewayTimeoutError), (507, MastodonServerError),
])
def test_error_mapping(api, server, status, error_class):
    server.route("GET", "/api/v1/fail", status=status, json={"error": "It went wrong"})
    with pytest.raises(error_class) as info:
        api._request("GET", "/api/v1/fail")
    assert type(info.value) is error_class
    assert info.value.args[0] == "Mastodon API returned error"
    assert info.value.args[1:] == (status, info.value.args[2], "It went wrong")
    assert isinstance(info.value.args[2], str)
    assert "It went wrong" in str(info.value)
    error = info.value
    assert (error.status_code, error.reason, error.error) == error.args[1:]
    assert error.headers["Server"] == "loopback-test"


def test_404_without_error_text(api, server):
    server.route("GET", "/nothing", status=404, body=b"")
    with pytest.raises(MastodonNotFoundError) as info:
        api._request("GET", "/nothing")
    assert info.value.args == ("Mastodon API returned error", 404, "Not Found", "Endpoint not found.")


def test_error_body_as_bare_string(api, server):
    server.route("GET", "/bare", status=403, json="Forbidden by policy")
    with pytest.raises(MastodonAPIError) as info:
        api._request("GET", "/bare")
    assert info.value.args[3] == "Forbidden by policy"


def test_throw_mode_raises_on_429(api, server):
    server.route("GET", "/limited", status=429, json={"error": "Too many requests"})
    with pytest.raises(MastodonRatelimitError):
        api._request("GET", "/limited")
    assert len(server.requests) == 1


def test_network_errors_carry_the_cause(make_api):
    api = make_api(api_base_url="http://127.0.0.1:1", mastodon_version="4.0.0")
    with pytest.raises(MastodonNetworkError) as info:
        api._request("GET", "/api/v1/instance/")
    assert info.value.__cause__ is not None
    assert isinstance(info.value, MastodonError) and isinstance(info.value, IOError)


def test_request_timeout_bounds_a_trickling_body(make_api, server):
    server.route("GET", "/slow", Reply(chunks=[b"["] + [b" "] * 100 + [b"]"], chunk_delay=0.05))
    api = make_api(mastodon_version="4.0.0", request_timeout=1, ratelimit_method="throw")
    started = time.monotonic()
    with pytest.raises(MastodonNetworkError):
        api._request("GET", "/slow")
    assert time.monotonic() - started < 2.5


def test_request_timeout_on_silent_server(make_api, server):
    server.route("GET", "/silent", Reply(json={}, delay=3))
    api = make_api(mastodon_version="4.0.0", request_timeout=0.5, ratelimit_method="throw")
    started = time.monotonic()
    with pytest.raises(MastodonNetworkError):
        api._request("GET", "/silent")
    assert time.monotonic() - started < 2


def test_large_response(api, server):
    statuses = [entities.status(id=str(1000 + i)) for i in range(400)]
    server.route("GET", "/big", json=statuses)
    result = api._request("GET", "/big")
    assert len(result) == 400 and result[-1].id == 1399


def test_session_object_is_used(api, server):
    calls = []
    real = api.session.request

    def recording(method, url, **kwargs):
        calls.append((method, url))
        return real(method, url, **kwargs)

    api.session.request = recording
    server.route("GET", "/api/v1/apps/verify_credentials", json=entities.application())
    api.app_verify_credentials()
    assert calls == [("GET", server.url + "/api/v1/apps/verify_credentials")]


# -- debug output --------------------------------------------------------------------------------------------
def test_debug_requests_masks_secrets(make_api, server, capsys):
    api = make_api(client_id="cid", client_secret="very-secret-client", mastodon_version="4.0.0",
                   debug_requests=True, access_token=None)
    server.route("POST", "/oauth/token", json=entities.token(access_token="fresh-secret-token",
                                                             refresh_token="refresh-secret"))
    api.log_in("alice@example.social", "hunter2-password")
    server.route("GET", "/api/v1/apps/verify_credentials", json=entities.application())
    api.app_verify_credentials()
    out = capsys.readouterr().out
    assert 'Mastodon: Request to endpoint "%s/oauth/token" using method "POST".' % server.url in out
    assert "Mastodon: Response received with code 200." in out
    for secret in ("very-secret-client", "hunter2-password", "fresh-secret-token", "refresh-secret"):
        assert secret not in out
    assert "alice@example.social" in out and "***" in out


def test_no_secret_in_errors(make_api, server):
    api = make_api(client_id="cid", client_secret="very-secret-client", mastodon_version="4.0.0")
    server.route("GET", "/api/v1/fail", status=500, body=b"oops")
    for call in (lambda: api._request("GET", "/api/v1/fail"),
                 lambda: make_api(api_base_url="http://127.0.0.1:1", mastodon_version="4.0.0")._request("GET", "/x")):
        with pytest.raises(MastodonError) as info:
            call()
        assert TOKEN not in str(info.value) and TOKEN not in repr(info.value)
        assert "very-secret-client" not in str(info.value)


# -- pagination ------------------------------------------------------------------------------------------------
def _page(server, ids, next_max=None, prev_min=None, path="/api/v1/timelines/home"):
    links = []
    if next_max is not None:
        links.append('<%s%s?limit=2&max_id=%s>; rel="next"' % (server.url, path, next_max))
    if prev_min is not None:
        links.append('<%s%s?limit=2&min_id=%s>; rel="prev"' % (server.url, path, prev_min))
    return Reply(json=[entities.status(id=str(i)) for i in ids], headers={"Link": ", ".join(links)} if links else {})


def test_pagination_follows_link_headers(api, server):
    def answer(request):
        max_id = request.query.get("max_id", [None])[0]
        min_id = request.query.get("min_id", [None])[0]
        if min_id == "106":
            return _page(server, [108, 107], prev_min=108)
        if max_id is None:
            return _page(server, [106, 105], next_max=105, prev_min=106)
        if max_id == "105":
            return _page(server, [104, 103], next_max=103, prev_min=104)
        return _page(server, [])

    server.route("GET", "/api/v1/timelines/home", answer)
    first = api._request("GET", "/api/v1/timelines/home", {"limit": 2, "min_id": None})
    assert [s.id for s in first] == [106, 105]
    assert first._pagination_next == {"limit": 2, "max_id": 105, "_pagination_method": "GET",
                                      "_pagination_endpoint": "/api/v1/timelines/home"}
    assert first[-1]._pagination_next == first._pagination_next
    assert first[0]._pagination_prev["min_id"] == 106
    assert first[-1] == entities_status_converted(api, 105)

    second = api.fetch_next(first)
    assert [s.id for s in second] == [104, 103]
    assert server.last.query == {"limit": ["2"], "max_id": ["105"]}
    assert api.fetch_next(second._pagination_next) == []
    newer = api.fetch_previous(first)
    assert [s.id for s in newer] == [108, 107]
    assert server.last.query == {"limit": ["2"], "min_id": ["106"]}

    everything = api.fetch_remaining(first)
    assert [s.id for s in everything] == [106, 105, 104, 103]


def entities_status_converted(api, id):
    """A status as 1.8.0's private hook (still used by code in the wild) converts it."""
    return json.loads(json.dumps(entities.status(id=str(id))), object_hook=type(api)._Mastodon__json_hooks)


def test_fetch_next_without_more_pages(api, server):
    server.route("GET", "/api/v1/timelines/home", json=[entities.status()])
    page = api._request("GET", "/api/v1/timelines/home")
    assert api.fetch_next(page) is None and api.fetch_previous(page) is None
    assert api.fetch_remaining(page) == page


def test_since_id_pagination_of_old_servers(api, server):
    server.route("GET", "/api/v1/notifications",
                 Reply(json=[entities.notification()],
                       headers={"Link": '<%s/api/v1/notifications?since_id=99>; rel="prev"' % server.url}))
    page = api._request("GET", "/api/v1/notifications", {"max_id": 500})
    assert page._pagination_prev == {"since_id": 99, "_pagination_method": "GET",
                                     "_pagination_endpoint": "/api/v1/notifications"}


# -- portability and stand-in sessions ---------------------------------------------------------------------
def test_works_with_urllib3_without_read1(api, server, monkeypatch):
    """urllib3 before 2.2 has no HTTPResponse.read1 (requests allows urllib3 1.26): every
    call must still work, and request_timeout must still bound a trickled body."""
    import urllib3

    def missing(self):
        raise AttributeError("read1")

    monkeypatch.setattr(urllib3.HTTPResponse, "read1", property(missing), raising=False)
    server.route("GET", "/api/v1/statuses/1", json=entities.status(id="1"))
    assert api._request("GET", "/api/v1/statuses/1").id == 1
    server.route("GET", "/big", json=[entities.status(id=str(1000 + i)) for i in range(200)])
    assert len(api._request("GET", "/big")) == 200
    server.route("GET", "/slow", Reply(chunks=[b"["] + [b" "] * 100 + [b"]"], chunk_delay=0.05))
    api.request_timeout = 1
    started = time.monotonic()
    with pytest.raises(MastodonNetworkError, match="longer than"):
        api._request("GET", "/slow")
    assert time.monotonic() - started < 2
    server.route("GET", "/after", json={"ok": True})
    assert api._request("GET", "/after") == {"ok": True}  # the pool recovers from the cut connection


def test_request_timeout_counts_from_the_start(make_api, server):
    """A slow start followed by a trickled body: the call ends about request_timeout
    after it began, not request_timeout after the headers arrived."""
    server.route("GET", "/late", Reply(chunks=[b"["] + [b" "] * 100 + [b"]"], chunk_delay=0.05, delay=0.8))
    api = make_api(mastodon_version="4.0.0", request_timeout=1, ratelimit_method="throw")
    started = time.monotonic()
    with pytest.raises(MastodonNetworkError):
        api._request("GET", "/late")
    assert time.monotonic() - started < 1.6


def test_stand_in_session_with_mock_responses(api):
    """Code written for 1.8.0 replaces api.session with a mock; the answer only needs
    ok / status_code, reason, json() and headers."""
    from unittest import mock
    answer = mock.MagicMock()
    answer.ok = True
    answer.json.return_value = [{"id": "5", "created_at": "2023-03-14T12:00:00.000Z"}]
    api.session = mock.MagicMock()
    api.session.request.return_value = answer
    page = api.timeline_home()
    assert page == [{"id": "5", "created_at": "2023-03-14T12:00:00.000Z"}]  # as the mock gave it
    assert api.fetch_next(page) is None
    method, url = api.session.request.call_args[0]
    assert (method, url) == ("GET", api.api_base_url + "/api/v1/timelines/home")
    answer.ok = False
    answer.status_code = 404
    answer.reason = "Not Found"
    answer.json.return_value = {"error": "Record not found"}
    with pytest.raises(MastodonNotFoundError) as info:
        api.status(1)
    assert info.value.args == ("Mastodon API returned error", 404, "Not Found", "Record not found")


def test_pagination_dicts_hold_only_sent_parameters(api, server):
    server.route("GET", "/api/v1/timelines/home",
                 Reply(json=[entities.status(id="9")],
                       headers={"Link": '<%s/api/v1/timelines/home?max_id=9>; rel="next"' % server.url}))
    page = api.timeline_home(limit=1)
    assert page._pagination_next == {"limit": 1, "max_id": 9, "_pagination_method": "GET",
                                     "_pagination_endpoint": "/api/v1/timelines/home"}


def test_fetch_next_and_previous_on_plain_lists(api, server):
    """As in 1.8.0, the information on the last / first item is enough: a copy, a
    slice or a concatenation of pages can be passed."""
    links = ('<%s/api/v1/timelines/home?max_id=7>; rel="next", '
             '<%s/api/v1/timelines/home?min_id=8>; rel="prev"' % (server.url, server.url))

    def answer(request):
        if request.query.get("max_id") == ["7"]:
            return Reply(json=[entities.status(id="6")])  # the last page: no Link
        return Reply(json=[entities.status(id="8"), entities.status(id="7")], headers={"Link": links})

    server.route("GET", "/api/v1/timelines/home", answer)
    page = api.timeline_home(limit=2)
    assert [s.id for s in api.fetch_next(list(page))] == [6]
    assert server.last.query == {"limit": ["2"], "max_id": ["7"]}
    api.fetch_previous(page[:1])
    assert server.last.query == {"limit": ["2"], "min_id": ["8"]}
    everything = api.fetch_remaining(pickle.loads(pickle.dumps(list(page))))
    assert [s.id for s in everything] == [8, 7, 6]
    assert api.fetch_next([]) is None and api.fetch_next([entities.status()]) is None


def test_debug_output_masks_cookies(make_api, server, capsys):
    api = make_api(mastodon_version="4.0.0", debug_requests=True)
    server.route("GET", "/api/v1/x", Reply(json={}, headers={"Set-Cookie": "_session_id=cookie-secret; path=/"}))
    api._request("GET", "/api/v1/x", headers={"Cookie": "other=request-cookie-secret"})
    out = capsys.readouterr().out
    assert "cookie-secret" not in out and "Bearer ***" in out and TOKEN not in out
