"""Streaming benchmark: client CPU per event of ``stream_user`` next to a floor.

A loopback server (in its own process, so that its work is not counted) sends 20,000
``update`` events of realistic statuses (3-5 KB each) plus a heartbeat every 50
events, the way Mastodon does (``event:`` and ``data:`` lines written separately,
chunked transfer encoding). Measured in the client process (``time.process_time``):

* ``mastodon``: ``api.stream_user(listener)`` with a listener that counts updates (events
  fully converted: ids, datetimes, attribute access);
* ``floor``: the same bytes read with ``requests`` ``iter_lines`` + ``json.loads`` of each
  ``data`` line + ``datetime.fromisoformat`` of ``created_at``; once with the default
  ``chunk_size`` of ``iter_lines`` (512) and once with 64 KiB chunks (the stricter floor);
* with ``--bytewise``: the floor reading one byte per call, as 1.8.0 does (its own line
  assembly in Python is slower still), on the first 200 events.

Run by hand: ``python3 benchmarks/bench_streaming.py [--events N] [--runs R] [--bytewise]``.
"""
import argparse
import json
import multiprocessing
import os
import random
import socket
import sys
import time
from datetime import datetime

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import requests  # noqa: E402

from mastodon import Mastodon, StreamListener  # noqa: E402
from tests import entities  # noqa: E402

HEARTBEAT_EVERY = 50


def make_stream(count: int) -> bytes:
    """The chunked-encoded body: ``count`` update events of 3-5 KB plus heartbeats."""
    rng = random.Random(20)
    words = ["birds", "robin", "feather", "nest", "branch", "song", "migration", "wing", "sky", "morning"]
    chunks = [b":)\n"]
    for i in range(count):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(180, 450)))
        status = entities.status(id=str(110000000000000000 + i), content="<p>%s</p>" % text)
        chunks.append(b"event: update\n")
        chunks.append(b"data: " + json.dumps(status).encode("utf-8") + b"\n\n")
        if i % HEARTBEAT_EVERY == 0:
            chunks.append(b":thump\n")
    return b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\n\r\n"


def serve(listener: socket.socket, count: int) -> None:
    body = make_stream(count)
    port = listener.getsockname()[1]
    instance = json.dumps(entities.instance(streaming_api="ws://127.0.0.1:%d" % port)).encode()
    while True:
        conn, _ = listener.accept()
        with conn:
            head = b""
            while b"\r\n\r\n" not in head:
                piece = conn.recv(65536)
                if not piece:
                    break
                head += piece
            if head.startswith(b"GET /api/v1/instance/"):
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
                             b"Connection: close\r\n\r\n%s" % (len(instance), instance))
                continue
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n"
                         b"Connection: close\r\n\r\n")
            try:
                for start in range(0, len(body), 1 << 20):
                    conn.sendall(body[start:start + (1 << 20)])
            except OSError:
                pass


class Counter(StreamListener):
    def __init__(self) -> None:
        self.updates = 0
        self.heartbeats = 0

    def on_update(self, status) -> None:
        self.updates += 1

    def handle_heartbeat(self) -> None:
        self.heartbeats += 1


def run_mastodon(url: str) -> int:
    api = Mastodon(access_token="bench", api_base_url=url, mastodon_version="4.2.0")
    listener = Counter()
    api.stream_user(listener)  # returns when the server ends the stream after the last event
    api.session.close()
    return listener.updates


def run_floor(url: str, chunk_size: int, limit: int = 0) -> int:
    count = 0
    with requests.get(url + "/api/v1/streaming/user", stream=True) as response:
        for line in response.iter_lines(chunk_size=chunk_size):
            if line.startswith(b"data: "):
                status = json.loads(line[6:])
                datetime.fromisoformat(status["created_at"].replace("Z", "+00:00"))
                count += 1
                if count == limit:
                    break
    return count


def measure(function, *args):
    cpu, wall = time.process_time(), time.perf_counter()
    events = function(*args)
    return events, time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bytewise", action="store_true", help="also measure 1.8.0-style byte-by-byte reading")
    options = parser.parse_args()

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    url = "http://127.0.0.1:%d" % sock.getsockname()[1]
    server = multiprocessing.get_context("fork").Process(target=serve, args=(sock, options.events), daemon=True)
    server.start()
    try:
        size = len(make_stream(min(options.events, 500))) / min(options.events, 500)
        print("%d events, about %.1f KB each on the wire; %d runs, best CPU time counted"
              % (options.events, size / 1024, options.runs))
        candidates = [("mastodon stream_user", run_mastodon, (url,)),
                      ("floor iter_lines(512)", run_floor, (url, 512)),
                      ("floor iter_lines(65536)", run_floor, (url, 65536))]
        best = {}
        for _ in range(options.runs):
            for name, function, args in candidates:
                events, cpu, wall = measure(function, *args)
                assert events == options.events, (name, events)
                if name not in best or cpu < best[name][0]:
                    best[name] = (cpu, wall)
        for name, (cpu, wall) in best.items():
            print("%-26s %8.0f events/s   %6.1f us CPU/event   (%.2f s CPU, %.2f s wall)"
                  % (name, options.events / wall, cpu / options.events * 1e6, cpu, wall))
        ours = best["mastodon stream_user"][0]
        for floor in ("floor iter_lines(512)", "floor iter_lines(65536)"):
            print("CPU per event, mastodon / %s: %.2fx" % (floor, ours / best[floor][0]))
        if options.bytewise:
            events, cpu, wall = measure(run_floor, url, 1, 200)
            print("%-26s %8.0f events/s   %6.1f us CPU/event   -> %.0fx mastodon"
                  % ("floor iter_lines(1)", events / wall, cpu / events * 1e6,
                     (cpu / events) / (ours / options.events)))
    finally:
        server.terminate()
        server.join(5)
        sock.close()


if __name__ == "__main__":
    main()
