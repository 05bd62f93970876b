"""Rate limiting: the throw / wait / pace modes against a loopback server that enforces
its limit, header parsing (garbage included), clock-skew correction, retries.

Timing tests use short windows and generous upper bounds, so that they hold on a
loaded machine; lower bounds only check what the client guarantees (it never sends
before a reset it knows of).
"""
import collections
import email.utils
import math
import threading
import time
from datetime import datetime, timezone

import pytest

import mastodon._core
from mastodon import MastodonAPIError, MastodonNetworkError, MastodonRatelimitError, MastodonTooManyRequestsError
from mastodon._ratelimit import MAX_SLEEP, RateLimiter
from tests.harness import Reply

PATH = "/api/v1/accounts/verify_credentials"


# -- helpers ------------------------------------------------------------------------------------
def iso(timestamp):
    """Mastodon's form of X-RateLimit-Reset: ``2023-03-14T12:35:00.000Z``."""
    return datetime.fromtimestamp(timestamp, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def http_date(timestamp):
    return email.utils.formatdate(timestamp, usegmt=True)


def own_date_header(server):
    """Stop the server from adding its own ``Date`` header: the routes send theirs (or none)."""
    handler = server.httpd.RequestHandlerClass

    def send_response(self, code, message=None):
        self.log_request(code)
        self.send_response_only(code, message)
        self.send_header("Server", self.version_string())

    handler.send_response = send_response


class Enforcer:
    """A route that enforces ``limit`` requests per window like Mastodon does.

    Windows are ``window`` seconds long, aligned on the clock (``aligned``) or starting
    with the first request after the previous one ended. Every request is counted in
    the window it arrives in; over the limit the answer is 429. The answer carries
    X-RateLimit-Limit / -Remaining / -Reset (ISO 8601, or an integer Unix timestamp with
    ``epoch``) and a Date header (``date``, on a clock ``date_offset`` seconds off).
    """

    def __init__(self, server, limit, window, *, epoch=False, aligned=True, date=True, date_offset=0.0):
        self.limit, self.window, self.epoch, self.aligned = limit, window, epoch, aligned
        self.date, self.date_offset = date, date_offset
        self.lock = threading.Lock()
        self.counts = collections.Counter()  # window end -> requests that arrived in it
        self.times = []
        self.refused = 0
        self._end = None
        own_date_header(server)
        server.route("GET", PATH, self)

    def __call__(self, request):
        now = time.time()
        with self.lock:
            if self.aligned:
                end = math.floor(now / self.window) * self.window + self.window
            elif self._end is None or now >= self._end:
                # A new window, ending at a time the headers can state exactly.
                end = now + self.window
                self._end = math.ceil(end) if self.epoch else math.ceil(end * 1000) / 1000
            end = end if self.aligned else self._end
            self.counts[end] += 1
            count = self.counts[end]
            self.times.append(now)
            if count > self.limit:
                self.refused += 1
        reset = end + self.date_offset
        headers = {"X-RateLimit-Limit": str(self.limit), "X-RateLimit-Remaining": str(max(self.limit - count, 0)),
                   "X-RateLimit-Reset": str(int(reset)) if self.epoch else iso(reset)}
        if self.date:
            headers["Date"] = http_date(now + self.date_offset)
        if count > self.limit:
            return Reply(status=429, json={"error": "Too many requests"}, headers=headers)
        return Reply(json={"id": "7", "acct": "alice", "created_at": "2023-03-14T12:30:45.000Z"}, headers=headers)


def gaps(times):
    return [b - a for a, b in zip(times, times[1:])]


@pytest.fixture
def short_backoff(monkeypatch):
    """Back-off for 429s without a reset time: 0.05 s, doubling."""
    monkeypatch.setattr(mastodon._core, "BACKOFF_START", 0.05)
    monkeypatch.setattr(mastodon._core, "BACKOFF_FACTOR", 2.0)


# -- many threads, one client -----------------------------------------------------------------------
@pytest.mark.timeout(120)
@pytest.mark.parametrize("method, epoch, limit", [("wait", False, 40), ("pace", True, 80)],
                         ids=["wait-iso", "pace-epoch"])
def test_threads_share_a_client_without_exceeding_the_limit(server, make_api, method, epoch, limit):
    enforcer = Enforcer(server, limit=limit, window=1.0, epoch=epoch)
    api = make_api(mastodon_version="4.2.0", ratelimit_method=method)
    results, errors = [], []

    def work():
        try:
            for _ in range(50):
                results.append(api._request("GET", PATH))
        except Exception as err:  # noqa: BLE001 - collected and asserted below
            errors.append(err)

    threads = [threading.Thread(target=work) for _ in range(8)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(100)
    elapsed = time.monotonic() - started
    assert not any(thread.is_alive() for thread in threads), "threads stalled"
    assert errors == []
    assert len(results) == 400 and all(result.id == 7 for result in results)
    assert len(server.requests) == 400          # nothing lost, nothing sent twice
    assert enforcer.refused == 0                   # never a 429 ...
    assert max(enforcer.counts.values()) <= limit  # ... because no window got more than its limit
    assert elapsed >= 400 / limit - 2  # 400 calls at `limit` per second span that many windows
    assert api._limiter._inflight == 0


# -- wait ---------------------------------------------------------------------------------------------
def test_wait_does_not_send_into_a_window_it_knows_is_used_up(server, make_api):
    enforcer = Enforcer(server, limit=3, window=1.0, aligned=False)
    api = make_api(mastodon_version="4.2.0", ratelimit_method="wait")
    for _ in range(5):
        assert api._request("GET", PATH).id == 7
    assert enforcer.refused == 0
    first, fourth = enforcer.times[0], enforcer.times[3]
    assert fourth >= first + 1.0  # waited for the reset instead of trying
    assert fourth - first < 10.0
    assert api.ratelimit_remaining == 1 and api.ratelimit_limit == 3


@pytest.mark.parametrize("method", ["wait", "pace"])
def test_429_with_reset_is_retried_after_the_reset_with_the_same_idempotency_key(server, make_api, method):
    own_date_header(server)
    reset = math.ceil((time.time() + 0.6) * 1000) / 1000  # exactly what the header says
    limited = {"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": iso(reset)}
    times = []

    def route(request):
        times.append(time.time())
        if len(times) == 1:
            return Reply(status=429, json={"error": "Too many requests"}, headers=limited)
        return Reply(json={"id": "1"}, headers={"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "299",
                                                "X-RateLimit-Reset": iso(reset + 300)})

    server.route("POST", "/api/v1/statuses", route)
    api = make_api(mastodon_version="4.2.0", ratelimit_method=method)
    result = api._request("POST", "/api/v1/statuses", {"status": "hello"}, headers={"Idempotency-Key": "k"})
    assert result.id == 1
    assert len(server.requests) == 2
    assert [r.header("Idempotency-Key") for r in server.requests] == ["k", "k"]
    assert [r.form for r in server.requests] == [{"status": ["hello"]}] * 2
    assert times[1] >= reset
    assert times[1] - reset < 5.0


def test_429_without_reset_backs_off_growing_and_retries(server, make_api, short_backoff):
    times = []

    def route(request):
        times.append(time.monotonic())
        if len(times) == 1:
            return Reply(status=429, json={"error": "Too many requests"})  # no rate-limit headers
        if len(times) <= 3:
            return Reply(status=429, json={"error": "Too many requests"},
                         headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "whenever"})
        return Reply(json={"id": "1"})

    server.route("GET", PATH, route)
    api = make_api(mastodon_version="4.2.0", ratelimit_method="wait")
    assert api._request("GET", PATH).id == 1
    assert len(times) == 4
    waited = gaps(times)
    assert waited[0] >= 0.05 and waited[1] >= 0.1 and waited[2] >= 0.2  # growing
    assert times[-1] - times[0] < 10.0


def test_429_without_reset_back_off_is_bounded(server, make_api, monkeypatch):
    """The back-off waits of one call add up to at most ratelimit_max_wait; then the
    error 1.8.0 code reads: args (message, 429, reason, error), an API error."""
    monkeypatch.setattr(mastodon._core, "BACKOFF_START", 0.05)
    monkeypatch.setattr(mastodon._core, "BACKOFF_FACTOR", 10.0)
    monkeypatch.setattr(mastodon._core, "MAX_SLEEP", 0.1)  # each sleep at most this long
    times = []

    def route(request):
        times.append(time.monotonic())
        return Reply(status=429, json={"error": "Too many requests"})

    server.route("GET", PATH, route)
    api = make_api(mastodon_version="4.2.0", ratelimit_method="wait", ratelimit_max_wait=0.35)
    with pytest.raises(MastodonAPIError) as info:
        api._request("GET", PATH)
    error = info.value
    assert isinstance(error, MastodonRatelimitError) and isinstance(error, MastodonTooManyRequestsError)
    assert error.args == ("Mastodon API returned error", 429, "Too Many Requests", "Too many requests")
    assert (error.status_code, error.reason, error.error) == error.args[1:]
    assert len(times) == 5  # waits of 0.05, 0.1, 0.1, 0.1
    waited = gaps(times)
    assert waited[0] >= 0.05 and waited[1] >= 0.1 and waited[3] >= 0.1
    assert waited[2] < 1.0  # 0.1, not 0.05 * 10 * 10
    assert times[-1] - times[0] < 2.0
    # The client is not stuck afterwards.
    server.route("GET", PATH, json={"id": "2"})
    started = time.monotonic()
    assert api._request("GET", PATH).id == 2
    assert time.monotonic() - started < 2.0


def test_429_without_reset_raises_at_once_with_max_wait_0(server, make_api):
    """ratelimit_max_wait=0 is 1.8.0's behaviour: a 429 without a reset time raises an
    API error with args[1] == 429 at once."""
    server.route("GET", PATH, status=429, json={"error": "Too many requests"})
    api = make_api(mastodon_version="4.2.0", ratelimit_method="pace", ratelimit_max_wait=0)
    started = time.monotonic()
    with pytest.raises(MastodonAPIError) as info:
        api._request("GET", PATH)
    assert info.value.args[1] == 429 and len(server.requests) == 1
    assert time.monotonic() - started < 1.0


def test_429_retry_after_is_honoured(server, make_api):
    times = []

    def route(request):
        times.append(time.monotonic())
        if len(times) == 1:
            return Reply(status=429, json={"error": "Too many requests"}, headers={"Retry-After": "1"})
        return Reply(json={"id": "3"})

    server.route("GET", PATH, route)
    api = make_api(mastodon_version="4.2.0", ratelimit_method="wait")
    assert api._request("GET", PATH).id == 3
    assert 0.95 <= times[1] - times[0] < 3.0


def test_429_retry_after_beyond_max_wait_raises_at_once(server, make_api):
    server.route("GET", PATH, status=429, json={"error": "Slow down"}, headers={"Retry-After": "3600"})
    api = make_api(mastodon_version="4.2.0", ratelimit_method="wait", ratelimit_max_wait=5)
    started = time.monotonic()
    with pytest.raises(MastodonTooManyRequestsError) as info:
        api._request("GET", PATH)
    assert info.value.args == ("Mastodon API returned error", 429, "Too Many Requests", "Slow down")
    assert info.value.headers["Retry-After"] == "3600"
    assert time.monotonic() - started < 1.0 and len(server.requests) == 1


def test_throw_raises_on_429(server, make_api):
    server.route("GET", PATH, status=429, json={"error": "Too many requests"},
                 headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Limit": "300",
                          "X-RateLimit-Reset": iso(time.time() + 60)})
    api = make_api(mastodon_version="4.2.0", ratelimit_method="throw")
    with pytest.raises(MastodonRatelimitError) as info:
        api._request("GET", PATH)
    assert len(server.requests) == 1
    assert api.ratelimit_remaining == 0
    assert info.value.args == ("Hit rate limit.",)  # as in 1.8.0
    assert (info.value.status_code, info.value.error) == (429, "Too many requests")
    assert info.value.headers["X-RateLimit-Limit"] == "300"


