"""Following paginated results (manual section 3.12.1)."""
from __future__ import annotations
from typing import Any, Dict, List, Optional, TypeVar, Union

from mastodon._core import RequestCore
from mastodon.return_types import PaginatableList
from mastodon.utility import AttribAccessDict, AttribAccessList

_T = TypeVar("_T")


class PaginationMixin(RequestCore):
    """fetch_next, fetch_previous and fetch_remaining."""

    def fetch_next(self, previous_page: Union[List[_T], Dict[str, Any]]) -> Optional[PaginatableList[_T]]:
        """Fetch the page after ``previous_page``.

        Pass a page (a list returned by a paginated method, or a list whose last item
        came from one) or its pagination dict (``page._pagination_next``). Returns the
        next page, or None when there is none.
        """
        return self._follow(previous_page, "_pagination_next")

    def fetch_previous(self, next_page: Union[List[_T], Dict[str, Any]]) -> Optional[PaginatableList[_T]]:
        """Fetch the page before ``next_page``.

        Pass a page (or a list whose first item came from one) or its pagination dict
        (``page._pagination_prev``). Returns the previous page, or None when there is
        none.
        """
        return self._follow(next_page, "_pagination_prev")

    def fetch_remaining(self, first_page: List[_T]) -> List[_T]:
        """Fetch every page after ``first_page`` and return all items, those of
        ``first_page`` included, as one list.

        This can make many requests and use up the rate limit quickly.
        """
        items = list(first_page)
        page = self.fetch_next(first_page)
        while page:
            items.extend(page)
            page = self.fetch_next(page)
        return items

    def _follow(self, page: Any, attribute: str) -> Optional[Any]:
        info: Any
        if isinstance(page, dict):
            info = page
        else:
            info = getattr(page, attribute, None)
            if info is None and isinstance(page, list) and page:
                # a plain list (a copy, a slice, unpickled items): 1.8.0 read the
                # information from the last (next) or first (previous) item
                item = page[-1] if attribute == "_pagination_next" else page[0]
                info = getattr(item, attribute, None)
        if not isinstance(info, dict) or "_pagination_endpoint" not in info:
            return None
        result = self._fetch_page(info)
        if isinstance(page, list) and isinstance(result, list):
            _same_types(page, result)
        return result


def _same_types(page: List[Any], result: List[Any]) -> None:
    """Give the items of a fetched page the class the items of the page it follows have."""
    from mastodon._entity import Entity, PaginatableList
    item_class = next((type(item) for item in page if isinstance(item, Entity)), None)
    if item_class is None:
        return
    if type(result) is AttribAccessList:
        object.__setattr__(result, "__class__", PaginatableList)
    for item in result:
        if type(item) is AttribAccessDict:
            object.__setattr__(item, "__class__", item_class)
