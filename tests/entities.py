"""Realistic JSON of Mastodon API entities (field names and types from ENTITIES.md),
as a server sends them: ids as strings, dates as ISO 8601 strings.

Each builder returns a fresh dict; keyword arguments override fields.
"""
from typing import Any, Dict

CREATED = "2023-03-14T12:30:45.123Z"
CREATED_DATE = "2023-03-14"


def _merge(base: Dict[str, Any], overrides: Dict[str, Any]) -> Dict[str, Any]:
    base.update(overrides)
    return base


def emoji(**kw):
    return _merge({"shortcode": "blobcat", "url": "https://files.example.social/emoji/blobcat.png",
                   "static_url": "https://files.example.social/emoji/blobcat_static.png",
                   "visible_in_picker": True, "category": "blobs"}, kw)


def field(**kw):
    return _merge({"name": "Website", "value": "<a href=\"https://example.org\">example.org</a>",
                   "verified_at": "2023-01-02T03:04:05.000+00:00"}, kw)


def account(id="109382", acct="alice", **kw):
    username = acct.split("@")[0]
    return _merge({
        "id": id, "username": username, "acct": acct,
        "url": "https://example.social/@%s" % username, "uri": "https://example.social/users/%s" % username,
        "display_name": username.capitalize(), "note": "<p>Hello, I post about birds.</p>",
        "avatar": "https://files.example.social/avatars/%s.png" % username,
        "avatar_static": "https://files.example.social/avatars/%s.png" % username,
        "header": "https://files.example.social/headers/%s.png" % username,
        "header_static": "https://files.example.social/headers/%s.png" % username,
        "locked": False, "fields": [field()], "emojis": [], "bot": False, "group": False,
        "discoverable": True, "indexable": True, "noindex": False, "hide_collections": False,
        "created_at": "2022-11-01T00:00:00.000Z", "last_status_at": CREATED_DATE,
        "statuses_count": 512, "followers_count": 120, "following_count": 87, "roles": [],
    }, kw)


def credential_account(**kw):
    return _merge(account(source={"privacy": "public", "sensitive": False, "language": "en",
                                  "note": "Hello, I post about birds.", "fields": [field()],
                                  "follow_requests_count": 0, "hide_collections": False,
                                  "discoverable": True, "indexable": True},
                          role={"id": "3", "name": "Owner", "color": "", "permissions": "1048575",
                                "highlighted": True}), kw)


def mention(**kw):
    return _merge({"id": "109383", "username": "bob", "url": "https://other.example/@bob", "acct": "bob@other.example"}, kw)


def tag(name="birds", **kw):
    return _merge({"name": name, "url": "https://example.social/tags/%s" % name, "history": [
        {"day": "1678752000", "uses": "12", "accounts": "7"},
        {"day": "1678665600", "uses": "3", "accounts": "2"}], "following": False}, kw)


def media_attachment(id="110000000000000001", **kw):
    return _merge({
        "id": id, "type": "image", "url": "https://files.example.social/media/original/photo.png",
        "preview_url": "https://files.example.social/media/small/photo.png", "remote_url": None,
        "meta": {"original": {"width": 640, "height": 480, "size": "640x480", "aspect": 1.3333},
                 "small": {"width": 400, "height": 300, "size": "400x300", "aspect": 1.3333},
                 "focus": {"x": -0.42, "y": 0.69}},
        "description": "A robin on a branch", "blurhash": "UFBWY:8_0Jxv4mx]t8t64.%M-:IUWGWAt6M}",
    }, kw)


def poll(id="34830", **kw):
    return _merge({
        "id": id, "expires_at": "2023-03-15T12:30:45.000Z", "expired": False, "multiple": False,
        "votes_count": 10, "voters_count": 10, "voted": True, "own_votes": [1],
        "options": [{"title": "accept", "votes_count": 6}, {"title": "deny", "votes_count": 4}],
        "emojis": [],
    }, kw)


def card(**kw):
    return _merge({
        "url": "https://www.example.org/article", "title": "An article", "description": "About birds",
        "type": "link", "author_name": "", "author_url": "", "provider_name": "Example", "provider_url": "",
        "html": "", "width": 400, "height": 200, "image": "https://files.example.social/cards/a.png",
        "embed_url": "", "blurhash": "UFBWY:8_0Jxv4mx]t8t64.%M-:IUWGWAt6M}", "published_at": CREATED,
    }, kw)