# -- network failures -------------------------------------------------------------------------------
@pytest.mark.parametrize("method", ["throw", "wait", "pace"])
def test_post_is_never_resent_after_a_connection_failure(server, make_api, method):
    server.route("POST", "/api/v1/statuses", drop=True)
    api = make_api(mastodon_version="4.2.0", ratelimit_method=method)
    with pytest.raises(MastodonNetworkError):
        api._request("POST", "/api/v1/statuses", {"status": "hello"})
    assert len(server.requests) == 1
    # The reservation was given back: the next call neither waits nor fails.
    server.route("GET", PATH, json={"id": "1"})
    started = time.monotonic()
    assert api._request("GET", PATH).id == 1
    assert time.monotonic() - started < 2.0


def test_an_interrupted_request_gives_its_reservation_back(server, make_api, monkeypatch):
    api = make_api(mastodon_version="4.2.0", ratelimit_method="wait")
    real_request = api.session.request

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(api.session, "request", interrupted)
    with pytest.raises(KeyboardInterrupt):
        api._request("GET", PATH)
    monkeypatch.setattr(api.session, "request", real_request)
    server.route("GET", PATH, json={"id": "1"})
    assert api._limiter._inflight == 0
    started = time.monotonic()
    assert api._request("GET", PATH).id == 1
    assert time.monotonic() - started < 2.0


