"""Opt-in retries of requests that are safe to repeat (the ``retries`` argument).

The policy is a :class:`urllib3.util.Retry`: its ``total``, ``connect``, ``read`` and
``status`` counts, ``backoff_factor``, ``backoff_max``, ``backoff_jitter``,
``status_forcelist``, ``allowed_methods`` and ``respect_retry_after_header`` are
honoured. The request core applies it around the whole call (sending *and* reading
the body), whatever session and adapters the client uses, so it also covers failures
that happen after urllib3 has handed over the response.

Which requests are retried
    Those whose method is in ``allowed_methods`` (by default GET, HEAD, PUT, DELETE,
    OPTIONS), and a POST only when it carries an ``Idempotency-Key`` header (the server
    then recognises the repeat). Everything else is sent exactly once.

When
    On a transport failure (connection refused or reset, timeout, a broken body) and on
    an answer whose status is in ``status_forcelist`` (by default 502, 503, 504). A 429
    is never retried here: the rate limiter deals with it.

How long
    Before retry *n* the client sleeps ``backoff_factor * 2 ** (n - 1)`` seconds (at
    most ``backoff_max``) plus a random ``0..backoff_jitter``, or what the answer's
    ``Retry-After`` asks for. The sleeps of one call add up to at most
    :data:`MAX_TOTAL_WAIT` seconds: a ``Retry-After`` that asks for longer than is left
    ends the retries.
"""
from __future__ import annotations

import random
import time
from typing import Any, Mapping, Optional

import requests
import urllib3
from urllib3.util import Retry

from mastodon._ratelimit import retry_after
from mastodon.errors import MastodonIllegalArgumentError

#: The sleeps between the attempts of one call add up to at most this (seconds).
MAX_TOTAL_WAIT = 60.0
#: Methods retried by the default policy.
IDEMPOTENT_METHODS = frozenset(("GET", "HEAD", "PUT", "DELETE", "OPTIONS"))
#: Statuses retried by the default policy.
RETRY_STATUSES = frozenset((502, 503, 504))


#: Back-off of the default policy: factor, longest single sleep, jitter (seconds).
DEFAULT_BACKOFF = (0.5, 10.0, 0.5)


def default_policy(attempts: int = 3) -> Retry:
    """The policy of ``retries=True`` (3 retries) or ``retries=<int>``."""
    factor, longest, jitter = DEFAULT_BACKOFF
    policy = Retry(total=attempts, connect=attempts, read=attempts, status=attempts, redirect=0,
                   backoff_factor=factor, status_forcelist=RETRY_STATUSES, allowed_methods=IDEMPOTENT_METHODS,
                   respect_retry_after_header=True, raise_on_status=False)
    # urllib3 1.26 has neither argument; the client reads them as attributes
    policy.backoff_max = longest
    policy.backoff_jitter = jitter
    return policy


def make_policy(retries: Any) -> Optional[Retry]:
    """The policy for the ``retries`` constructor argument: None/False/0 (off), True
    (3 retries), a number of retries, or a :class:`urllib3.util.Retry`."""
    if retries is None or retries is False:
        return None
    if retries is True:
        return default_policy()
    if isinstance(retries, int):
        if retries < 0:
            raise MastodonIllegalArgumentError("retries must not be negative, got %d" % retries)
        return default_policy(retries) if retries else None
    if isinstance(retries, Retry):
        return retries
    raise MastodonIllegalArgumentError(
        "retries must be True/False, a number of retries or a urllib3.util.Retry, got %r" % (retries,))


def may_retry(policy: Retry, method: str, headers: Mapping[str, str]) -> bool:
    """Whether a request may be sent more than once under ``policy``."""
    allowed = policy.allowed_methods
    if allowed is None or method.upper() in allowed:  # None: urllib3's "any verb"
        return method.upper() != "POST" or "Idempotency-Key" in headers
    return method.upper() == "POST" and "Idempotency-Key" in headers


_DEFAULT_BACKOFF_MAX = float(getattr(Retry, "DEFAULT_BACKOFF_MAX", getattr(Retry, "BACKOFF_MAX", 120)))


def _is_connect_error(err: BaseException) -> bool:
    """Whether ``err`` means the connection could not be made (nothing was sent)."""
    if isinstance(err, requests.exceptions.ConnectTimeout):
        return True
    if isinstance(err, requests.exceptions.ConnectionError):
        reason = err.args[0] if err.args else None
        inner = getattr(reason, "reason", reason)
        return isinstance(inner, (urllib3.exceptions.NewConnectionError, urllib3.exceptions.ConnectTimeoutError))
    return isinstance(err, (urllib3.exceptions.NewConnectionError, ConnectionRefusedError))


def _count(value: Optional[int]) -> float:
    return float("inf") if value is None else value


class RetryState:
    """The retries left for one call and the delay before the next attempt."""

    def __init__(self, policy: Retry):
        self.policy = policy
        self.total = _count(policy.total) if policy.total is not False else 0
        self.connect = _count(policy.connect)
        self.read = _count(policy.read)
        self.status = _count(policy.status)
        self.attempt = 0
        self.waited = 0.0
        self.delay = 0.0

    def _next(self, asked: Optional[float]) -> bool:
        self.attempt += 1
        self.total -= 1
        if self.total < 0:
            return False
        policy = self.policy
        if asked is None:
            factor = getattr(policy, "backoff_factor", 0) or 0
            delay = factor * (2 ** (self.attempt - 1))
            delay = min(delay, getattr(policy, "backoff_max", None) or _DEFAULT_BACKOFF_MAX)
            jitter = getattr(policy, "backoff_jitter", 0.0) or 0.0
            if jitter:
                delay += random.uniform(0, jitter)
            delay = min(delay, MAX_TOTAL_WAIT - self.waited)
        else:
            delay = asked
        if delay < 0 or self.waited + delay > MAX_TOTAL_WAIT:
            return False
        self.delay = delay
        return True

    def after_error(self, err: BaseException) -> bool:
        """A transport failure: whether to try again (after :attr:`delay`)."""
        if _is_connect_error(err):
            self.connect -= 1
            left = self.connect
        else:
            self.read -= 1
            left = self.read
        return left >= 0 and self._next(None)

    def after_status(self, status: int, headers: Mapping[str, str]) -> bool:
        """An answer with ``status``: whether to try again (after :attr:`delay`)."""
        policy = self.policy
        if status not in (policy.status_forcelist or ()):
            return False
        self.status -= 1
        if self.status < 0:
            return False
        asked = retry_after(headers) if policy.respect_retry_after_header else None
        return self._next(asked)

    def sleep(self) -> None:
        if self.delay > 0:
            time.sleep(self.delay)
        self.waited += self.delay
