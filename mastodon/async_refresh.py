"""Async refreshes (Mastodon 4.4+): background work announced by the
``Mastodon-Async-Refresh`` header, and waiting for it to finish."""
from __future__ import annotations
import logging
import time
from typing import Any, Dict, Optional, Tuple

from mastodon._core import RequestCore
from mastodon._refresh_header import INFO_ATTRIBUTE
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.return_types import AsyncRefresh
from mastodon.utility import AttribAccessDict, api_version

log = logging.getLogger("mastodon")

#: :meth:`await_async_refresh` waits at most this long when no ``timeout`` is given (seconds).
ASYNC_REFRESH_TIMEOUT = 300.0
#: ... and polls at most this many times when no ``max_attempts`` is given.
ASYNC_REFRESH_MAX_ATTEMPTS = 50
#: The shortest pause between two polls (seconds), whatever ``retry`` the server asks for.
ASYNC_REFRESH_MIN_INTERVAL = 1.0
#: The longest pause between two polls (seconds); pauses grow by :data:`ASYNC_REFRESH_BACKOFF`.
ASYNC_REFRESH_MAX_INTERVAL = 30.0
ASYNC_REFRESH_BACKOFF = 1.5


def _refresh_info(result: Any) -> Optional[Dict[str, Any]]:
    info = getattr(result, INFO_ATTRIBUTE, None)
    return info if isinstance(info, dict) else None


class AsyncRefreshMixin(RequestCore):
    """Reading and awaiting async refreshes."""

    def get_async_refresh_info(self, result: Any) -> Optional[Tuple[AsyncRefresh, int]]:
        """Return the async refresh announced with ``result``, if any.

        Some answers of Mastodon 4.4 and newer (a status context whose replies are
        still being fetched, a home timeline being rebuilt, ...) come with a
        ``Mastodon-Async-Refresh`` header; the library keeps it on the result. No
        request is made.

        Returns ``(async refresh dict, retry seconds)``, the dict having the ``id``,
        ``status`` (``"running"``: the server only announces running refreshes) and
        ``result_count`` (None when the server did not say); or None when ``result``
        came without the header.

        *Added: Mastodon v4.4.0 (the header); makes no request*
        """
        info = _refresh_info(result)
        if info is None:
            return None
        refresh = AsyncRefresh(id=info["id"], status="running", result_count=info.get("result_count"))
        retry = info.get("retry")
        return refresh, int(retry if retry is not None else ASYNC_REFRESH_MIN_INTERVAL)

    @api_version("4.4.0", "4.4.0", "4.4.0")
    def get_async_refresh_status(self, result_or_id: Any) -> AsyncRefresh:
        """Ask the server how an async refresh is going.

        ``result_or_id`` is the refresh id, an async refresh dict, or a result that came
        with a ``Mastodon-Async-Refresh`` header (see :meth:`get_async_refresh_info`).

        Returns an async refresh dict: ``id``, ``status`` (``"running"`` or
        ``"finished"``) and ``result_count`` (new results so far, or None).
        """
        info = _refresh_info(result_or_id)
        if info is not None:
            refresh_id = info["id"]
        elif isinstance(result_or_id, dict):
            refresh_id = self._unpack_id(result_or_id)
        elif isinstance(result_or_id, str) and result_or_id:
            refresh_id = result_or_id
        else:
            raise MastodonIllegalArgumentError(
                "Expected an async refresh id, an async refresh dict or a result carrying refresh information, "
                "got %r" % (result_or_id,))
        answer = self._request("GET", self._path("/api/v1_alpha/async_refreshes/{}", refresh_id))
        if isinstance(answer, dict) and isinstance(answer.get("async_refresh"), dict):
            return answer["async_refresh"]
        return answer

    @api_version("4.4.0", "4.4.0", "4.4.0")
    def await_async_refresh(self, result: Any, timeout: float = 0.0, max_attempts: int = -1) -> Optional[AttribAccessDict]:
        """Wait for the async refresh announced with ``result`` to finish, then repeat
        the request that returned ``result`` and return the fresh answer.

        The refresh is polled (:meth:`get_async_refresh_status`), first after the
        ``retry`` seconds the server asked for (at least
        :data:`~mastodon.async_refresh.ASYNC_REFRESH_MIN_INTERVAL`), then with pauses
        growing by half each time up to
        :data:`~mastodon.async_refresh.ASYNC_REFRESH_MAX_INTERVAL`. The wait is always
        bounded: ``timeout`` (seconds) and ``max_attempts`` (polls) limit it, and when
        they are not given (``timeout <= 0``, ``max_attempts <= 0``; Mastodon.py 2.x
        meant "unlimited" there) the library's limits apply:
        :data:`~mastodon.async_refresh.ASYNC_REFRESH_TIMEOUT` seconds and
        :data:`~mastodon.async_refresh.ASYNC_REFRESH_MAX_ATTEMPTS` polls.

        Returns ``result`` itself when it came without refresh information, the
        repeated request's answer once the refresh has finished, or None when the
        limits ran out first (a warning is logged).
        """
        info = _refresh_info(result)
        if info is None:
            return result
        limit_time = timeout if timeout and timeout > 0 else ASYNC_REFRESH_TIMEOUT
        limit_polls = max_attempts if max_attempts and max_attempts > 0 else ASYNC_REFRESH_MAX_ATTEMPTS
        deadline = time.monotonic() + limit_time
        retry = info.get("retry")
        pause = max(float(retry if retry is not None else 0), ASYNC_REFRESH_MIN_INTERVAL)
        for _attempt in range(limit_polls):
            left = deadline - time.monotonic()
            if left <= 0:
                break
            time.sleep(min(pause, left))
            status = self.get_async_refresh_status(info["id"])
            if status.get("status") == "finished":
                return self._request(info["_method"], info["_endpoint"], info["_params"])
            pause = min(pause * ASYNC_REFRESH_BACKOFF, ASYNC_REFRESH_MAX_INTERVAL)
        log.warning("Async refresh %s did not finish within %.1fs / %d polls", info["id"], limit_time, limit_polls)
        return None
