"""Timelines: every timeline method, parameter encoding and pagination across pages."""
from datetime import datetime, timedelta, timezone

import pytest

from mastodon.errors import MastodonIllegalArgumentError, MastodonVersionError
from tests import entities
from tests import entities_statuses as more
from tests.harness import Reply

WHEN = datetime(2023, 3, 14, 12, 0, 0, tzinfo=timezone.utc)
WHEN_ID = str((int(WHEN.timestamp()) << 16) * 1000)


def statuses(*ids):
    return [entities.status(id=str(i)) for i in ids]


# -- timeline() ------------------------------------------------------------------------------------
def test_timeline_default_is_home(api, server):
    server.route("GET", "/api/v1/timelines/home", json=statuses(103, 102))
    result = api.timeline()
    req = server.last
    assert (req.method, req.path, req.query) == ("GET", "/api/v1/timelines/home", {})
    assert req.header("Authorization") == "Bearer test-access-token-0123456789"
    assert [s.id for s in result] == [103, 102]
    assert result[0].created_at.tzinfo is not None and result[0].account.acct == "alice"


@pytest.mark.parametrize("name, path, query", [
    ("home", "/api/v1/timelines/home", {}),
    ("public", "/api/v1/timelines/public", {}),
    ("local", "/api/v1/timelines/public", {"local": ["1"]}),
    ("tag/birds", "/api/v1/timelines/tag/birds", {}),
    ("tag/c++", "/api/v1/timelines/tag/c%2B%2B", {}),
    ("list/12249", "/api/v1/timelines/list/12249", {}),
    ("direct", "/api/v1/timelines/direct", {}),
])
def test_timeline_names(api, server, name, path, query):
    server.route("GET", path, json=statuses(1))
    result = api.timeline(name)
    assert (server.last.path, server.last.query) == (path, query)
    assert result[0].id == 1


def test_timeline_home_with_local_stays_home(api, server):
    server.route("GET", "/api/v1/timelines/home", json=[])
    assert api.timeline("home", local=True) == []
    assert (server.last.path, server.last.query) == ("/api/v1/timelines/home", {"local": ["1"]})


def test_timeline_all_parameters(api, server):
    server.route("GET", "/api/v1/timelines/public", json=statuses(5))
    api.timeline("public", max_id={"id": 900}, min_id="100", since_id=WHEN, limit=20, only_media=True,
                 local=True, remote=True)
    assert server.last.query == {"max_id": ["900"], "min_id": ["100"], "since_id": [WHEN_ID], "limit": ["20"],
                                 "only_media": ["1"], "local": ["1"], "remote": ["1"]}


def test_timeline_false_flags_are_not_sent(api, server):
    server.route("GET", "/api/v1/timelines/public", json=[])
    api.timeline("public", only_media=False, local=False, remote=False)
    assert server.last.query == {}


@pytest.mark.parametrize("name", ["tag/#birds", "tag/", "list/", "", None, 5, "tag", "list", "home/extra"])
def test_timeline_invalid_names(api, server, name):
    with pytest.raises(MastodonIllegalArgumentError):
        api.timeline(name)
    assert server.requests == []


# -- the convenience methods -------------------------------------------------------------------------
def test_timeline_home(api, server):
    server.route("GET", "/api/v1/timelines/home", json=statuses(3, 2, 1))
    result = api.timeline_home(limit=3, min_id=WHEN - timedelta(days=1), only_media=True)
    expected_min = str((int((WHEN - timedelta(days=1)).timestamp()) << 16) * 1000)
    assert (server.last.path, server.last.query) == (
        "/api/v1/timelines/home", {"limit": ["3"], "min_id": [expected_min], "only_media": ["1"]})
    assert [s.id for s in result] == [3, 2, 1]


def test_timeline_local(api, server):
    server.route("GET", "/api/v1/timelines/public", json=statuses(7))
    result = api.timeline_local(max_id=entities.status(id="110000000000000050"), only_media=True)
    assert (server.last.path, server.last.query) == (
        "/api/v1/timelines/public", {"max_id": ["110000000000000050"], "only_media": ["1"], "local": ["1"]})
    assert result[0].id == 7


def test_timeline_public(api, server):
    server.route("GET", "/api/v1/timelines/public", json=statuses(8))
    result = api.timeline_public(remote=True, since_id=44)
    assert (server.last.path, server.last.query) == (
        "/api/v1/timelines/public", {"since_id": ["44"], "remote": ["1"]})
    assert result[0].id == 8


