"""Hashtags of today (mastodon/hashtags.py): tag, tag_follow, tag_unfollow, followed_tags,
tag_feature and tag_unfeature."""
from datetime import datetime, timezone

import pytest

from mastodon.errors import MastodonIllegalArgumentError, MastodonVersionError
from tests import entities_today

DAY = datetime(2023, 3, 14, tzinfo=timezone.utc)


def assert_tag(result, name="birds"):
    assert result.id == 802 and result.name == name
    assert result.history[0].day == DAY


@pytest.mark.parametrize("given", ["birds", {"name": "birds", "url": "https://example.social/tags/birds"},
                                   entities_today.tag()])
def test_tag(api, server, given):
    server.route("GET", "/api/v1/tags/birds", json=entities_today.tag())
    result = api.tag(given)
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/tags/birds", {})
    assert_tag(result)
    assert result.following is True and result.featuring is False


def test_tag_name_is_escaped_as_one_segment(api, server):
    server.route("GET", "/api/v1/tags/caf%C3%A9%2Fbar", json=entities_today.tag("café/bar"))
    result = api.tag("café/bar")
    assert server.last.path == "/api/v1/tags/caf%C3%A9%2Fbar"
    assert result.name == "café/bar"


@pytest.mark.parametrize("method, action", [("tag_follow", "follow"), ("tag_unfollow", "unfollow"),
                                            ("tag_feature", "feature"), ("tag_unfeature", "unfeature")])
def test_tag_actions(make_api, server, method, action):
    api = make_api(mastodon_version="4.4.0")
    answer = entities_today.tag(following=action == "follow", featuring=action == "feature")
    server.route("POST", "/api/v1/tags/birds/" + action, json=answer)
    result = getattr(api, method)("birds")
    request = server.last
    assert (request.method, request.path, request.form) == ("POST", "/api/v1/tags/birds/" + action, {})
    assert_tag(result)
    assert result.following is (action == "follow") and result.featuring is (action == "feature")
    getattr(api, method)(entities_today.tag())
    assert server.last.path == "/api/v1/tags/birds/" + action


@pytest.mark.parametrize("method", ["tag", "tag_follow", "tag_unfollow", "tag_feature", "tag_unfeature"])
@pytest.mark.parametrize("bad", ["#birds", "", "  ", None, 5, {"url": "https://example.social/tags/birds"}])
def test_tag_bad_names_are_refused(make_api, server, method, bad):
    api = make_api(mastodon_version="4.4.0")
    with pytest.raises(MastodonIllegalArgumentError):
        getattr(api, method)(bad)
    assert server.requests == []


def test_followed_tags(api, server):
    link = '<https://example.social/api/v1/followed_tags?max_id=77>; rel="next"'
    server.route("GET", "/api/v1/followed_tags", json=[entities_today.tag(), entities_today.tag("owls", id="803")],
                 headers={"Link": link})
    result = api.followed_tags()
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/followed_tags", {})
    assert_tag(result[0])
    assert [t.id for t in result] == [802, 803]
    assert result._pagination_next["max_id"] == 77

    api.followed_tags(max_id=77, min_id=5, since_id=3, limit=10)
    assert server.last.query == {"max_id": ["77"], "min_id": ["5"], "since_id": ["3"], "limit": ["10"]}


@pytest.mark.parametrize("method, version", [("tag", "3.5.0"), ("followed_tags", "3.5.0"),
                                             ("tag_feature", "4.3.0"), ("tag_unfeature", "4.3.0")])
def test_tag_methods_need_their_version(make_api, server, method, version):
    api = make_api(mastodon_version=version)
    with pytest.raises(MastodonVersionError):
        getattr(api, method)(*([] if method == "followed_tags" else ["birds"]))
    assert server.requests == []
