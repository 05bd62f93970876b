"""Reading server-sent events (the ``text/event-stream`` format) from an HTTP response.

Two layers, both built so that Python code runs once per line or per HTTP chunk, never
per byte (the work inside a chunk is done by ``bytes`` methods: ``find``, ``split``,
``replace``, ``decode``):

* :func:`body_chunks` yields the body of a response in pieces as they arrive, and turns
  every transport failure into :class:`StreamFailure` carrying a
  :class:`~mastodon.MastodonNetworkError` (:class:`~mastodon.MastodonReadTimeout` for
  a read timeout);
* :class:`EventParser` turns pieces of any size into heartbeats and events.

Lines may end with LF, CRLF or CR; a line, an event, a CRLF pair or a multi-byte UTF-8
character may be split across pieces: bytes are buffered until a line is complete, and
each complete line is decoded (strictly, as UTF-8; a line that is not is an error). Fields
follow the standard: ``name: value`` (the space after the colon is optional), a line
without a colon is a field with an empty value, a line starting with ``:`` is a comment
(a heartbeat), ``data`` lines are joined with ``\\n``, and a blank line ends the event.
Besides ``event`` and ``data``, the ``stream`` field (Mastodon's name of the stream an
event belongs to) is kept; ``id``, ``retry`` and any other field are ignored.
"""
from __future__ import annotations
import http.client
import socket
import threading
from typing import Any, Callable, Iterator, List, Optional, Tuple

import requests
import urllib3

from mastodon.errors import MastodonError, MastodonNetworkError, MastodonReadTimeout

#: How many bytes to ask for per read: a read returns as soon as anything has arrived,
#: so this only bounds how much of a busy stream is taken at once.
CHUNK_SIZE = 65536

#: Item produced for a comment line.
HEARTBEAT = None

#: An event: (name, data, stream, error). ``error`` is a message (and the other fields
#: are None) when a line of the stream is not valid UTF-8.
Event = Tuple[Optional[str], Optional[str], Optional[str], Optional[str]]

_BOM = b"\xef\xbb\xbf"
_EMPTY: Tuple[()] = ()
_MAX_SIZE_LINE = 1024


class StreamFailure(Exception):
    """Internal: the stream itself failed with ``error`` (a :class:`MastodonError`).

    Lets callers tell stream failures from exceptions raised by listener handlers (which
    may be library exceptions too). ``aborted`` is True when ``on_abort`` was already
    called for it; ``dispatched`` counts the events dispatched before it.
    """

    def __init__(self, error: MastodonError, aborted: bool = False) -> None:
        super().__init__(error)
        self.error = error
        self.aborted = aborted
        self.dispatched = 0


# -- the body ------------------------------------------------------------------------------------
def body_chunks(response: Any, stop: Optional[threading.Event] = None) -> Iterator[Any]:
    """The body of ``response`` in pieces, as they arrive; stops early once ``stop`` is set.

    A ``requests`` response whose body is neither compressed nor partly read is read
    straight from its connection's buffered socket, several HTTP chunks per read (see
    :func:`_dechunk`); anything else (other objects, compressed bodies) through
    ``iter_content(chunk_size=CHUNK_SIZE)``. Failures raise :class:`StreamFailure`.
    """
    try:
        direct = _direct_reader(response)
        if direct is None:
            for chunk in response.iter_content(chunk_size=CHUNK_SIZE):
                if stop is not None and stop.is_set():
                    return
                yield chunk
            return
        read, chunked, length = direct
        if chunked:
            yield from _dechunk(read, stop)
            return
        while length is None or length > 0:
            if stop is not None and stop.is_set():
                return
            chunk = read(CHUNK_SIZE if length is None else min(CHUNK_SIZE, length))
            if not chunk:
                if length:
                    raise http.client.IncompleteRead(b"", length)
                return
            if length is not None:
                length -= len(chunk)
            yield chunk
    except StreamFailure:
        raise
    except Exception as err:  # noqa: BLE001 - socket, urllib3, requests and http.client errors alike
        raise StreamFailure(stream_error(err)) from err


