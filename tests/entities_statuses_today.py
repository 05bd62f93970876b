"""Entity JSON of today's Mastodon (4.3-4.7) for the status, collection, profile and
annual report tests, built from the field tables of ENTITIES.md (ids as strings, dates
as ISO 8601 strings)."""
from tests import entities
from tests.entities import CREATED, _merge

QUOTED_ID = "115107231366664709"
COLLECTION_ID = "116131056935959117"
ITEM_ID = "116151066915353115"
REFRESH_ID = "ImNvbnRleHQ6MTEzNjQwNTczMzAzNzg1MTc4OnJlZnJlc2gi--c526259eb4a1f3ef0d4b91cf8c99bf501330a815"


def quote_approval(**kw):
    return _merge({"automatic": ["public"], "manual": [], "current_user": "automatic"}, kw)


def quote(state="accepted", **kw):
    return _merge({"state": state, "quoted_status": entities.status(id=QUOTED_ID)}, kw)


def shallow_quote(state="accepted", **kw):
    return _merge({"state": state, "quoted_status_id": QUOTED_ID}, kw)


def quoting_status(id="115107232286434584", **kw):
    """A status that quotes another (Status with ``quote`` and ``quote_approval``)."""
    return _merge(entities.status(id=id, quote=quote(), quote_approval=quote_approval(), quotes_count=0,
                                  tagged_collections=[]), kw)


def translation(**kw):
    return _merge({"content": "<p>Hello world</p>", "spoiler_text": "Greetings ahead", "language": "en",
                   "media_attachments": [{"id": "22345792", "description": "Status author waving at the camera"}],
                   "poll": {"id": "34858", "options": [{"title": "Stay"}, {"title": "Go"}]},
                   "detected_source_language": "es", "provider": "DeepL.com"}, kw)


def async_refresh(status="running", result_count=2, **kw):
    return _merge({"id": REFRESH_ID, "status": status, "result_count": result_count}, kw)


def collection_item(id=ITEM_ID, **kw):
    return _merge({"id": id, "account_id": "112658193342215767", "state": "accepted", "created_at": CREATED}, kw)


def collection(id=COLLECTION_ID, **kw):
    return _merge({
        "id": id, "account_id": "113668893442515793",
        "uri": "https://example.social/ap/113668893442515793/collections/%s" % id,
        "url": "https://example.social/collections/%s" % id, "name": "Nice accounts",
        "description": "These accounts are very nice", "language": "en", "local": True, "sensitive": False,
        "discoverable": True, "tag": {"name": "birds", "url": "https://example.social/tags/birds"},
        "created_at": CREATED, "updated_at": "2023-03-15T08:00:00.000Z", "item_count": 1,
        "items": [collection_item()]}, kw)


def profile(**kw):
    return _merge({
        "id": "116222600881276277", "display_name": "Alice", "note": "I post about birds",
        "fields": [{"name": "pronouns", "value": "she/her", "verified_at": None}],
        "avatar": None, "avatar_static": None, "avatar_description": "", "header": None, "header_static": None,
        "header_description": "", "locked": False, "bot": False, "hide_collections": None, "discoverable": True,
        "indexable": True, "show_media": True, "show_media_replies": True, "show_featured": True,
        "attribution_domains": ["articles.example.com"]}, kw)


def annual_report(year=2025, **kw):
    return _merge({
        "year": year, "schema_version": 2, "account_id": "55911",
        "share_url": "https://example.social/@alice/wrapstodon/%d/7fa0231c0f206390" % year,
        "data": {"archetype": "oracle", "time_series": [{"month": 12, "statuses": 7123, "followers": 48}],
                 "top_hashtags": [{"name": "Mastodon", "count": 12}],
                 "top_statuses": {"by_reblogs": "114348347829110933", "by_replies": None, "by_favourites": None}}},
        kw)


def wrapped_annual_reports(*years):
    return {"annual_reports": [annual_report(year) for year in (years or (2025,))],
            "accounts": [entities.account()], "statuses": [entities.status()]}


def oembed(**kw):
    return _merge({
        "type": "rich", "version": "1.0", "title": "New status by alice", "author_name": "Alice",
        "author_url": "https://example.social/@alice", "provider_name": "example.social",
        "provider_url": "https://example.social/", "cache_age": 86400,
        "html": "<iframe src=\"https://example.social/@alice/110123456789012345/embed\" width=\"400\"></iframe>",
        "width": 400, "height": None}, kw)


def instance_v2(live_local="public", live_remote="public", hashtag_local="public", hashtag_remote="public",
                link_local="public", link_remote="public", **kw):
    """The v2 instance document with ``configuration.timelines_access`` (Mastodon 4.5)."""
    return _merge({
        "domain": "example.social", "title": "Example Social", "version": "4.5.0",
        "configuration": {
            "statuses": {"max_characters": 500, "characters_reserved_per_url": 23},
            "timelines_access": {
                "live_feeds": {"local": live_local, "remote": live_remote},
                "hashtag_feeds": {"local": hashtag_local, "remote": hashtag_remote},
                "trending_link_feeds": {"local": link_local, "remote": link_remote}}},
        "api_versions": {"mastodon": 7}}, kw)
