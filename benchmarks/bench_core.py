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

    python3 benchmarks/bench_core.py [--calls 100] [--rounds 21] [--imports 25]

See benchmarks/README.rst.
"""
import argparse
import email.utils
import functools
import gc
import itertools
import json
import logging
import multiprocessing
import os
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
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
TARGETS = {"small call": 1.1, "40-status page": 1.3, "40-status touch": None, "import": 1.25}
#: Against --baseline (the version before a change), client CPU time at most this ratio.
BASELINE_TARGET = 1.05


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


class _Handler(socketserver.StreamRequestHandler):
    """A minimal keep-alive HTTP/1.1 server: GET only, each answer sent in one write."""
    routes = {}
    disable_nagle_algorithm = True

    def handle(self):
        while True:
            request_line = self.rfile.readline(65537)
            if not request_line:
                return
            length = 0
            while True:
                line = self.rfile.readline(65537)
                if line in (b"\r\n", b"\n", b""):
                    break
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            if length:
                self.rfile.read(length)
            path = request_line.split(b" ")[1].split(b"?")[0].decode()
            route = self.routes.get(path)
            if route is None:
                status, headers, body = "404 Not Found", {}, b'{"error": "no route"}'
            else:
                status, headers, body = "200 OK", route[0](), route[1]
            head = ["HTTP/1.1 " + status, "Date: " + email.utils.formatdate(usegmt=True),
                    "Content-Type: application/json; charset=utf-8", "Content-Length: %d" % len(body)]
            head += ["%s: %s" % item for item in headers.items()]
            self.wfile.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def _serve(pipe):
    """Child process: run the loopback server until told to stop."""
    from tests import entities
    server = _Server(("127.0.0.1", 0), _Handler)
    url = "http://127.0.0.1:%d" % server.server_address[1]
    verify_body = json.dumps(entities.credential_account()).encode()
    home_body = json.dumps(timeline_payload()).encode()
    link = ('<%s%s?max_id=110123456789000000>; rel="next", <%s%s?min_id=110123456789012345>; rel="prev"'
            % (url, HOME_PATH, url, HOME_PATH))
    counter = itertools.count(1)
    limit = 10 ** 9

    def ratelimit_headers():
        # Like Mastodon: a large budget that counts down, resetting at the next 5-minute mark.
        now = datetime.now(timezone.utc)
        reset = now.replace(second=0, microsecond=0) + timedelta(minutes=5 - now.minute % 5)
        return {"X-RateLimit-Limit": str(limit), "X-RateLimit-Remaining": str(limit - next(counter)),
                "X-RateLimit-Reset": reset.strftime("%Y-%m-%dT%H:%M:%S.000Z")}

    def home_headers():
        headers = ratelimit_headers()
        headers["Link"] = link
        return headers

    _Handler.routes = {VERIFY_PATH: (ratelimit_headers, verify_body), HOME_PATH: (home_headers, home_body)}
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    pipe.send(url)
    pipe.recv()  # wait for "stop"
    server.shutdown()
    server.server_close()


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


def load_baseline(package_dir):
    """Import another copy of the package (say, the version before a change) side by side with
    this one, as ``mastodon_baseline``: copied to a temporary directory with its imports renamed."""
    import re
    import shutil
    target_root = tempfile.mkdtemp(prefix="mastodon-baseline-")
    target = os.path.join(target_root, "mastodon_baseline")
    shutil.copytree(package_dir, target, ignore=shutil.ignore_patterns("__pycache__"))
    pattern = re.compile(r"\b(from|import) mastodon\b")
    for folder, _, files in os.walk(target):
        for name in files:
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as handle:
                    text = handle.read()
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(pattern.sub(r"\1 mastodon_baseline", text))
    sys.path.insert(0, target_root)
    import importlib
    return importlib.import_module("mastodon_baseline").Mastodon


def touch_all(value):
    """Read every field of an answer once, nested ones included (item access, as a user would)."""
    if isinstance(value, dict):
        for key in list(value):
            touch_all(value[key])
    elif isinstance(value, list):
        for item in value:
            touch_all(item)


def make_client(url, mastodon_class=None):
    """The two calls through the library (the endpoint methods where they exist)."""
    if mastodon_class is None:
        from mastodon import Mastodon as mastodon_class
    api = mastodon_class(access_token=TOKEN, api_base_url=url, mastodon_version="4.2.0")  # default "wait"
    verify = getattr(api, "account_verify_credentials", None)
    if verify is None:
        log.warning("account_verify_credentials() missing: timing api._request() instead")
        verify = functools.partial(api._request, "GET", VERIFY_PATH)
    home = getattr(api, "timeline_home", None)
    if home is None:
        log.warning("timeline_home() missing: timing api._request() instead")
        home = functools.partial(api._request, "GET", HOME_PATH)
    return verify, home, api


def _batch(function, calls):
    gc.collect()
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(calls):
        function()
    return (time.process_time() - cpu) / calls, (time.perf_counter() - wall) / calls


def _touching(call, path=None):
    if path is None:
        return lambda: touch_all(call())
    return lambda: touch_all(call(path))


def measure_calls(url, calls, rounds, baseline=None):
    """Per case: client, floor and (with ``baseline``, a Mastodon class) the baseline client,
    in interleaved rounds."""
    floor, floor_session = make_floor(url)
    verify, home, api = make_client(url)
    base_calls = make_client(url, baseline) if baseline is not None else None
    # The same answers, converted (the floor only converts dates).
    page, account = home(), verify()
    assert len(page) == 40 and page[0].id == 110123456789012345 and page._pagination_next["max_id"]
    assert isinstance(page[0].created_at, datetime) and page[0].created_at == floor(HOME_PATH)[0]["created_at"]
    assert account.acct == floor(VERIFY_PATH)["acct"] and account.id == 109382
    cases = {
        "small call": (verify, lambda: floor(VERIFY_PATH), base_calls and base_calls[0]),
        "40-status page": (home, lambda: floor(HOME_PATH), base_calls and base_calls[1]),
        # every nested field read once: lazy typing pays its bill here
        "40-status touch": (_touching(home), _touching(floor, HOME_PATH),
                            base_calls and _touching(base_calls[1])),
    }
    results = {}
    baseline_results = {}
    for name, (client_call, floor_call, base_call) in cases.items():
        order = [client_call, floor_call] + ([base_call] if base_call else [])
        for _ in range(max(calls // 5, 20)):  # warm up connections and caches
            for which in order:
                which()
        times = {id(which): ([], []) for which in order}
        for index in range(rounds):  # interleaved, in rotating order, so drift hits all alike
            shift = index % len(order)
            for which in order[shift:] + order[:shift]:
                cpu, wall = _batch(which, calls)
                times[id(which)][0].append(cpu)
                times[id(which)][1].append(wall)
        client, floor_times = times[id(client_call)], times[id(floor_call)]
        results[name] = (client[0], client[1], floor_times[0], floor_times[1])
        if base_call:
            base = times[id(base_call)]
            baseline_results[name] = (client[0], base[0])
    floor_session.close()
    api.session.close()
    if base_calls:
        base_calls[2].session.close()
    measure_calls.baseline_results = baseline_results
    return results


def profile_calls(url, calls):
    """Print where the client's CPU time goes (cProfile with a CPU clock), per case."""
    import cProfile
    import pstats
    verify, home, api = make_client(url)
    for name, call in (("small call", verify), ("40-status page", home)):
        for _ in range(20):
            call()
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        for _ in range(calls):
            call()
        profiler.disable()
        print("\n== %s: %d calls, by own time" % (name, calls))
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    api.session.close()


