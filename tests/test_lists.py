"""Lists (mastodon/lists.py)."""
from datetime import datetime, timezone

import pytest

from mastodon.errors import MastodonIllegalArgumentError
from tests import entities, entities_accounts


def test_lists(api, server):
    server.route("GET", "/api/v1/lists", json=[entities_accounts.user_list(), entities_accounts.user_list(id="13")])
    result = api.lists()
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/lists", {})
    assert [item.id for item in result] == [12249, 13]
    assert result[0].title == "Birdwatchers" and result[0].replies_policy == "list"


def test_list(api, server):
    server.route("GET", "/api/v1/lists/12249", json=entities_accounts.user_list())
    result = api.list({"id": 12249})
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/lists/12249", {})
    assert result.id == 12249 and result.exclusive is False


def test_list_accounts_sends_pagination(api, server):
    path = "/api/v1/lists/12249/accounts"
    server.route("GET", path, json=[entities.account()],
                 headers={"Link": '<https://example.social/api/v1/lists/12249/accounts?max_id=55>; rel="next"'})
    moment = datetime(2023, 1, 1, tzinfo=timezone.utc)
    result = api.list_accounts(12249, max_id=100, min_id={"id": 10}, since_id=moment, limit=0)
    request = server.last
    assert (request.method, request.path) == ("GET", path)
    assert request.query == {"max_id": ["100"], "min_id": ["10"],
                             "since_id": [str((int(moment.timestamp()) << 16) * 1000)], "limit": ["0"]}
    assert result[0].id == 109382 and result[0].created_at.year == 2022
    assert result._pagination_next["max_id"] == 55

    api.list_accounts("12249")
    assert server.last.query == {}


def test_list_create(api, server):
    server.route("POST", "/api/v1/lists", json=entities_accounts.user_list())
    result = api.list_create("Birdwatchers")
    request = server.last
    assert (request.method, request.path, request.form) == ("POST", "/api/v1/lists", {"title": ["Birdwatchers"]})
    assert result.id == 12249

    api.list_create("Birdwatchers", replies_policy="followed", exclusive=True)
    assert server.last.form == {"title": ["Birdwatchers"], "replies_policy": ["followed"], "exclusive": ["1"]}


def test_list_update(api, server):
    server.route("PUT", "/api/v1/lists/12249", json=entities_accounts.user_list(title="Raptors"))
    result = api.list_update(entities_accounts.user_list(), "Raptors")
    request = server.last
    assert (request.method, request.path, request.form) == ("PUT", "/api/v1/lists/12249", {"title": ["Raptors"]})
    assert result.title == "Raptors" and result.id == 12249

    api.list_update(12249, "Raptors", replies_policy="none", exclusive=False)
    assert server.last.form == {"title": ["Raptors"], "replies_policy": ["none"], "exclusive": ["0"]}


@pytest.mark.parametrize("call", [
    lambda api: api.list_create("x", replies_policy="everyone"),
    lambda api: api.list_update(1, "x", replies_policy="all"),
])
def test_list_invalid_replies_policy(api, server, call):
    with pytest.raises(MastodonIllegalArgumentError, match="'followed', 'list', 'none'"):
        call(api)
    assert server.requests == []


def test_list_delete(api, server):
    server.route("DELETE", "/api/v1/lists/12249", json={})
    assert api.list_delete(12249) is None
    request = server.last
    assert (request.method, request.path, request.form) == ("DELETE", "/api/v1/lists/12249", {})


@pytest.mark.parametrize("method, name", [("POST", "list_accounts_add"), ("DELETE", "list_accounts_delete")])
@pytest.mark.parametrize("given, ids", [
    (109382, ["109382"]),
    ({"id": 109382}, ["109382"]),
    (entities.account(), ["109382"]),
    ([109382, {"id": "109383"}, entities.account(id="7")], ["109382", "109383", "7"]),
    ((1, 2), ["1", "2"]),
])
def test_list_accounts_add_and_delete(api, server, method, name, given, ids):
    server.route(method, "/api/v1/lists/12249/accounts", json={})
    assert getattr(api, name)({"id": "12249"}, given) is None
    request = server.last
    assert (request.method, request.path, request.form) == (method, "/api/v1/lists/12249/accounts",
                                                            {"account_ids[]": ids})
    assert request.header("Content-Type").startswith("application/x-www-form-urlencoded")


@pytest.mark.parametrize("name", ["list_accounts_add", "list_accounts_delete"])
@pytest.mark.parametrize("given", [[], [{"username": "no id"}], None, [1, None]])
def test_list_accounts_invalid(api, server, name, given):
    with pytest.raises(MastodonIllegalArgumentError):
        getattr(api, name)(1, given)
    assert server.requests == []
