"""Realistic JSON of the admin block entities of the Mastodon API (field names and types
from ENTITIES.md: Admin::CanonicalEmailBlock, Admin::DomainAllow, Admin::EmailDomainBlock,
Admin::IpBlock), as a server sends them: ids as strings, dates as ISO 8601 strings, history
days as UNIX timestamps and counts as strings.

Each builder returns a fresh dict; keyword arguments override fields.
"""
import hashlib

from tests.entities import CREATED, _merge

#: SHA256 of the canonical form of "spam.bot+x@example.org" (dots and + suffix removed).
HASH = hashlib.sha256(b"spambot@example.org").hexdigest()


def admin_canonical_email_block(id="31", **kw):
    return _merge({"id": id, "canonical_email_hash": HASH}, kw)


def admin_domain_allow(id="5", domain="friends.example", **kw):
    return _merge({"id": id, "domain": domain, "created_at": CREATED}, kw)


def admin_email_domain_block(id="9", domain="spam-mail.example", **kw):
    return _merge({
        "id": id, "domain": domain, "created_at": CREATED,
        "history": [{"day": "1678752000", "accounts": "0", "uses": "4"},
                    {"day": "1678665600", "accounts": "1", "uses": "7"}],
    }, kw)


def admin_ip_block(id="12", ip="198.51.100.0/24", **kw):
    return _merge({
        "id": id, "ip": ip, "severity": "sign_up_block", "comment": "Spam wave",
        "created_at": CREATED, "expires_at": "2023-03-15T12:30:45.000Z",
    }, kw)
