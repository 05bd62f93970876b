"""Server-side (v2) filters, their keywords and statuses, and filters_apply with v2
filters and the server's FilterResult verdicts."""
from datetime import datetime, timezone

import pytest

from mastodon import MastodonIllegalArgumentError, MastodonVersionError
from mastodon.utility import AttribAccessList
from tests import entities
from tests import entities_notifs as notifs
from tests.conftest import TOKEN
from tests.entities_accounts import filter_v1

EXPIRES = datetime(2030, 1, 1, tzinfo=timezone.utc)


@pytest.fixture
def api40(make_api):
    return make_api(mastodon_version="4.0.0", ratelimit_method="throw")


# -- filters ----------------------------------------------------------------------------------------
def test_filters_v2(api40, server):
    server.route("GET", "/api/v2/filters", json=[notifs.filter_v2(), notifs.filter_v2(id="19973", title="Other")])
    result = api40.filters_v2()
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v2/filters", {})
    assert request.header("Authorization") == "Bearer " + TOKEN
    assert [f.id for f in result] == [19972, 19973] and result[0].expires_at == EXPIRES
    assert result[0].keywords[0].id == 1197 and result[0].statuses[0].id == 897
    assert result[0].statuses[0].status_id == 110123456789012345


def test_filter_v2(api40, server):
    server.route("GET", "/api/v2/filters/19972", json=notifs.filter_v2(expires_at=None))
    result = api40.filter_v2({"id": 19972})
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v2/filters/19972", {})
    assert result.id == 19972 and result.expires_at is None and result.filter_action == "warn"


def test_create_filter_v2(api40, server):
    server.route("POST", "/api/v2/filters", json=notifs.filter_v2())
    result = api40.create_filter_v2("Test filter", ["home", "public"], "hide", expires_in=86400,
                                    keywords_attributes=["spoiler", {"keyword": "bad word", "whole_word": True}])
    request = server.last
    assert (request.method, request.path) == ("POST", "/api/v2/filters")
    assert request.content_type.startswith("application/json")
    assert request.json == {"title": "Test filter", "context": ["home", "public"], "filter_action": "hide",
                            "expires_in": 86400, "keywords_attributes": [
                                {"keyword": "spoiler"}, {"keyword": "bad word", "whole_word": True}]}
    assert result.id == 19972 and result.expires_at == EXPIRES
    api40.create_filter_v2("Just a title", "thread", "warn")
    assert server.last.json == {"title": "Just a title", "context": ["thread"], "filter_action": "warn"}


def test_update_filter_v2(api40, server):
    server.route("PUT", "/api/v2/filters/19972", json=notifs.filter_v2(title="Renamed"))
    result = api40.update_filter_v2(notifs.filter_v2(), title="Renamed", keywords_attributes=[
        {"id": notifs.filter_keyword(), "keyword": "worse word"}, {"id": "1198", "_destroy": True}])
    request = server.last
    assert (request.method, request.path) == ("PUT", "/api/v2/filters/19972")
    assert request.json == {"title": "Renamed", "keywords_attributes": [
        {"id": "1197", "keyword": "worse word"}, {"id": "1198", "_destroy": True}]}
    assert result.title == "Renamed"
    api40.update_filter_v2(19972, context="account", filter_action="blur", expires_in=60)
    assert server.last.json == {"context": ["account"], "filter_action": "blur", "expires_in": 60}


@pytest.mark.parametrize("args, kwargs, words", [
    (("", "home", "warn"), {}, "title"),
    (("T", "timeline", "warn"), {}, "context"),
    (("T", "home", "delete"), {}, "filter_action"),
    (("T", "home", None), {}, "filter_action"),
    (("T", "home", "warn"), {"keywords_attributes": "spoiler"}, "keywords_attributes"),
    (("T", "home", "warn"), {"keywords_attributes": [{"word": "x"}]}, "word"),
    (("T", "home", "warn"), {"keywords_attributes": [{"whole_word": True}]}, "keyword"),
    (("T", "home", "warn"), {"keywords_attributes": [5]}, "keyword"),
])
def test_create_filter_v2_bad_input(api40, server, args, kwargs, words):
    with pytest.raises(MastodonIllegalArgumentError, match=words):
        api40.create_filter_v2(*args, **kwargs)
    assert server.requests == []