def test_timeline_hashtag(api, server):
    server.route("GET", "/api/v1/timelines/tag/birds", json=statuses(9))
    result = api.timeline_hashtag("birds", local=True, limit=5)
    assert (server.last.path, server.last.query) == (
        "/api/v1/timelines/tag/birds", {"limit": ["5"], "local": ["1"]})
    assert result[0].tags[0].name == "birds"


def test_timeline_hashtag_escapes_the_tag(api, server):
    server.route("GET", "/api/v1/timelines/tag/v%C3%B6gel%2F1", json=[])
    api.timeline_hashtag("vögel/1")
    assert server.last.path == "/api/v1/timelines/tag/v%C3%B6gel%2F1"


@pytest.mark.parametrize("hashtag", ["#birds", "", None])
def test_timeline_hashtag_invalid(api, server, hashtag):
    with pytest.raises(MastodonIllegalArgumentError):
        api.timeline_hashtag(hashtag)
    assert server.requests == []


def test_timeline_list(api, server):
    server.route("GET", "/api/v1/timelines/list/12249", json=statuses(10))
    result = api.timeline_list(more.account_list(), max_id=WHEN)
    assert (server.last.path, server.last.query) == ("/api/v1/timelines/list/12249", {"max_id": [WHEN_ID]})
    assert result[0].id == 10


def test_timeline_list_needs_2_1(make_api, server):
    old = make_api(mastodon_version="2.0.0")
    with pytest.raises(MastodonVersionError):
        old.timeline_list(12249)
    assert server.requests == []


def test_timeline_client_language(make_api, server):
    client = make_api(mastodon_version="4.2.0", lang="fr")
    server.route("GET", "/api/v1/timelines/home", json=[])
    client.timeline_home()
    assert server.last.query == {"lang": ["fr"]}


# -- pagination over three pages with real Link headers ----------------------------------------------
PAGES = {None: [309, 308, 307], "307": [306, 305, 304], "304": [303, 302]}


def paged_home(server):
    """A home timeline of 8 statuses served 3 per page, with Link headers like Mastodon's."""
    def answer(request):
        max_id = request.query.get("max_id", [None])[0]
        min_id = request.query.get("min_id", [None])[0]
        if min_id is not None:
            ids = [i for i in range(309, 301, -1) if i > int(min_id)][-3:]
        else:
            ids = PAGES[max_id]
        links = []
        base = server.url + "/api/v1/timelines/home"
        if ids and ids[-1] > 302:
            links.append('<%s?limit=3&max_id=%d>; rel="next"' % (base, ids[-1]))
        if ids:
            links.append('<%s?limit=3&min_id=%d>; rel="prev"' % (base, ids[0]))
        return Reply(json=statuses(*ids), headers={"Link": ", ".join(links)} if links else {})
    server.route("GET", "/api/v1/timelines/home", answer)


def test_timeline_home_pagination_three_pages(api, server):
    paged_home(server)
    first = api.timeline_home(limit=3)
    assert [s.id for s in first] == [309, 308, 307]
    assert first._pagination_next["max_id"] == 307 and first[-1]._pagination_next["max_id"] == 307
    assert first._pagination_prev["min_id"] == 309

    second = api.fetch_next(first)
    assert server.last.query == {"limit": ["3"], "max_id": ["307"]}
    assert [s.id for s in second] == [306, 305, 304]

    third = api.fetch_next(second._pagination_next)
    assert server.last.query == {"limit": ["3"], "max_id": ["304"]}
    assert [s.id for s in third] == [303, 302]
    assert third[0].created_at.year == 2023

    requests_so_far = len(server.requests)
    assert api.fetch_next(third) is None
    assert len(server.requests) == requests_so_far

    back = api.fetch_previous(third)
    assert server.last.query == {"limit": ["3"], "min_id": ["303"]}
    assert [s.id for s in back] == [306, 305, 304]


def test_timeline_home_fetch_remaining(api, server):
    paged_home(server)
    first = api.timeline_home(limit=3)
    everything = api.fetch_remaining(first)
    assert [s.id for s in everything] == list(range(309, 301, -1))
    assert [r.query.get("max_id") for r in server.requests] == [None, ["307"], ["304"]]