def _direct_reader(response: Any) -> Optional[Tuple[Callable[[int], bytes], bool, Optional[int]]]:
    """(read1 of the socket buffer, chunked?, Content-Length) when ``response`` can be read
    directly: an untouched, uncompressed body of an ``http.client`` response under a
    ``requests`` one. None otherwise."""
    if not isinstance(response, requests.Response) or response._content_consumed:  # type: ignore[attr-defined,unused-ignore]
        return None
    raw = response.raw
    if not isinstance(raw, urllib3.HTTPResponse) or raw.tell() or getattr(raw, "_decoded_buffer", None):
        return None
    if response.headers.get("Content-Encoding", "identity").strip().lower() not in ("identity", ""):
        return None
    fp = getattr(raw, "_fp", None)
    if not isinstance(fp, http.client.HTTPResponse) or fp.fp is None or not hasattr(fp.fp, "read1"):
        return None
    if fp.chunked and fp.chunk_left is not None:
        return None
    return fp.fp.read1, bool(fp.chunked), None if fp.chunked else fp.length


def _dechunk(read: Callable[[int], bytes], stop: Optional[threading.Event]) -> Iterator[bytes]:
    """Decode an HTTP/1.1 chunked body read with ``read`` (a ``read1``).

    Yields, per read, the data of all the chunks it completed or started (partial chunk
    data is passed on at once), joined. Ends after the last (zero-size) chunk; a
    connection that closes before it, or a bad chunk size, raises.
    """
    buf = b""
    pos = 0
    left = 0          # data bytes of the current chunk not read yet
    skip = 0          # bytes of the CRLF after chunk data still to skip
    while True:
        out: List[bytes] = []
        end = len(buf)
        try:
            pos, left, skip = _parse_chunks(buf, pos, end, left, skip, out)
        except Exception:
            if out:  # pass on the data that came before the bad framing
                yield b"".join(out)
            raise
        if pos < 0:  # the last chunk
            if out:
                yield b"".join(out)
            return
        if out:
            yield out[0] if len(out) == 1 else b"".join(out)
        if stop is not None and stop.is_set():
            return
        more = read(CHUNK_SIZE)
        if not more:
            raise http.client.IncompleteRead(b"", left or None)
        buf = buf[pos:] + more if pos < end else more
        pos = 0


def _parse_chunks(buf: bytes, pos: int, end: int, left: int, skip: int, out: List[bytes]) -> Tuple[int, int, int]:
    """Take the chunk data in ``buf[pos:end]`` into ``out``: returns the new (pos, left,
    skip), with pos -1 after the last chunk."""
    while pos < end:
        if left:
            take = left if left <= end - pos else end - pos
            out.append(buf[pos:pos + take])
            pos += take
            left -= take
            if left:
                break
            skip = 2
        if skip:
            step = skip if skip <= end - pos else end - pos
            pos += step
            skip -= step
            if skip:
                break
        newline = buf.find(b"\n", pos)
        if newline < 0:
            if end - pos > _MAX_SIZE_LINE:
                raise http.client.LineTooLong("chunk size")
            break
        line = buf[pos:newline]
        pos = newline + 1
        semicolon = line.find(b";")
        size = int(line if semicolon < 0 else line[:semicolon], 16)  # ValueError: protocol error
        if size < 0:
            raise ValueError("negative chunk size")
        if size == 0:  # the last chunk; trailers are not read
            return -1, 0, 0
        left = size
    return pos, left, skip


def stream_error(err: BaseException) -> MastodonNetworkError:
    """The library exception for a failure while reading a stream."""
    if isinstance(err, MastodonNetworkError):
        return err
    if _is_timeout(err):
        return MastodonReadTimeout("Server ceased communication: nothing received, not even a heartbeat, "
                                   "within the stream timeout (%s)" % (err,))
    return MastodonNetworkError("Server ceased communication: %r" % (err,))


def _is_timeout(err: BaseException) -> bool:
    timeouts = (TimeoutError, socket.timeout, urllib3.exceptions.TimeoutError, requests.exceptions.Timeout)
    seen = set()
    todo: List[Optional[BaseException]] = [err]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, timeouts):
            return True
        todo.extend((current.__cause__, current.__context__))
        todo.extend(arg for arg in current.args if isinstance(arg, BaseException))
    return False


