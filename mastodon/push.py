"""Web push subscriptions and decryption (manual section 3.9.3).

The server encrypts each push for the subscription's public key with the "aesgcm"
content encoding of Web Push (ECDH on P-256, HKDF with the shared auth secret, AES-GCM);
the cryptography is done by the ``cryptography`` and ``http_ece`` packages.
"""
from __future__ import annotations
import base64
import binascii
import logging
import os
import re
from typing import Any, Dict, Optional, Tuple
from urllib.parse import urlsplit

from mastodon._convert import loads
from mastodon._core import RequestCore
from mastodon._webpush import decrypt_aes128gcm
from mastodon._validate import check_choice
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.return_types import PushNotification, WebPushSubscription
from mastodon.utility import api_version

log = logging.getLogger("mastodon")

#: Alert parameter -> notification type, sent as ``data[alerts][<type>]``.
_ALERTS = (
    ("follow_events", "follow"),
    ("favourite_events", "favourite"),
    ("reblog_events", "reblog"),
    ("mention_events", "mention"),
    ("poll_events", "poll"),
    ("follow_request_events", "follow_request"),
    ("status_events", "status"),
    ("update_events", "update"),
    ("admin_sign_up_events", "admin.sign_up"),
    ("admin_report_events", "admin.report"),
    ("quote_events", "quote"),
    ("quoted_update_events", "quoted_update"),
)
_POLICIES = ("all", "none", "follower", "followed")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def _crypto() -> Tuple[Any, Any, Any]:
    """The crypto modules (ec, serialization, http_ece), or NotImplementedError."""
    try:
        import http_ece
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ec
    except ImportError as err:  # pragma: no cover - both are installed with the library
        raise NotImplementedError(
            "Web push cryptography needs the 'cryptography' and 'http_ece' packages "
            "(pip install Mastodon.py[webpush]): %s" % err) from err
    return ec, serialization, http_ece


def _alert_params(values: Dict[str, Any]) -> Dict[str, Any]:
    """``data[alerts][<type>]`` for every alert argument that is not None."""
    return {"data[alerts][%s]" % kind: bool(values[name])
            for name, kind in _ALERTS if values.get(name) is not None}


def _policy_params(policy: Optional[str]) -> Dict[str, Any]:
    # 1.8.0 sends a top-level "policy"; Mastodon reads it as data[policy]. Send both.
    return {"policy": policy, "data[policy]": policy}


def _endpoint_url(endpoint: Any) -> str:
    if not isinstance(endpoint, str) or not endpoint.strip():
        raise MastodonIllegalArgumentError("endpoint must be the https URL pushes are sent to, got %r" % (endpoint,))
    endpoint = endpoint.strip()
    if not _SCHEME.match(endpoint):  # as 1.8.0: a URL without a scheme gets https://
        endpoint = "https://" + endpoint
    parts = urlsplit(endpoint)
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http") or not parts.netloc:
        raise MastodonIllegalArgumentError("endpoint must be an https URL, got %r" % (endpoint,))
    if scheme == "http":
        log.warning("Push endpoint %s is not https; Mastodon servers require https", endpoint)
    return endpoint


def _key_b64(encrypt_params: Any, key: str) -> str:
    """Standard base64 (with padding) of ``encrypt_params[key]``; a str is taken as
    already encoded."""
    if not isinstance(encrypt_params, dict) or key not in encrypt_params:
        raise MastodonIllegalArgumentError(
            "encrypt_params must be the public dict from push_subscription_generate_keys() "
            "(with 'pubkey' and 'auth'), missing %r" % key)
    value = encrypt_params[key]
    if isinstance(value, str) and value:
        return value
    if isinstance(value, (bytes, bytearray, memoryview)) and len(value):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise MastodonIllegalArgumentError("encrypt_params[%r] must be bytes, got %r" % (key, value))


def _header_params(name: str, header: Any) -> Dict[str, str]:
    """The ``key=value`` pairs of an Encryption or Crypto-Key header (``;`` or ``,``
    separated; keys lower-cased, quotes removed)."""
    if isinstance(header, (bytes, bytearray)):
        try:
            header = bytes(header).decode("ascii")
        except UnicodeDecodeError:
            header = None
    if not isinstance(header, str):
        raise MastodonIllegalArgumentError("The %s header must be a string, got %r" % (name, header))
    params: Dict[str, str] = {}
    for item in header.replace(",", ";").split(";"):
        key, sep, value = item.partition("=")
        if sep:
            params.setdefault(key.strip().lower(), value.strip().strip('"'))
    return params


def _b64_param(name: str, params: Dict[str, str], key: str) -> bytes:
    """Decode the base64url (padding optional) value ``key`` of a header."""
    value = params.get(key)
    if not value:
        raise MastodonIllegalArgumentError("The %s header has no %s= value" % (name, key))
    text = value.rstrip("=").replace("+", "-").replace("/", "_")
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError):
        raise MastodonIllegalArgumentError("The %s= value of the %s header is not base64" % (key, name)) from None


