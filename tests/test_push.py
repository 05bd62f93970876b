"""Web push: subscription endpoints, key generation, and decryption of real "aesgcm"
pushes encrypted here the way a Mastodon server does it."""
import base64
import json
import os

import http_ece
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from mastodon import MastodonIllegalArgumentError, MastodonVersionError
from mastodon.utility import AttribAccessDict
from tests import entities_instance as more
from tests.conftest import TOKEN

ENDPOINT = "https://relay.example.org/push/abc123"


def b64url(data):
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def public_bytes(key):
    return key.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)


def server_encrypt(payload, pub, salt=None, record_size=None):
    """Encrypt ``payload`` (a dict) for the public dict ``pub`` as Mastodon's web push
    code does: an ephemeral P-256 key, ECDH with the subscription key, a random salt,
    "aesgcm" content encoding. Returns (body, Encryption header, Crypto-Key header)."""
    ephemeral = ec.generate_private_key(ec.SECP256R1())
    vapid = ec.generate_private_key(ec.SECP256R1())
    salt = salt or os.urandom(16)
    extra = {"rs": record_size} if record_size else {}
    body = http_ece.encrypt(json.dumps(payload).encode("utf-8"), salt=salt, private_key=ephemeral,
                            dh=pub["pubkey"], auth_secret=pub["auth"], keylabel="P-256", version="aesgcm", **extra)
    encryption = "salt=" + b64url(salt) + (";rs=%d" % record_size if record_size else "")
    crypto_key = "dh=%s;p256ecdsa=%s" % (b64url(public_bytes(ephemeral)), b64url(public_bytes(vapid)))
    return body, encryption, crypto_key


@pytest.fixture
def keys(api):
    return api.push_subscription_generate_keys()


# -- subscription endpoints -------------------------------------------------------------------------
def test_push_subscription(api, server):
    server.route("GET", "/api/v1/push/subscription", json=more.push_subscription())
    result = api.push_subscription()
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/push/subscription", {})
    assert request.header("Authorization") == "Bearer " + TOKEN
    assert isinstance(result, AttribAccessDict)
    assert result.id == 328183 and result.endpoint == ENDPOINT
    assert result.alerts.mention is True and result.alerts["admin.sign_up"] is False


def test_push_subscription_set(api, server, keys):
    priv, pub = keys
    server.route("POST", "/api/v1/push/subscription", json=more.push_subscription())
    result = api.push_subscription_set(ENDPOINT, pub, follow_events=True, favourite_events=False,
                                       reblog_events=True, mention_events=True, poll_events=False,
                                       follow_request_events=True, status_events=False, policy="followed")
    request = server.last
    assert (request.method, request.path) == ("POST", "/api/v1/push/subscription")
    assert request.content_type.startswith("application/x-www-form-urlencoded")
    assert request.form == {
        "subscription[endpoint]": [ENDPOINT],
        "subscription[keys][p256dh]": [base64.b64encode(pub["pubkey"]).decode()],
        "subscription[keys][auth]": [base64.b64encode(pub["auth"]).decode()],
        "data[alerts][follow]": ["1"], "data[alerts][favourite]": ["0"], "data[alerts][reblog]": ["1"],
        "data[alerts][mention]": ["1"], "data[alerts][poll]": ["0"], "data[alerts][follow_request]": ["1"],
        "data[alerts][status]": ["0"],
        "policy": ["followed"], "data[policy]": ["followed"],
    }
    # Standard base64 with padding, as 1.8.0 sends it.
    assert request.form["subscription[keys][p256dh]"][0].endswith("=")
    assert request.form["subscription[keys][auth]"][0].endswith("==")
    assert result.id == 328183 and result.alerts.follow is True


def test_push_subscription_set_defaults(api, server, keys):
    _, pub = keys
    server.route("POST", "/api/v1/push/subscription", json=more.push_subscription())
    api.push_subscription_set(ENDPOINT, pub)
    assert server.last.form == {
        "subscription[endpoint]": [ENDPOINT],
        "subscription[keys][p256dh]": [base64.b64encode(pub["pubkey"]).decode()],
        "subscription[keys][auth]": [base64.b64encode(pub["auth"]).decode()],
        "policy": ["all"], "data[policy]": ["all"],
    }


def test_push_subscription_set_sends_status_alert_on_its_own(api, server, keys):
    # 1.8.0 only sent the status alert when follow_request_events was given too.
    _, pub = keys
    server.route("POST", "/api/v1/push/subscription", json=more.push_subscription())
    api.push_subscription_set(ENDPOINT, pub, status_events=True)
    assert server.last.form["data[alerts][status]"] == ["1"]
    assert "data[alerts][follow_request]" not in server.last.form


