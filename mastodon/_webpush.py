"""Decryption of standard Web Push messages: RFC 8291 with the "aes128gcm" content
encoding of RFC 8188, written on the ``cryptography`` primitives.

The body of such a push is a header and records::

    salt (16 bytes) | rs (4 bytes, big-endian) | idlen (1 byte) | keyid (idlen bytes) | records

``keyid`` is the sender's one-time P-256 public key (65 bytes, uncompressed). From the
ECDH secret of that key and the receiver's private key, the receiver's auth secret and
the salt, HKDF-SHA-256 derives a 16 byte AES-128-GCM key and a 12 byte nonce. Each
record (``rs`` bytes with its 16 byte tag; the last may be shorter) decrypts to data, a
delimiter (``0x01``, or ``0x02`` in the last record) and zero padding.
"""
from __future__ import annotations
from typing import Any

from mastodon.errors import MastodonIllegalArgumentError

_HEADER = 21  # salt, rs, idlen
_TAG = 16
_KEY_INFO = b"WebPush: info\x00"
_CEK_INFO = b"Content-Encoding: aes128gcm\x00"
_NONCE_INFO = b"Content-Encoding: nonce\x00"


def _fail(why: str) -> MastodonIllegalArgumentError:
    return MastodonIllegalArgumentError("Could not decrypt the push message (aes128gcm): %s" % why)


def decrypt_aes128gcm(data: bytes, private_key: Any, auth: bytes) -> bytes:
    """The plaintext of the aes128gcm push ``data`` for ``private_key`` (a
    ``cryptography`` P-256 private key) and the shared ``auth`` secret.

    Anything that does not decrypt (truncated or changed data, another key or secret,
    bad padding) raises :class:`MastodonIllegalArgumentError`.
    """
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    def hkdf(salt: bytes, secret: bytes, info: bytes, length: int) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(secret)

    if len(data) < _HEADER:
        raise _fail("the message is shorter than its header")
    salt = data[:16]
    record_size = int.from_bytes(data[16:20], "big")
    id_length = data[20]
    if record_size <= _TAG + 1:
        raise _fail("invalid record size %d" % record_size)
    sender_bytes = data[_HEADER:_HEADER + id_length]
    if id_length != 65 or len(sender_bytes) != 65:
        raise _fail("the header does not hold the sender's P-256 public key")
    try:
        sender_key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), sender_bytes)
    except ValueError:
        raise _fail("the sender's public key is not a P-256 point") from None
    receiver_bytes = private_key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    shared = private_key.exchange(ec.ECDH(), sender_key)
    ikm = hkdf(auth, shared, _KEY_INFO + receiver_bytes + sender_bytes, 32)
    cipher = AESGCM(hkdf(salt, ikm, _CEK_INFO, 16))
    base_nonce = int.from_bytes(hkdf(salt, ikm, _NONCE_INFO, 12), "big")

    body = data[_HEADER + id_length:]
    if not body:
        raise _fail("the message has no records")
    records = [body[start:start + record_size] for start in range(0, len(body), record_size)]
    plain = []
    for index, record in enumerate(records):
        last = index == len(records) - 1
        if len(record) <= _TAG:
            raise _fail("record %d is too short" % index)
        try:
            padded = cipher.decrypt((base_nonce ^ index).to_bytes(12, "big"), record, None)
        except InvalidTag:
            raise _fail("wrong key or auth secret, or changed data") from None
        content = padded.rstrip(b"\x00")
        if not content or content[-1] != (2 if last else 1):
            raise _fail("record %d has no valid padding delimiter" % index)
        plain.append(content[:-1])
    return b"".join(plain)