_IMPORT_SNIPPET = ("import time; t = time.process_time(); w = time.perf_counter(); import %s; "
                   "print(time.process_time() - t, time.perf_counter() - w)")


def measure_imports(repetitions):
    """CPU and wall time of importing each module in fresh interpreters (interleaved)."""
    times = {"requests": ([], []), "mastodon": ([], [])}
    # Compare like an installed package: with bytecode caches (kept out of the source
    # tree, in a temporary directory) even where PYTHONDONTWRITEBYTECODE is set.
    env = dict(os.environ, PYTHONPYCACHEPREFIX=os.path.join(tempfile.gettempdir(), "mastodon-bench-pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
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
def _verdict(median_ratio, best_ratio, target):
    if median_ratio <= target:
        return "ok"
    if best_ratio <= target:
        return "ok in the best round only (busy machine? run again)"
    return "MISSED"


def report(call_results, import_results):
    """Print the figures; return whether every target was met."""
    print("Client CPU time (time.process_time): median of the rounds [best round]; the ratio is the")
    print("median of the per-round ratios (client and floor rounds are interleaved) [best / best].")
    print("%-15s %-22s %-22s %-16s %-6s %s" % ("", "client", "floor", "ratio", "wall", "target"))
    verdicts = []
    for name, (c_cpu, c_wall, f_cpu, f_wall) in call_results.items():
        ratio = statistics.median(c / f for c, f in zip(c_cpu, f_cpu))
        best = min(c_cpu) / min(f_cpu)
        wall = statistics.median(c / f for c, f in zip(c_wall, f_wall))
        target = TARGETS[name]
        verdict = _verdict(ratio, best, target) if target else ""
        verdicts.append(verdict != "MISSED")
        print("%-15s %7.1f us [%7.1f]   %7.1f us [%7.1f]   %.2fx [%.2fx]    %.2fx  %s" % (
            name, statistics.median(c_cpu) * 1e6, min(c_cpu) * 1e6, statistics.median(f_cpu) * 1e6,
            min(f_cpu) * 1e6, ratio, best, wall, "<= %.2fx %s" % (target, verdict) if target else "(no target)"))
    if import_results:
        (r_cpu, r_wall), (m_cpu, m_wall) = import_results["requests"], import_results["mastodon"]
        ratio = statistics.median(m / r for m, r in zip(m_cpu, r_cpu))
        best = min(m_cpu) / min(r_cpu)
        wall = statistics.median(m / r for m, r in zip(m_wall, r_wall))
        verdict = _verdict(ratio, best, TARGETS["import"])
        verdicts.append(verdict != "MISSED")
        print("%-15s %7.1f ms [%7.1f]   %7.1f ms [%7.1f]   %.2fx [%.2fx]    %.2fx  <= %.2fx %s" % (
            "import", statistics.median(m_cpu) * 1e3, min(m_cpu) * 1e3, statistics.median(r_cpu) * 1e3,
            min(r_cpu) * 1e3, ratio, best, wall, TARGETS["import"], verdict))
        print("(import: `import mastodon` vs `import requests` alone, each in a fresh interpreter)")
    baseline_results = getattr(measure_calls, "baseline_results", None)
    if baseline_results:
        print("\nAgainst the baseline (--baseline), client CPU time: median of per-round ratios [best / best]")
        for name, (c_cpu, b_cpu) in baseline_results.items():
            ratio = statistics.median(c / b for c, b in zip(c_cpu, b_cpu))
            best = min(c_cpu) / min(b_cpu)
            target = BASELINE_TARGET if name == "40-status page" else None
            verdict = "" if target is None else _verdict(ratio, best, target)
            if target is not None:
                verdicts.append(verdict != "MISSED")
            print("%-15s %7.1f us vs %7.1f us   %.3fx [%.3fx]  %s" % (
                name, statistics.median(c_cpu) * 1e6, statistics.median(b_cpu) * 1e6, ratio, best,
                "<= %.2fx %s" % (target, verdict) if target else "(no target)"))
    return all(verdicts)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=100, help="calls per timed round (default 100)")
    parser.add_argument("--rounds", type=int, default=21, help="timed rounds per case (default 21)")
    parser.add_argument("--imports", type=int, default=25, help="fresh interpreters per import case (default 25)")
    parser.add_argument("--no-calls", action="store_true", help="skip the call benchmark")
    parser.add_argument("--no-imports", action="store_true", help="skip the import benchmark")
    parser.add_argument("--baseline", metavar="PACKAGE_DIR",
                        help="also time another copy of the package (e.g. the previous version, "
                             "extracted with: git archive main mastodon | tar -x -C /tmp/base) side by side")
    parser.add_argument("--profile", action="store_true",
                        help="also profile the client side of both calls (cProfile, CPU time)")
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
            baseline = load_baseline(args.baseline) if args.baseline else None
            call_results = measure_calls(url, args.calls, args.rounds, baseline)
            if args.profile:
                profile_calls(url, args.calls * 3)
        finally:
            parent.send("stop")
            process.join(10)
    import_results = None if args.no_imports else measure_imports(args.imports)
    print("Python %s on %d CPUs" % (sys.version.split()[0], os.cpu_count() or 0))
    return 0 if report(call_results, import_results) else 1


if __name__ == "__main__":
    sys.exit(main())
