"""Benchmark of the request core against a loopback server (run by hand, not in CI).

Measures the client's CPU time (``time.process_time``) and wall time per call for

* a small call (``account_verify_credentials()``, one CredentialAccount), and
* a 40-status ``timeline_home()`` page (with a ``Link`` header),

next to a *floor* measured in the same run: a bare ``requests.Session`` GET of the same
URL with the same headers, ``json.loads`` of the body and ``datetime.fromisoformat``
on every date field of the payload. It also measures ``import mastodon`` against
``import requests`` alone, each in fresh interpreters.

The server runs in a separate process, so ``process_time`` counts only the client.
Usage (from the repository root)::

    python3 benchmarks/bench_core.py [--calls 300] [--rounds 7] [--imports 25]

See benchmarks/README.rst.
"""
import argparse
import gc
import json
import logging
import multiprocessing
import os
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

log = logging.getLogger("bench_core")

TOKEN = "bench-access-token-0123456789"
VERIFY_PATH = "/api/v1/accounts/verify_credentials"
HOME_PATH = "/api/v1/timelines/home"
#: The keys the floor converts with datetime.fromisoformat (the date keys of WIRE.md).
DATE_KEYS = frozenset((
    "created_at", "week", "day", "expires_at", "scheduled_at", "updated_at", "last_status_at",
    "starts_at", "ends_at", "published_at", "edited_at", "date", "period",
))
TARGETS = {"small call": 1.1, "40-status page": 1.3, "import": 1.25}


# -- the server (in its own process) ------------------------------------------------------------
def timeline_payload(count=40):
    """``count`` realistic statuses, newest first, with varied authors, replies and a reblog."""
    from tests import entities
    statuses = []
    base_id = 110123456789012345
    for index in range(count):
        sid = str(base_id - index * 1000)
        author = entities.account(id=str(109382 + index % 7), acct=("alice", "bob@other.example", "carol",
                                                                      "dave@birds.example", "erin", "frank",
                                                                      "grace@example.org")[index % 7])
        extra = {}
        if index % 5 == 1:
            extra.update(in_reply_to_id=str(base_id - 999999), in_reply_to_account_id="109383")
        if index % 8 == 3:
            extra.update(edited_at="2023-03-14T13:00:00.000Z")
        if index % 10 == 4:
            extra.update(card=entities.card())
        if index % 9 == 6:
            extra.update(poll=entities.poll())
        status = entities.status(id=sid, account_=author, **extra)
        if index % 6 == 5:
            status = entities.status(id=str(int(sid) + 1), account_=entities.account(id="109390", acct="heidi"),
                                     reblog=status, content="", media_attachments=[], mentions=[], tags=[],
                                     emojis=[])
        statuses.append(status)
    return statuses


def _serve(pipe):
    """Child process: run the loopback server until told to stop."""
    from tests import entities
    from tests.harness import MockServer, Reply
    server = MockServer()
    verify_body = json.dumps(entities.credential_account()).encode()
    home_body = json.dumps(timeline_payload()).encode()
    link = ('<%s%s?max_id=110123456789000000>; rel="next", <%s%s?min_id=110123456789012345>; rel="prev"'
            % (server.url, HOME_PATH, server.url, HOME_PATH))
    counter = [0]
    limit = 10 ** 9

    def ratelimit_headers():
        # Like Mastodon: a large budget that counts down, resetting at the next 5-minute mark.
        counter[0] += 1
        now = datetime.now(timezone.utc)
        reset = now.replace(second=0, microsecond=0) + timedelta(minutes=5 - now.minute % 5)
        return {"X-RateLimit-Limit": str(limit), "X-RateLimit-Remaining": str(limit - counter[0]),
                "X-RateLimit-Reset": reset.strftime("%Y-%m-%dT%H:%M:%S.000Z")}

    def verify(_request):
        return Reply(body=verify_body, headers=ratelimit_headers())

    def home(_request):
        headers = ratelimit_headers()
        headers["Link"] = link
        return Reply(body=home_body, headers=headers)

    server.route("GET", VERIFY_PATH, verify)
    server.route("GET", HOME_PATH, home)
    server.start()
    pipe.send(server.url)
    pipe.recv()  # wait for "stop"
    server.stop()


# -- what is measured -----------------------------------------------------------------------------
def _floor_hook(obj):
    for key in DATE_KEYS.intersection(obj):
        value = obj[key]
        if isinstance(value, str):
            try:
                obj[key] = datetime.fromisoformat(value)
            except ValueError:
                pass
    return obj


def make_floor(url):
    """The floor: requests.Session GET + json.loads + datetime.fromisoformat on each date field."""
    import requests
    session = requests.Session()
    headers = {"User-Agent": "mastodonpy", "Authorization": "Bearer " + TOKEN}

    def call(path):
        response = session.get(url + path, headers=headers, timeout=300)
        return json.loads(response.content, object_hook=_floor_hook)

    return call, session


def make_client(url):
    from mastodon import Mastodon
    api = Mastodon(access_token=TOKEN, api_base_url=url, mastodon_version="4.2.0")  # default "wait"
    verify = getattr(api, "account_verify_credentials", None) or (lambda: api._request("GET", VERIFY_PATH))
    home = getattr(api, "timeline_home", None) or (lambda: api._request("GET", HOME_PATH))
    return verify, home, api


