"""Keyword filters (mastodon/filters.py), including the client-side filters_apply."""
from datetime import datetime, timezone

import pytest

from mastodon.errors import MastodonIllegalArgumentError
from mastodon.utility import AttribAccessList
from tests import entities
from tests.entities_accounts import filter_v1


def test_filters(api, server):
    server.route("GET", "/api/v1/filters", json=[filter_v1(), filter_v1(id="6192", phrase="politics")])
    result = api.filters()
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/filters", {})
    assert [f.id for f in result] == [6191, 6192]
    assert result[0].expires_at == datetime(2099, 1, 1, tzinfo=timezone.utc)
    assert result[1].phrase == "politics" and result[0].context == ["home", "public"]


def test_filter(api, server):
    server.route("GET", "/api/v1/filters/6191", json=filter_v1(expires_at=None))
    result = api.filter({"id": "6191"})
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/filters/6191", {})
    assert result.id == 6191 and result.expires_at is None and result.whole_word is True


def test_filter_create(api, server):
    server.route("POST", "/api/v1/filters", json=filter_v1())
    result = api.filter_create("spoiler", ["home", "public"])
    request = server.last
    assert (request.method, request.path) == ("POST", "/api/v1/filters")
    assert request.form == {"phrase": ["spoiler"], "context[]": ["home", "public"], "irreversible": ["0"],
                            "whole_word": ["1"]}
    assert result.id == 6191 and result.expires_at.year == 2099

    api.filter_create("spoiler", "notifications", irreversible=True, whole_word=False, expires_in=3600)
    assert server.last.form == {"phrase": ["spoiler"], "context[]": ["notifications"], "irreversible": ["1"],
                                "whole_word": ["0"], "expires_in": ["3600"]}


@pytest.mark.parametrize("context", [["home", "everywhere"], "timeline", [], ["Home"], None, 5, [None]])
def test_filter_create_invalid_context(api, server, context):
    with pytest.raises(MastodonIllegalArgumentError, match="home, notifications, public, thread"):
        api.filter_create("spoiler", context)
    assert server.requests == []


def test_filter_update_invalid_context(api, server):
    with pytest.raises(MastodonIllegalArgumentError, match="home, notifications, public, thread"):
        api.filter_update(6191, context=7)
    assert server.requests == []


def test_filter_create_context_from_any_iterable(api, server):
    server.route("POST", "/api/v1/filters", json=filter_v1())
    api.filter_create("spoiler", (c for c in ("home", "thread")))
    assert server.last.form["context[]"] == ["home", "thread"]


def test_filter_update(api, server):
    server.route("PUT", "/api/v1/filters/6191", json=filter_v1(phrase="spoilers"))
    result = api.filter_update(6191, phrase="spoilers")
    request = server.last
    assert (request.method, request.path, request.form) == ("PUT", "/api/v1/filters/6191", {"phrase": ["spoilers"]})
    assert result.phrase == "spoilers" and result.id == 6191

    api.filter_update(filter_v1(), context=["thread", "account"], irreversible=False, whole_word=True,
                      expires_in=60)
    assert server.last.form == {"context[]": ["thread", "account"], "irreversible": ["0"], "whole_word": ["1"],
                                "expires_in": ["60"]}

    with pytest.raises(MastodonIllegalArgumentError):
        api.filter_update(6191, context=["nowhere"])
    assert len(server.requests) == 2


def test_filter_delete(api, server):
    server.route("DELETE", "/api/v1/filters/6191", json={})
    assert api.filter_delete(6191) is None
    request = server.last
    assert (request.method, request.path, request.form) == ("DELETE", "/api/v1/filters/6191", {})


# -- filters_apply -------------------------------------------------------------------------------------
def status(id, content, **kw):
    return entities.status(id=id, content=content, **kw)


def test_filters_apply_drops_matching_statuses(api, server):
    statuses = [
        status("1", "<p>The <b>SPOILER</b> is here</p>"),
        status("2", "<p>Nothing to see</p>"),
        status("3", "<p>spoilers ahead</p>"),          # whole word: "spoiler" does not match "spoilers"
    ]
    result = api.filters_apply(statuses, [filter_v1()], "home")
    assert [s["id"] for s in result] == ["2", "3"]
    assert server.requests == []


