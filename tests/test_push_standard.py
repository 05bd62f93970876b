"""Standard Web Push (RFC 8291, "aes128gcm"): standard=True subscriptions, and decryption
checked against the RFC's worked example and against http_ece, an independent
implementation, in both directions."""
import base64
import json
import os
import struct

import http_ece
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from mastodon import MastodonIllegalArgumentError, MastodonVersionError
from mastodon.utility import AttribAccessDict
from tests import entities_instance as more

ENDPOINT = "https://relay.example.org/push/abc123"


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def public_bytes(key):
    return key.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)


def standard_encrypt(payload, pubkey, auth, record_size=4096, salt=None):
    """What a Mastodon server sends to a standard subscription, made by http_ece: a
    one-time P-256 key, "aes128gcm" content encoding, the key in the body header."""
    data = payload if isinstance(payload, bytes) else json.dumps(payload).encode("utf-8")
    return http_ece.encrypt(data, salt=salt or os.urandom(16), private_key=ec.generate_private_key(ec.SECP256R1()),
                            dh=pubkey, auth_secret=auth, version="aes128gcm", rs=record_size)


@pytest.fixture
def keys(api):
    return api.push_subscription_generate_keys()


@pytest.fixture
def api44(make_api):
    return make_api(mastodon_version="4.4.0", ratelimit_method="throw")


# -- RFC 8291, Appendix A ---------------------------------------------------------------------------
RFC_BODY = ("DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wE"
            "qKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN")
RFC_UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94"
RFC_UA_PUBLIC = ("BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4")
RFC_AUTH = "BTBZMqHH6r4Tts7J_aSIgg"


def test_rfc_8291_example(api):
    """The worked example of the RFC: its plaintext is not JSON, so decrypting gets as
    far as the JSON decoding, which proves the decryption itself succeeded."""
    from mastodon._webpush import decrypt_aes128gcm
    private = int.from_bytes(b64url_decode(RFC_UA_PRIVATE), "big")
    key = ec.derive_private_key(private, ec.SECP256R1())
    assert public_bytes(key) == b64url_decode(RFC_UA_PUBLIC)
    assert decrypt_aes128gcm(b64url_decode(RFC_BODY), key, b64url_decode(RFC_AUTH)) == \
        b"When I grow up, I want to be a watermelon"
    with pytest.raises(MastodonIllegalArgumentError, match="not JSON"):
        api.push_subscription_decrypt_push(b64url_decode(RFC_BODY), {"privkey": private, "auth": b64url_decode(RFC_AUTH)},
                                           None, None)


# -- standard=True subscriptions --------------------------------------------------------------------
def test_push_subscription_set_standard(api44, server, keys):
    priv, pub = keys
    server.route("POST", "/api/v1/push/subscription", json=more.push_subscription(standard=True))
    result = api44.push_subscription_set(ENDPOINT, pub, mention_events=True, standard=True)
    request = server.last
    assert (request.method, request.path) == ("POST", "/api/v1/push/subscription")
    assert request.form == {
        "subscription[endpoint]": [ENDPOINT],
        "subscription[keys][p256dh]": [base64.b64encode(pub["pubkey"]).decode()],
        "subscription[keys][auth]": [base64.b64encode(pub["auth"]).decode()],
        "subscription[standard]": ["1"], "data[alerts][mention]": ["1"],
        "policy": ["all"], "data[policy]": ["all"]}
    assert result.standard is True and result.id == 328183
    api44.push_subscription_set(ENDPOINT, pub, standard=False)
    assert server.last.form["subscription[standard]"] == ["0"]
    api44.push_subscription_set(ENDPOINT, pub)
    assert "subscription[standard]" not in server.last.form


def test_push_subscription_set_standard_needs_4_4(api, server, keys):
    with pytest.raises(MastodonVersionError, match="standard"):
        api.push_subscription_set(ENDPOINT, keys[1], standard=True)
    assert server.requests == []


# -- http_ece encrypts, we decrypt ------------------------------------------------------------------
def test_decrypt_standard_push_for_our_keys(api, keys):
    priv, pub = keys
    payload = more.push_payload(notification_type="quote", title="Bob quoted your post")
    result = api.push_subscription_decrypt_push(standard_encrypt(payload, pub["pubkey"], pub["auth"]), priv, None, None)
    assert isinstance(result, AttribAccessDict)
    assert result == more.push_payload(notification_type="quote", title="Bob quoted your post")
    assert result.notification_type == "quote"


def test_decrypt_standard_push_for_what_we_subscribed_with(api44, server, keys):
    """The keys as the server receives them (standard base64 in the form) are what a server
    encrypts for; the push decrypts with our private dict, and http_ece agrees."""
    priv, pub = keys
    server.route("POST", "/api/v1/push/subscription", json=more.push_subscription(standard=True))
    api44.push_subscription_set(ENDPOINT, pub, standard=True)
    form = server.last.form
    pubkey = base64.b64decode(form["subscription[keys][p256dh]"][0])
    auth = base64.b64decode(form["subscription[keys][auth]"][0])
    body = standard_encrypt(more.push_payload(), pubkey, auth)
    assert api44.push_subscription_decrypt_push(body, priv, None, None).title == "You were mentioned by Bob"
    # http_ece reads the same body with our private key: our key material is standard
    own_key = ec.derive_private_key(priv["privkey"], ec.SECP256R1())
    plain = http_ece.decrypt(body, private_key=own_key, auth_secret=priv["auth"], version="aes128gcm")
    assert json.loads(plain)["title"] == "You were mentioned by Bob"


