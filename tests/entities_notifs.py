"""Entity JSON for the tests of grouped notifications, notification requests and policy,
and server-side (v2) filters (field tables of ENTITIES.md and the Mastodon API docs)."""
from tests import entities
from tests.entities import CREATED, _merge


def partial_account(id="109384", acct="carol", **kw):
    """PartialAccountWithAvatar."""
    return _merge({"id": id, "acct": acct, "url": "https://example.social/@%s" % acct,
                   "avatar": "https://files.example.social/avatars/%s.png" % acct,
                   "avatar_static": "https://files.example.social/avatars/%s.png" % acct,
                   "locked": False, "bot": False}, kw)


def notification_group(group_key="favourite-110123456789012345-479000", type="favourite", **kw):
    """NotificationGroup."""
    return _merge({
        "group_key": group_key, "notifications_count": 3, "type": type,
        "most_recent_notification_id": "34975861", "page_min_id": "34975855", "page_max_id": "34975861",
        "latest_page_notification_at": CREATED, "sample_account_ids": ["109383", "109384"],
        "status_id": "110123456789012345"}, kw)


def grouped_notifications(groups=None, **kw):
    """GroupedNotificationsResults."""
    return _merge({
        "accounts": [entities.account(id="109383", acct="bob@other.example")],
        "partial_accounts": [partial_account()],
        "statuses": [entities.status()],
        "notification_groups": [notification_group()] if groups is None else groups}, kw)


def notification_policy(**kw):
    return _merge({"for_not_following": "accept", "for_not_followers": "accept", "for_new_accounts": "filter",
                   "for_private_mentions": "filter", "for_limited_accounts": "drop",
                   "summary": {"pending_requests_count": 2, "pending_notifications_count": 5}}, kw)


def notification_request(id="112456967201894256", **kw):
    return _merge({"id": id, "created_at": "2024-05-20T08:05:43.111Z", "updated_at": "2024-05-21T09:15:00.000Z",
                   "account": entities.account(id="109385", acct="dave@spam.example"),
                   "notifications_count": "3", "last_status": entities.status(visibility="direct")}, kw)


def filter_keyword(id="1197", keyword="bad word", whole_word=False, **kw):
    return _merge({"id": id, "keyword": keyword, "whole_word": whole_word}, kw)


def filter_status(id="897", status_id="110123456789012345", **kw):
    return _merge({"id": id, "status_id": status_id}, kw)


def filter_v2(id="19972", title="Test filter", context=("home",), filter_action="warn", **kw):
    return _merge({"id": id, "title": title, "context": list(context), "expires_at": "2030-01-01T00:00:00.000Z",
                   "filter_action": filter_action, "keywords": [filter_keyword()], "statuses": [filter_status()]}, kw)


def filter_result(filter_=None, keyword_matches=("bad word",), **kw):
    """FilterResult, as found in ``status.filtered``."""
    found = filter_ or filter_v2()
    found.pop("keywords", None)
    found.pop("statuses", None)
    return _merge({"filter": found, "keyword_matches": list(keyword_matches) if keyword_matches else None,
                   "status_matches": None}, kw)
