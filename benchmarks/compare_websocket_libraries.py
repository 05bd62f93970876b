"""Compare ``websocket-client`` and the sync client of ``websockets`` for streaming.

The measurements behind the choice of the WebSocket library (docs/streaming.rst). A
hand-made server in another process sends Mastodon-shaped messages; for each library:

* ``throughput``: events per CPU-second receiving 5,000 ``update`` messages of ~4.5 KB
  (``recv()`` + ``json.loads`` of the message and of its payload); websocket-client with
  its default UTF-8 check and with ``skip_utf8_validation=True``;
* ``pong while busy``: the server pings while the application is busy for 0.5 s in a
  handler (not calling ``recv()``): how long until the pong arrives;
* ``close from another thread``: a thread blocked in ``recv()`` on a silent server,
  another thread closes: how long until the blocked ``recv()`` returns or raises;
* ``send while receiving``: one thread receives 2,000 messages while another sends 2,000
  subscribe messages; the server checks that every frame it got is intact.

Run by hand: ``python3 benchmarks/compare_websocket_libraries.py``.
"""
import base64
import hashlib
import json
import multiprocessing
import os
import socket
import struct
import sys
import threading
import time
import warnings

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from tests import entities  # noqa: E402

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def frame(payload: bytes, opcode: int = 1) -> bytes:
    size = len(payload)
    if size < 126:
        return bytes([0x80 | opcode, size]) + payload
    if size < 65536:
        return bytes([0x80 | opcode, 126]) + struct.pack("!H", size) + payload
    return bytes([0x80 | opcode, 127]) + struct.pack("!Q", size) + payload


def read_frames(conn: socket.socket, buf: bytearray):
    """Yield client frames (opcode, payload) until EOF."""
    while True:
        while len(buf) >= 2:
            size = buf[1] & 0x7F
            off = 2 + (2 if size == 126 else 8 if size == 127 else 0)
            if len(buf) < off + 4:
                break
            if size >= 126:
                size = int.from_bytes(buf[2:off], "big")
            if len(buf) < off + 4 + size:
                break
            mask = buf[off:off + 4]
            data = bytes(b ^ mask[i % 4] for i, b in enumerate(buf[off + 4:off + 4 + size]))
            opcode = buf[0] & 0x0F
            del buf[:off + 4 + size]
            yield opcode, data
        piece = conn.recv(65536)
        if not piece:
            return
        buf.extend(piece)


def handshake(conn: socket.socket) -> str:
    head = b""
    while b"\r\n\r\n" not in head:
        head += conn.recv(4096)
    key = [line.split(b":", 1)[1].strip() for line in head.split(b"\r\n") if line.lower().startswith(b"sec-websocket-key")][0]
    conn.sendall(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                 + base64.b64encode(hashlib.sha1(key + GUID).digest()) + b"\r\n\r\n")
    return head.split(b" ")[1].decode()


def serve(listener: socket.socket, count: int, results) -> None:
    status = entities.status(id="110000000000000000", content="<p>%s</p>" % ("bird " * 800))
    message = frame(json.dumps({"stream": ["user"], "event": "update", "payload": json.dumps(status)}).encode())
    small = frame(b'{"stream":["user"],"event":"delete","payload":"1"}')
    while True:
        conn, _ = listener.accept()
        with conn:
            path = handshake(conn)
            buf = bytearray()
            try:
                if path.endswith("throughput"):
                    conn.sendall(message * count + frame(b"\x03\xe8", 8))
                elif path.endswith("ping"):
                    time.sleep(0.1)
                    sent = time.monotonic()
                    conn.sendall(small + frame(b"p", 9))
                    for opcode, _ in read_frames(conn, buf):
                        if opcode == 10:
                            results.put(time.monotonic() - sent)
                            break
                elif path.endswith("silent"):
                    for opcode, data in read_frames(conn, buf):
                        if opcode == 8:
                            conn.sendall(frame(data[:2], 8))
                            break
                elif path.endswith("duplex"):
                    conn.sendall(small * 2000)
                    good = bad = 0
                    for opcode, data in read_frames(conn, buf):
                        if opcode == 1:
                            try:
                                good += json.loads(data) == {"type": "subscribe", "stream": "user"}
                            except ValueError:
                                bad += 1
                        elif opcode == 8:
                            conn.sendall(frame(data[:2], 8))
                            break
                        else:
                            bad += 1
                    results.put((good, bad))
            except OSError:
                pass