def test_update_filter_v2_bad_input(api40, server):
    with pytest.raises(MastodonIllegalArgumentError, match="filter_action"):
        api40.update_filter_v2(1, filter_action="drop")
    with pytest.raises(MastodonIllegalArgumentError, match="context"):
        api40.update_filter_v2(1, context=[])
    with pytest.raises(MastodonIllegalArgumentError):
        api40.update_filter_v2(None, title="x")
    assert server.requests == []


def test_delete_filter_v2(api40, server):
    server.route("DELETE", "/api/v2/filters/19972", json={})
    assert api40.delete_filter_v2("19972") is None
    assert (server.last.method, server.last.path, server.last.form) == ("DELETE", "/api/v2/filters/19972", {})


# -- keywords ---------------------------------------------------------------------------------------
def test_filter_keywords_v2(api40, server):
    server.route("GET", "/api/v2/filters/19972/keywords", json=[notifs.filter_keyword(), notifs.filter_keyword(id="1198")])
    result = api40.filter_keywords_v2(19972)
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v2/filters/19972/keywords", {})
    assert [k.id for k in result] == [1197, 1198] and result[0].keyword == "bad word"


def test_add_filter_keyword_v2(api40, server):
    server.route("POST", "/api/v2/filters/19972/keywords", json=notifs.filter_keyword(keyword="spoiler"))
    result = api40.add_filter_keyword_v2(notifs.filter_v2(), "spoiler")
    assert (server.last.method, server.last.path, server.last.form) == (
        "POST", "/api/v2/filters/19972/keywords", {"keyword": ["spoiler"], "whole_word": ["0"]})
    assert result.id == 1197 and result.keyword == "spoiler"
    api40.add_filter_keyword_v2(19972, "spoiler", whole_word=True)
    assert server.last.form == {"keyword": ["spoiler"], "whole_word": ["1"]}
    with pytest.raises(MastodonIllegalArgumentError, match="keyword"):
        api40.add_filter_keyword_v2(19972, "")
    assert len(server.requests) == 2


def test_filter_keyword_v2(api40, server):
    server.route("GET", "/api/v2/filters/keywords/1197", json=notifs.filter_keyword())
    result = api40.filter_keyword_v2({"id": "1197"})
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v2/filters/keywords/1197", {})
    assert result.id == 1197 and result.whole_word is False


def test_update_filter_keyword_v2(api40, server):
    server.route("PUT", "/api/v2/filters/keywords/1197", json=notifs.filter_keyword(keyword="new", whole_word=True))
    result = api40.update_filter_keyword_v2(1197, keyword="new", whole_word=True)
    assert (server.last.method, server.last.path, server.last.form) == (
        "PUT", "/api/v2/filters/keywords/1197", {"keyword": ["new"], "whole_word": ["1"]})
    assert result.keyword == "new" and result.whole_word is True
    api40.update_filter_keyword_v2(1197, whole_word=False)
    assert server.last.form == {"whole_word": ["0"]}
    with pytest.raises(MastodonIllegalArgumentError, match="keyword"):
        api40.update_filter_keyword_v2(1197, keyword=5)
    assert len(server.requests) == 2


def test_delete_filter_keyword_v2(api40, server):
    server.route("DELETE", "/api/v2/filters/keywords/1197", json={})
    assert api40.delete_filter_keyword_v2(notifs.filter_keyword()) is None
    assert (server.last.method, server.last.path) == ("DELETE", "/api/v2/filters/keywords/1197")


# -- statuses ---------------------------------------------------------------------------------------
def test_filter_statuses_v2(api40, server):
    server.route("GET", "/api/v2/filters/19972/statuses", json=[notifs.filter_status()])
    result = api40.filter_statuses_v2(19972)
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v2/filters/19972/statuses", {})
    assert result[0].id == 897 and result[0].status_id == 110123456789012345


def test_add_filter_status_v2(api40, server):
    server.route("POST", "/api/v2/filters/19972/statuses", json=notifs.filter_status())
    result = api40.add_filter_status_v2(19972, entities.status())
    assert (server.last.method, server.last.path, server.last.form) == (
        "POST", "/api/v2/filters/19972/statuses", {"status_id": ["110123456789012345"]})
    assert result.id == 897
    with pytest.raises(MastodonIllegalArgumentError, match="status_id"):
        api40.add_filter_status_v2(19972, None)
    assert len(server.requests) == 1


def test_filter_status_v2(api40, server):
    server.route("GET", "/api/v2/filters/statuses/897", json=notifs.filter_status())
    result = api40.filter_status_v2(897)
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v2/filters/statuses/897", {})
    assert result.id == 897


