"""A raw-socket HTTP server on 127.0.0.1 for streaming tests, with byte-level control.

WebSocket requests (``GET /api/v1/streaming`` with ``Upgrade: websocket``) are served by
``ws_scripts`` (connection ``n`` by ``ws_scripts[min(n, len - 1)]``), functions receiving
a :class:`WsConnection`: a hand-made WebSocket server end (RFC 6455 framing) that can
send well-formed and malformed frames, answer or ignore pings, close or reset.

Plain routes (``route(path, body=..., status=...)``) answer with a fixed body and close
the connection; ``GET /api/v1/instance/`` answers with an instance document whose
``streaming_api`` points back at this server unless routed otherwise. Requests to any
other ``/api/v1/streaming/...`` path are streams: connection number ``n`` (from 0) is
served by ``scripts[min(n, len(scripts) - 1)]``, a function receiving a
:class:`StreamConnection`. Every request is recorded (method, path, query, headers);
``stream_times`` holds the ``time.monotonic()`` at which each stream connection arrived.
"""
import base64
import hashlib
import json
import select
import socket
import struct
import threading
import time
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Tuple
from urllib.parse import parse_qs, urlsplit

from tests import entities

#: Upper bound for any wait inside the server (seconds): no test can hang on it.
MAX_WAIT = 10.0


@dataclass
class Request:
    method: str
    path: str
    query: Dict[str, List[str]]
    headers: Dict[str, str]

    def header(self, name: str) -> Optional[str]:
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return None


class StreamConnection:
    """One streaming connection, as seen by a script."""

    def __init__(self, sock: socket.socket, request: Request, index: int) -> None:
        self.sock = sock
        self.request = request
        self.index = index
        self.chunked = True

    def head(self, status: int = 200, reason: str = "OK", chunked: bool = True,
             headers: Optional[Dict[str, str]] = None) -> None:
        """Send the status line and headers (chunked transfer encoding by default)."""
        self.chunked = chunked
        lines = ["HTTP/1.1 %d %s" % (status, reason), "Content-Type: text/event-stream; charset=utf-8",
                 "Cache-Control: no-cache"]
        if chunked:
            lines.append("Transfer-Encoding: chunked")
        else:
            lines.append("Connection: close")
        lines.extend("%s: %s" % item for item in (headers or {}).items())
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("ascii"))

    def send(self, data: bytes) -> None:
        """Send body bytes (as one HTTP chunk when chunked)."""
        if not data:
            return
        if self.chunked:
            data = b"%x\r\n%s\r\n" % (len(data), data)
        self.sock.sendall(data)

    def send_raw(self, data: bytes, pause: float = 0.0, size: int = 0) -> None:
        """Send bytes as they are (no chunk framing), in pieces of ``size`` bytes if given."""
        if not size:
            self.sock.sendall(data)
            return
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for start in range(0, len(data), size):
            self.sock.sendall(data[start:start + size])
            if pause:
                time.sleep(pause)

    def send_pieces(self, pieces: List[bytes], pause: float = 0.0) -> None:
        for piece in pieces:
            self.send(piece)
            if pause:
                time.sleep(pause)

    def end(self) -> None:
        """End the body properly (the zero-length chunk)."""
        if self.chunked:
            self.sock.sendall(b"0\r\n\r\n")

    def wait_closed(self, timeout: float = MAX_WAIT) -> bool:
        """Stay silent until the client closes the connection (True) or ``timeout`` passes."""
        deadline = time.monotonic() + min(timeout, MAX_WAIT)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            readable, _, _ = select.select([self.sock], [], [], min(left, 0.05))
            if readable:
                try:
                    if not self.sock.recv(4096):
                        return True
                except OSError:
                    return True


Script = Callable[[StreamConnection], None]

_WS_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def ws_frame(payload: bytes, opcode: int = 1, fin: bool = True, rsv: int = 0) -> bytes:
    """One server-to-client (unmasked) frame."""
    first = (0x80 if fin else 0) | (rsv << 4) | opcode
    size = len(payload)
    if size < 126:
        head = bytes([first, size])
    elif size < 65536:
        head = bytes([first, 126]) + struct.pack("!H", size)
    else:
        head = bytes([first, 127]) + struct.pack("!Q", size)
    return head + payload


def ws_message(stream, event: str, payload=None) -> bytes:
    """A Mastodon streaming message as a text frame (payload JSON-encoded into a string)."""
    message = {"stream": stream, "event": event}
    if payload is not None:
        message["payload"] = payload if isinstance(payload, str) else json.dumps(payload)
    return ws_frame(json.dumps(message).encode("utf-8"))