def test_push_subscription_set_newer_alerts(api, server, keys):
    _, pub = keys
    server.route("POST", "/api/v1/push/subscription", json=more.push_subscription())
    api.push_subscription_set(ENDPOINT, pub, update_events=True, admin_sign_up_events=False,
                              admin_report_events=True, quote_events=True, quoted_update_events=False)
    alerts = {k: v for k, v in server.last.form.items() if k.startswith("data[alerts]")}
    assert alerts == {"data[alerts][update]": ["1"], "data[alerts][admin.sign_up]": ["0"],
                      "data[alerts][admin.report]": ["1"], "data[alerts][quote]": ["1"],
                      "data[alerts][quoted_update]": ["0"]}


def test_push_subscription_set_adds_https(api, server, keys):
    _, pub = keys
    server.route("POST", "/api/v1/push/subscription", json=more.push_subscription())
    api.push_subscription_set("relay.example.org/push/abc123", pub)
    assert server.last.form["subscription[endpoint]"] == [ENDPOINT]
    # a URL inside the query does not count as the endpoint's scheme
    api.push_subscription_set("relay.example.org/push?to=https://device.example/1", pub)
    assert server.last.form["subscription[endpoint]"] == ["https://relay.example.org/push?to=https://device.example/1"]


def test_push_subscription_set_keeps_an_http_endpoint_with_a_warning(api, server, keys, caplog):
    _, pub = keys
    server.route("POST", "/api/v1/push/subscription", json=more.push_subscription())
    with caplog.at_level("WARNING", logger="mastodon"):
        api.push_subscription_set("http://relay.example.org/push/", pub)
    assert server.last.form["subscription[endpoint]"] == ["http://relay.example.org/push/"]
    assert "not https" in caplog.text


def test_push_subscription_set_accepts_encoded_keys(api, server):
    server.route("POST", "/api/v1/push/subscription", json=more.push_subscription())
    api.push_subscription_set(ENDPOINT, {"pubkey": "BPubKeyAlreadyEncoded==", "auth": "QXV0aFNlY3JldA=="})
    assert server.last.form["subscription[keys][p256dh]"] == ["BPubKeyAlreadyEncoded=="]
    assert server.last.form["subscription[keys][auth]"] == ["QXV0aFNlY3JldA=="]


@pytest.mark.parametrize("kwargs, words", [
    ({"policy": "everyone"}, "'all', 'none', 'follower', 'followed'"),
    ({"policy": None}, "'all', 'none', 'follower', 'followed'"),
    ({"endpoint": "ftp://relay.example.org/push"}, "https"),
    ({"endpoint": "https://"}, "https"),
    ({"endpoint": ""}, "endpoint"),
    ({"encrypt_params": {"pubkey": b"\x04" * 65}}, "auth"),
    ({"encrypt_params": None}, "pubkey"),
    ({"encrypt_params": {"pubkey": None, "auth": b"x" * 16}}, "pubkey"),
])
def test_push_subscription_set_validation(api, server, keys, kwargs, words):
    arguments = {"endpoint": ENDPOINT, "encrypt_params": keys[1]}
    arguments.update(kwargs)
    with pytest.raises(MastodonIllegalArgumentError, match=words):
        api.push_subscription_set(**arguments)
    assert server.requests == []


def test_push_subscription_update(api, server):
    server.route("PUT", "/api/v1/push/subscription", json=more.push_subscription())
    result = api.push_subscription_update(follow_events=False, favourite_events=True, reblog_events=False,
                                          mention_events=True, poll_events=True, follow_request_events=False)
    request = server.last
    assert (request.method, request.path) == ("PUT", "/api/v1/push/subscription")
    assert request.form == {
        "data[alerts][follow]": ["0"], "data[alerts][favourite]": ["1"], "data[alerts][reblog]": ["0"],
        "data[alerts][mention]": ["1"], "data[alerts][poll]": ["1"], "data[alerts][follow_request]": ["0"]}
    assert result.id == 328183


def test_push_subscription_update_status_and_policy(api, server):
    server.route("PUT", "/api/v1/push/subscription", json=more.push_subscription())
    api.push_subscription_update(mention_events=True, status_events=True, policy="follower")
    assert server.last.form == {"data[alerts][mention]": ["1"], "data[alerts][status]": ["1"],
                                "policy": ["follower"], "data[policy]": ["follower"]}


def test_push_subscription_update_bad_policy(api, server):
    with pytest.raises(MastodonIllegalArgumentError, match="follower"):
        api.push_subscription_update(policy="friends")
    assert server.requests == []


def test_push_subscription_delete(api, server):
    server.route("DELETE", "/api/v1/push/subscription", json={})
    assert api.push_subscription_delete() is None
    request = server.last
    assert (request.method, request.path, request.form) == ("DELETE", "/api/v1/push/subscription", {})
    assert request.header("Authorization") == "Bearer " + TOKEN


