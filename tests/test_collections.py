"""Collections (Mastodon 4.6): the nine methods, and offset paging with fetch_next /
fetch_previous."""
from datetime import datetime, timezone

import pytest

from mastodon.errors import MastodonIllegalArgumentError, MastodonVersionError
from tests import entities
from tests import entities_statuses_today as today
from tests.harness import Reply

CID = today.COLLECTION_ID
ACCOUNT = "109382"


@pytest.fixture
def api46(make_api):
    return make_api(mastodon_version="4.6.0", ratelimit_method="throw")


def assert_collection(collection, id=int(CID)):
    assert collection.id == id
    assert collection.created_at == datetime(2023, 3, 14, 12, 30, 45, 123000, tzinfo=timezone.utc)
    assert collection.updated_at == datetime(2023, 3, 15, 8, 0, tzinfo=timezone.utc)
    assert collection["items"][0].id == int(today.ITEM_ID)  # .items is the dict method
    assert collection.tag.name == "birds"


@pytest.mark.parametrize("method, action", [("account_collections", "collections"),
                                            ("account_in_collections", "in_collections")])
def test_collection_lists(api46, server, method, action):
    path = "/api/v1/accounts/%s/%s" % (ACCOUNT, action)
    server.route("GET", path, json={"collections": [today.collection()]})
    page = getattr(api46, method)(entities.account(), limit=5, offset=10)
    assert (server.last.method, server.last.path, server.last.query) == ("GET", path, {"limit": ["5"], "offset": ["10"]})
    assert_collection(page.collections[0])