def ws_client_connect(url, **kw):
    import websocket
    return websocket.create_connection(url, **kw)


def websockets_connect(url):
    from websockets.sync.client import connect
    return connect(url, compression=None, max_size=None, close_timeout=1)


def throughput(name, url, count):
    cpu = time.process_time()
    if name.startswith("websocket-client"):
        ws = ws_client_connect(url, skip_utf8_validation=name.endswith("skip"))
        for _ in range(count):
            json.loads(json.loads(ws.recv())["payload"])
        ws.close()
    else:
        with websockets_connect(url) as ws:
            for _ in range(count):
                json.loads(json.loads(ws.recv())["payload"])
    return count / (time.process_time() - cpu)


def pong_while_busy(name, url, results):
    if name.startswith("websocket-client"):
        ws = ws_client_connect(url)
        ws.recv()
        time.sleep(0.5)  # the handler is busy
        ws.settimeout(0.2)
        try:
            ws.recv()
        except Exception:  # noqa: BLE001 - timeout: nothing more comes
            pass
        delay = results.get(timeout=5)
        ws.close()
    else:
        with websockets_connect(url) as ws:
            ws.recv()
            time.sleep(0.5)
            delay = results.get(timeout=5)
    return delay


def close_from_other_thread(name, url):
    ws = ws_client_connect(url) if name.startswith("websocket-client") else websockets_connect(url)
    done = []

    def reader():
        try:
            ws.recv()
            done.append(("returned", time.monotonic()))
        except Exception as err:  # noqa: BLE001 - what happens is the measurement
            done.append((type(err).__name__, time.monotonic()))

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    time.sleep(0.2)
    started = time.monotonic()
    try:
        ws.close()
    except Exception as err:  # noqa: BLE001
        done.append(("close raised " + type(err).__name__, time.monotonic()))
    thread.join(5)
    if not done:
        return "recv still blocked after 5 s"
    return "%s after %.2f s" % (done[0][0], done[0][1] - started)


def send_while_receiving(name, url, results):
    ws = ws_client_connect(url) if name.startswith("websocket-client") else websockets_connect(url)
    errors = []

    def sender():
        try:
            for _ in range(2000):
                ws.send(json.dumps({"type": "subscribe", "stream": "user"}))
        except Exception as err:  # noqa: BLE001
            errors.append(err)

    thread = threading.Thread(target=sender)
    thread.start()
    received = 0
    for _ in range(2000):
        ws.recv()
        received += 1
    thread.join(10)
    ws.close()
    good, bad = results.get(timeout=5)
    return "received %d, server got %d intact / %d broken, %d errors" % (received, good, bad, len(errors))


def main() -> None:
    warnings.simplefilter("ignore", DeprecationWarning)  # websockets prefers "with connect()"
    count = 5000
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    base = "ws://127.0.0.1:%d/" % listener.getsockname()[1]
    results = multiprocessing.get_context("fork").Queue()
    server = multiprocessing.get_context("fork").Process(target=serve, args=(listener, count, results), daemon=True)
    server.start()
    try:
        for name in ("websocket-client", "websocket-client skip", "websockets"):
            best = max(throughput(name, base + "throughput", count) for _ in range(3))
            print("%-22s throughput: %8.0f events per CPU-second" % (name, best))
        for name in ("websocket-client", "websockets"):
            print("%-22s pong while busy: %.2f s" % (name, pong_while_busy(name, base + "ping", results)))
            print("%-22s close from another thread: %s" % (name, close_from_other_thread(name, base + "silent")))
            print("%-22s send while receiving: %s" % (name, send_while_receiving(name, base + "duplex", results)))
    finally:
        server.terminate()
        listener.close()


if __name__ == "__main__":
    main()