def test_delete_filter_status_v2(api40, server):
    server.route("DELETE", "/api/v2/filters/statuses/897", json={})
    assert api40.delete_filter_status_v2(notifs.filter_status()) is None
    assert (server.last.method, server.last.path) == ("DELETE", "/api/v2/filters/statuses/897")


def test_filters_v2_need_4_0(make_api, server):
    old = make_api(mastodon_version="3.5.0", ratelimit_method="throw")
    for call in (lambda: old.filters_v2(), lambda: old.filter_keyword_v2(1), lambda: old.delete_filter_status_v2(1)):
        with pytest.raises(MastodonVersionError):
            call()
    assert server.requests == []


# -- filters_apply with v2 filters and server verdicts -----------------------------------------------
def status(id, content, filtered=(), **kw):
    return entities.status(id=id, content="<p>%s</p>" % content, filtered=list(filtered), **kw)


def converted(api, server, items):
    """``items`` as the client returns them (ids int, AttribAccessDicts, ...)."""
    server.route("GET", "/api/v1/timelines/home", json=items)
    return api.timeline_home()


def test_filters_apply_server_results(api, server):
    hide = notifs.filter_result(notifs.filter_v2(filter_action="hide", context=["home"]))
    warn = notifs.filter_result(notifs.filter_v2(filter_action="warn", context=["home", "public"]))
    blur = notifs.filter_result(notifs.filter_v2(filter_action="blur", context=["home"]))
    elsewhere = notifs.filter_result(notifs.filter_v2(filter_action="hide", context=["thread"]))
    expired = notifs.filter_result(notifs.filter_v2(expires_at="2001-01-01T00:00:00.000Z"))
    timeline = converted(api, server, [
        status("1", "hidden", [hide]), status("2", "warned", [warn]), status("3", "blurred", [blur]),
        status("4", "other context", [elsewhere]), status("5", "expired", [expired]), status("6", "clean"),
        entities.status(id="7", reblog=status("8", "boosted", [hide]), filtered=[])])
    assert [s.id for s in api.filters_apply(timeline, [], "home")] == [3, 4, 5, 6]
    assert [s.id for s in api.filters_apply(timeline, [], "public")] == [1, 3, 4, 5, 6, 7]
    assert [s.id for s in api.filters_apply(timeline, [], "thread")] == [1, 2, 3, 5, 6, 7]


def test_filters_apply_server_results_in_notifications(api, server):
    hide = notifs.filter_result(notifs.filter_v2(filter_action="hide", context=["notifications"]))
    server.route("GET", "/api/v1/notifications", json=[
        entities.notification(id="1", status=status("11", "bad", [hide])),
        entities.notification(id="2", type="follow"), entities.notification(id="3", status=status("13", "fine"))])
    page = api.notifications()
    result = api.filters_apply(page, [filter_v1(phrase="nothing matches", context=["notifications"])], "notifications")
    assert [n.id for n in result] == [2, 3] and isinstance(result, AttribAccessList)


def test_filters_apply_v2_filters_on_the_client(api, server):
    keyword_filter = notifs.filter_v2(filter_action="hide", keywords=[
        notifs.filter_keyword(keyword="robin", whole_word=True), notifs.filter_keyword(keyword="crow")], statuses=[])
    status_filter = notifs.filter_v2(filter_action="warn", keywords=[], statuses=[notifs.filter_status(status_id="5")])
    blur_filter = notifs.filter_v2(filter_action="blur", keywords=[notifs.filter_keyword(keyword="clean")], statuses=[])
    elsewhere = notifs.filter_v2(context=["public"], keywords=[notifs.filter_keyword(keyword="clean")], statuses=[])
    timeline = converted(api, server, [
        status("1", "a robin"), status("2", "robins"), status("3", "scarecrows"), status("5", "clean"),
        status("6", "clean too")])
    filters = [keyword_filter, status_filter, blur_filter, elsewhere]
    assert [s.id for s in api.filters_apply(timeline, filters, "home")] == [2, 6]
    # v1 and v2 filters together
    assert [s.id for s in api.filters_apply(timeline, filters + [filter_v1(phrase="too", context=["home"])],
                                            "home")] == [2]
    # as the API returns them
    server.route("GET", "/api/v2/filters", json=[keyword_filter, status_filter])
    assert [s.id for s in api.filters_apply(timeline, api.filters_v2(), "home")] == [2, 6]