def test_decrypt_standard_push_for_foreign_keys(api):
    """Keys made elsewhere (a key object and a secret, as a browser holds them) work too."""
    key = ec.generate_private_key(ec.SECP256R1())
    auth = os.urandom(16)
    body = standard_encrypt(more.push_payload(), public_bytes(key), auth)
    result = api.push_subscription_decrypt_push(body, {"privkey": key, "auth": auth}, None, None)
    assert result.notification_id == "34975861"
    result = api.push_subscription_decrypt_push(bytearray(body), {"privkey": key.private_numbers().private_value,
                                                                 "auth": auth}, None, "p256ecdsa=ignored")
    assert result.notification_id == "34975861"


@pytest.mark.parametrize("record_size", [18 + 16, 50, 100, 4096])
def test_decrypt_standard_push_of_several_records(api, keys, record_size):
    priv, pub = keys
    payload = more.push_payload(body="x" * 300)
    body = standard_encrypt(payload, pub["pubkey"], pub["auth"], record_size=record_size)
    assert api.push_subscription_decrypt_push(body, priv, None, None).body == "x" * 300


def test_decrypt_padded_standard_push(api, keys):
    """A record with padding after the delimiter (as servers may add) decrypts too."""
    priv, pub = keys
    salt = os.urandom(16)
    sender = ec.generate_private_key(ec.SECP256R1())
    key, nonce = http_ece.derive_key("encrypt", version="aes128gcm", salt=salt, key=None, private_key=sender,
                                     dh=pub["pubkey"], auth_secret=pub["auth"], keyid=None)
    record = AESGCM(key).encrypt(nonce, b'{"title": "padded"}\x02' + b"\x00" * 40, None)
    body = salt + struct.pack("!LB", 4096, 65) + public_bytes(sender) + record
    assert api.push_subscription_decrypt_push(body, priv, None, None).title == "padded"


# -- what does not decrypt is a library error -------------------------------------------------------
def crafted(pub, plaintexts):
    """A body whose records are the given plaintexts, delimiters included (to test bad
    ones); the record size is that of the first record."""
    record_size = len(plaintexts[0]) + 16
    salt = os.urandom(16)
    sender = ec.generate_private_key(ec.SECP256R1())
    key, nonce = http_ece.derive_key("encrypt", version="aes128gcm", salt=salt, key=None, private_key=sender,
                                     dh=pub["pubkey"], auth_secret=pub["auth"], keyid=None)
    base = int.from_bytes(nonce, "big")
    records = b"".join(AESGCM(key).encrypt((base ^ i).to_bytes(12, "big"), text, None)
                       for i, text in enumerate(plaintexts))
    return salt + struct.pack("!LB", record_size, 65) + public_bytes(sender) + records


def test_decrypt_standard_push_failures(api, keys):
    priv, pub = keys
    good = standard_encrypt(more.push_payload(), pub["pubkey"], pub["auth"])
    other_priv, _ = api.push_subscription_generate_keys()
    tampered = bytearray(good)
    tampered[-3] ^= 0x40
    bad_header = bytearray(good)
    bad_header[5] ^= 0x01  # the salt: other keys are derived
    cases = [
        (bytes(tampered), priv, "changed data"),
        (bytes(bad_header), priv, "changed data"),
        (good[:-1], priv, "changed data"),
        (good, other_priv, "changed data"),
        (good, dict(priv, auth=os.urandom(16)), "changed data"),
        (good[:20], priv, "shorter than its header"),
        (good[:86], priv, "no records"),
        (good[:86] + b"\x00" * 10, priv, "too short"),
        (good[:16] + struct.pack("!L", 10) + good[20:], priv, "record size"),
        (good[:20] + b"\x05" + good[21:], priv, "public key"),
        (good[:21] + b"\x04" + b"\x07" * 64 + good[86:], priv, "not a P-256 point"),
        (crafted(pub, [b"data\x01"]), priv, "delimiter"),
        (crafted(pub, [b"\x00\x00"]), priv, "delimiter"),
        (crafted(pub, [b"abc\x02", b"def\x02"]), priv, "delimiter"),
        (crafted(pub, [b"abc\x01", b"def\x01"]), priv, "delimiter"),
        (b"", priv, "shorter"),
    ]
    for body, params, words in cases:
        with pytest.raises(MastodonIllegalArgumentError, match=words):
            api.push_subscription_decrypt_push(body, params, None, None)


def test_decrypt_standard_push_of_two_crafted_records(api, keys):
    priv, pub = keys
    body = crafted(pub, [b'{"title": \x01', b'"two"}\x02'])
    assert api.push_subscription_decrypt_push(body, priv, None, None).title == "two"


def test_legacy_push_is_not_read_as_standard(api, keys):
    """An "aesgcm" body given without its headers fails cleanly."""
    priv, pub = keys
    ephemeral = ec.generate_private_key(ec.SECP256R1())
    body = http_ece.encrypt(b'{"a": 1}', salt=os.urandom(16), private_key=ephemeral, dh=pub["pubkey"],
                            auth_secret=pub["auth"], keylabel="P-256", version="aesgcm")
    with pytest.raises(MastodonIllegalArgumentError, match="aes128gcm"):
        api.push_subscription_decrypt_push(body, priv, None, None)


@pytest.mark.parametrize("privkey", [ec.generate_private_key(ec.SECP384R1()), "123", True])
def test_decrypt_standard_push_bad_private_key(api, keys, privkey):
    priv, pub = keys
    body = standard_encrypt(more.push_payload(), pub["pubkey"], pub["auth"])
    with pytest.raises(MastodonIllegalArgumentError, match="private key"):
        api.push_subscription_decrypt_push(body, {"privkey": privkey, "auth": priv["auth"]}, None, None)