def test_collection_offset_paging(api46, server):
    path = "/api/v1/accounts/%s/collections" % ACCOUNT
    pages = [{"collections": [today.collection(id=str(n)) for n in range(start, min(start + 2, 5))]}
             for start in (0, 2, 4)]
    server.route("GET", path, lambda req: Reply(json=pages[int(req.query.get("offset", ["0"])[0]) // 2]))
    first = api46.account_collections(ACCOUNT, limit=2)
    assert [c.id for c in first.collections] == [0, 1]
    assert not hasattr(first, "_pagination_prev")
    second = api46.fetch_next(first)
    assert server.last.query == {"limit": ["2"], "offset": ["2"]}
    assert [c.id for c in second.collections] == [2, 3]
    third = api46.fetch_next(second._pagination_next)  # the pagination dict itself works too
    assert [c.id for c in third.collections] == [4]
    assert api46.fetch_next(third) is None  # a short page is the last one
    back = api46.fetch_previous(third)
    assert server.last.query == {"limit": ["2"], "offset": ["2"]}
    assert [c.id for c in back.collections] == [2, 3]
    assert len(server.requests) == 4
    assert [c.id for c in api46.fetch_remaining(first)] == [0, 1, 2, 3, 4]
    assert [c.id for c in api46.pagination_iterator(api46.account_collections(ACCOUNT, limit=2))] == [0, 1, 2, 3, 4]


def test_collection_paging_default_page_size(api46, server):
    path = "/api/v1/accounts/%s/in_collections" % ACCOUNT
    server.route("GET", path, json={"collections": [today.collection(id=str(n)) for n in range(40)]})
    page = api46.account_in_collections(ACCOUNT)
    assert server.last.query == {}
    assert page._pagination_next == {"offset": 40, "_pagination_method": "GET", "_pagination_endpoint": path,
                                     "_pagination_offset_items": "collections"}
    server.route("GET", path, json={"collections": []})
    assert api46.fetch_next(page) == {"collections": []}
    assert api46.fetch_next(api46.fetch_next(page)) is None


@pytest.mark.parametrize("kwargs", [{"limit": 0}, {"limit": "5"}, {"offset": -1}, {"offset": True}])
def test_collection_lists_refuse_bad_paging(api46, server, kwargs):
    with pytest.raises(MastodonIllegalArgumentError):
        api46.account_collections(ACCOUNT, **kwargs)
    assert server.requests == []


def test_collection(api46, server):
    server.route("GET", "/api/v1/collections/%s" % CID,
                 json={"accounts": [entities.account()], "collection": today.collection()})
    result = api46.collection({"id": CID})
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v1/collections/%s" % CID, {})
    assert_collection(result.collection)
    assert result.accounts[0].id == 109382


def test_collection_create(api46, server):
    server.route("POST", "/api/v1/collections", json={"collection": today.collection()})
    result = api46.collection_create("Nice accounts", description="These accounts are very nice", language="en",
                                     tag_name="#birds", discoverable=True,
                                     account_ids=[entities.account(), 112658193342215767])
    req = server.last
    assert (req.method, req.path, req.content_type.split(";")[0]) == ("POST", "/api/v1/collections", "application/json")
    assert req.json == {"name": "Nice accounts", "description": "These accounts are very nice", "language": "en",
                        "tag_name": "#birds", "sensitive": False, "discoverable": True,
                        "account_ids": ["109382", 112658193342215767]}
    assert_collection(result.collection)


@pytest.mark.parametrize("kwargs", [{"name": ""}, {"name": None}, {"name": "x", "sensitive": "yes"},
                                    {"name": "x", "account_ids": [None]}, {"name": "x", "language": 5}])
def test_collection_create_refuses_bad_input(api46, server, kwargs):
    with pytest.raises(MastodonIllegalArgumentError):
        api46.collection_create(**kwargs)
    assert server.requests == []


def test_collection_update(api46, server):
    path = "/api/v1/collections/%s" % CID
    server.route("PATCH", path, json={"collection": today.collection(name="Birders")})
    result = api46.collection_update(CID, name="Birders", sensitive=False)
    assert (server.last.method, server.last.path, server.last.json) == ("PATCH", path,
                                                                         {"name": "Birders", "sensitive": False})
    assert result.collection.name == "Birders"


def test_collection_delete(api46, server):
    server.route("DELETE", "/api/v1/collections/%s" % CID, json={})
    assert api46.collection_delete(CID) == {}
    assert (server.last.method, server.last.path) == ("DELETE", "/api/v1/collections/%s" % CID)


def test_collection_item_add(api46, server):
    path = "/api/v1/collections/%s/items" % CID
    server.route("POST", path, json={"collection_item": today.collection_item(state="pending")})
    result = api46.collection_item_add(CID, entities.account(id="112658193342215767"))
    assert (server.last.method, server.last.path, server.last.json) == ("POST", path,
                                                                         {"account_id": "112658193342215767"})
    assert result.collection_item.id == int(today.ITEM_ID) and result.collection_item.state == "pending"
    assert result.collection_item.created_at.year == 2023
    with pytest.raises(MastodonIllegalArgumentError):
        api46.collection_item_add(CID, None)
    assert len(server.requests) == 1


@pytest.mark.parametrize("method, verb, suffix", [("collection_item_delete", "DELETE", ""),
                                                  ("collection_item_revoke", "POST", "/revoke")])
def test_collection_item_removal(api46, server, method, verb, suffix):
    path = "/api/v1/collections/%s/items/%s%s" % (CID, today.ITEM_ID, suffix)
    server.route(verb, path, json={})
    assert getattr(api46, method)({"id": CID}, today.ITEM_ID) == {}
    assert (server.last.method, server.last.path, server.last.form) == (verb, path, {})


def test_collections_need_4_6(api, server):
    for name, args in (("account_collections", (1,)), ("account_in_collections", (1,)), ("collection", (1,)),
                       ("collection_create", ("x",)), ("collection_update", (1,)), ("collection_delete", (1,)),
                       ("collection_item_add", (1, 2)), ("collection_item_delete", (1, 2)),
                       ("collection_item_revoke", (1, 2))):
        with pytest.raises(MastodonVersionError):
            getattr(api, name)(*args)
    assert server.requests == []
