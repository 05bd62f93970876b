"""A raw-socket HTTP server on 127.0.0.1 for streaming tests, with byte-level control.

Plain routes (``route(path, body=..., status=...)``) answer with a fixed body and close
the connection; ``GET /api/v1/instance/`` answers with an instance document whose
``streaming_api`` points back at this server unless routed otherwise. Requests to any
other ``/api/v1/streaming/...`` path are streams: connection number ``n`` (from 0) is
served by ``scripts[min(n, len(scripts) - 1)]``, a function receiving a
:class:`StreamConnection`. Every request is recorded (method, path, query, headers);
``stream_times`` holds the ``time.monotonic()`` at which each stream connection arrived.
"""
import json
import select
import socket
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
        except OSError:
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
