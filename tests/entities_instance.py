"""More realistic entity JSON (fields from ENTITIES.md) for the instance, search, trends,
notifications and push tests. Each builder returns a fresh dict; keyword arguments
override fields."""
from tests import entities
from tests.entities import _merge


def activity(week="1678665600", **kw):
    return _merge({"week": week, "statuses": "7281", "logins": "312", "registrations": "14"}, kw)


def rule(id="1", text="Be kind", **kw):
    return _merge({"id": id, "text": text, "hint": "Treat others as you want to be treated"}, kw)


def reaction(name="bongoCat", **kw):
    return _merge({"name": name, "count": 9, "me": False,
                   "url": "https://files.example.social/emoji/%s.png" % name,
                   "static_url": "https://files.example.social/emoji/%s_static.png" % name}, kw)


def announcement(id="8", **kw):
    return _merge({
        "id": id, "content": "<p>Scheduled maintenance tonight</p>",
        "starts_at": None, "ends_at": None, "all_day": False,
        "published_at": "2023-03-14T10:00:00.000Z", "updated_at": "2023-03-14T10:05:00.000Z",
        "read": False,
        "mentions": [{"id": "109383", "username": "bob", "url": "https://other.example/@bob",
                      "acct": "bob@other.example"}],
        "statuses": [{"id": "110123456789012345", "url": "https://example.social/@alice/110123456789012345"}],
        "tags": [{"name": "maintenance", "url": "https://example.social/tags/maintenance"}],
        "emojis": [entities.emoji()],
        "reactions": [reaction(), {"name": "\U0001F44D", "count": 2, "me": True}],
    }, kw)


def nodeinfo_discovery(base_url, **kw):
    return _merge({"links": [
        {"rel": "http://nodeinfo.diaspora.software/ns/schema/2.0", "href": base_url + "/nodeinfo/2.0"},
        {"rel": "http://nodeinfo.diaspora.software/ns/schema/2.1", "href": base_url + "/nodeinfo/2.1"},
    ]}, kw)


def nodeinfo(version="2.0", **kw):
    return _merge({
        "version": version,
        "software": {"name": "mastodon", "version": "4.2.0"},
        "protocols": ["activitypub"],
        "services": {"outbound": [], "inbound": []},
        "usage": {"users": {"total": 1234, "activeMonth": 321, "activeHalfyear": 654}, "localPosts": 98765},
        "openRegistrations": True,
        "metadata": {"nodeName": "Example Social", "nodeDescription": "A place for birds"},
    }, kw)


def trend_link(**kw):
    return _merge(entities.card(history=[
        {"day": "1678752000", "accounts": "41", "uses": "55"},
        {"day": "1678665600", "accounts": "3", "uses": "3"}]), kw)


def search_result(**kw):
    return _merge({"accounts": [entities.account()], "statuses": [entities.status()],
                   "hashtags": [entities.tag()]}, kw)


def search_result_v1(**kw):
    return _merge({"accounts": [entities.account()], "statuses": [entities.status()],
                   "hashtags": ["birds", "birdwatching"]}, kw)


def push_subscription(id="328183", **kw):
    return _merge({
        "id": id, "endpoint": "https://relay.example.org/push/abc123",
        "standard": False,
        "server_key": "BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M=",
        "alerts": {"mention": True, "status": False, "reblog": True, "follow": True, "follow_request": False,
                   "favourite": True, "poll": False, "update": False, "admin.sign_up": False, "admin.report": False},
        "policy": "all",
    }, kw)


def push_payload(**kw):
    """The JSON Mastodon encrypts into a web push (Web::NotificationSerializer)."""
    return _merge({
        "access_token": "ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0",
        "preferred_locale": "en",
        "notification_id": "34975861",
        "notification_type": "mention",
        "icon": "https://files.example.social/avatars/bob.png",
        "title": "You were mentioned by Bob",
        "body": "@alice Look at this robin!",
    }, kw)
