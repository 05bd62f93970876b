"""Direct conversations (manual section 3.7)."""
from __future__ import annotations
from typing import Any, Optional

from mastodon._core import RequestCore
from mastodon._encoding import page_params
from mastodon.utility import api_version
from mastodon.return_types import Conversation, PaginatableList


class ConversationsMixin(RequestCore):
    """Direct conversations endpoints."""

    @api_version("2.6.0", "2.6.0", "3.3.0")
    def conversations(self, max_id: Any = None, min_id: Any = None, since_id: Any = None,
                      limit: Optional[int] = None) -> PaginatableList[Conversation]:
        """Fetch the direct conversations of the logged-in account, most recent first.

        ``max_id``, ``min_id``, ``since_id`` (ids, dicts or datetimes) and ``limit``
        select the page, as in :meth:`timeline`.

        Returns a list of conversation dicts (``id``, ``unread``, the other
        ``accounts`` and the ``last_status``).
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._request_slashed("GET", "/api/v1/conversations/", params)

    @api_version("2.6.0", "2.6.0", "3.3.0")
    def conversations_read(self, id: Any) -> Conversation:
        """Mark a conversation as read.

        Returns the updated conversation dict.
        """
        return self._request("POST", self._path("/api/v1/conversations/{}/read", id))

    @api_version("2.6.0", "2.6.0", "2.6.0")
    def conversations_remove(self, id: Any) -> None:
        """Remove a conversation from your list of conversations
        (``DELETE /api/v1/conversations/:id``). Its statuses are not deleted; a new
        direct status in it brings the conversation back.

        Returns None.
        """
        self._request("DELETE", self._path("/api/v1/conversations/{}", id))
