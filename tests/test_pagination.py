"""Walking pages: fetch_remaining, the pagination iterators and their loop guard."""
import pytest

from mastodon import MastodonIllegalArgumentError
from tests import entities
from tests.harness import Reply

PATH = "/api/v1/timelines/home"


def _page(server, ids, next_max=None, prev_min=None):
    links = []
    if next_max is not None:
        links.append('<%s%s?limit=2&max_id=%s>; rel="next"' % (server.url, PATH, next_max))
    if prev_min is not None:
        links.append('<%s%s?limit=2&min_id=%s>; rel="prev"' % (server.url, PATH, prev_min))
    return Reply(json=[entities.status(id=str(i)) for i in ids], headers={"Link": ", ".join(links)} if links else {})


def _timeline(server):
    """106 105 | 104 103 | 102 | end; newer: 108 107."""
    def answer(request):
        max_id = request.query.get("max_id", [None])[0]
        min_id = request.query.get("min_id", [None])[0]
        if min_id == "106":
            return _page(server, [108, 107], prev_min=108)
        if min_id == "108":
            return _page(server, [])
        if max_id is None:
            return _page(server, [106, 105], next_max=105, prev_min=106)
        if max_id == "105":
            return _page(server, [104, 103], next_max=103, prev_min=104)
        if max_id == "103":
            return _page(server, [102], next_max=102, prev_min=102)
        return _page(server, [])
    server.route("GET", PATH, answer)


def test_a_repeating_next_link_stops_fetch_remaining(api, server):
    """A server whose next link always names the same max_id: one extra request, no
    duplicates (before: 51 requests and duplicated items)."""
    server.route("GET", PATH, _page(server, [5, 4], next_max=4))
    first = api.timeline_home(limit=2)
    everything = api.fetch_remaining(first)
    assert [s.id for s in everything] == [5, 4]
    assert len(server.requests) <= 2


def test_a_page_with_no_new_item_stops_the_walk(api, server):
    """The next link changes every time but the items do not."""
    def answer(request):
        max_id = int(request.query.get("max_id", ["100"])[0])
        return _page(server, [5, 4], next_max=max_id - 1)

    server.route("GET", PATH, answer)
    everything = api.fetch_remaining(api.timeline_home(limit=2))
    assert [s.id for s in everything] == [5, 4]
    assert len(server.requests) == 2


def test_overlapping_pages_bring_no_duplicates(api, server):
    def answer(request):
        max_id = request.query.get("max_id", [None])[0]
        if max_id is None:
            return _page(server, [5, 4], next_max=4)
        if max_id == "4":
            return _page(server, [4, 3], next_max=3)
        return _page(server, [])

    server.route("GET", PATH, answer)
    assert [s.id for s in api.fetch_remaining(api.timeline_home(limit=2))] == [5, 4, 3]


def test_pagination_iterator_is_lazy(api, server):
    _timeline(server)
    first = api.timeline_home(limit=2)
    server.clear()
    walk = api.pagination_iterator(first)
    assert [next(walk).id, next(walk).id] == [106, 105]
    assert server.requests == []  # the first page is already here
    assert next(walk).id == 104
    assert len(server.requests) == 1 and server.last.query == {"limit": ["2"], "max_id": ["105"]}
    assert [s.id for s in walk] == [103, 102]


def test_pagination_iterator_previous_and_from_a_pagination_dict(api, server):
    _timeline(server)
    first = api.timeline_home(limit=2)
    assert [s.id for s in api.pagination_iterator(first, "previous")] == [106, 105, 108, 107]
    info = api.get_pagination_info(first, "next")
    assert info == {"limit": 2, "max_id": 105, "_pagination_method": "GET", "_pagination_endpoint": PATH}
    assert [s.id for s in api.pagination_iterator(info)] == [104, 103, 102]


def test_pagination_iterator_with_pagination_info(api, server):
    _timeline(server)
    first = api.timeline_home(limit=2)
    pairs = list(api.pagination_iterator(first, return_pagination_info=True))
    assert [(s.id, info["max_id"]) for s, info in pairs[:4]] == [(106, 105), (105, 105), (104, 103), (103, 103)]
    assert pairs[-1][0].id == 102


def test_pagination_page_iterator(api, server):
    _timeline(server)
    first = api.timeline_home(limit=2)
    pages = list(api.pagination_page_iterator(first))
    assert [[s.id for s in page] for page in pages] == [[106, 105], [104, 103], [102]]
    assert pages[0] is first
    with_info = list(api.pagination_page_iterator(first, "next", True))
    assert [info["max_id"] if info else None for _, info in with_info] == [105, 103, 102]
    resumed = list(api.pagination_page_iterator(with_info[0][1]))  # resume from a saved info
    assert [[s.id for s in page] for page in resumed] == [[104, 103], [102]]


def test_get_pagination_info(api, server):
    _timeline(server)
    first = api.timeline_home(limit=2)
    assert api.get_pagination_info(first, "previous")["min_id"] == 106
    assert api.get_pagination_info(list(first), "next")["max_id"] == 105  # a plain copy
    assert api.get_pagination_info([entities.status()], "next") is None
    assert api.get_pagination_info([], "previous") is None


@pytest.mark.parametrize("direction", ["forward", None, "prev"])
def test_bad_direction_is_refused_before_any_request(api, server, direction):
    with pytest.raises(MastodonIllegalArgumentError, match="next"):
        api.get_pagination_info([], direction)
    with pytest.raises(MastodonIllegalArgumentError):
        list(api.pagination_iterator([], direction))
    with pytest.raises(MastodonIllegalArgumentError):
        list(api.pagination_page_iterator([], direction))
    assert server.requests == []


def test_an_empty_first_page_is_not_followed(api, server):
    server.route("GET", PATH, _page(server, [], next_max=5))
    first = api.timeline_home(limit=2)
    server.clear()
    assert api.fetch_remaining(first) == []
    assert list(api.pagination_page_iterator(first)) == [first]
    assert server.requests == []
    assert api.fetch_remaining(None) == []
