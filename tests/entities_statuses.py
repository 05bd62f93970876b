"""More entity JSON for the status, media and timeline tests (see tests/entities.py), and
small real media files built byte by byte."""
import struct
import zlib

from tests import entities
from tests.entities import CREATED, _merge


def scheduled_status(id="3221", **kw):
    return _merge({
        "id": id, "scheduled_at": "2030-01-02T03:04:05.000Z",
        "params": {"text": "Later!", "poll": None, "media_ids": ["110000000000000001"], "sensitive": None,
                   "spoiler_text": None, "visibility": "unlisted", "in_reply_to_id": None, "language": "en",
                   "application_id": 596551, "scheduled_at": None, "idempotency": None, "with_rate_limit": False},
        "media_attachments": [entities.media_attachment()],
    }, kw)


def context(**kw):
    return _merge({"ancestors": [entities.status(id="110123456789000001")],
                   "descendants": [entities.status(id="110123456789999999", in_reply_to_id="110123456789012345",
                                                   in_reply_to_account_id="109382")]}, kw)


def status_edit(**kw):
    return _merge({"content": "<p>Look at this photo</p>", "spoiler_text": "", "sensitive": False,
                   "created_at": CREATED, "account": entities.account(), "media_attachments": [], "emojis": [],
                   "poll": {"options": [{"title": "accept"}, {"title": "deny"}]}}, kw)


def status_source(id="110123456789012345", **kw):
    return _merge({"id": id, "text": "Look at this #birds photo", "spoiler_text": ""}, kw)


def conversation(id="418450", **kw):
    return _merge({"id": id, "unread": True, "accounts": [entities.account(id="109383", acct="bob@other.example")],
                   "last_status": entities.status(visibility="direct")}, kw)


def account_list(id="12249", **kw):
    return _merge({"id": id, "title": "Birders", "replies_policy": "list", "exclusive": False}, kw)


# -- real media files ---------------------------------------------------------------------------
def png(width=4, height=3):
    """A valid RGB PNG image (a small gradient)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + b"".join(bytes((x * 60 % 256, y * 80 % 256, 128)) for x in range(width))
                    for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def avi(width=4, height=4, frames=3, fps=10):
    """A valid uncompressed AVI video (RIFF, 24-bit DIB frames, with an idx1 index)."""
    def chunk(fourcc, data):
        pad = b"\x00" if len(data) % 2 else b""
        return fourcc + struct.pack("<I", len(data)) + data + pad

    def lst(kind, payload):
        return chunk(b"LIST", kind + payload)

    row_bytes = (width * 3 + 3) & ~3
    frame_size = row_bytes * height
    avih = struct.pack("<IIIIIIIIII4I", 1000000 // fps, frame_size * fps, 0, 0x10, frames, 0, 1,
                       frame_size, width, height, 0, 0, 0, 0)
    strh = struct.pack("<4s4sIHHIIIIIIIIhhhh", b"vids", b"DIB ", 0, 0, 0, 0, 1, fps, 0, frames,
                       frame_size, 0xFFFFFFFF, 0, 0, 0, width, height)
    strf = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, frame_size, 0, 0, 0, 0)
    hdrl = lst(b"hdrl", chunk(b"avih", avih) + lst(b"strl", chunk(b"strh", strh) + chunk(b"strf", strf)))
    movi_chunks = []
    index = []
    offset = 4  # offsets in idx1 count from the "movi" fourcc
    for n in range(frames):
        row = b"".join(bytes((n * 80 % 256, x * 60 % 256, 200)) for x in range(width))
        frame = (row + b"\x00" * (row_bytes - len(row))) * height
        data = chunk(b"00db", frame)
        movi_chunks.append(data)
        index.append(struct.pack("<4sIII", b"00db", 0x10, offset, frame_size))
        offset += len(data)
    movi = lst(b"movi", b"".join(movi_chunks))
    body = b"AVI " + hdrl + movi + chunk(b"idx1", b"".join(index))
    return b"RIFF" + struct.pack("<I", len(body)) + body
