"""Statuses: quote posts (Mastodon 4.5+): the quotes of a status, revoking a quote and
the quote approval policy."""
from __future__ import annotations
from typing import Optional

from mastodon._core import RequestCore
from mastodon._encoding import IdLike, page_params
from mastodon._validate import check_choice
from mastodon.return_types import PaginatableList, Status
from mastodon.utility import api_version

#: The values ``quote_approval_policy`` accepts: who may quote a status.
QUOTE_POLICIES = ("public", "followers", "nobody")


class StatusQuotesMixin(RequestCore):
    """Quote posts endpoints."""

    @api_version("4.5.0", "4.5.0", "4.5.0")
    def status_quotes(self, id: IdLike, max_id: Optional[IdLike] = None, since_id: Optional[IdLike] = None,
                      limit: Optional[int] = None) -> PaginatableList[Status]:
        """Fetch the statuses that quote one of your statuses, newest first.

        ``max_id``, ``since_id`` and ``limit`` (default 20, at most 40) select the page;
        the result works with :meth:`fetch_next` and :meth:`fetch_previous`.

        Returns a list of status dicts (each with its ``quote``).
        """
        params = page_params(max_id, None, since_id, limit)
        return self._request("GET", self._path("/api/v1/statuses/{}/quotes", id), params)

    @api_version("4.5.0", "4.5.0", "4.5.0")
    def status_quote_revoke(self, id: IdLike, quoting_status_id: IdLike) -> Status:
        """Revoke the permission to quote your status ``id`` that the status
        ``quoting_status_id`` (by someone else) used: the quote is detached.

        Returns the status dict of the quoting status, its ``quote.state`` now
        ``"revoked"``.
        """
        path = self._path("/api/v1/statuses/{}/quotes/{}/revoke", id, quoting_status_id)
        return self._request("POST", path)

    @api_version("4.5.0", "4.5.0", "4.5.0")
    def status_update_quote_approval_policy(self, id: IdLike, quote_approval_policy: str) -> Status:
        """Change who may quote one of your statuses (``PUT
        /api/v1/statuses/:id/interaction_policy``): ``"public"`` (anyone),
        ``"followers"`` or ``"nobody"`` (only you). Past quotes stay. Private and
        direct statuses can never be quoted by others, whatever the policy. Another
        value raises :class:`MastodonIllegalArgumentError` before a request is sent.

        Returns the status dict of the updated status (see its ``quote_approval``).
        """
        policy = check_choice("quote_approval_policy", quote_approval_policy, QUOTE_POLICIES, required=True)
        path = self._path("/api/v1/statuses/{}/interaction_policy", id)
        return self._request("PUT", path, {"quote_approval_policy": policy})
