"""Following paginated results (manual section 3.12.1).

A *page* is what a paginated method returns: a list carrying its pagination
information as ``_pagination_next`` / ``_pagination_prev`` (the last and the first item
carry them too). A *pagination info* is a dict of the parameters to send plus
``_pagination_method`` and ``_pagination_endpoint``; fetching the page it describes
replays that request (:meth:`RequestCore._fetch_page`). Any kind of pagination plugs in
by producing such dicts (the ``Link`` header's ``max_id`` / ``min_id``, an ``offset``,
...): everything here works on them alone.

Walking pages can never loop: a walk stops when the server points at a request the
walk already made, or sends a page with no item it has not already seen.
"""
from __future__ import annotations
from typing import Any, Dict, Iterator, List, Optional, Set, Tuple

from mastodon._core import RequestCore
from mastodon._validate import check_choice
from mastodon.return_types import Entity, PaginatableList, PaginationInfo
from mastodon.utility import AttribAccessDict, AttribAccessList

#: Pages that are dicts hold their items under one of these keys (grouped
#: notifications, collections).
_ITEM_LISTS = ("notification_groups", "collections")

#: The directions a walk can take, and the attribute holding their pagination info.
DIRECTIONS = {"next": "_pagination_next", "previous": "_pagination_prev"}


def _info_key(info: Dict[str, Any]) -> Tuple[Tuple[str, str], ...]:
    """A hashable form of a pagination info, to recognise a request made before."""
    return tuple(sorted((str(k), repr(v)) for k, v in info.items()))


def _is_info(value: Any) -> bool:
    return isinstance(value, dict) and "_pagination_endpoint" in value


