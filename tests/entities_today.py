"""Realistic JSON of today's entities (fields from ENTITIES.md) for the tags, accounts,
suggestions and instance tests: Tag with id/following/featuring, Suggestion, the v2
Instance, TermsOfService, PrivacyPolicy, ExtendedDescription, DomainBlock,
SupportedLocale and Profile. Each builder returns a fresh dict; keyword arguments
override fields."""
from tests import entities
from tests.entities import _merge


def tag(name="birds", id="802", following=True, featuring=False, **kw):
    """A Tag as Mastodon 4.4 sends it (``id``, ``following`` and ``featuring``)."""
    return _merge(entities.tag(name, id=id, following=following, featuring=featuring), kw)


def suggestion(account=None, sources=("featured", "most_followed"), **kw):
    return _merge({"source": "staff", "sources": list(sources),
                   "account": account or entities.account(id="109384", acct="carol@birds.example")}, kw)


def instance_v2(version="4.4.0", **kw):
    return _merge({
        "domain": "example.social", "title": "Example Social", "version": version,
        "source_url": "https://github.com/mastodon/mastodon", "description": "A place for birds",
        "usage": {"users": {"active_month": 321}},
        "thumbnail": {"url": "https://files.example.social/site/thumbnail.png",
                      "blurhash": "UFBWY:8_0Jxv4mx]t8t64.%M-:IUWGWAt6M}",
                      "versions": {"@1x": "https://files.example.social/site/thumb1.png",
                                   "@2x": "https://files.example.social/site/thumb2.png"}},
        "icon": [{"src": "https://files.example.social/site/icon36.png", "size": "36x36"}],
        "languages": ["en", "de"],
        "configuration": {
            "urls": {"streaming": "wss://streaming.example.social", "status": None,
                     "about": "https://example.social/about", "privacy_policy": "https://example.social/privacy-policy",
                     "terms_of_service": "https://example.social/terms-of-service"},
            "vapid": {"public_key": "BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M="},
            "accounts": {"max_featured_tags": 10, "max_pinned_statuses": 5},
            "statuses": {"max_characters": 500, "max_media_attachments": 4, "characters_reserved_per_url": 23},
            "media_attachments": {"supported_mime_types": ["image/png"], "description_limit": 1500,
                                  "image_size_limit": 16777216, "image_matrix_limit": 33177600,
                                  "video_size_limit": 103809024, "video_frame_rate_limit": 120,
                                  "video_matrix_limit": 8294400},
            "polls": {"max_options": 4, "max_characters_per_option": 50, "min_expiration": 300,
                      "max_expiration": 2629746},
            "translation": {"enabled": True}, "limited_federation": False},
        "registrations": {"enabled": True, "approval_required": False, "message": None, "min_age": 16,
                          "reason_required": False, "url": None},
        "api_versions": {"mastodon": 6},
        "contact": {"email": "admin@example.social", "account": entities.account(id="1", acct="admin")},
        "rules": [{"id": "1", "text": "Be kind", "hint": ""}],
    }, kw)


def terms_of_service(effective_date="2025-03-01", succeeded_by=None, **kw):
    return _merge({"effective_date": effective_date, "effective": succeeded_by is None,
                   "content": "<p>Be nice to birds.</p>", "succeeded_by": succeeded_by}, kw)


def privacy_policy(**kw):
    return _merge({"updated_at": "2024-11-02T09:15:00.000Z", "content": "<p>We keep as little as we can.</p>"}, kw)


def extended_description(**kw):
    return _merge({"updated_at": "2024-12-24T18:00:00.000Z", "content": "<p>A server for people who watch birds.</p>"},
                  kw)


def domain_block(domain="spam.example", severity="suspend", **kw):
    return _merge({"domain": domain, "digest": "5e45b6e8ff0d24bd4c5ba3c0d8c06b1af75ec1b58f0d4e8db8e5a1b3a8d6e9c0",
                   "severity": severity, "comment": "Spam"}, kw)


def supported_locale(code="en", name="English", **kw):
    return _merge({"code": code, "name": name}, kw)


def profile(**kw):
    return _merge({
        "id": "109382", "display_name": "Alice", "note": "Hello, I post about birds.",
        "fields": [{"name": "Website", "value": "https://example.org", "verified_at": None}],
        "avatar": "https://files.example.social/avatars/alice.png",
        "avatar_static": "https://files.example.social/avatars/alice.png", "avatar_description": "A robin",
        "header": None, "header_static": None, "header_description": "",
        "locked": False, "bot": False, "hide_collections": False, "discoverable": True, "indexable": True,
        "show_media": True, "show_media_replies": False, "show_featured": True,
        "attribution_domains": ["birds.example"],
    }, kw)
