"""Async refreshes: the Mastodon-Async-Refresh header, polling the refresh and waiting
for it (bounded, with backoff) against a loopback server whose state changes."""
import time

import pytest

from mastodon import async_refresh as refresh_module
from mastodon._refresh_header import parse_async_refresh
from mastodon.errors import MastodonIllegalArgumentError, MastodonVersionError
from tests import entities
from tests import entities_statuses as more
from tests import entities_statuses_today as today
from tests.harness import Reply

SID = "110123456789012345"
CONTEXT = "/api/v1/statuses/%s/context" % SID
REFRESH = "/api/v1_alpha/async_refreshes/%s" % today.REFRESH_ID
HEADER = {"Mastodon-Async-Refresh": 'id="%s", retry=0, result_count=2' % today.REFRESH_ID}


@pytest.fixture
def api44(make_api, monkeypatch):
    monkeypatch.setattr(refresh_module, "ASYNC_REFRESH_MIN_INTERVAL", 0.01)
    monkeypatch.setattr(refresh_module, "ASYNC_REFRESH_MAX_INTERVAL", 0.05)
    return make_api(mastodon_version="4.4.0", ratelimit_method="throw")


def test_parse_header():
    assert parse_async_refresh('id="abc--1", retry=3, result_count=7') == {"id": "abc--1", "retry": 3,
                                                                          "result_count": 7}
    assert parse_async_refresh('id="abc", retry=5') == {"id": "abc", "retry": 5, "result_count": None}
    assert parse_async_refresh('retry=5') is None
    assert parse_async_refresh('id="x", retry=soon') == {"id": "x", "retry": None, "result_count": None}


def test_refresh_info_is_kept_on_the_result(api44, server):
    server.route("GET", CONTEXT, json=more.context(), headers=HEADER)
    context = api44.status_context(SID)
    refresh, retry = api44.get_async_refresh_info(context)
    assert (refresh.id, refresh.status, refresh.result_count, retry) == (today.REFRESH_ID, "running", 2, 0)
    assert context.ancestors[0].id == 110123456789000001 and context.ancestors[0].created_at.year == 2023
    assert "_async_refresh_info" not in context
    server.route("GET", CONTEXT, json=more.context())
    assert api44.get_async_refresh_info(api44.status_context(SID)) is None


def test_refresh_info_on_lists(api44, server):
    server.route("GET", "/api/v1/timelines/home", json=[entities.status()],
                 headers={"Mastodon-Async-Refresh": 'id="home-1", retry=5'})
    page = api44.timeline_home()
    refresh, retry = api44.get_async_refresh_info(page)
    assert (refresh.id, refresh.result_count, retry) == ("home-1", None, 5)
    assert page[0].id == int(SID)


@pytest.mark.parametrize("how", ["id", "dict", "result"])
def test_get_async_refresh_status(api44, server, how):
    server.route("GET", CONTEXT, json=more.context(), headers=HEADER)
    server.route("GET", REFRESH, json={"async_refresh": today.async_refresh(status="finished", result_count=4)})
    argument = {"id": today.REFRESH_ID, "dict": today.async_refresh(),
                "result": api44.status_context(SID) if how == "result" else None}[how]
    status = api44.get_async_refresh_status(argument)
    assert (server.last.method, server.last.path, server.last.query) == ("GET", REFRESH, {})
    assert (status.id, status.status, status.result_count) == (today.REFRESH_ID, "finished", 4)


@pytest.mark.parametrize("bad", [None, "", 5, [1], {"status": "running"}])
def test_get_async_refresh_status_refuses_bad_input(api44, server, bad):
    with pytest.raises(MastodonIllegalArgumentError):
        api44.get_async_refresh_status(bad)
    assert server.requests == []


def test_async_refresh_needs_4_4(api, server):
    with pytest.raises(MastodonVersionError):
        api.get_async_refresh_status("x")
    with pytest.raises(MastodonVersionError):
        api.await_async_refresh([])
    assert server.requests == []


def test_await_async_refresh_polls_then_repeats_the_request(api44, server):
    fuller = more.context(descendants=[entities.status(id="110123456789999999"), entities.status(id="110123456789999998")])
    server.route("GET", CONTEXT, [Reply(json=more.context(), headers=HEADER), Reply(json=fuller)])
    server.route("GET", REFRESH, [Reply(json={"async_refresh": today.async_refresh()}),
                                  Reply(json={"async_refresh": today.async_refresh(result_count=3)}),
                                  Reply(json={"async_refresh": today.async_refresh(status="finished", result_count=4)})])
    first = api44.status_context(SID)
    fresh = api44.await_async_refresh(first, timeout=10)
    assert [r.path for r in server.requests] == [CONTEXT, REFRESH, REFRESH, REFRESH, CONTEXT]
    assert [s.id for s in fresh.descendants] == [110123456789999999, 110123456789999998]
    assert api44.get_async_refresh_info(fresh) is None


def test_await_async_refresh_repeats_paged_requests_with_their_parameters(api44, server):
    server.route("GET", "/api/v1/timelines/home",
                 [Reply(json=[], headers={"Mastodon-Async-Refresh": 'id="home-1", retry=0'}),
                  Reply(json=[entities.status()])])
    server.route("GET", "/api/v1_alpha/async_refreshes/home-1",
                 json={"async_refresh": {"id": "home-1", "status": "finished", "result_count": None}})
    fresh = api44.await_async_refresh(api44.timeline_home(limit=3))
    assert server.last.query == {"limit": ["3"]}
    assert fresh[0].id == int(SID)


def test_await_async_refresh_gives_up_after_max_attempts(api44, server):
    server.route("GET", CONTEXT, json=more.context(), headers=HEADER)
    server.route("GET", REFRESH, json={"async_refresh": today.async_refresh()})
    assert api44.await_async_refresh(api44.status_context(SID), max_attempts=3) is None
    assert [r.path for r in server.requests].count(REFRESH) == 3


def test_await_async_refresh_gives_up_after_timeout(api44, server):
    server.route("GET", CONTEXT, json=more.context(), headers=HEADER)
    server.route("GET", REFRESH, json={"async_refresh": today.async_refresh()})
    result = api44.status_context(SID)
    started = time.monotonic()
    assert api44.await_async_refresh(result, timeout=0.3) is None
    assert time.monotonic() - started < 2
    assert 1 <= [r.path for r in server.requests].count(REFRESH) <= 30


def test_await_async_refresh_is_bounded_by_default(api44, server, monkeypatch):
    monkeypatch.setattr(refresh_module, "ASYNC_REFRESH_MAX_ATTEMPTS", 4)
    server.route("GET", CONTEXT, json=more.context(), headers=HEADER)
    server.route("GET", REFRESH, json={"async_refresh": today.async_refresh()})
    assert api44.await_async_refresh(api44.status_context(SID), timeout=0, max_attempts=-1) is None
    assert [r.path for r in server.requests].count(REFRESH) == 4


def test_await_async_refresh_without_refresh_returns_the_result(api44, server):
    server.route("GET", CONTEXT, json=more.context())
    result = api44.status_context(SID)
    assert api44.await_async_refresh(result) is result
    assert len(server.requests) == 1
