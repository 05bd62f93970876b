"""Mutes, blocks, follow requests and domain blocks (mastodon/relationships.py)."""
from datetime import datetime, timezone

import pytest

from mastodon.errors import MastodonIllegalArgumentError, MastodonNotFoundError
from tests import entities
from tests.conftest import TOKEN


def link(path: str) -> str:
    return ('<https://example.social%s?limit=2&max_id=103>; rel="next", '
            '<https://example.social%s?limit=2&min_id=104>; rel="prev"' % (path, path))


@pytest.mark.parametrize("name, path", [
    ("mutes", "/api/v1/mutes"), ("blocks", "/api/v1/blocks"), ("follow_requests", "/api/v1/follow_requests"),
])
def test_account_lists(api, server, name, path):
    server.route("GET", path, json=[entities.account(id="104", acct="bob@other.example"),
                                    entities.account(id="103", acct="carol")], headers={"Link": link(path)})
    result = getattr(api, name)()
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", path, {})
    assert request.header("Authorization") == "Bearer " + TOKEN
    assert [a.id for a in result] == [104, 103]
    assert result[0].created_at == datetime(2022, 11, 1, tzinfo=timezone.utc)
    assert result._pagination_next["max_id"] == 103 and result._pagination_prev["min_id"] == 104
    assert result[-1]._pagination_next == result._pagination_next

    moment = datetime(2023, 1, 1, tzinfo=timezone.utc)
    getattr(api, name)(max_id={"id": 200}, min_id=100, since_id=moment, limit=2)
    assert server.last.query == {"max_id": ["200"], "min_id": ["100"],
                                 "since_id": [str((int(moment.timestamp()) << 16) * 1000)], "limit": ["2"]}

    server.clear()
    following = api.fetch_next(result)
    assert server.last.path == path and server.last.query == {"max_id": ["103"]}
    assert following[0].id == 104


def test_domain_blocks(api, server):
    server.route("GET", "/api/v1/domain_blocks", json=["spam.example", "trolls.example"],
                 headers={"Link": link("/api/v1/domain_blocks")})
    result = api.domain_blocks(limit=2)
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/domain_blocks", {"limit": ["2"]})
    assert result == ["spam.example", "trolls.example"]
    assert result._pagination_next["max_id"] == 103


@pytest.mark.parametrize("name, action", [("follow_request_authorize", "authorize"),
                                          ("follow_request_reject", "reject")])
def test_follow_request_answers(api, server, name, action):
    path = "/api/v1/follow_requests/109383/" + action
    server.route("POST", path, json=entities.relationship(id="109383", followed_by=action == "authorize"))
    result = getattr(api, name)(entities.account(id="109383"))
    request = server.last
    assert (request.method, request.path, request.form) == ("POST", path, {})
    assert result.id == 109383 and result.followed_by is (action == "authorize")

    getattr(api, name)(109383)
    assert server.last.path == path


def test_follow_request_unknown(api, server):
    with pytest.raises(MastodonNotFoundError):
        api.follow_request_authorize(1)


def test_domain_block_and_unblock(api, server):
    server.route("POST", "/api/v1/domain_blocks", json={})
    server.route("DELETE", "/api/v1/domain_blocks", json={})
    assert api.domain_block("spam.example") is None
    request = server.last
    assert (request.method, request.path, request.form) == ("POST", "/api/v1/domain_blocks",
                                                            {"domain": ["spam.example"]})
    assert api.domain_unblock(domain="spam.example") is None
    request = server.last
    assert (request.method, request.path, request.form) == ("DELETE", "/api/v1/domain_blocks",
                                                            {"domain": ["spam.example"]})
    assert request.header("Content-Type").startswith("application/x-www-form-urlencoded")


@pytest.mark.parametrize("name", ["domain_block", "domain_unblock"])
@pytest.mark.parametrize("domain", [None, "", "   ", 42])
def test_domain_block_needs_a_domain(api, server, name, domain):
    with pytest.raises(MastodonIllegalArgumentError, match="domain"):
        getattr(api, name)(domain)
    assert server.requests == []