def _batch(function, calls):
    gc.collect()
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(calls):
        function()
    return (time.process_time() - cpu) / calls, (time.perf_counter() - wall) / calls


def measure_calls(url, calls, rounds):
    floor, floor_session = make_floor(url)
    verify, home, api = make_client(url)
    # Same results? (the floor does not convert ids; only compare shapes)
    assert len(home()) == 40 and verify()["acct"] == floor(VERIFY_PATH)["acct"]
    cases = {
        "small call": (verify, lambda: floor(VERIFY_PATH)),
        "40-status page": (home, lambda: floor(HOME_PATH)),
    }
    results = {}
    for name, (client_call, floor_call) in cases.items():
        for _ in range(max(calls // 5, 20)):  # warm up connections and caches
            client_call()
            floor_call()
        client_cpu, client_wall, floor_cpu, floor_wall = [], [], [], []
        for _ in range(rounds):  # interleaved, so drift hits both alike
            cpu, wall = _batch(floor_call, calls)
            floor_cpu.append(cpu)
            floor_wall.append(wall)
            cpu, wall = _batch(client_call, calls)
            client_cpu.append(cpu)
            client_wall.append(wall)
        results[name] = (client_cpu, client_wall, floor_cpu, floor_wall)
    floor_session.close()
    api.session.close()
    return results


_IMPORT_SNIPPET = ("import time; t = time.process_time(); w = time.perf_counter(); import %s; "
                   "print(time.process_time() - t, time.perf_counter() - w)")


def measure_imports(repetitions):
    """CPU and wall time of importing each module in fresh interpreters (interleaved)."""
    times = {"requests": ([], []), "mastodon": ([], [])}
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    for module in times:  # warm the bytecode caches and the OS file cache
        subprocess.run([sys.executable, "-c", "import " + module], cwd=ROOT, check=True, env=env)
    for _ in range(repetitions):
        for module, (cpu, wall) in times.items():
            out = subprocess.run([sys.executable, "-c", _IMPORT_SNIPPET % module], cwd=ROOT, check=True,
                                 capture_output=True, text=True, env=env).stdout.split()
            cpu.append(float(out[0]))
            wall.append(float(out[1]))
    return times


# -- report -----------------------------------------------------------------------------------------
def _us(seconds):
    return "%8.1f us" % (seconds * 1e6)


def report(call_results, import_results):
    print("Client time per call (median of rounds; min in brackets)")
    print("%-16s %-28s %-28s %s" % ("", "client CPU", "floor CPU", "ratio CPU (wall)  target"))
    verdicts = []
    for name, (c_cpu, c_wall, f_cpu, f_wall) in call_results.items():
        ratio = statistics.median(c_cpu) / statistics.median(f_cpu)
        ratio_min = min(c_cpu) / min(f_cpu)
        ratio_wall = statistics.median(c_wall) / statistics.median(f_wall)
        ok = ratio <= TARGETS[name]
        verdicts.append(ok)
        print("%-16s %s [%s] %s [%s]  %.2fx [%.2fx] (%.2fx)  <= %.2fx %s" % (
            name, _us(statistics.median(c_cpu)), _us(min(c_cpu)).strip(), _us(statistics.median(f_cpu)),
            _us(min(f_cpu)).strip(), ratio, ratio_min, ratio_wall, TARGETS[name], "ok" if ok else "MISSED"))
        print("%-16s wall: client %s, floor %s" % ("", _us(statistics.median(c_wall)),
                                                   _us(statistics.median(f_wall))))
    if import_results:
        (r_cpu, r_wall), (m_cpu, m_wall) = import_results["requests"], import_results["mastodon"]
        ratio = statistics.median(m_cpu) / statistics.median(r_cpu)
        ratio_min = min(m_cpu) / min(r_cpu)
        ok = ratio <= TARGETS["import"]
        verdicts.append(ok)
        print("import           mastodon %.1f ms [%.1f], requests %.1f ms [%.1f] CPU: %.2fx [%.2fx] "
              "(wall %.2fx)  <= %.2fx %s" % (
                  statistics.median(m_cpu) * 1e3, min(m_cpu) * 1e3, statistics.median(r_cpu) * 1e3,
                  min(r_cpu) * 1e3, ratio, ratio_min, statistics.median(m_wall) / statistics.median(r_wall),
                  TARGETS["import"], "ok" if ok else "MISSED"))
    return all(verdicts)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=300, help="calls per timed batch (default 300)")
    parser.add_argument("--rounds", type=int, default=7, help="timed batches per case (default 7)")
    parser.add_argument("--imports", type=int, default=25, help="fresh interpreters per import case (default 25)")
    parser.add_argument("--no-calls", action="store_true", help="skip the call benchmark")
    parser.add_argument("--no-imports", action="store_true", help="skip the import benchmark")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    call_results = {}
    if not args.no_calls:
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        process = context.Process(target=_serve, args=(child,), daemon=True)
        process.start()
        try:
            url = parent.recv()
            call_results = measure_calls(url, args.calls, args.rounds)
        finally:
            parent.send("stop")
            process.join(10)
    import_results = None if args.no_imports else measure_imports(args.imports)
    print("Python %s on %d CPUs" % (sys.version.split()[0], os.cpu_count() or 0))
    return 0 if report(call_results, import_results) else 1


if __name__ == "__main__":
    sys.exit(main())
