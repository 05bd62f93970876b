"""Featured hashtags (mastodon/hashtags.py), follow suggestions (mastodon/suggestions.py)
and endorsements (mastodon/endorsements.py)."""
from datetime import datetime, timezone

import pytest

from mastodon.errors import MastodonVersionError
from tests import entities, entities_accounts


# -- featured tags ---------------------------------------------------------------------------------
def test_featured_tags(api, server):
    server.route("GET", "/api/v1/featured_tags", json=[entities_accounts.featured_tag(),
                                                       entities_accounts.featured_tag(id="628", name="owls")])
    result = api.featured_tags()
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/featured_tags", {})
    assert [t.id for t in result] == [627, 628]
    assert result[1].name == "owls" and result[0].last_status_at == datetime(2023, 3, 13)


def test_featured_tag_suggestions(api, server):
    server.route("GET", "/api/v1/featured_tags/suggestions", json=[entities.tag(), entities.tag("owls")])
    result = api.featured_tag_suggestions()
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/featured_tags/suggestions", {})
    assert [t.name for t in result] == ["birds", "owls"]
    assert result[0].history[0].day == datetime(2023, 3, 14, tzinfo=timezone.utc)


@pytest.mark.parametrize("name", ["birds", "#birds"])
def test_featured_tag_create_sends_name_verbatim(api, server, name):
    server.route("POST", "/api/v1/featured_tags", json=entities_accounts.featured_tag())
    result = api.featured_tag_create(name)
    request = server.last
    assert (request.method, request.path, request.form) == ("POST", "/api/v1/featured_tags", {"name": [name]})
    assert result.id == 627 and result.name == "birds"


def test_featured_tag_delete(api, server):
    server.route("DELETE", "/api/v1/featured_tags/627", json={})
    assert api.featured_tag_delete(entities_accounts.featured_tag()) is None
    request = server.last
    assert (request.method, request.path, request.form) == ("DELETE", "/api/v1/featured_tags/627", {})


def test_featured_tags_need_3_0_0(make_api, server):
    api = make_api(mastodon_version="2.9.0")
    with pytest.raises(MastodonVersionError):
        api.featured_tags()
    assert server.requests == []


# -- suggestions -------------------------------------------------------------------------------------
def test_suggestions(api, server):
    server.route("GET", "/api/v1/suggestions", json=[entities.account(id="109384", acct="carol@birds.example")])
    result = api.suggestions()
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/suggestions", {})
    assert result[0].id == 109384 and result[0].created_at.year == 2022


def test_suggestion_delete(api, server):
    server.route("DELETE", "/api/v1/suggestions/109384", json={})
    assert api.suggestion_delete({"id": 109384}) is None
    request = server.last
    assert (request.method, request.path, request.form) == ("DELETE", "/api/v1/suggestions/109384", {})


# -- endorsements ------------------------------------------------------------------------------------
def test_endorsements(api, server):
    server.route("GET", "/api/v1/endorsements", json=[entities.account()],
                 headers={"Link": '<https://example.social/api/v1/endorsements?max_id=88>; rel="next"'})
    result = api.endorsements()
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/endorsements", {})
    assert result[0].id == 109382 and result[0].acct == "alice"
    assert result._pagination_next["max_id"] == 88

    api.endorsements(max_id=88, limit=10)
    assert server.last.query == {"max_id": ["88"], "limit": ["10"]}
