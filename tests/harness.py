"""A real HTTP server on 127.0.0.1 that serves canned answers and records every request.

Usage (through the ``server`` and ``api`` fixtures of conftest.py)::

    server.route("GET", "/api/v1/statuses/1", json=entities.status())
    result = api.status(1)
    req = server.last
    assert (req.method, req.path, req.query) == ("GET", "/api/v1/statuses/1", {})

A route answers with a :class:`Reply`, a list of replies (used in turn, the last one
repeating), or a function ``request -> Reply``. Requests without a route get a 404
whose error text names the missing route, so a test that forgot one fails clearly.
"""
import email.parser
import email.policy
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple, Union
from urllib.parse import parse_qs, urlsplit

from tests import entities


@dataclass
class Reply:
    """What the server answers: JSON (``json``) or raw bytes (``body``)."""
    json: Any = None
    status: int = 200
    headers: Dict[str, str] = field(default_factory=dict)
    body: Optional[bytes] = None
    #: Sleep this long before answering (seconds).
    delay: float = 0.0
    #: Send the body as these pieces, sleeping ``chunk_delay`` between them, with chunked encoding.
    chunks: Optional[Iterable[bytes]] = None
    chunk_delay: float = 0.0
    #: Close the connection without answering.
    drop: bool = False

    def payload(self) -> bytes:
        if self.body is not None:
            return self.body
        if self.json is None:
            return b""
        return json.dumps(self.json).encode("utf-8")


@dataclass
class Recorded:
    """One request as the server saw it."""
    method: str
    path: str
    query: Dict[str, List[str]]
    headers: Dict[str, str]
    body: bytes
    content_type: str = ""
    form: Dict[str, List[str]] = field(default_factory=dict)
    json: Any = None
    #: Multipart file parts: name -> (filename, content type, bytes).
    files: Dict[str, Tuple[str, str, bytes]] = field(default_factory=dict)

    def header(self, name: str) -> Optional[str]:
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return None

    @property
    def params(self) -> Dict[str, List[str]]:
        """Query for GET/HEAD, else the form fields."""
        return self.query if self.method in ("GET", "HEAD") else self.form


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hung up early is part of several tests


Route = Union[Reply, List[Reply], Callable[[Recorded], Reply]]


def _parse_body(recorded: Recorded) -> None:
    ctype = recorded.content_type
    if ctype.startswith("application/x-www-form-urlencoded"):
        recorded.form = parse_qs(recorded.body.decode("utf-8"), keep_blank_values=True)
    elif ctype.startswith("application/json"):
        recorded.json = json.loads(recorded.body.decode("utf-8")) if recorded.body else None
    elif ctype.startswith("multipart/form-data"):
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + ctype.encode() + b"\r\n\r\n" + recorded.body)
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            filename = part.get_param("filename", header="content-disposition")
            content = part.get_payload(decode=True) or b""
            if filename is not None:
                recorded.files[name] = (filename, part.get_content_type(), content)
            else:
                recorded.form.setdefault(name, []).append(content.decode("utf-8"))


class MockServer:
    """The loopback server. ``url`` is its base URL; ``requests`` what it received."""

    def __init__(self, version: str = "4.2.0"):
        self.routes: Dict[Tuple[str, str], Route] = {}
        self.requests: List[Recorded] = []
        self.version = version
        self._lock = threading.Lock()
        self._counters: Dict[Tuple[str, str], int] = {}
        handler = self._make_handler()
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = "http://127.0.0.1:%d" % self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    # -- configuration --------------------------------------------------------------------------
    def route(self, method: str, path: str, reply: Optional[Route] = None, **reply_fields: Any) -> None:
        """Answer ``method path`` (path without query) with ``reply`` or ``Reply(**reply_fields)``."""
        self.routes[(method.upper(), path)] = reply if reply is not None else Reply(**reply_fields)

    @property
    def last(self) -> Recorded:
        assert self.requests, "the server received no request"
        return self.requests[-1]

    def clear(self) -> None:
        with self._lock:
            self.requests.clear()

    def start(self) -> "MockServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # -- serving ------------------------------------------------------------------------------------
    def _reply_for(self, recorded: Recorded) -> Reply:
        key = (recorded.method, recorded.path)
        route = self.routes.get(key)
        if route is None and key == ("GET", "/api/v1/instance/"):
            return Reply(json=entities.instance(version=self.version))
        if route is None:
            return Reply(status=404, json={"error": "test server has no route for %s %s" % key})
        if callable(route):
            return route(recorded)
        if isinstance(route, list):
            with self._lock:
                index = self._counters.get(key, 0)
                self._counters[key] = index + 1
            return route[min(index, len(route) - 1)]
        return route

    def _make_handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                recorded = Recorded(
                    method=self.command, path=parts.path,
                    query=parse_qs(parts.query, keep_blank_values=True),
                    headers=dict(self.headers.items()), body=body,
                    content_type=self.headers.get("Content-Type", ""))
                _parse_body(recorded)
                with server._lock:
                    server.requests.append(recorded)
                reply = server._reply_for(recorded)
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.drop:
                    self.close_connection = True
                    return
                self.log_request(reply.status)
                self.send_response_only(reply.status)
                headers = {"Content-Type": "application/json; charset=utf-8", "Server": "loopback-test",
                           "Date": self.date_time_string()}
                headers.update(reply.headers)
                for key, value in headers.items():
                    self.send_header(key, value)
                if reply.chunks is not None:
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for piece in reply.chunks:
                        if reply.chunk_delay:
                            time.sleep(reply.chunk_delay)
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                        self.wfile.flush()
                    self.wfile.write(b"0\r\n\r\n")
                    return
                payload = reply.payload()
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _handle

        return Handler