def test_an_interrupted_pace_sleep_gives_its_reservation_back(monkeypatch):
    limiter = RateLimiter("pace", 1.0)
    now = time.time()
    limiter.release({"X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "5",
                     "X-RateLimit-Reset": iso(now + 60)}, 200)
    limiter.acquire()  # the first one goes at once
    limiter.release()

    def interrupted(seconds):
        raise KeyboardInterrupt

    monkeypatch.setattr(time, "sleep", interrupted)
    with pytest.raises(KeyboardInterrupt):
        limiter.acquire()  # this one would be paced
    assert limiter._inflight == 0


# -- pace ---------------------------------------------------------------------------------------------
def test_pace_spreads_requests_over_the_window(server, make_api):
    enforcer = Enforcer(server, limit=10, window=2.0, aligned=False, date=False)
    api = make_api(mastodon_version="4.2.0", ratelimit_method="pace", ratelimit_pacefactor=1.0)
    for _ in range(6):
        api._request("GET", PATH)
    assert enforcer.refused == 0
    # After the first answer (9 calls left, 2 s to go) each request waits for the time
    # left divided by the calls left: 2 / 9 s. (Spans, not single gaps: a request that
    # is late does not delay the ones after it, so single gaps jitter on a busy machine.)
    span = enforcer.times[5] - enforcer.times[1]
    assert 0.6 <= span < 5.0, gaps(enforcer.times)