def test_push_subscription_needs_2_4(make_api, server):
    api = make_api(mastodon_version="2.3.0")
    with pytest.raises(MastodonVersionError):
        api.push_subscription()
    assert server.requests == []


# -- keys -------------------------------------------------------------------------------------------
def test_generate_keys(api, server):
    priv, pub = api.push_subscription_generate_keys()
    assert set(priv) == {"privkey", "auth"} and set(pub) == {"pubkey", "auth"}
    assert isinstance(priv["privkey"], int) and not isinstance(priv["privkey"], bool)
    assert isinstance(priv["auth"], bytes) and len(priv["auth"]) == 16 and pub["auth"] is priv["auth"]
    assert isinstance(pub["pubkey"], bytes) and len(pub["pubkey"]) == 65 and pub["pubkey"][0] == 4
    # The public key is the point of the private one.
    assert public_bytes(ec.derive_private_key(priv["privkey"], ec.SECP256R1())) == pub["pubkey"]
    other_priv, other_pub = api.push_subscription_generate_keys()
    assert other_priv["privkey"] != priv["privkey"] and other_pub["auth"] != pub["auth"]
    assert server.requests == []


# -- decryption -------------------------------------------------------------------------------------
def test_decrypt_push_round_trip(api, server, keys):
    priv, pub = keys
    payload = more.push_payload()
    body, encryption, crypto_key = server_encrypt(payload, pub)
    result = api.push_subscription_decrypt_push(body, priv, encryption, crypto_key)
    assert isinstance(result, AttribAccessDict)
    assert result == payload
    assert result.notification_type == "mention" and result.title == "You were mentioned by Bob"
    assert server.requests == []


def test_decrypt_push_converts_like_responses(api, keys):
    priv, pub = keys
    payload = more.push_payload(notification={"id": "34975861", "created_at": "2023-03-14T12:30:45.000Z",
                                              "account": {"id": "109383", "acct": "bob"}})
    body, encryption, crypto_key = server_encrypt(payload, pub)
    result = api.push_subscription_decrypt_push(body, priv, encryption, crypto_key)
    assert result.notification.id == 34975861 and result.notification.account.id == 109383
    assert result.notification.created_at.year == 2023 and result.notification.created_at.tzinfo is not None


def test_decrypt_push_header_variants(api, keys):
    priv, pub = keys
    body, encryption, crypto_key = server_encrypt(more.push_payload(), pub)
    salt = encryption.split("=", 1)[1]
    dh = crypto_key.split(";")[0].split("=", 1)[1]
    padded = lambda value: value + "=" * (-len(value) % 4)  # noqa: E731
    variants = [
        ("keyid=p256dh;salt=" + padded(salt), "keyid=p256dh;dh=" + padded(dh)),  # padding, keyid first
        ('salt="%s"' % salt, 'dh="%s", p256ecdsa=BAAA' % dh),  # quoted, comma separated
        ("SALT=" + salt, "dh=" + dh),  # no p256ecdsa, key case
        (("salt=" + salt).encode(), ("dh=" + dh).encode()),  # bytes headers
    ]
    for encryption_header, crypto_key_header in variants:
        assert api.push_subscription_decrypt_push(body, priv, encryption_header, crypto_key_header).body


def test_decrypt_push_of_several_records(api, keys):
    priv, pub = keys
    payload = more.push_payload(body="tweet " * 2000)
    body, encryption, crypto_key = server_encrypt(payload, pub, record_size=1024)
    assert api.push_subscription_decrypt_push(bytearray(body), priv, encryption, crypto_key).body == payload["body"]


def test_decrypt_push_accepts_a_key_object(api, keys):
    priv, pub = keys
    body, encryption, crypto_key = server_encrypt(more.push_payload(), pub)
    key = ec.derive_private_key(priv["privkey"], ec.SECP256R1())
    result = api.push_subscription_decrypt_push(body, {"privkey": key, "auth": priv["auth"]}, encryption, crypto_key)
    assert result.preferred_locale == "en"


