"""Timelines and utilities of today: timeline_link, timeline_is_available,
get_status_length, retrieve_mastodon_version(fail_hard=...)."""
import pytest

from mastodon import Mastodon
from mastodon import status_length as length_module
from mastodon.errors import MastodonIllegalArgumentError, MastodonServerError, MastodonVersionError
from tests import entities
from tests import entities_statuses_today as today
from tests.harness import Reply

LINK = "https://news.example.org/2025/birds"


# -- timeline_link ------------------------------------------------------------------------------------
def test_timeline_link(make_api, server):
    api = make_api(mastodon_version="4.3.0")
    server.route("GET", "/api/v1/timelines/link", json=[entities.status()],
                 headers={"Link": '<%s/api/v1/timelines/link?url=x&max_id=1100>; rel="next"' % server.url})
    page = api.timeline_link(LINK, limit=5, only_media=True)
    req = server.last
    assert (req.method, req.path, req.query) == ("GET", "/api/v1/timelines/link",
                                                 {"url": [LINK], "limit": ["5"], "only_media": ["1"]})
    assert page[0].id == 110123456789012345 and page[0].created_at.year == 2023
    api.fetch_next(page)
    assert server.last.query == {"url": [LINK], "limit": ["5"], "only_media": ["1"], "max_id": ["1100"]}


def test_timeline_link_checks(api, make_api, server):
    with pytest.raises(MastodonVersionError):
        api.timeline_link(LINK)
    with pytest.raises(MastodonIllegalArgumentError):
        make_api(mastodon_version="4.3.0").timeline_link("")
    assert server.requests == []


# -- timeline_is_available ----------------------------------------------------------------------------
@pytest.mark.parametrize("access, call, expected", [
    ({}, {}, True),
    ({"live_remote": "authenticated"}, {}, False),
    ({"live_remote": "authenticated"}, {"local": True}, True),
    ({"live_remote": "authenticated"}, {"with_auth": True}, True),
    ({"live_local": "authenticated"}, {"timeline": "local"}, False),
    ({"live_local": "disabled"}, {"timeline": "local", "with_auth": True}, False),
    ({"live_local": "disabled"}, {"timeline": "remote"}, True),
    ({"hashtag_local": "authenticated"}, {"timeline": "tag/birds"}, False),
    ({"hashtag_local": "authenticated"}, {"timeline": "tag", "remote": True}, True),
    ({"link_local": "disabled", "link_remote": "disabled"}, {"timeline": "link", "with_auth": True}, False),
])
def test_timeline_is_available_reads_the_configuration(api, server, access, call, expected):
    server.route("GET", "/api/v2/instance", json=today.instance_v2(**access))
    assert api.timeline_is_available(**call) is expected
    assert [(r.method, r.path) for r in server.requests] == [("GET", "/api/v2/instance")]


def test_timeline_is_available_home_and_lists_need_a_login(api, server):
    assert api.timeline_is_available("home") is False
    assert api.timeline_is_available("list/12249", with_auth=True) is True
    assert server.requests == []


@pytest.mark.parametrize("bad", ["federated", "home/x", "list", "public/x", "", None, 5])
def test_timeline_is_available_refuses_unknown_timelines(api, server, bad):
    with pytest.raises(MastodonIllegalArgumentError):
        api.timeline_is_available(bad)
    assert server.requests == []


@pytest.mark.parametrize("code", [401, 403, 422])
def test_timeline_is_available_anonymous_refusal_is_false(api, server, code):
    server.route("GET", "/api/v2/instance", status=404, json={"error": "Not Found"})
    server.route("GET", "/api/v1/timelines/public",
                 status=code, json={"error": "This method requires an authenticated user"})
    assert api.timeline_is_available("public", local=True) is False
    probe = server.last
    assert (probe.path, probe.query) == ("/api/v1/timelines/public", {"limit": ["1"], "local": ["1"]})
    assert probe.header("Authorization") is None


def test_timeline_is_available_probe_with_auth(api, server):
    server.route("GET", "/api/v2/instance", json=today.instance_v2(configuration={}))
    server.route("GET", "/api/v1/timelines/tag/birds", json=[entities.status()])
    assert api.timeline_is_available("tag/birds", with_auth=True) is True
    assert server.last.header("Authorization") == "Bearer test-access-token-0123456789"
    assert server.last.query == {"limit": ["1"]}


def test_timeline_is_available_unknown_answer(api, server):
    server.route("GET", "/api/v2/instance", status=404, json={"error": "Not Found"})
    server.route("GET", "/api/v1/timelines/public", status=500, json={"error": "boom"})
    assert api.timeline_is_available() is True
    with pytest.raises(MastodonServerError):
        api.timeline_is_available(fail_hard=True)


# -- get_status_length --------------------------------------------------------------------------------
@pytest.mark.parametrize("text, spoiler, expected", [
    ("", "", 0),
    ("Hello", "", 5),
    ("Hello", "CW", 7),
    ("Read https://example.org/a/very/long/path/that/goes/on?and=on&on=1 now", "", 5 + 23 + 4),
    ("http://a.b", "", 23),
    ("(see https://example.org/x).", "", 5 + 23 + 2),
    ("@bob@other.example hi", "", len("@bob hi")),
    ("@bob hi", "", 7),
    ("mail me: bob@other.example", "", 26),
    ("👍🏽", "", 1),
    ("👨‍👩‍👧‍👦 family", "", 8),
    ("🇩🇪🇫🇷", "", 2),
    ("e\u0301te\u0301", "", 3),
    ("한국어", "", 3),
    ("a\r\nb", "", 3),
])
def test_get_status_length(text, spoiler, expected, monkeypatch):
    assert Mastodon.get_status_length(text, spoiler) == expected
    monkeypatch.setattr(length_module, "_REGEX_LOADED", True)
    monkeypatch.setattr(length_module, "_regex_module", None)  # the built-in grapheme rules
    assert Mastodon.get_status_length(text, spoiler) == expected


def test_get_status_length_on_an_instance_and_bad_input(api, server):
    assert api.get_status_length("x" * 500) == 500
    with pytest.raises(MastodonIllegalArgumentError):
        Mastodon.get_status_length(5)
    assert server.requests == []


# -- retrieve_mastodon_version(fail_hard=...) ----------------------------------------------------------
def test_retrieve_mastodon_version_fail_hard(api, server):
    server.route("GET", "/api/v1/instance/", json=entities.instance(version="4.5.1"))
    assert api.retrieve_mastodon_version(fail_hard=True) == "4.5.1"
    assert (api.mastodon_major, api.mastodon_minor, api.mastodon_patch) == (4, 5, 1)
    server.route("GET", "/api/v1/instance/", Reply(status=500, json={"error": "down"}))
    assert api.retrieve_mastodon_version() == "1.0.0"
    with pytest.raises(MastodonVersionError):
        api.retrieve_mastodon_version(fail_hard=True)
    assert api.version_check_worked is False