def application(**kw):
    return _merge({"name": "pytooterapp", "website": "https://example.org/app",
                   "vapid_key": "BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M=",
                   "scopes": ["read", "write", "follow", "push"], "redirect_uris": ["urn:ietf:wg:oauth:2.0:oob"]}, kw)


def status(id="110123456789012345", account_=None, **kw):
    return _merge({
        "id": id, "uri": "https://example.social/users/alice/statuses/%s" % id, "created_at": CREATED,
        "account": account_ or account(), "content": "<p>Look at this <a href=\"https://example.social/tags/birds\">#birds</a> photo</p>",
        "visibility": "public", "sensitive": False, "spoiler_text": "",
        "media_attachments": [media_attachment()], "application": {"name": "pytooterapp", "website": None},
        "mentions": [mention()], "tags": [{"name": "birds", "url": "https://example.social/tags/birds"}],
        "emojis": [emoji()], "reblogs_count": 3, "favourites_count": 12, "replies_count": 1,
        "url": "https://example.social/@alice/%s" % id, "in_reply_to_id": None, "in_reply_to_account_id": None,
        "reblog": None, "poll": None, "card": None, "language": "en", "text": None, "edited_at": None,
        "favourited": False, "reblogged": False, "muted": False, "bookmarked": False, "pinned": False,
        "filtered": [],
    }, kw)


def instance(version="4.2.0", streaming_api="wss://example.social", **kw):
    return _merge({
        "uri": "example.social", "title": "Example Social", "short_description": "A place for birds",
        "description": "A Mastodon server for bird people", "email": "admin@example.social",
        "version": version, "urls": {"streaming_api": streaming_api},
        "stats": {"user_count": 1234, "status_count": 98765, "domain_count": 4321},
        "thumbnail": "https://files.example.social/site/thumbnail.png", "languages": ["en", "de"],
        "registrations": True, "approval_required": False, "invites_enabled": True,
        "configuration": {
            "accounts": {"max_featured_tags": 10},
            "statuses": {"max_characters": 500, "max_media_attachments": 4, "characters_reserved_per_url": 23},
            "media_attachments": {"supported_mime_types": ["image/jpeg", "image/png", "video/mp4"],
                                  "image_size_limit": 10485760, "image_matrix_limit": 16777216,
                                  "video_size_limit": 41943040, "video_frame_rate_limit": 60,
                                  "video_matrix_limit": 2304000},
            "polls": {"max_options": 4, "max_characters_per_option": 50, "min_expiration": 300,
                      "max_expiration": 2629746}},
        "contact_account": account(id="1", acct="admin"),
        "rules": [{"id": "1", "text": "Be kind"}, {"id": "2", "text": "No spam"}],
    }, kw)


def notification(id="34975861", type="mention", **kw):
    return _merge({"id": id, "type": type, "created_at": CREATED, "account": account(id="109383", acct="bob@other.example"),
                   "status": status() if type in ("mention", "status", "reblog", "favourite", "poll", "update") else None}, kw)


def relationship(id="109382", **kw):
    return _merge({"id": id, "following": True, "showing_reblogs": True, "notifying": False, "languages": None,
                   "followed_by": False, "blocking": False, "blocked_by": False, "muting": False,
                   "muting_notifications": False, "requested": False, "requested_by": False,
                   "domain_blocking": False, "endorsed": False, "note": ""}, kw)


def token(**kw):
    return _merge({"access_token": "ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0", "token_type": "Bearer",
                   "scope": "read write follow push", "created_at": 1573979017}, kw)


def app_registration(**kw):
    return _merge({"id": "563419", "name": "pytooterapp", "website": None, "redirect_uri": "urn:ietf:wg:oauth:2.0:oob",
                   "client_id": "TWhM-tNSuncnqN7DBJmoyeLnk6K3iJJ71KKXxgL1hPM",
                   "client_secret": "ZEaFUFmF0umgBX1qKJDjaU99Q31lDkOU8NutzTOoliw",
                   "vapid_key": "BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M="}, kw)
