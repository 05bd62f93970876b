"""Pagination information for answers paged by ``limit`` and ``offset`` (no ``Link``
header), such as the lists of collections.

The information has the same shape as the core attaches to ``Link``-paginated answers
(``_pagination_next`` / ``_pagination_prev``: the request's parameters with the next or
previous ``offset``, plus ``_pagination_method`` and ``_pagination_endpoint``), with
``_pagination_offset_items`` naming the key of the items, so that the core attaches it
again to every page it fetches from it and :meth:`fetch_next`, :meth:`fetch_previous`
and the pagination iterators work on such pages too.
"""
from __future__ import annotations
from typing import Any, Dict

#: The server's page size when no ``limit`` is given.
DEFAULT_LIMIT = 40
#: The key of a pagination dict that marks offset paging (its value: the items' key).
ITEMS_KEY = "_pagination_offset_items"


def attach_offset_pagination(page: Any, key: str, method: str, path: str, params: Dict[str, Any]) -> Any:
    """Attach offset-based pagination information to ``page`` (a dict whose ``key`` is
    the list of items) and return it.

    A next page is announced when this one is full: as many items as the requested
    ``limit``, or as the server's default of 40 (a shorter page is the last one,
    whatever the server's maximum). A previous page exists when ``offset`` is above 0.
    """
    items = page.get(key) if isinstance(page, dict) else None
    if not isinstance(items, list):
        return page
    limit = params.get("limit")
    offset = params.get("offset") or 0
    expected = min(limit, DEFAULT_LIMIT) if limit else DEFAULT_LIMIT
    base = {k: v for k, v in params.items() if v is not None and k != "offset"}
    base["_pagination_method"] = method
    base["_pagination_endpoint"] = path
    base[ITEMS_KEY] = key
    if items and len(items) >= expected:
        page._pagination_next = dict(base, offset=offset + len(items))
    if offset > 0:
        page._pagination_prev = dict(base, offset=max(0, offset - (limit or DEFAULT_LIMIT)))
    return page
