"""Thread-safe rate limiting: the "throw", "wait" and "pace" modes.

What the server says
    Every answer may carry ``X-RateLimit-Limit`` (calls per window),
    ``X-RateLimit-Remaining`` (calls left in the current window) and
    ``X-RateLimit-Reset`` (when the window ends: an ISO 8601 time on Mastodon, a Unix
    timestamp on some other servers). The reset time is moved to the local clock by
    the difference between the local time and the server's ``Date`` header. Garbage in
    any of these headers is ignored (logged at debug level), never an error; so is a
    reset time more than :data:`MAX_RESET_AHEAD` (a day) away.

The budget
    With several threads sharing one client, requests overlap and the server's figure
    is already stale when it arrives. So the limiter keeps its own *budget*: the calls
    it may still start before the current window ends.

    * :meth:`RateLimiter.acquire` reserves one call before a request is sent;
      :meth:`RateLimiter.release` gives the reservation back when the answer (or the
      failure) is in, and learns from the answer's headers.
    * An answer from the current window can only lower the budget, to the server's
      figure minus the calls still in flight. An answer from a newer window (a later
      reset time) starts a new budget; one from an older window is ignored.
    * Several answers from one window give several estimates of its end (the ``Date``
      header has whole seconds, so each estimate is late by up to a second, never
      early); the earliest is kept.
    * When the window's end has passed, the budget is refilled: the limit minus the
      calls still in flight (or, while the limit is not known, one probing call).

The modes
    "throw" only keeps the books (``ratelimit_*`` attributes); a 429 answer raises.
    "wait" never starts a request when the budget is used up: it blocks until the
    window ends. "pace" does the same and also spreads the requests over what is left
    of the window, so that at that rate ``ratelimit_pacefactor`` times the remaining
    budget would be used by the reset (as in Mastodon.py 1.8.0: the default 1.1 is a
    little faster than the budget allows; the budget itself is never exceeded).

    While nothing is known (before the first answer, or when the budget is used up and
    the reset time is not known) requests go one at a time, so that the first answer
    can tell the others what to do. No single wait is longer than :data:`MAX_SLEEP`: a
    thread that has waited that long for a window that ends later still lets one
    request through, to check.

429 answers (in "wait" and "pace" mode; see ``RequestCore._request``)
    With a usable reset time (``X-RateLimit-Reset``), :meth:`RateLimiter.exhausted`
    marks the window as used up and the request is retried after the reset, as in
    1.8.0. Without one, the request core waits what ``Retry-After`` asks for, or else
    backs off (growing delays, :data:`BACKOFF_START` times :data:`BACKOFF_FACTOR` per
    retry), through :meth:`RateLimiter.back_off`, which every thread respects. These
    waits add up to at most the client's ``ratelimit_max_wait`` per call (a minute by
    default; 0 gives 1.8.0's behaviour of raising at once); then
    :class:`~mastodon.errors.MastodonTooManyRequestsError` is raised.
"""
from __future__ import annotations

import email.utils
import logging
import math
import threading
import time
from datetime import datetime, timezone
from typing import Any, Mapping, Optional, Tuple

log = logging.getLogger("mastodon")

#: Never sleep longer than this at once (seconds).
MAX_SLEEP = 300.0
#: Backoff for a 429 without a usable reset time: first sleep and growth factor. All
#: the waits of one call for such answers add up to at most the client's
#: ``ratelimit_max_wait`` (default :data:`DEFAULT_MAX_WAIT`).
BACKOFF_START = 1.0
BACKOFF_FACTOR = 2.0
DEFAULT_MAX_WAIT = 60.0
#: Reset times further ahead than this (seconds, after clock-skew correction) are
#: implausible and ignored: Mastodon's windows are minutes long.
MAX_RESET_AHEAD = 86400.0
#: Reset times closer together than this (seconds) belong to the same window.
SAME_WINDOW = 0.5

RATELIMIT_METHODS = ("throw", "wait", "pace")


def _parse_reset(value: Any) -> float:
    """A reset time as POSIX seconds: an ISO 8601 time with a zone, or a Unix timestamp.

    Raises ValueError for anything else.
    """
    value = str(value).strip()
    try:
        number = float(value)
    except ValueError:
        if value.endswith("Z"):
            value = value[:-1] + "+00:00"
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            raise ValueError("reset time without a time zone") from None
        number = parsed.timestamp()
    if not math.isfinite(number):
        raise ValueError("reset time is not a finite number")
    return number


