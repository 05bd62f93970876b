"""Following paginated results (manual section 3.12.1)."""
from __future__ import annotations
from typing import Any, Optional

from mastodon._core import RequestCore


class PaginationMixin(RequestCore):
    """fetch_next, fetch_previous and fetch_remaining."""

    def fetch_next(self, previous_page: Any) -> Optional[Any]:
        """Fetch the page after ``previous_page``.

        Pass a page (a list returned by a paginated method, or a list whose last item
        came from one) or its pagination dict (``page._pagination_next``). Returns the
        next page, or None when there is none.
        """
        return self._follow(previous_page, "_pagination_next")

    def fetch_previous(self, next_page: Any) -> Optional[Any]:
        """Fetch the page before ``next_page``.

        Pass a page (or a list whose first item came from one) or its pagination dict
        (``page._pagination_prev``). Returns the previous page, or None when there is
        none.
        """
        return self._follow(next_page, "_pagination_prev")

    def fetch_remaining(self, first_page: Any) -> list:
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
        if isinstance(page, dict) and "_pagination_endpoint" in page:
            info = page  # a pagination dict; other dicts (offset-paged answers) carry one as an attribute
        else:
            info = getattr(page, attribute, None)
            if info is None and isinstance(page, list) and page:
                # a plain list (a copy, a slice, unpickled items): 1.8.0 read the
                # information from the last (next) or first (previous) item
                item = page[-1] if attribute == "_pagination_next" else page[0]
                info = getattr(item, attribute, None)
        if not isinstance(info, dict) or "_pagination_endpoint" not in info:
            return None
        return self._fetch_page(info)