class WsConnection:
    """The server end of one WebSocket connection, as seen by a script."""

    def __init__(self, sock: socket.socket, request: Request, index: int) -> None:
        self.sock = sock
        self.request = request
        self.index = index
        self.answer_pings = True
        self.received: List[dict] = []   # every text message received (parsed JSON)
        self.pings = 0
        self._buffer = b""

    def accept(self) -> None:
        key = (self.request.header("Sec-WebSocket-Key") or "").encode("ascii")
        accept = base64.b64encode(hashlib.sha1(key + _WS_GUID).digest())
        self.sock.sendall(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                          b"Sec-WebSocket-Accept: " + accept + b"\r\n\r\n")

    def refuse(self, status: int = 401) -> None:
        body = b'{"error":"refused"}'
        self.sock.sendall(b"HTTP/1.1 %d X\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
                          b"Connection: close\r\n\r\n%s" % (status, len(body), body))

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def event(self, stream, event: str, payload=None) -> None:
        self.sock.sendall(ws_message(stream, event, payload))

    def close(self, code: int = 1000, reason: str = "") -> None:
        """Send a close frame and wait (bounded) for the client's."""
        self.sock.sendall(ws_frame(struct.pack("!H", code) + reason.encode("utf-8"), opcode=8))
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            frame = self.recv_frame(deadline - time.monotonic())
            if frame is None or frame[0] == 8:
                return

    def reset(self) -> None:
        """Drop the connection with a TCP reset."""
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.sock.close()

    def _read(self, size: int, deadline: float) -> Optional[bytes]:
        while len(self._buffer) < size:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            readable, _, _ = select.select([self.sock], [], [], min(left, 0.05))
            if readable:
                piece = self.sock.recv(65536)
                if not piece:
                    raise ConnectionError("client went away")
                self._buffer += piece
        data, self._buffer = self._buffer[:size], self._buffer[size:]
        return data

    def recv_frame(self, timeout: float = MAX_WAIT) -> Optional[Tuple[int, bytes]]:
        """The next client frame (opcode, unmasked payload); None after ``timeout``.
        Pings are answered (unless ``answer_pings`` is False) and also returned."""
        deadline = time.monotonic() + min(timeout, MAX_WAIT)
        head = self._read(2, deadline)
        if head is None:
            return None
        deadline = time.monotonic() + MAX_WAIT  # the rest of a started frame always comes
        opcode, size = head[0] & 0x0F, head[1] & 0x7F
        if size == 126:
            size = struct.unpack("!H", self._read(2, deadline))[0]
        elif size == 127:
            size = struct.unpack("!Q", self._read(8, deadline))[0]
        mask = self._read(4, deadline) if head[1] & 0x80 else b"\0\0\0\0"
        data = self._read(size, deadline) if size else b""
        payload = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
        if opcode == 9:
            self.pings += 1
            if self.answer_pings:
                self.sock.sendall(ws_frame(payload, opcode=10))
        elif opcode == 1:
            self.received.append(json.loads(payload))
        return opcode, payload

    def recv_json(self, timeout: float = MAX_WAIT) -> Optional[dict]:
        """The next text message from the client (pings skipped); None after ``timeout``
        or when the client closes."""
        deadline = time.monotonic() + min(timeout, MAX_WAIT)
        while True:
            frame = self.recv_frame(deadline - time.monotonic())
            if frame is None:
                return None
            if frame[0] == 1:
                return self.received[-1]
            if frame[0] == 8:
                self.sock.sendall(ws_frame(frame[1][:2], opcode=8))
                return None

    def subscriptions(self, count: int, timeout: float = 5.0) -> List[dict]:
        """Wait for ``count`` text messages; returns them."""
        got = []
        while len(got) < count:
            message = self.recv_json(timeout)
            if message is None:
                break
            got.append(message)
        return got

    def serve_until_closed(self, timeout: float = MAX_WAIT) -> None:
        """Keep answering pings and reading messages until the client closes."""
        deadline = time.monotonic() + min(timeout, MAX_WAIT)
        while time.monotonic() < deadline:
            try:
                frame = self.recv_frame(deadline - time.monotonic())
            except ConnectionError:
                return
            if frame is not None and frame[0] == 8:
                self.sock.sendall(ws_frame(frame[1][:2], opcode=8))
                return


