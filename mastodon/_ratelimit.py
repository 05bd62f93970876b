"""Thread-safe rate limiting: the "throw", "wait" and "pace" modes.

The server tells every response how many calls are left (``X-RateLimit-Remaining``)
until the window resets (``X-RateLimit-Reset``). With many threads sharing one client,
several requests are in flight at once and the server's figure is already stale when
it arrives, so the limiter keeps its own budget: each request reserves one call before
it is sent, and a response can only lower the budget (by the server's figure minus the
calls still in flight). When the budget is used up, "wait" and "pace" block until the
window resets instead of sending a request the server would refuse.
"""
import email.utils
import logging
import threading
import time
from datetime import datetime
from typing import Mapping, Optional

log = logging.getLogger("mastodon")

#: Never sleep longer than this at once (seconds).
MAX_SLEEP = 300.0
#: Backoff for a 429 without a usable reset time: first sleep, growth factor, attempts.
BACKOFF_START = 1.0
BACKOFF_FACTOR = 2.0
BACKOFF_ATTEMPTS = 8

RATELIMIT_METHODS = ("throw", "wait", "pace")


def _parse_reset(value: str) -> float:
    """A reset time as POSIX seconds: an ISO 8601 datetime or an epoch number."""
    value = value.strip()
    try:
        return float(value)
    except ValueError:
        pass
    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError("reset time without a time zone")
    return parsed.timestamp()


class RateLimiter:
    """Rate-limit state of one client, shared by all its threads."""

    def __init__(self, method: str, pacefactor: float):
        self.method = method
        self.pacefactor = pacefactor
        now = time.time()
        self.limit = 300
        self.remaining = 300
        self.reset = now
        self.lastcall = now
        self._cond = threading.Condition()
        self._known = False                 # seen any response yet?
        self._budget: Optional[int] = None  # calls we may still start; None = no limit seen
        self._window_end: Optional[float] = None  # local time the window resets; None = unknown
        self._inflight = 0
        self._last_start = 0.0              # "pace": when the last request was let go

    # -- before a request -------------------------------------------------------------
    def acquire(self) -> None:
        """Reserve one call, sleeping as the mode requires. Pair with ``release``."""
        with self._cond:
            if self.method != "throw":
                self._wait_for_budget()
            self._inflight += 1
            if self._budget is not None:
                self._budget -= 1
            now = time.time()
            start = now
            if self.method == "pace" and self._budget is not None and self._window_end is not None:
                left = max(self._budget, 0) + 1
                interval = max(self._window_end - now, 0.0) * self.pacefactor / left
                start = max(now, self._last_start + interval)
            self._last_start = start
        if start > now:
            time.sleep(min(start - now, MAX_SLEEP))

    def _wait_for_budget(self) -> None:
        while True:
            now = time.time()
            if self._window_end is not None and now >= self._window_end:
                # The window is over: a fresh budget, less what is still in flight.
                self._budget = max(self.limit - self._inflight, 0)
                self._window_end = None
            if not self._known or (self._budget is not None and self._budget <= 0 and self._window_end is None):
                # Nothing known about the current window: one request at a time finds out.
                if self._inflight == 0:
                    return
                self._cond.wait(1.0)
                continue
            if self._budget is None or self._budget > 0:
                return
            self._cond.wait(min(self._window_end - now, MAX_SLEEP))

    # -- after a request ---------------------------------------------------------------
    def release(self, headers: Optional[Mapping[str, str]] = None) -> None:
        """Give back the reservation and learn from the response headers, if any."""
        with self._cond:
            self._inflight = max(self._inflight - 1, 0)
            if headers is not None:
                self._update(headers)
            self._cond.notify_all()

    def _update(self, headers: Mapping[str, str]) -> None:
        if "X-RateLimit-Remaining" not in headers:
            if not self._known:
                self._known = True  # the server does not rate-limit us visibly
            return
        try:
            remaining = int(headers["X-RateLimit-Remaining"])
            limit = int(headers.get("X-RateLimit-Limit", self.limit))
            reset = _parse_reset(headers["X-RateLimit-Reset"])
        except (KeyError, ValueError, TypeError, OverflowError) as err:
            log.debug("Ignoring unusable rate-limit headers: %s", err)
            return
        now = time.time()
        skew = 0.0
        date = headers.get("Date")
        if date:
            try:
                skew = now - email.utils.parsedate_to_datetime(date).timestamp()
            except (TypeError, ValueError, IndexError, OverflowError):
                skew = 0.0
        reset += skew
        estimate = max(remaining - self._inflight, 0)
        if self._budget is None or self._window_end is None or reset > self._window_end + 1.0:
            self._budget = estimate  # a new window
        else:
            self._budget = min(self._budget, estimate)
        self._window_end = reset
        self._known = True
        self.limit = limit
        self.remaining = remaining
        self.reset = reset
        self.lastcall = now

    # -- on 429 --------------------------------------------------------------------------
    def exhausted(self) -> Optional[float]:
        """The server said 429: the window is used up. Returns how long to sleep
        before retrying, or None when the reset time is unknown or already past."""
        with self._cond:
            self._budget = 0
            now = time.time()
            if self._window_end is not None and self._window_end > now:
                return min(self._window_end - now, MAX_SLEEP)
            return None
