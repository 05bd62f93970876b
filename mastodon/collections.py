"""Collections (Mastodon 4.6+): curated lists of accounts a user recommends.

The lists of collections are paged with ``limit`` and ``offset`` and come without a
``Link`` header; :mod:`mastodon._offset_paging` gives them pagination information, so
that :meth:`fetch_next`, :meth:`fetch_previous` and the pagination iterators work on
them too.
"""
from __future__ import annotations
from typing import Any, Dict, List, Optional

from mastodon._core import RequestCore
from mastodon._encoding import IdLike
from mastodon._offset_paging import attach_offset_pagination
from mastodon._validate import id_list
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.return_types import (CollectionWithAccounts, Collections, EmptyResponse, WrappedCollection,
                                   WrappedCollectionItem)
from mastodon.utility import api_version

def _count(name: str, value: Any, minimum: int) -> Optional[int]:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise MastodonIllegalArgumentError("%s must be an integer of at least %d, got %r" % (name, minimum, value))
    return value


def _flag(name: str, value: Any) -> Optional[bool]:
    if value is not None and not isinstance(value, bool):
        raise MastodonIllegalArgumentError("%s must be True or False, got %r" % (name, value))
    return value


class CollectionsMixin(RequestCore):
    """Collections endpoints."""

    def _collections_page(self, path: str, limit: Optional[int], offset: Optional[int]) -> Collections:
        params = {"limit": _count("limit", limit, 1), "offset": _count("offset", offset, 0)}
        page = self._request("GET", path, params)
        return attach_offset_pagination(page, "collections", "GET", path, params)

    @api_version("4.6.0", "4.6.0", "4.6.0")
    def account_collections(self, id: IdLike, limit: Optional[int] = None, offset: Optional[int] = None) -> Collections:
        """Fetch the collections an account made.

        ``limit`` (default 40, at most 80) and ``offset`` (collections to skip) select
        the page; the result works with :meth:`fetch_next` and :meth:`fetch_previous`.
        Does not need a login for public collections.

        Returns a dict with ``collections``, a list of collection dicts.
        """
        return self._collections_page(self._path("/api/v1/accounts/{}/collections", id), limit, offset)

    @api_version("4.6.0", "4.6.0", "4.6.0")
    def account_in_collections(self, id: IdLike, limit: Optional[int] = None,
                               offset: Optional[int] = None) -> Collections:
        """Fetch the collections an account is featured in. Paging as in
        :meth:`account_collections`.

        Returns a dict with ``collections``, a list of collection dicts.
        """
        return self._collections_page(self._path("/api/v1/accounts/{}/in_collections", id), limit, offset)

    @api_version("4.6.0", "4.6.0", "4.6.0")
    def collection(self, id: IdLike) -> CollectionWithAccounts:
        """Fetch a collection with the accounts in it.

        Logged in, you see the items tailored to you (your own collections include the
        items still ``pending``); otherwise only ``accepted`` items.

        Returns a dict with the ``collection`` (a collection dict, with its ``items``)
        and ``accounts`` (account dicts of the owner and of every featured account).
        """
        return self._request("GET", self._path("/api/v1/collections/{}", id))

    def _collection_body(self, name: Optional[str], description: Optional[str], language: Optional[str],
                         tag_name: Optional[str], sensitive: Optional[bool],
                         discoverable: Optional[bool]) -> Dict[str, Any]:
        for field, value in (("name", name), ("description", description), ("language", language),
                             ("tag_name", tag_name)):
            if value is not None and not isinstance(value, str):
                raise MastodonIllegalArgumentError("%s must be a string, got %r" % (field, value))
        return {"name": name, "description": description, "language": language, "tag_name": tag_name,
                "sensitive": _flag("sensitive", sensitive), "discoverable": _flag("discoverable", discoverable)}

    @api_version("4.6.0", "4.6.0", "4.6.0")
    def collection_create(self, name: str, description: Optional[str] = None, language: Optional[str] = None,
                          tag_name: Optional[str] = None, sensitive: bool = False, discoverable: bool = False,
                          account_ids: Optional[List[IdLike]] = None) -> WrappedCollection:
        """Create a collection of accounts you recommend.

        ``name`` (at most 40 characters) is required; ``description`` (at most 100),
        ``language`` (ISO 639-1), ``tag_name`` (one hashtag describing it),
        ``sensitive``, ``discoverable`` (shown in search and recommendations) and
        ``account_ids`` (ids or account dicts to feature) are optional. Sent as a JSON
        body.

        Returns a dict with the new ``collection``.
        """
        if not isinstance(name, str) or not name:
            raise MastodonIllegalArgumentError("name must be a non-empty string, got %r" % (name,))
        params = self._collection_body(name, description, language, tag_name, sensitive, discoverable)
        params["account_ids"] = id_list("account_ids", account_ids)
        return self._request("POST", "/api/v1/collections", params, use_json=True)

    @api_version("4.6.0", "4.6.0", "4.6.0")
    def collection_update(self, id: IdLike, name: Optional[str] = None, description: Optional[str] = None,
                          language: Optional[str] = None, tag_name: Optional[str] = None,
                          sensitive: Optional[bool] = None, discoverable: Optional[bool] = None) -> WrappedCollection:
        """Change one of your collections; the parameters (as in
        :meth:`collection_create`) left at None are not changed.

        Returns a dict with the updated ``collection``.
        """
        params = self._collection_body(name, description, language, tag_name, sensitive, discoverable)
        path = self._path("/api/v1/collections/{}", id)
        return self._request("PATCH", path, params, use_json=True)

    @api_version("4.6.0", "4.6.0", "4.6.0")
    def collection_delete(self, id: IdLike) -> EmptyResponse:
        """Delete one of your collections.

        Returns the server's (empty) answer.
        """
        return self._request("DELETE", self._path("/api/v1/collections/{}", id))

    @api_version("4.6.0", "4.6.0", "4.6.0")
    def collection_item_add(self, id: IdLike, account_id: IdLike) -> WrappedCollectionItem:
        """Add an account (id or account dict) to one of your collections.

        Returns a dict with the new ``collection_item`` (its ``state`` says whether the
        account still has to accept).
        """
        path = self._path("/api/v1/collections/{}/items", id)
        account = self._unpack_id(account_id)
        if account is None or isinstance(account, (bool, list, tuple)) or account == "":
            raise MastodonIllegalArgumentError("account_id must be an account id or account dict, got %r" % (account_id,))
        return self._request("POST", path, {"account_id": account}, use_json=True)

    @api_version("4.6.0", "4.6.0", "4.6.0")
    def collection_item_delete(self, collection_id: IdLike, item_id: IdLike) -> EmptyResponse:
        """Remove an item (an account) from one of your collections. ``item_id`` is the
        id of the collection item, not of the account.

        Returns the server's (empty) answer.
        """
        path = self._path("/api/v1/collections/{}/items/{}", collection_id, item_id)
        return self._request("DELETE", path)

    @api_version("4.6.0", "4.6.0", "4.6.0")
    def collection_item_revoke(self, collection_id: IdLike, item_id: IdLike) -> EmptyResponse:
        """Take yourself out of someone else's collection (``item_id`` is the
        collection item that features you).

        Returns the server's (empty) answer.
        """
        path = self._path("/api/v1/collections/{}/items/{}/revoke", collection_id, item_id)
        return self._request("POST", path)