def sse(event: str, payload, stream: Optional[list] = None) -> bytes:
    """One event in the wire format Mastodon uses (payload JSON-encoded unless bytes/str)."""
    if isinstance(payload, bytes):
        data = payload
    elif isinstance(payload, str):
        data = payload.encode("utf-8")
    else:
        data = json.dumps(payload).encode("utf-8")
    extra = b"stream: %s\n" % json.dumps(stream).encode() if stream is not None else b""
    return b"event: %s\n%sdata: %s\n\n" % (event.encode("utf-8"), extra, data)


class StreamServer:
    def __init__(self) -> None:
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self._listener.settimeout(0.05)
        self.port = self._listener.getsockname()[1]
        self.url = "http://127.0.0.1:%d" % self.port
        self.requests: List[Request] = []
        self.scripts: List[Script] = []
        self.routes: Dict[str, Tuple[int, bytes]] = {}
        self.stream_times: List[float] = []
        self.ws_scripts: List[Callable[[WsConnection], None]] = []
        self.ws_connections: List[WsConnection] = []
        self.ws_times: List[float] = []
        self.errors: List[BaseException] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads: List[threading.Thread] = []
        self._socks: List[socket.socket] = []
        self._accept = threading.Thread(target=self._accept_loop, daemon=True)

    # -- configuration ------------------------------------------------------------------------
    def route(self, path: str, body, status: int = 200) -> None:
        if not isinstance(body, bytes):
            body = json.dumps(body).encode("utf-8")
        self.routes[path] = (status, body)

    def instance(self, streaming_api: Optional[str] = None) -> None:
        location = streaming_api or self.url.replace("http", "ws")
        self.route("/api/v1/instance/", entities.instance(streaming_api=location))

    @property
    def stream_requests(self) -> List[Request]:
        with self._lock:
            return [r for r in self.requests if _is_stream(r.path)]

    # -- running ------------------------------------------------------------------------------
    def start(self) -> "StreamServer":
        if "/api/v1/instance/" not in self.routes:
            self.instance()
        self._accept.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._accept.join(MAX_WAIT)
        with self._lock:
            socks = list(self._socks)
            threads = list(self._threads)
        for sock in socks:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        for thread in threads:
            thread.join(MAX_WAIT)
        for sock in socks:
            sock.close()
        self._listener.close()

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                sock, _ = self._listener.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            sock.settimeout(MAX_WAIT)
            thread = threading.Thread(target=self._serve, args=(sock,), daemon=True)
            with self._lock:
                self._socks.append(sock)
                self._threads.append(thread)
            thread.start()

    def _serve(self, sock: socket.socket) -> None:
        try:
            request = _read_request(sock)
            if request is None:
                return
            if request.path == "/api/v1/streaming" and (request.header("Upgrade") or "").lower() == "websocket":
                with self._lock:
                    self.requests.append(request)
                    index = len(self.ws_times)
                    self.ws_times.append(time.monotonic())
                    connection = WsConnection(sock, request, index)
                    self.ws_connections.append(connection)
                self.ws_scripts[min(index, len(self.ws_scripts) - 1)](connection)
                return
            with self._lock:
                self.requests.append(request)
                if _is_stream(request.path):
                    index = len(self.stream_times)
                    self.stream_times.append(time.monotonic())
                else:
                    index = -1
            if index < 0:
                status, body = self.routes.get(request.path, (404, b'{"error": "no route"}'))
                sock.sendall(b"HTTP/1.1 %d X\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
                             b"Connection: close\r\n\r\n%s" % (status, len(body), body))
                return
            script = self.scripts[min(index, len(self.scripts) - 1)]
            script(StreamConnection(sock, request, index))
        except (OSError, ConnectionError):
            pass  # the client went away: part of several tests
        except BaseException as err:  # noqa: BLE001 - reported by the tests through .errors
            self.errors.append(err)
        finally:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _is_stream(path: str) -> bool:
    return path.startswith("/api/v1/streaming/") and path != "/api/v1/streaming/health"


def _read_request(sock: socket.socket) -> Optional[Request]:
    data = b""
    while b"\r\n\r\n" not in data:
        piece = sock.recv(65536)
        if not piece:
            return None
        data += piece
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    method, target, _ = head[0].split(" ", 2)
    headers = dict(line.split(": ", 1) for line in head[1:] if ": " in line)
    parts = urlsplit(target)
    return Request(method, parts.path, parse_qs(parts.query, keep_blank_values=True), headers)