def test_pacefactor_above_one_goes_faster(server, make_api):
    enforcer = Enforcer(server, limit=10, window=4.0, aligned=False, date=False)
    api = make_api(mastodon_version="4.2.0", ratelimit_method="pace", ratelimit_pacefactor=2.0)
    for _ in range(6):
        api._request("GET", PATH)
    # As in 1.8.0, the waits are divided by the factor: about 4 / 9 / 2 s each, so the
    # four waits take about 1.1 s (2.1 s with a factor of 1, 4 s and more with the
    # inverse meaning).
    span = enforcer.times[5] - enforcer.times[1]
    assert 0.7 <= span < 1.7, gaps(enforcer.times)
    assert enforcer.refused == 0


def test_pace_keeps_working_after_idling_longer_than_a_window(server, make_api):
    enforcer = Enforcer(server, limit=5, window=1.0, aligned=False)
    api = make_api(mastodon_version="4.2.0", ratelimit_method="pace")
    for _ in range(3):
        api._request("GET", PATH)
    time.sleep(1.6)  # the window (and the next) passes without a call
    started = time.monotonic()
    api._request("GET", PATH)
    assert time.monotonic() - started < 0.8  # the old window does not hold it back
    for _ in range(4):
        api._request("GET", PATH)
    assert time.monotonic() - started < 6.0
    assert enforcer.refused == 0
    assert api.ratelimit_reset > time.time() - 1.5


# -- headers --------------------------------------------------------------------------------------------
def test_ratelimit_attributes_are_updated(server, make_api):
    own_date_header(server)
    reset = time.time() + 120
    server.route("GET", PATH, json={"id": "1"}, headers={
        "X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "217", "X-RateLimit-Reset": iso(reset),
        "Date": http_date(time.time())})
    api = make_api(mastodon_version="4.2.0", ratelimit_method="throw")
    before = time.time()
    api._request("GET", PATH)
    assert (api.ratelimit_limit, api.ratelimit_remaining) == (300, 217)
    assert reset - 0.01 <= api.ratelimit_reset <= reset + 2.0  # + the Date header's rounding
    assert before <= api.ratelimit_lastcall <= time.time()


