"""Favourites, bookmarks and direct conversations."""
from datetime import datetime, timezone

import pytest

from mastodon.errors import MastodonIllegalArgumentError, MastodonVersionError
from tests import entities
from tests import entities_statuses as more
from tests.harness import Reply

WHEN = datetime(2023, 1, 1, tzinfo=timezone.utc)
WHEN_ID = str((int(WHEN.timestamp()) << 16) * 1000)


@pytest.mark.parametrize("method, path", [("favourites", "/api/v1/favourites"), ("bookmarks", "/api/v1/bookmarks")])
def test_status_lists(api, server, method, path):
    server.route("GET", path, json=[entities.status(id="110000000000000002"), entities.status(id="110000000000000001")])
    result = getattr(api, method)()
    req = server.last
    assert (req.method, req.path, req.query) == ("GET", path, {})
    assert [s.id for s in result] == [110000000000000002, 110000000000000001]
    assert result[0].created_at == datetime(2023, 3, 14, 12, 30, 45, 123000, tzinfo=timezone.utc)


@pytest.mark.parametrize("method, path", [("favourites", "/api/v1/favourites"), ("bookmarks", "/api/v1/bookmarks"),
                                          ("conversations", "/api/v1/conversations/")])
def test_page_parameters(api, server, method, path):
    server.route("GET", path, json=[])
    getattr(api, method)(max_id={"id": "900"}, min_id=WHEN, since_id=5, limit=40)
    assert server.last.query == {"max_id": ["900"], "min_id": [WHEN_ID], "since_id": ["5"], "limit": ["40"]}


def test_favourites_pagination(api, server):
    # Favourites are paginated by internal ids that only the Link header gives.
    base = server.url + "/api/v1/favourites"

    def page(request):
        if request.query.get("max_id") == ["2001"]:
            return Reply(json=[entities.status(id="3")], headers={"Link": '<%s?min_id=2000>; rel="prev"' % base})
        return Reply(json=[entities.status(id="9"), entities.status(id="8")],
                     headers={"Link": '<%s?max_id=2001>; rel="next", <%s?min_id=2002>; rel="prev"' % (base, base)})

    server.route("GET", "/api/v1/favourites", page)
    first = api.favourites(limit=2)
    second = api.fetch_next(first)
    assert server.last.query == {"limit": ["2"], "max_id": ["2001"]}
    assert [s.id for s in second] == [3]
    assert api.fetch_next(second) is None
    assert [s.id for s in api.fetch_remaining(first)] == [9, 8, 3]


def test_bookmarks_need_3_1(make_api, server):
    old = make_api(mastodon_version="3.0.0")
    with pytest.raises(MastodonVersionError):
        old.bookmarks()
    assert server.requests == []


def test_conversations(api, server):
    server.route("GET", "/api/v1/conversations/",
                 json=[more.conversation(), more.conversation(id="418449", unread=False)])
    result = api.conversations()
    req = server.last
    assert (req.method, req.path, req.query) == ("GET", "/api/v1/conversations/", {})
    assert [c.id for c in result] == [418450, 418449]
    assert result[0].unread is True and result[0].accounts[0].id == 109383
    assert result[0].last_status.visibility == "direct" and result[0].last_status.created_at.year == 2023


def test_conversations_read(api, server):
    server.route("POST", "/api/v1/conversations/418450/read", json=more.conversation(unread=False))
    result = api.conversations_read(more.conversation())
    req = server.last
    assert (req.method, req.path, req.form) == ("POST", "/api/v1/conversations/418450/read", {})
    assert result.id == 418450 and result.unread is False


def test_conversations_read_bad_id(api, server):
    with pytest.raises(MastodonIllegalArgumentError):
        api.conversations_read(None)
    assert server.requests == []


def test_conversations_need_2_6(make_api, server):
    old = make_api(mastodon_version="2.5.0")
    with pytest.raises(MastodonVersionError):
        old.conversations()
    assert server.requests == []
