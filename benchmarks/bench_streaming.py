"""Streaming benchmark: client CPU per event over SSE and WebSocket, next to floors.

A loopback server (in its own process, so that its work is not counted) sends 20,000
``update`` events of realistic statuses (3-5 KB each), the way Mastodon does: over SSE
(``event:`` and ``data:`` lines written separately, chunked transfer encoding, a
heartbeat every 50 events) and over a WebSocket (one text message per event,
``{"stream": ["user"], "event": "update", "payload": "<JSON text>"}``). Measured in the
client process (``time.process_time``, which includes the threads of the process):

* ``mastodon stream_user``: ``api.stream_user(listener)`` with a listener that counts
  updates (events fully converted: ids, datetimes, attribute access);
* ``mastodon websocket``: the same through ``stream_open_websocket()`` and
  ``stream_user(listener, websocket_handle=...)``;
* SSE floors: the same bytes read with ``requests`` ``iter_lines`` + ``json.loads`` of
  each ``data`` line + ``datetime.fromisoformat`` of ``created_at``; once with the
  default ``chunk_size`` of ``iter_lines`` (512) and once with 64 KiB chunks (the
  stricter floor);
* WebSocket floor: the same frames read with the bare ``websockets`` sync client
  (``recv()``), ``json.loads`` of the message and of its payload, and
  ``datetime.fromisoformat`` of ``created_at``;
* with ``--bytewise``: the SSE floor reading one byte per call, as 1.8.0 does, on the
  first 200 events.

Run by hand: ``python3 benchmarks/bench_streaming.py [--events N] [--runs R] [--bytewise]``.
The exit status is 0 when both transports are within ``TARGET`` times their floor.
"""
import argparse
import base64
import hashlib
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
TARGET = 1.5
_WS_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def make_stream(count: int) -> bytes:
    """The chunked-encoded body: ``count`` update events of 3-5 KB plus heartbeats."""
    chunks = [b":)\n"]
    for i, status in enumerate(_statuses(count)):
        chunks.append(b"event: update\n")
        chunks.append(b"data: " + json.dumps(status).encode("utf-8") + b"\n\n")
        if i % HEARTBEAT_EVERY == 0:
            chunks.append(b":thump\n")
    return b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\n\r\n"


def _statuses(count: int):
    rng = random.Random(20)
    words = ["birds", "robin", "feather", "nest", "branch", "song", "migration", "wing", "sky", "morning"]
    for i in range(count):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(180, 450)))
        yield entities.status(id=str(110000000000000000 + i), content="<p>%s</p>" % text)


def _frame(payload: bytes, opcode: int = 1) -> bytes:
    size = len(payload)
    if size < 126:
        head = bytes([0x80 | opcode, size])
    elif size < 65536:
        head = bytes([0x80 | opcode, 126]) + size.to_bytes(2, "big")
    else:
        head = bytes([0x80 | opcode, 127]) + size.to_bytes(8, "big")
    return head + payload


def make_frames(count: int) -> bytes:
    """The WebSocket messages of the same ``count`` events, then a normal close."""
    frames = [_frame(json.dumps({"stream": ["user"], "event": "update", "payload": json.dumps(status)}).encode())
              for status in _statuses(count)]
    return b"".join(frames) + _frame(b"\x03\xe8", opcode=8)


def _serve_websocket(conn: socket.socket, head: bytes, frames: bytes) -> None:
    key = [line.split(b":", 1)[1].strip() for line in head.split(b"\r\n")
           if line.lower().startswith(b"sec-websocket-key:")][0]
    accept = base64.b64encode(hashlib.sha1(key + _WS_GUID).digest())
    conn.sendall(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                 b"Sec-WebSocket-Accept: " + accept + b"\r\n\r\n")
    for start in range(0, len(frames), 1 << 20):
        conn.sendall(frames[start:start + (1 << 20)])
    # Read the client's frames (a subscription, then its close) and close after the close.
    data = b""
    conn.settimeout(10)
    while True:
        while len(data) >= 2:
            size = data[1] & 0x7F
            offset = 2 + (2 if size == 126 else 8 if size == 127 else 0)
            if len(data) < offset:
                break
            if size >= 126:
                size = int.from_bytes(data[2:offset], "big")
            total = offset + 4 + size
            if len(data) < total:
                break
            if data[0] & 0x0F == 8:
                return
            data = data[total:]
        piece = conn.recv(65536)
        if not piece:
            return
        data += piece


def serve(listener: socket.socket, count: int) -> None:
    body = make_stream(count)
    frames = make_frames(count)
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
            if head.startswith(b"GET /api/v1/streaming?") or head.startswith(b"GET /api/v1/streaming "):
                try:
                    _serve_websocket(conn, head, frames)
                except OSError:
                    pass
                continue
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


def run_mastodon_websocket(url: str) -> int:
    api = Mastodon(access_token="bench", api_base_url=url, mastodon_version="4.2.0")
    listener = Counter()
    with api.stream_open_websocket() as handle:
        api.stream_user(listener, websocket_handle=handle)  # returns when the server closes
    api.session.close()
    return listener.updates


def run_websocket_floor(url: str) -> int:
    from websockets.exceptions import ConnectionClosedOK
    from websockets.sync.client import connect
    count = 0
    with connect(url.replace("http://", "ws://") + "/api/v1/streaming?stream=user", compression=None,
                 max_size=None, additional_headers={"Authorization": "Bearer bench"}) as ws:
        ws.send(json.dumps({"type": "subscribe", "stream": "user"}))
        while True:
            try:
                message = ws.recv()
            except ConnectionClosedOK:
                break
            event = json.loads(message)
            status = json.loads(event["payload"])
            datetime.fromisoformat(status["created_at"].replace("Z", "+00:00"))
            count += 1
    return count


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
                      ("floor iter_lines(65536)", run_floor, (url, 65536)),
                      ("mastodon websocket", run_mastodon_websocket, (url,)),
                      ("floor websockets recv", run_websocket_floor, (url,))]
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
        sse_ratio = ours / best["floor iter_lines(65536)"][0]
        ws_ratio = best["mastodon websocket"][0] / best["floor websockets recv"][0]
        print("CPU per event, mastodon websocket / floor websockets recv: %.2fx" % ws_ratio)
        met = sse_ratio <= TARGET and ws_ratio <= TARGET
        print("target <= %.1fx the floor: SSE %.2fx, WebSocket %.2fx: %s"
              % (TARGET, sse_ratio, ws_ratio, "met" if met else "NOT MET"))
        if options.bytewise:
            events, cpu, wall = measure(run_floor, url, 1, 200)
            print("%-26s %8.0f events/s   %6.1f us CPU/event   -> %.0fx mastodon"
                  % ("floor iter_lines(1)", events / wall, cpu / events * 1e6,
                     (cpu / events) / (ours / options.events)))
    finally:
        server.terminate()
        server.join(5)
        sock.close()
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