def test_filters_apply_partial_words_and_several_filters(api):
    statuses = [status("1", "<p>spoilers ahead</p>"), status("2", "<p>Talk about politics</p>"),
                status("3", "<p>birds</p>")]
    filters = [filter_v1(whole_word=False), filter_v1(id="2", phrase="Politics")]
    assert [s["id"] for s in api.filters_apply(statuses, filters, "public")] == ["3"]


def test_filters_apply_context_and_expiry(api):
    statuses = [status("1", "<p>spoiler</p>")]
    assert api.filters_apply(statuses, [filter_v1(context=["notifications"])], "home") == statuses
    expired = filter_v1(expires_at=datetime(2020, 1, 1, tzinfo=timezone.utc))
    assert api.filters_apply(statuses, [expired], "home") == statuses
    assert api.filters_apply(statuses, [filter_v1(expires_at="2099-01-01T00:00:00Z")], "home") == []
    assert api.filters_apply(statuses, [filter_v1(expires_at=None)], "home") == []


def test_filters_apply_without_applicable_filter_returns_everything(api):
    """1.8.0 returned [] here (an empty pattern matches everything)."""
    statuses = [status("1", "<p>a</p>"), status("2", "<p>b</p>")]
    assert api.filters_apply(statuses, [], "home") == statuses
    assert api.filters_apply(statuses, [filter_v1(context=["thread"])], "home") == statuses
    assert api.filters_apply(statuses, [filter_v1(phrase="")], "home") == statuses


def test_filters_apply_tags_are_stripped(api):
    statuses = [status("1", '<p>see <a href="https://example.social/spoiler">link</a></p>'),
                status("2", "<p>big&nbsp;spoiler&amp;more</p>")]
    assert [s["id"] for s in api.filters_apply(statuses, [filter_v1()], "home")] == ["1"]


def test_filters_apply_multi_word_phrase_across_markup(api):
    statuses = [status("1", "<p>the end<br>game</p>"), status("2", "<p>the endgame</p>")]
    result = api.filters_apply(statuses, [filter_v1(phrase="end game")], "home")
    assert [s["id"] for s in result] == ["2"]


def test_filters_apply_whole_word_phrases_with_symbols(api):
    statuses = [status("1", "<p>I love #birds</p>"), status("2", "<p>I love birds</p>"),
                status("3", "<p>c++ rocks</p>")]
    filters = [filter_v1(phrase="#birds"), filter_v1(id="2", phrase="c++")]
    assert [s["id"] for s in api.filters_apply(statuses, filters, "home")] == ["2"]


def test_filters_apply_spoiler_text_poll_and_boosts(api):
    inner = status("10", "<p>The spoiler inside</p>")
    boost = status("2", "", reblog=inner)
    warned = status("3", "<p>fine</p>", spoiler_text="Spoiler for the film")
    polled = status("4", "<p>Vote</p>", poll=entities.poll(options=[{"title": "spoiler", "votes_count": 1}]))
    clean = status("5", "<p>fine</p>")
    result = api.filters_apply([boost, warned, polled, clean], [filter_v1()], "home")
    assert [s["id"] for s in result] == ["5"]


def test_filters_apply_notifications(api, server):
    server.route("GET", "/api/v1/notifications", json=[
        entities.notification(id="1", status=status("11", "<p>spoiler</p>")),
        entities.notification(id="2", type="follow"),
        entities.notification(id="3", status=status("13", "<p>fine</p>")),
    ], headers={"Link": '<https://example.social/api/v1/notifications?max_id=3>; rel="next"'})
    page = api._request("GET", "/api/v1/notifications")
    result = api.filters_apply(page, [filter_v1(context=["notifications"])], "notifications")
    assert [n.id for n in result] == [2, 3]
    assert isinstance(result, AttribAccessList) and result._pagination_next["max_id"] == 3


@pytest.mark.parametrize("context", ["everywhere", None])
def test_filters_apply_invalid_context(api, context):
    with pytest.raises(MastodonIllegalArgumentError, match="home, notifications"):
        api.filters_apply([status("1", "x")], [filter_v1()], context)