def test_decrypt_tampered_data(api, keys):
    priv, pub = keys
    body, encryption, crypto_key = server_encrypt(more.push_payload(), pub)
    for position in (0, len(body) // 2, len(body) - 1):
        tampered = bytearray(body)
        tampered[position] ^= 0x01
        with pytest.raises(MastodonIllegalArgumentError, match="decrypt"):
            api.push_subscription_decrypt_push(bytes(tampered), priv, encryption, crypto_key)
    for cut in (body[:-1], body[:10], b""):
        with pytest.raises(MastodonIllegalArgumentError):
            api.push_subscription_decrypt_push(cut, priv, encryption, crypto_key)


def test_decrypt_with_wrong_keys(api, keys):
    priv, pub = keys
    body, encryption, crypto_key = server_encrypt(more.push_payload(), pub)
    other_priv, _ = api.push_subscription_generate_keys()
    with pytest.raises(MastodonIllegalArgumentError, match="decrypt"):
        api.push_subscription_decrypt_push(body, other_priv, encryption, crypto_key)
    with pytest.raises(MastodonIllegalArgumentError, match="decrypt"):
        api.push_subscription_decrypt_push(body, {"privkey": priv["privkey"], "auth": os.urandom(16)},
                                           encryption, crypto_key)
    # A salt or server key other than the ones used to encrypt.
    with pytest.raises(MastodonIllegalArgumentError, match="decrypt"):
        api.push_subscription_decrypt_push(body, priv, "salt=" + b64url(os.urandom(16)), crypto_key)
    _, _, other_crypto_key = server_encrypt(more.push_payload(), pub)
    with pytest.raises(MastodonIllegalArgumentError, match="decrypt"):
        api.push_subscription_decrypt_push(body, priv, encryption, other_crypto_key)


@pytest.mark.parametrize("encryption, crypto_key, words", [
    ("", None, "salt"),
    ("rs=4096", None, "salt"),
    ("salt=", None, "salt"),
    ("salt=!!not*base64!!", None, "base64"),
    ("salt=" + b64url(b"short"), None, "decrypt"),
    ("salt=%s;rs=big" % b64url(b"0123456789abcdef"), None, "rs"),
    ("salt=%s;rs=1" % b64url(b"0123456789abcdef"), None, "decrypt"),
    (None, "", "dh"),
    (None, "p256ecdsa=" + b64url(b"\x04" * 65), "dh"),
    (None, "dh=" + b64url(b"\x04" + b"\x01" * 64), "decrypt"),
    (None, "dh=" + b64url(b"nonsense"), "decrypt"),
    (None, "dh=@@@", "base64"),
    (12345, None, "Encryption header"),
    (None, ["dh=x"], "Crypto-Key header"),
])
def test_decrypt_malformed_headers(api, server, keys, encryption, crypto_key, words):
    """``None`` here stands for the good header of the push."""
    priv, pub = keys
    body, good_encryption, good_crypto_key = server_encrypt(more.push_payload(), pub)
    with pytest.raises(MastodonIllegalArgumentError, match=words):
        api.push_subscription_decrypt_push(body, priv, good_encryption if encryption is None else encryption,
                                           good_crypto_key if crypto_key is None else crypto_key)
    assert server.requests == []


@pytest.mark.parametrize("decrypt_params, words", [
    (None, "privkey"),
    ({"auth": b"x" * 16}, "privkey"),
    ({"privkey": 5}, "auth"),
    ({"privkey": "12345", "auth": b"x" * 16}, "private key"),
    ({"privkey": True, "auth": b"x" * 16}, "private key"),
    ({"privkey": 0, "auth": b"x" * 16}, "private key"),
    ({"privkey": 2 ** 300, "auth": b"x" * 16}, "private key"),
    ({"privkey": 12345, "auth": ""}, "auth"),
])
def test_decrypt_bad_decrypt_params(api, keys, decrypt_params, words):
    _, pub = keys
    body, encryption, crypto_key = server_encrypt(more.push_payload(), pub)
    with pytest.raises(MastodonIllegalArgumentError, match=words):
        api.push_subscription_decrypt_push(body, decrypt_params, encryption, crypto_key)


def test_decrypt_without_crypto_key_header(api, keys):
    priv, pub = keys
    body, encryption, _ = server_encrypt(more.push_payload(), pub)
    with pytest.raises(MastodonIllegalArgumentError, match="Crypto-Key header"):
        api.push_subscription_decrypt_push(body, priv, encryption, None)


def test_decrypt_needs_bytes(api, keys):
    priv, pub = keys
    body, encryption, crypto_key = server_encrypt(more.push_payload(), pub)
    with pytest.raises(MastodonIllegalArgumentError, match="bytes"):
        api.push_subscription_decrypt_push(body.decode("latin-1"), priv, encryption, crypto_key)


def test_decrypted_non_json_is_an_argument_error(api, keys):
    priv, pub = keys
    ephemeral = ec.generate_private_key(ec.SECP256R1())
    salt = os.urandom(16)
    body = http_ece.encrypt(b"\xff not json", salt=salt, private_key=ephemeral, dh=pub["pubkey"],
                            auth_secret=pub["auth"], keylabel="P-256", version="aesgcm")
    with pytest.raises(MastodonIllegalArgumentError, match="JSON"):
        api.push_subscription_decrypt_push(body, priv, "salt=" + b64url(salt), "dh=" + b64url(public_bytes(ephemeral)))