def _parse_date(value: Any) -> float:
    """The ``Date`` header (an HTTP date) as POSIX seconds. Raises ValueError."""
    try:
        parsed = email.utils.parsedate_to_datetime(str(value))
    except (TypeError, ValueError, IndexError, OverflowError) as err:
        raise ValueError("bad Date header: %s" % err) from None
    if parsed.tzinfo is None:  # "-0000": UTC, as far as HTTP is concerned
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.timestamp()


def retry_after(headers: Mapping[str, str]) -> Optional[float]:
    """The wait (seconds, >= 0) a ``Retry-After`` header asks for (a number of seconds
    or an HTTP date, read against the answer's ``Date``), or None without a usable one."""
    value = headers.get("Retry-After") if headers else None
    if value is None:
        return None
    value = str(value).strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = _parse_date(value)
        except ValueError:
            return None
        now = time.time()
        date = headers.get("Date")
        if date:
            try:
                now = _parse_date(date)
            except ValueError:
                pass
        seconds = when - now
    if not math.isfinite(seconds):
        return None
    return max(seconds, 0.0)


class RateLimiter:
    """Rate-limit state of one client, shared by all its threads.

    ``limit``, ``remaining``, ``reset`` and ``lastcall`` are what the client exposes
    as ``ratelimit_*``. Everything else is guarded by one condition variable.
    """

    def __init__(self, method: str, pacefactor: float):
        self.method = method
        self.pacefactor = pacefactor
        now = time.time()
        self.limit = 300
        self.remaining = 300
        self.reset = now
        self.lastcall = now
        self._cond = threading.Condition(threading.Lock())
        self._answered = False                    # any answer seen yet?
        self._limit_known = False                 # has the server told us its limit?
        self._budget: Optional[int] = None        # calls we may still start; None = no limit known
        self._window_end: Optional[float] = None  # local time the window ends; None = unknown
        self._window_id: Optional[float] = None   # the server's reset time of that window
        self._rolled_over = False                 # did the window end (answers from it are stale)?
        self._not_before = 0.0                    # back-off after a 429 without a reset time
        self._inflight = 0                        # reserved calls without an answer yet
        self._last_start = 0.0                    # "pace": when the last request was let go
        self._date_cache: Tuple[Any, float] = (None, 0.0)
        self._reset_cache: Tuple[Any, float] = (None, 0.0)

    # -- before a request -----------------------------------------------------------------
    def acquire(self) -> None:
        """Reserve one call, waiting as the mode requires. Pair with :meth:`release`."""
        with self._cond:
            method = self.method
            if method == "throw":
                self._roll_over(time.time())
            else:
                self._wait_turn()
            now = time.time()
            self._inflight += 1
            if self._budget is not None:
                self._budget -= 1
            start = self._pace_start(now) if method == "pace" else now
        if start > now:
            try:
                time.sleep(start - now)
            except BaseException:  # interrupted: the request is not sent
                self.release()
                raise

    def _roll_over(self, now: float) -> None:
        """Start a new budget when the current window has ended."""
        end = self._window_end
        if end is not None and now >= end:
            # Calls still in flight may land in the new window: count them against it.
            self._budget = max(self.limit - self._inflight, 0) if self._limit_known else 0
            self._window_end = None
            self._rolled_over = True

    def _wait_turn(self) -> None:
        """Block until a call may start ("wait" and "pace")."""
        give_up_waiting = time.time() + MAX_SLEEP
        while True:
            now = time.time()
            self._roll_over(now)
            if now < self._not_before:
                self._cond.wait(min(self._not_before - now, MAX_SLEEP))
                continue
            budget = self._budget
            if self._answered and (budget is None or budget > 0):
                return
            end = self._window_end
            if end is not None and budget is not None and budget <= 0 and now < give_up_waiting:
                # Used up: wait for the window to end (a release may also bring news).
                self._cond.wait(min(end, give_up_waiting) - now)
                continue
            # Nothing known (no answer yet, or used up and the reset time unknown, or
            # waited MAX_SLEEP already): one request at a time finds out.
            if self._inflight == 0:
                return
            self._cond.wait(1.0)

    def _pace_start(self, now: float) -> float:
        """When a "pace" request may go: spread over what is left of the window."""
        budget, end = self._budget, self._window_end
        start = now
        if budget is not None and end is not None and end > now:
            factor = self.pacefactor
            if not (isinstance(factor, (int, float)) and factor > 0):
                factor = 1.0
            spacing = (end - now) / ((max(budget, 0) + 1) * factor)
            start = min(max(now, self._last_start + spacing), now + MAX_SLEEP)
        self._last_start = start
        return start

    # -- after a request ----------------------------------------------------------------------
    def release(self, headers: Optional[Mapping[str, str]] = None, status: Optional[int] = None) -> None:
        """Give back a reservation; learn from the answer's ``headers`` when there is one
        (``None``: the request failed without an answer). ``status`` is its HTTP status."""
        with self._cond:
            if self._inflight > 0:
                self._inflight -= 1
            if headers is not None:
                self._answered = True
                try:
                    self._update(headers, status)
                except Exception as err:  # noqa: BLE001 - headers never break a call
                    log.debug("Ignoring unusable rate-limit headers: %r", err)
            self._cond.notify_all()

    def _read_reset(self, headers: Mapping[str, str], now: float) -> Tuple[float, float]:
        """(the server's reset time, that time on the local clock) from an answer's
        headers. Raises (KeyError, ValueError, ...) when there is none usable."""
        text = headers["X-RateLimit-Reset"]
        cached_text, raw = self._reset_cache
        if text != cached_text:
            raw = _parse_reset(text)
            self._reset_cache = (text, raw)
        local = raw
        date = headers.get("Date")
        if date:
            cached_date, server_now = self._date_cache
            if date != cached_date:
                try:
                    server_now = _parse_date(date)
                except ValueError as err:
                    log.debug("Ignoring the Date header for the rate limit: %s", err)
                    server_now = None  # type: ignore[assignment]
                self._date_cache = (date, server_now)
            if server_now is not None:
                local += now - server_now
        if not local - now <= MAX_RESET_AHEAD:
            raise ValueError("implausible reset time %r (%.0fs ahead)" % (text, local - now))
        return raw, local

    def _update(self, headers: Mapping[str, str], status: Optional[int]) -> None:
        remaining_text = headers.get("X-RateLimit-Remaining")
        if remaining_text is None:
            if status != 429 and self._budget is not None and self._window_end is None:
                # We were probing an unknown state and the server took the request
                # without a word about limits: it is not limiting us (any more).
                self._budget = None
            return
        now = time.time()
        remaining = int(remaining_text)
        try:
            limit: Optional[int] = int(headers.get("X-RateLimit-Limit"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            limit = None
        try:
            raw, local = self._read_reset(headers, now)
        except Exception:
            # Without a reset time the figures belong to no known window: show them,
            # but the budget learns nothing.
            self._set_public(remaining, limit, None, now)
            raise

        estimate = max(remaining - self._inflight, 0)
        window = self._window_id
        if window is None or raw > window + SAME_WINDOW:  # the first, or a newer window
            if self._budget is None or not self._rolled_over:
                self._budget = estimate
            else:  # both are estimates for the new window
                self._budget = min(self._budget, estimate)
            self._window_id = raw
            self._window_end = local
            self._rolled_over = False
        elif raw < window - SAME_WINDOW or self._rolled_over:  # from a window that is over
            return
        else:  # the current window
            self._budget = estimate if self._budget is None else min(self._budget, estimate)
            self._window_end = local if self._window_end is None else min(self._window_end, local)
        self._set_public(remaining, limit, self._window_end, now)

    def _set_public(self, remaining: int, limit: Optional[int], reset: Optional[float], now: float) -> None:
        self.remaining = remaining
        if limit is not None and limit > 0:
            self.limit = limit
            self._limit_known = True
        if reset is not None:
            self.reset = reset
        self.lastcall = now

    # -- on 429 ---------------------------------------------------------------------------------
    def exhausted(self, headers: Optional[Mapping[str, str]] = None) -> Optional[float]:
        """The server answered 429 with ``headers``: the window is used up.

        Returns how long until the reset the answer names (the retry waits for it in
        :meth:`acquire`), or None when it names no usable reset time in the future.
        """
        with self._cond:
            now = time.time()
            try:
                raw, local = self._read_reset(headers or {}, now)
            except Exception:  # noqa: BLE001 - no usable reset time
                return None
            if local <= now:
                return None
            window = self._window_id
            if window is not None and raw < window - SAME_WINDOW:
                return 0.0  # from a window that is over; the current one decides
            if window is None or raw > window + SAME_WINDOW or self._window_end is None:
                self._window_id = raw
                self._window_end = local
            else:
                self._window_end = min(self._window_end, local)
            self._rolled_over = False
            self._budget = 0
            self.remaining = 0
            self.reset = self._window_end
            return self._window_end - now

    def back_off(self, delay: float) -> float:
        """A 429 without a usable reset time: no request starts for ``delay`` seconds
        (in any thread), then one at a time until an answer tells more. Returns the
        delay."""
        with self._cond:
            delay = min(max(delay, 0.0), MAX_SLEEP)
            self._not_before = max(self._not_before, time.time() + delay)
            self._budget = 0
            self.remaining = 0
            return delay