# -- the events ----------------------------------------------------------------------------------
class EventParser:
    """Incremental parser: :meth:`feed` pieces, get back heartbeats and events.

    Every complete line is decoded as UTF-8 (strictly): a line that is not valid UTF-8
    produces an error item at once, and the rest of the event it belongs to is dropped.

    :attr:`pending` tells whether the input so far ends inside an event (an unfinished
    line, or fields not yet closed by a blank line); a stream that ends there was cut off.
    """

    __slots__ = ("_tail", "_skip_lf", "_at_start", "_name", "_data", "_stream", "_other", "_broken")

    def __init__(self) -> None:
        self._tail: List[bytes] = []     # pieces of the unfinished last line
        self._skip_lf = False            # the previous piece ended with CR: drop a leading LF
        self._at_start = True            # no line finished yet (a BOM may open the stream)
        self._name: Optional[str] = None
        self._data: List[str] = []
        self._stream: Optional[str] = None
        self._other = False              # an ignored field was seen in the current event
        self._broken = False             # a line of the current event was not valid UTF-8

    @property
    def pending(self) -> bool:
        """Whether the input read so far stops in the middle of an event."""
        return bool(self._tail or self._data or self._other or self._broken or self._name is not None
                    or self._stream is not None)

    def feed(self, chunk: Any) -> Any:
        """Add ``chunk`` (bytes or bytearray) and return the heartbeats
        (:data:`HEARTBEAT`) and events it completes, in order."""
        if not chunk:
            return _EMPTY
        if self._skip_lf:
            self._skip_lf = False
            if chunk[0] == 10:
                chunk = chunk[1:]
                if not chunk:
                    return _EMPTY
        if b"\r" in chunk:
            # A CR at the very end may be the first half of a CRLF: the line it ends
            # is complete either way, and an LF opening the next piece is dropped.
            self._skip_lf = chunk[-1] == 13
            chunk = chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        if b"\n" not in chunk:
            self._tail.append(bytes(chunk))
            return _EMPTY
        lines = chunk.split(b"\n")
        if self._tail:
            self._tail.append(lines[0])
            lines[0] = b"".join(self._tail)
            self._tail = []
        last = lines.pop()
        if last:
            self._tail.append(last)
        if self._at_start:
            self._at_start = False
            if lines[0].startswith(_BOM):
                lines[0] = lines[0][len(_BOM):]
        return self._lines(lines)

    def _lines(self, lines: List[Any]) -> List[Any]:
        items: List[Any] = []
        data = self._data
        for line in lines:
            if not line:
                if self._broken:  # already reported, at its bad line
                    self._name, self._data, self._stream, self._broken = None, [], None, False
                    data = self._data
                elif self._name is not None or data or self._stream is not None:
                    items.append(self._finish())
                    data = self._data
                self._other = False
                continue
            try:
                if line.startswith(b"data:"):  # the common cases first
                    data.append((line[6:] if line[5:6] == b" " else line[5:]).decode("utf-8"))
                elif line.startswith(b"event:"):
                    self._name = (line[7:] if line[6:7] == b" " else line[6:]).decode("utf-8")
                elif line[0] == 58:  # ":" - a comment
                    line.decode("utf-8")
                    items.append(HEARTBEAT)
                else:
                    field, colon, value = line.decode("utf-8").partition(":")
                    if colon and value[:1] == " ":
                        value = value[1:]
                    if field == "data":
                        data.append(value)
                    elif field == "event":
                        self._name = value
                    elif field == "stream":
                        self._stream = value
                    else:
                        self._other = True
            except UnicodeDecodeError as err:
                items.append((None, None, None, "Line is not valid UTF-8: %s" % err))
                if line[0] != 58:  # a bad comment spoils no event
                    self._broken = True
        return items

    def _finish(self) -> Event:
        name, data, stream = self._name, self._data, self._stream
        self._name, self._data, self._stream = None, [], None
        return name, (data[0] if len(data) == 1 else "\n".join(data)) if data else None, stream, None