@pytest.mark.parametrize("epoch", [False, True], ids=["iso", "epoch"])
@pytest.mark.parametrize("offset", [-3600.0, 7200.0], ids=["server-behind", "server-ahead"])
def test_reset_is_corrected_for_clock_skew(server, make_api, offset, epoch):
    enforcer = Enforcer(server, limit=300, window=60.0, epoch=epoch, date_offset=offset)
    api = make_api(mastodon_version="4.2.0", ratelimit_method="wait")
    api._request("GET", PATH)
    window_start = math.floor(enforcer.times[0] / 60.0) * 60.0  # as the server counts
    # The server's reset is `offset` away from the local clock; corrected, it is the
    # local end of the window (late by at most the Date header's rounding, 1 s).
    assert window_start + 60.0 - 0.01 <= api.ratelimit_reset <= window_start + 60.0 + 2.0
    assert api.ratelimit_remaining == 299
    started = time.monotonic()
    api._request("GET", PATH)  # and the budget is right: no waiting
    assert time.monotonic() - started < 2.0


GARBAGE = [
    {"X-RateLimit-Remaining": "many", "X-RateLimit-Limit": "300", "X-RateLimit-Reset": "+60"},
    {"X-RateLimit-Remaining": "0", "X-RateLimit-Limit": "lots", "X-RateLimit-Reset": "soon"},
    {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": ""},
    {"X-RateLimit-Remaining": "0", "X-RateLimit-Limit": "300"},  # no reset
    {"X-RateLimit-Remaining": "0", "X-RateLimit-Limit": "300", "X-RateLimit-Reset": "nan"},
    {"X-RateLimit-Remaining": "0", "X-RateLimit-Limit": "300", "X-RateLimit-Reset": "inf"},
    {"X-RateLimit-Remaining": "0", "X-RateLimit-Limit": "300", "X-RateLimit-Reset": "1e400"},
    {"X-RateLimit-Remaining": "0", "X-RateLimit-Limit": "300", "X-RateLimit-Reset": "9" * 5000},
    {"X-RateLimit-Remaining": "9" * 5000, "X-RateLimit-Limit": "9" * 5000, "X-RateLimit-Reset": "0"},
    {"X-RateLimit-Remaining": "0", "X-RateLimit-Limit": "300", "X-RateLimit-Reset": "2023-03-14T12:00:00"},
    {"X-RateLimit-Remaining": "0", "X-RateLimit-Limit": "300", "X-RateLimit-Reset": "9999-12-31T23:59:59Z"},
    {"X-RateLimit-Remaining": "0", "X-RateLimit-Limit": "300", "X-RateLimit-Reset": "0"},  # long past
    {"X-RateLimit-Remaining": "-5", "X-RateLimit-Limit": "-1", "X-RateLimit-Reset": "1"},
    {"X-RateLimit-Remaining": "0", "X-RateLimit-Limit": "300", "X-RateLimit-Reset": "NOW",
     "Date": "yesterday"},
    {"X-RateLimit-Remaining": "0", "X-RateLimit-Limit": "300", "X-RateLimit-Reset": "1",
     "Date": "Mon, 99 Foo 2023 99:99:99 GMT"},
    {"X-RateLimit-Remaining": "0", "X-RateLimit-Limit": "300", "X-RateLimit-Reset": "2030-01-01T00:00:00Z",
     "Date": "Thu, 01 Jan 1970 00:00:00 GMT"},  # a clock 60 years off: implausible
    {"X-RateLimit-Remaining": "\u00e9", "X-RateLimit-Limit": "", "X-RateLimit-Reset": "\u00e9t\u00e9",
     "Date": ""},
]


@pytest.mark.parametrize("method", ["throw", "wait", "pace"])
@pytest.mark.parametrize("headers", GARBAGE, ids=range(len(GARBAGE)))
def test_garbage_ratelimit_headers_never_break_a_successful_call(server, make_api, method, headers):
    own_date_header(server)
    server.route("GET", PATH, json={"id": "1"}, headers=headers)
    api = make_api(mastodon_version="4.2.0", ratelimit_method=method)
    started = time.monotonic()
    for _ in range(3):
        assert api._request("GET", PATH).id == 1
    assert time.monotonic() - started < 3.0  # and nothing makes the next calls wait
    assert isinstance(api.ratelimit_remaining, int) and isinstance(api.ratelimit_reset, float)


def test_no_ratelimit_headers_means_no_waiting_even_with_threads(server, make_api):
    server.route("GET", PATH, json={"id": "1"})
    api = make_api(mastodon_version="4.2.0", ratelimit_method="pace")
    results = []
    threads = [threading.Thread(target=lambda: results.extend(api._request("GET", PATH) for _ in range(10)))
               for _ in range(4)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(results) == 40
    assert time.monotonic() - started < 15.0
    assert (api.ratelimit_limit, api.ratelimit_remaining) == (300, 300)  # untouched


# -- the limiter's bookkeeping ----------------------------------------------------------------------
def headers_for(remaining, reset, limit=10):
    return {"X-RateLimit-Limit": str(limit), "X-RateLimit-Remaining": str(remaining),
            "X-RateLimit-Reset": iso(reset)}


def test_answers_lower_the_budget_by_the_calls_in_flight():
    limiter = RateLimiter("wait", 1.1)
    reset = time.time() + 60
    limiter.release(headers_for(8, reset), 200)
    assert limiter._budget == 8
    for _ in range(3):
        limiter.acquire()
    assert limiter._budget == 5
    # The server counted one more call (7 left), two are still in flight: 5 at most.
    limiter.release(headers_for(7, reset), 200)
    assert limiter._budget == 5
    # A late answer with a higher figure never raises the budget in the same window.
    limiter.release(headers_for(9, reset), 200)
    assert limiter._budget == 5
    # But a new window starts a new budget.
    limiter.release(headers_for(10, reset + 60), 200)
    assert limiter._budget == 10 and limiter._inflight == 0


def test_the_earliest_estimate_of_the_window_end_is_kept():
    limiter = RateLimiter("wait", 1.1)
    reset = time.time() + 60
    limiter.release(dict(headers_for(8, reset), Date=http_date(time.time() - 0.9)), 200)
    late = limiter.reset
    limiter.release(dict(headers_for(7, reset), Date=http_date(time.time())), 200)
    assert limiter.reset <= late
    assert limiter.reset >= reset - 1.0


def test_answers_from_a_window_that_is_over_are_ignored():
    limiter = RateLimiter("wait", 1.1)
    now = time.time()
    limiter.release(headers_for(0, now + 0.2), 200)
    assert limiter._budget == 0
    started = time.monotonic()
    limiter.acquire()  # waits for the window to end, then gets a fresh budget
    assert time.monotonic() - started >= 0.15
    limiter.acquire()
    assert limiter._budget == 8  # 10 - 2 reserved
    limiter.release(headers_for(0, now + 0.2), 200)  # a straggler from the old window
    assert limiter._budget == 8
    limiter.release(headers_for(8, now + 60.2), 200)
    assert limiter._budget == 8
    limiter.release(headers_for(2, now - 60), 200)  # from an even older one
    assert limiter._budget == 8 and limiter.remaining == 8


def test_429_marks_the_window_used_up_and_tells_how_long():
    limiter = RateLimiter("wait", 1.1)
    reset = time.time() + 30
    limiter.acquire()
    limiter.release(headers_for(5, reset), 429)  # a server that says 5 left but refuses
    delay = limiter.exhausted(headers_for(5, reset))
    assert 25 < delay <= 30
    assert limiter._budget == 0 and limiter.remaining == 0
    assert limiter.exhausted({}) is None
    assert limiter.exhausted(headers_for(0, time.time() - 5)) is None  # a reset in the past is no use


def test_back_off_holds_every_thread_then_probes_one_at_a_time():
    limiter = RateLimiter("wait", 1.1)
    limiter.release({}, 200)  # an answer without rate-limit headers
    limiter.back_off(0.3)
    started = time.monotonic()
    limiter.acquire()
    assert time.monotonic() - started >= 0.25
    # The state is unknown: a second request waits for the first one's answer.
    second = threading.Thread(target=limiter.acquire)
    second.start()
    second.join(0.3)
    assert second.is_alive()
    limiter.release({}, 200)  # taken without a word about limits: no limit any more
    second.join(5)
    assert not second.is_alive() and limiter._budget is None
    assert limiter.back_off(10 * MAX_SLEEP) == MAX_SLEEP


def test_an_implausible_reset_is_ignored():
    limiter = RateLimiter("wait", 1.1)
    limiter.release(headers_for(0, time.time() + 10 * 86400), 200)
    assert limiter._budget is None
    started = time.monotonic()
    limiter.acquire()
    assert time.monotonic() - started < 1.0
