"""Reading the body of an answer within the request's deadline.

``request_timeout`` bounds a whole call, not each socket read: a server that trickles
its body byte by byte cannot keep a call open past the deadline fixed before the
request was sent. The readers never touch a socket that urllib3 has given back to its
connection pool (several threads share the pool).
"""
from __future__ import annotations
import socket
import threading
import time
from typing import Any, Optional

import requests
import urllib3

from mastodon.errors import MastodonNetworkError

#: How much of the body one socket read asks for.
_CHUNK = 65536


def total_timeout(timeout: Any) -> Optional[float]:
    if timeout is None:
        return None
    if isinstance(timeout, (tuple, list)):
        return sum(t for t in timeout if t is not None) or None
    return float(timeout)


def read_body(response: Any, deadline: Optional[float], timeout: Optional[float]) -> Any:
    """Read the body of a streamed response, by ``deadline`` (a ``time.monotonic()`` value
    fixed before the request was sent; ``timeout`` is only for the message).

    A server that trickles its body cannot keep the call open past the deadline: each
    socket read may only wait for what is left of it.

    urllib3 gives the connection back to its pool as soon as the last byte is read (the
    pool may hand it to another thread at once, or close it when it is full), so the
    socket is looked up afresh before every read and never touched once the response
    has let go of its connection.
    """
    raw = getattr(response, "raw", None)
    if deadline is None or not isinstance(response, requests.Response) or not isinstance(raw, urllib3.HTTPResponse):
        return response.content
    if not hasattr(raw, "read1"):  # urllib3 older than 2.2
        return _read_body_watched(response, deadline, timeout)
    chunks = []
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise MastodonNetworkError("Could not complete request: the response took longer than %ss" % timeout)
            # Only this thread's reads can release the connection: while the response
            # still holds it, its socket is ours.
            sock = getattr(raw.connection, "sock", None)
            if sock is not None:
                sock.settimeout(left)
            chunk = raw.read1(_CHUNK, decode_content=True)
            if not chunk:
                break
            chunks.append(chunk)
    except MastodonNetworkError:
        response.close()
        raise
    except (urllib3.exceptions.HTTPError, OSError, requests.RequestException) as err:
        response.close()
        raise MastodonNetworkError("Could not complete request: %s" % err) from err
    body = b"".join(chunks)
    response._content = body
    response._content_consumed = True  # type: ignore[attr-defined,unused-ignore]
    response.close()
    return body


def _read_body_watched(response: Any, deadline: float, timeout: Optional[float]) -> Any:
    """``read_body`` for urllib3 versions without ``HTTPResponse.read1``: read the whole
    body at once while a timer shuts the socket down at the deadline.

    The response is kept from giving its connection back to the pool while the timer
    may fire (its ``_pool`` is taken away during the read); the connection goes back
    only after the timer is disarmed under the same lock, so the timer can never shut
    down a socket that another request is using.
    """
    left = deadline - time.monotonic()
    if left <= 0:
        response.close()
        raise MastodonNetworkError("Could not complete request: the response took longer than %ss" % timeout)
    raw = response.raw
    connection = getattr(raw, "_connection", None)
    sock = getattr(connection, "sock", None)
    pool = getattr(raw, "_pool", None)
    if sock is None or pool is None:
        return response.content  # nothing to watch (or not a pooled connection)
    expired = threading.Event()
    lock = threading.Lock()
    state = {"done": False}

    def cut() -> None:
        with lock:
            if state["done"]:
                return
            expired.set()
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    raw._pool = None  # release_conn() now keeps the connection with the response
    sock.settimeout(left)
    timer = threading.Timer(left, cut)
    timer.daemon = True
    timer.start()
    try:
        body = response.content
        failure: Optional[BaseException] = None
    except (urllib3.exceptions.HTTPError, OSError, requests.RequestException) as err:
        failure = err
    finally:
        timer.cancel()
        with lock:
            state["done"] = True
        raw._pool = pool
    if failure is None and not expired.is_set():
        raw.release_conn()  # the whole body is in: the connection may be reused
        return body
    response.close()
    if raw._connection is not None:
        raw._connection.close()
        raw._connection = None
    if expired.is_set():
        raise MastodonNetworkError(
            "Could not complete request: the response took longer than %ss" % timeout) from failure
    raise MastodonNetworkError("Could not complete request: %s" % failure) from failure