class PaginationMixin(RequestCore):
    """fetch_next, fetch_previous, fetch_remaining and the pagination iterators."""

    def fetch_next(self, previous_page: Any) -> Optional[Any]:
        """Fetch the page after ``previous_page``.

        Pass a page (a list returned by a paginated method, or a list whose last item
        came from one; or a paginated dict answer such as :meth:`grouped_notifications`)
        or its pagination dict (``page._pagination_next``). Returns the next page, or
        None when there is none.
        """
        return self._follow(previous_page, "next")

    def fetch_previous(self, next_page: Any) -> Optional[Any]:
        """Fetch the page before ``next_page``.

        Pass a page (or a list whose first item came from one) or its pagination dict
        (``page._pagination_prev``). Returns the previous page, or None when there is
        none.
        """
        return self._follow(next_page, "previous")

    def fetch_remaining(self, first_page: Any) -> List[Any]:
        """Fetch every page after ``first_page`` and return all items, those of
        ``first_page`` included, as one list.

        ``first_page`` may also be a pagination dict: then the items from the page it
        describes on are returned. Stops at the first empty page, at a page that
        repeats a request already made, or at a page with no new item (a server whose
        ``next`` link goes round in circles); an item already returned (same ``id``)
        is not returned twice. This can make many requests and use up the rate limit
        quickly.
        """
        return list(self.pagination_iterator(first_page))

    def get_pagination_info(self, page: Any, pagination_direction: str) -> Optional[PaginationInfo]:
        """The pagination dict for fetching the page after (``pagination_direction``
        "next") or before ("previous") ``page``, or None when there is none.

        ``page`` is a page, or a plain list whose last (for "next") or first (for
        "previous") item came from one. Sends no request.
        """
        direction = check_choice("pagination_direction", pagination_direction, DIRECTIONS, required=True)
        info = self._pagination_info(page, direction)
        return None if info is None else PaginationInfo(info)

    def pagination_page_iterator(self, start_page: Any, direction: str = "next",
                                 return_pagination_info: bool = False) -> Iterator[Any]:
        """Iterate over ``start_page`` and the pages after it (``direction`` "next") or
        before it ("previous"), fetching each page only when the iteration reaches it.

        ``start_page`` is a page or a pagination dict (then the first page yielded is
        the one it describes). With ``return_pagination_info``, ``(page, info)`` tuples
        are yielded, ``info`` being the pagination dict the walk continues with after
        that page (None at the end), so that a walk can be resumed later. Stops at the
        first empty page or missing link, and where the server repeats a request
        already made or sends a page with no new item.
        """
        check_choice("direction", direction, DIRECTIONS, required=True)
        for page, info in self._walk(start_page, direction):
            yield (page, info) if return_pagination_info else page

    def pagination_iterator(self, start_page: Any, direction: str = "next",
                            return_pagination_info: bool = False) -> Iterator[Any]:
        """Iterate over the items of ``start_page`` and of the pages after it
        (``direction`` "next") or before it ("previous"), one page fetched at a time.

        ``start_page`` is a page or a pagination dict. With ``return_pagination_info``,
        ``(item, info)`` tuples are yielded, ``info`` being the pagination dict of the
        page after the item's page (None at the end). An item already yielded (same
        ``id``) is skipped; the walk stops as :meth:`pagination_page_iterator` does.
        """
        check_choice("direction", direction, DIRECTIONS, required=True)
        seen: Set[Any] = set()
        for page, info in self._walk(start_page, direction):
            for item in self._page_entries(page):
                key = _item_key(item)
                if key is not None:
                    if key in seen:
                        continue
                    seen.add(key)
                yield (item, info) if return_pagination_info else item

    # -- the walk ------------------------------------------------------------------------------
    def _walk(self, start: Any, direction: str) -> Iterator[Tuple[Any, Optional[Dict[str, Any]]]]:
        """(page, info to continue with) for ``start`` and the pages that follow it in
        ``direction``, guarded against servers that go round in circles."""
        requests_made: Set[Tuple[Tuple[str, str], ...]] = set()
        items_seen: Set[Any] = set()
        if _is_info(start):
            requests_made.add(_info_key(start))
            page = self._fetch_page(start)
        else:
            page = start
        first = True
        while page is not None:
            entries = self._page_entries(page)
            if not entries:  # the end (as in 1.8.0, an empty first page is not followed)
                if first:
                    yield page, None
                return
            keys = [k for k in (_item_key(item) for item in entries) if k is not None]
            if not first and keys and all(k in items_seen for k in keys):
                return  # nothing new: the server is repeating itself
            items_seen.update(keys)
            info = self._pagination_info(page, direction)
            if info is not None:
                key = _info_key(info)
                if key in requests_made:
                    info = None  # the same request again would bring the same page
                else:
                    requests_made.add(key)
            yield page, info
            if info is None:
                return
            page = _typed_like(page, self._fetch_page(info))
            first = False

    @staticmethod
    def _page_entries(page: Any) -> List[Any]:
        """The items of a page: the page itself (a list), or the list a dict page holds
        under one of ``_ITEM_LISTS``."""
        if isinstance(page, list):
            return page
        if isinstance(page, dict):
            for key in _ITEM_LISTS:
                items = page.get(key)
                if isinstance(items, list):
                    return items
        return []

    @staticmethod
    def _pagination_info(page: Any, direction: str) -> Optional[Dict[str, Any]]:
        """The pagination dict of ``page`` for ``direction``: the page's own, or, for a
        plain list (a copy, a slice, unpickled items), that of its last (next) or first
        (previous) item, as 1.8.0 read it."""
        if _is_info(page):
            return page  # type: ignore[no-any-return]
        attribute = DIRECTIONS[direction]
        info = getattr(page, attribute, None)
        if info is None and isinstance(page, list) and page:
            item = page[-1] if direction == "next" else page[0]
            info = getattr(item, attribute, None)
        if not _is_info(info):
            return None
        return info

    def _follow(self, page: Any, direction: str) -> Optional[Any]:
        info = self._pagination_info(page, direction)
        if info is None:
            return None
        return _typed_like(page, self._fetch_page(info))


def _typed_like(page: Any, fetched: Any) -> Any:
    """``fetched`` (the page after or before ``page``) with the classes ``page`` has: the
    page's own class for a dict page, the item class and list class for a list."""
    if isinstance(page, Entity):
        if type(fetched) is AttribAccessDict:
            object.__setattr__(fetched, "__class__", type(page))
    elif isinstance(page, list) and isinstance(fetched, list):
        item_class = next((type(item) for item in page if isinstance(item, Entity)), None)
        if item_class is not None:
            if type(fetched) is AttribAccessList:
                object.__setattr__(fetched, "__class__", type(page) if isinstance(page, AttribAccessList)
                                   else PaginatableList)
            for item in fetched:
                if type(item) is AttribAccessDict:
                    object.__setattr__(item, "__class__", item_class)
    return fetched


def _item_key(item: Any) -> Any:
    """What identifies an item across pages: its ``id`` (a notification group's
    ``group_key``; None when it has neither)."""
    if isinstance(item, dict):
        key = item.get("id", item.get("group_key"))
        try:
            hash(key)
        except TypeError:
            return None
        return key
    return None


__all__ = ["PaginationMixin", "DIRECTIONS"]