class PushMixin(RequestCore):
    """Web push subscriptions and decryption endpoints."""

    @api_version("2.4.0", "2.4.0", "2.4.0")
    def push_subscription(self) -> WebPushSubscription:
        """Fetch the current push subscription the logged-in user has for this app.

        Returns a push subscription dict.
        """
        return self._request("GET", "/api/v1/push/subscription")

    @api_version("2.4.0", "2.4.0", "2.4.0", params={"standard": "4.4.0"})
    def push_subscription_set(self, endpoint: str, encrypt_params: Dict[str, Any],
                              follow_events: Optional[bool] = None, favourite_events: Optional[bool] = None,
                              reblog_events: Optional[bool] = None, mention_events: Optional[bool] = None,
                              poll_events: Optional[bool] = None, follow_request_events: Optional[bool] = None,
                              status_events: Optional[bool] = None, policy: str = "all",
                              update_events: Optional[bool] = None, admin_sign_up_events: Optional[bool] = None,
                              admin_report_events: Optional[bool] = None, quote_events: Optional[bool] = None,
                              quoted_update_events: Optional[bool] = None,
                              standard: Optional[bool] = None) -> WebPushSubscription:
        """Set up or replace the push subscription the logged-in user has for this app
        (Mastodon allows one per user and app).

        ``endpoint`` is the URL Mastodon should push to; Mastodon requires https
        (``https://`` is prepended to a URL without a scheme; a scheme other than https
        or http raises :class:`MastodonIllegalArgumentError`). ``encrypt_params`` is the
        public dict from :meth:`push_subscription_generate_keys`: the public key
        ``pubkey`` and the shared secret ``auth``, sent in standard base64.

        ``policy`` controls who can cause pushes: ``"all"``, ``"none"``, ``"follower"`` or
        ``"followed"`` (anything else raises :class:`MastodonIllegalArgumentError`).

        The ``*_events`` arguments choose the notification types to push: each one that
        is not None is sent as the alert of its type (``follow``, ``favourite``,
        ``reblog``, ``mention``, ``poll``, ``follow_request``, ``status``, ``update``,
        ``admin.sign_up``, ``admin.report``, ``quote``, ``quoted_update``).

        ``standard=True`` (Mastodon 4.4.0 and newer) asks for standard Web Push (RFC 8030,
        RFC 8291 "aes128gcm" encryption, RFC 8292 VAPID) instead of the legacy draft
        ("aesgcm") encoding; :meth:`push_subscription_decrypt_push` decrypts both.

        Returns a push subscription dict.
        """
        check_choice("policy", policy, _POLICIES, required=True)
        params = {
            "subscription[endpoint]": _endpoint_url(endpoint),
            "subscription[keys][p256dh]": _key_b64(encrypt_params, "pubkey"),
            "subscription[keys][auth]": _key_b64(encrypt_params, "auth"),
            "subscription[standard]": None if standard is None else bool(standard),
        }
        params.update(_alert_params(locals()))
        params.update(_policy_params(policy))
        return self._request("POST", "/api/v1/push/subscription", params)

    @api_version("2.4.0", "2.4.0", "2.4.0")
    def push_subscription_update(self, follow_events: Optional[bool] = None,
                                 favourite_events: Optional[bool] = None, reblog_events: Optional[bool] = None,
                                 mention_events: Optional[bool] = None, poll_events: Optional[bool] = None,
                                 follow_request_events: Optional[bool] = None,
                                 status_events: Optional[bool] = None, policy: Optional[str] = None,
                                 update_events: Optional[bool] = None, admin_sign_up_events: Optional[bool] = None,
                                 admin_report_events: Optional[bool] = None, quote_events: Optional[bool] = None,
                                 quoted_update_events: Optional[bool] = None) -> WebPushSubscription:
        """Change which kinds of events the app's push subscription delivers.

        The ``*_events`` arguments are those of :meth:`push_subscription_set`; each one
        that is not None is sent. ``policy`` (``"all"``, ``"none"``, ``"follower"`` or
        ``"followed"``) is sent when given.

        Returns the updated push subscription dict.
        """
        params = _alert_params(locals())
        if policy is not None:
            check_choice("policy", policy, _POLICIES, required=True)
            params.update(_policy_params(policy))
        return self._request("PUT", "/api/v1/push/subscription", params)

    @api_version("2.4.0", "2.4.0", "2.4.0")
    def push_subscription_delete(self) -> None:
        """Remove the push subscription the logged-in user has for this app.

        Returns None.
        """
        self._request("DELETE", "/api/v1/push/subscription")

    def push_subscription_generate_keys(self) -> Tuple[Dict[str, Any], Dict[str, Any]]:
        """Generate a private key, public key and shared secret for a web push
        subscription: a new P-256 key pair and 16 random bytes.

        Returns two dicts: the private one, ``{"privkey": <int>, "auth": <bytes>}``, to
        keep for :meth:`push_subscription_decrypt_push`, and the public one,
        ``{"pubkey": <65 bytes, uncompressed point>, "auth": <the same bytes>}``, to pass
        to :meth:`push_subscription_set`.
        """
        ec, serialization, _ = _crypto()
        private_key = ec.generate_private_key(ec.SECP256R1())
        public_bytes = private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
        auth = os.urandom(16)
        private = {"privkey": private_key.private_numbers().private_value, "auth": auth}
        public = {"pubkey": public_bytes, "auth": auth}
        return private, public

    @api_version("2.4.0", "2.4.0", "2.4.0")
    def push_subscription_decrypt_push(self, data: bytes, decrypt_params: Dict[str, Any],
                                       encryption_header: Optional[str],
                                       crypto_key_header: Optional[str]) -> PushNotification:
        """Decrypt ``data``, the body of a web push request sent by Mastodon. No request
        is made.

        ``decrypt_params`` is the private dict from :meth:`push_subscription_generate_keys`
        (``privkey``: the private key as an int, or a ``cryptography`` P-256 private key
        object; ``auth``: the shared secret).

        Two encodings exist, told apart by the headers of the push request:

        - legacy subscriptions (the default) use the "aesgcm" encoding: pass the values
          of the ``Encryption`` (with ``salt=``) and ``Crypto-Key`` (with ``dh=``, the
          server's one-time public key) headers;
        - standard subscriptions (``standard=True`` in :meth:`push_subscription_set`,
          Mastodon 4.4.0 and newer; ``Content-Encoding: aes128gcm``) carry everything in
          the body (RFC 8291): pass None as ``encryption_header`` (``crypto_key_header``
          is then not needed, pass None).

        Data that does not decrypt (tampered with, or encrypted for another key), a
        malformed header or unusable keys raise :class:`MastodonIllegalArgumentError`,
        never an exception of the cryptography packages.

        Returns the decoded push as a push notification dict, converted like any API
        response.
        """
        ec, _, http_ece = _crypto()
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise MastodonIllegalArgumentError(
                "data must be the raw bytes of the push body, got %s" % type(data).__name__)
        standard = encryption_header is None
        if not standard:
            encryption = _header_params("Encryption", encryption_header)
            salt = _b64_param("Encryption", encryption, "salt")
            dh = _b64_param("Crypto-Key", _header_params("Crypto-Key", crypto_key_header), "dh")
            try:
                record_size = int(encryption.get("rs", 4096))
            except ValueError:
                raise MastodonIllegalArgumentError("The rs= value of the Encryption header is not a number") from None
        if not isinstance(decrypt_params, dict) or "privkey" not in decrypt_params or "auth" not in decrypt_params:
            raise MastodonIllegalArgumentError(
                "decrypt_params must be the private dict from push_subscription_generate_keys() "
                "(with 'privkey' and 'auth')")
        privkey, auth = decrypt_params["privkey"], decrypt_params["auth"]
        if not isinstance(auth, (bytes, bytearray)) or not auth:
            raise MastodonIllegalArgumentError("decrypt_params['auth'] must be the bytes of the shared secret")
        try:
            if isinstance(privkey, ec.EllipticCurvePrivateKey):
                private_key = privkey
            elif isinstance(privkey, int) and not isinstance(privkey, bool):
                private_key = ec.derive_private_key(privkey, ec.SECP256R1())
            else:
                raise TypeError("privkey must be an int, got %s" % type(privkey).__name__)
        except (TypeError, ValueError) as err:
            raise MastodonIllegalArgumentError("Unusable private key in decrypt_params: %s" % err) from None
        if not isinstance(private_key.curve, ec.SECP256R1):
            raise MastodonIllegalArgumentError("Unusable private key in decrypt_params: not a P-256 key")
        if standard:
            plain = decrypt_aes128gcm(bytes(data), private_key, bytes(auth))
        else:
            try:
                plain = http_ece.decrypt(bytes(data), salt=salt, private_key=private_key, dh=dh,
                                         auth_secret=bytes(auth), keylabel="P-256", rs=record_size,
                                         version="aesgcm")
            except Exception as err:  # noqa: BLE001 - http_ece and cryptography raise many types
                log.debug("Web push decryption failed: %r", err)
                raise MastodonIllegalArgumentError(
                    "Could not decrypt the push message (tampered data, wrong key or bad headers): %s"
                    % (getattr(err, "message", None) or err)) from None
        try:
            return loads(plain.decode("utf-8"))
        except ValueError:  # UnicodeDecodeError is a ValueError
            raise MastodonIllegalArgumentError("The decrypted push message is not JSON") from None
