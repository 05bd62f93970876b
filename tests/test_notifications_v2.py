"""Notifications of Mastodon 4.3 and newer: grouped notifications (with pagination of
their dict answers), notification requests and policy, unread counts, supported_types."""
from datetime import datetime, timezone

import pytest

from mastodon import MastodonAPIError, MastodonIllegalArgumentError, MastodonVersionError
from mastodon._encoding import datetime_to_snowflake
from tests import entities
from tests import entities_notifs as notifs
from tests.conftest import TOKEN
from tests.harness import Reply

WHEN = datetime(2024, 5, 20, 8, 0, tzinfo=timezone.utc)
GROUP = "favourite-110123456789012345-479000"


@pytest.fixture
def api43(make_api):
    return make_api(mastodon_version="4.3.0", ratelimit_method="throw")


# -- grouped notifications --------------------------------------------------------------------------
def test_grouped_notifications(api43, server):
    link = ('<%s/api/v2/notifications?max_id=34975855>; rel="next", '
            '<%s/api/v2/notifications?min_id=34975861>; rel="prev"' % (server.url, server.url))
    server.route("GET", "/api/v2/notifications", Reply(json=notifs.grouped_notifications(), headers={"Link": link}))
    result = api43.grouped_notifications()
    request = server.last
    assert (request.method, request.path, request.query) == (
        "GET", "/api/v2/notifications", {"expand_accounts": ["partial_avatars"]})
    assert request.header("Authorization") == "Bearer " + TOKEN
    group = result.notification_groups[0]
    assert group.group_key == GROUP and group.type == "favourite" and group.notifications_count == 3
    # the group's ids are ints like the ids of the objects they point to, its date a datetime
    assert type(group).__name__ == "NotificationGroup"
    assert group.sample_account_ids == [109383, 109384] and group.status_id == 110123456789012345
    assert (group.most_recent_notification_id, group.page_min_id, group.page_max_id) == (34975861, 34975855, 34975861)
    assert group.latest_page_notification_at.tzinfo is not None
    assert result.accounts[0].id in group.sample_account_ids
    assert result.accounts[0].id == 109383 and result.partial_accounts[0].id == 109384
    assert result.statuses[0].id == 110123456789012345
    assert result.statuses[0].created_at == datetime(2023, 3, 14, 12, 30, 45, 123000, tzinfo=timezone.utc)
    assert result._pagination_next == {"expand_accounts": "partial_avatars", "max_id": 34975855,
                                       "_pagination_method": "GET", "_pagination_endpoint": "/api/v2/notifications"}
    assert result._pagination_prev["min_id"] == 34975861
    assert "_pagination_next" not in result  # kept off the keys


def test_grouped_notifications_all_parameters(api43, server):
    server.route("GET", "/api/v2/notifications", json=notifs.grouped_notifications(groups=[]))
    api43.grouped_notifications(max_id=WHEN, since_id={"id": "34975000"}, min_id=34974000, limit=20,
                                types=["favourite", "follow"], exclude_types="mention",
                                account_id=entities.account(id="109383"), expand_accounts="full",
                                grouped_types=["favourite", "reblog"], include_filtered=True,
                                supported_types=["mention", "favourite", "quote"])
    assert server.last.query == {
        "max_id": [str(datetime_to_snowflake(WHEN))], "since_id": ["34975000"], "min_id": ["34974000"],
        "limit": ["20"], "types[]": ["favourite", "follow"], "exclude_types[]": ["mention"],
        "account_id": ["109383"], "expand_accounts": ["full"], "grouped_types[]": ["favourite", "reblog"],
        "include_filtered": ["1"], "supported_types[]": ["mention", "favourite", "quote"]}


def test_grouped_notifications_fetch_next_and_previous(api43, server):
    first_link = '<%s/api/v2/notifications?max_id=34975855>; rel="next"' % server.url
    second_link = ('<%s/api/v2/notifications?max_id=34975800>; rel="next", '
                   '<%s/api/v2/notifications?min_id=34975850>; rel="prev"' % (server.url, server.url))
    second_page = notifs.grouped_notifications(groups=[notifs.notification_group(
        group_key="ungrouped-34975850", type="mention", notifications_count=1)])
    server.route("GET", "/api/v2/notifications", [
        Reply(json=notifs.grouped_notifications(), headers={"Link": first_link}),
        Reply(json=second_page, headers={"Link": second_link}),
        Reply(json=notifs.grouped_notifications(groups=[]))])
    first = api43.grouped_notifications(types=["mention", "favourite"], limit=1)
    second = api43.fetch_next(first)
    assert server.last.query == {"types[]": ["mention", "favourite"], "limit": ["1"],
                                 "expand_accounts": ["partial_avatars"], "max_id": ["34975855"]}
    assert second.notification_groups[0].group_key == "ungrouped-34975850"
    # the page fetched by fetch_next is paginated again, both ways
    assert second._pagination_next["max_id"] == 34975800
    api43.fetch_previous(second)
    assert server.last.query == {"types[]": ["mention", "favourite"], "limit": ["1"],
                                 "expand_accounts": ["partial_avatars"], "min_id": ["34975850"]}
    # the pagination dict itself works too
    api43.fetch_next(second._pagination_next)
    assert server.last.query["max_id"] == ["34975800"]


def test_grouped_notifications_without_link_has_no_next_page(api43, server):
    server.route("GET", "/api/v2/notifications", json=notifs.grouped_notifications())
    result = api43.grouped_notifications()
    assert api43.fetch_next(result) is None and api43.fetch_previous(result) is None
    assert len(server.requests) == 1


def test_fetch_next_of_a_plain_dict_is_none(api43, server):
    """A dict answer that is not paginated is not mistaken for a pagination dict."""
    assert api43.fetch_next({"notification_groups": [], "accounts": []}) is None
    assert server.requests == []


@pytest.mark.parametrize("kwargs, words", [
    ({"types": ["boost"]}, "boost"),
    ({"exclude_types": ["likes"]}, "likes"),
    ({"grouped_types": ["faves"]}, "faves"),
    ({"expand_accounts": "some"}, "partial_avatars"),
    ({"supported_types": [3]}, "supported_types"),
    ({"supported_types": 5}, "supported_types"),
])
def test_grouped_notifications_bad_input(api43, server, kwargs, words):
    with pytest.raises(MastodonIllegalArgumentError, match=words):
        api43.grouped_notifications(**kwargs)
    assert server.requests == []


def test_grouped_notifications_need_4_3(api, server):
    with pytest.raises(MastodonVersionError):
        api.grouped_notifications()
    assert server.requests == []


def test_grouped_notification(api43, server):
    path = "/api/v2/notifications/" + GROUP
    server.route("GET", path, json=notifs.grouped_notifications())
    result = api43.grouped_notification(GROUP)
    assert (server.last.method, server.last.path, server.last.query) == ("GET", path, {})
    assert result.notification_groups[0].group_key == GROUP and result.accounts[0].id == 109383
    api43.grouped_notification(notifs.notification_group(), supported_types="mention")
    assert (server.last.path, server.last.query) == (path, {"supported_types[]": ["mention"]})


def test_group_key_is_one_escaped_segment(api43, server):
    server.route("POST", "/api/v2/notifications/a%2Fb%3F/dismiss", json={})
    assert api43.dismiss_grouped_notification("a/b?") is None
    assert server.last.path == "/api/v2/notifications/a%2Fb%3F/dismiss"


@pytest.mark.parametrize("group_key", [None, "", 5, {"id": "5"}, ["a"]])
def test_bad_group_keys(api43, server, group_key):
    with pytest.raises(MastodonIllegalArgumentError, match="group"):
        api43.grouped_notification(group_key)
    with pytest.raises(MastodonIllegalArgumentError, match="group"):
        api43.dismiss_grouped_notification(group_key)
    with pytest.raises(MastodonIllegalArgumentError, match="group"):
        api43.grouped_notification_accounts(group_key)
    assert server.requests == []


def test_dismiss_grouped_notification(api43, server):
    path = "/api/v2/notifications/%s/dismiss" % GROUP
    server.route("POST", path, json={})
    assert api43.dismiss_grouped_notification({"group_key": GROUP, "type": "favourite"}) is None
    assert (server.last.method, server.last.path, server.last.form) == ("POST", path, {})


def test_grouped_notification_accounts(api43, server):
    path = "/api/v2/notifications/%s/accounts" % GROUP
    server.route("GET", path, json=[entities.account(id="109383", acct="bob@other.example"),
                                    entities.account(id="109384", acct="carol")])
    result = api43.grouped_notification_accounts(GROUP)
    assert (server.last.method, server.last.path, server.last.query) == ("GET", path, {})
    assert [account.id for account in result] == [109383, 109384]
    assert result[0].created_at == datetime(2022, 11, 1, tzinfo=timezone.utc)


def test_unread_grouped_notifications_count(api43, server):
    server.route("GET", "/api/v2/notifications/unread_count", json={"count": 7})
    assert api43.unread_grouped_notifications_count() == 7
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v2/notifications/unread_count", {})
    api43.unread_grouped_notifications_count(limit=500, types="mention", exclude_types=["follow"],
                                             account_id={"id": "109383"}, grouped_types=["favourite"])
    assert server.last.query == {"limit": ["500"], "types[]": ["mention"], "exclude_types[]": ["follow"],
                                 "account_id": ["109383"], "grouped_types[]": ["favourite"]}


@pytest.mark.parametrize("answer", [{"unread": 3}, [], None])
def test_odd_count_answers_are_api_errors(api43, server, answer):
    server.route("GET", "/api/v2/notifications/unread_count", json=answer)
    server.route("GET", "/api/v1/notifications/requests/merged", json=answer)
    with pytest.raises(MastodonAPIError, match="count"):
        api43.unread_grouped_notifications_count()
    with pytest.raises(MastodonAPIError, match="merged"):
        api43.notifications_merged()


def test_unread_grouped_notifications_count_bad_types(api43, server):
    with pytest.raises(MastodonIllegalArgumentError, match="shares"):
        api43.unread_grouped_notifications_count(types=["shares"])
    assert server.requests == []


def test_notifications_unread_count(api43, server):
    server.route("GET", "/api/v1/notifications/unread_count", json={"count": "12"})
    result = api43.notifications_unread_count()
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v1/notifications/unread_count", {})
    assert result == {"count": 12} and result.count == 12


# -- supported_types on the v1 notifications --------------------------------------------------------
def test_notifications_supported_types(api, server):
    fallback = {"title": "<p>Something happened</p>", "summary": None, "details": None}
    server.route("GET", "/api/v1/notifications", json=[
        entities.notification(type="added_to_collection", status=None, fallback=fallback)])
    result = api.notifications(supported_types=["mention", "favourite"], limit=5)
    assert server.last.query == {"supported_types[]": ["mention", "favourite"], "limit": ["5"]}
    assert result[0].fallback.title == "<p>Something happened</p>" and result[0].id == 34975861
    server.route("GET", "/api/v1/notifications/34975861", json=entities.notification())
    api.notifications(id=34975861, supported_types="mention")
    assert (server.last.path, server.last.query) == ("/api/v1/notifications/34975861", {"supported_types[]": ["mention"]})


def test_notifications_bad_supported_types(api, server):
    with pytest.raises(MastodonIllegalArgumentError, match="supported_types"):
        api.notifications(supported_types=[None])
    assert server.requests == []


# -- notification policy ---------------------------------------------------------------------------
def test_notifications_policy(api43, server):
    server.route("GET", "/api/v2/notifications/policy", json=notifs.notification_policy())
    result = api43.notifications_policy()
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v2/notifications/policy", {})
    assert result.for_new_accounts == "filter" and result.summary.pending_requests_count == 2


def test_update_notifications_policy(api43, server):
    server.route("PATCH", "/api/v2/notifications/policy", json=notifs.notification_policy(for_not_following="drop"))
    result = api43.update_notifications_policy(for_not_following="drop", for_private_mentions="accept")
    request = server.last
    assert (request.method, request.path, request.form) == (
        "PATCH", "/api/v2/notifications/policy", {"for_not_following": ["drop"], "for_private_mentions": ["accept"]})
    assert result.for_not_following == "drop"
    api43.update_notifications_policy("filter", "filter", "accept", "drop", "accept")
    assert server.last.form == {"for_not_following": ["filter"], "for_not_followers": ["filter"],
                                "for_new_accounts": ["accept"], "for_private_mentions": ["drop"],
                                "for_limited_accounts": ["accept"]}


@pytest.mark.parametrize("kwargs", [{"for_not_following": "block"}, {"for_limited_accounts": True},
                                    {"for_new_accounts": "Accept"}])
def test_update_notifications_policy_bad_values(api43, server, kwargs):
    with pytest.raises(MastodonIllegalArgumentError, match="'accept', 'filter', 'drop'"):
        api43.update_notifications_policy(**kwargs)
    assert server.requests == []


# -- notification requests -------------------------------------------------------------------------
def test_notification_requests(api43, server):
    link = '<%s/api/v1/notifications/requests?max_id=112456967201894200>; rel="next"' % server.url
    server.route("GET", "/api/v1/notifications/requests", [
        Reply(json=[notifs.notification_request()], headers={"Link": link}),
        Reply(json=[notifs.notification_request(id="112456967201894200")])])
    result = api43.notification_requests(limit=1)
    assert (server.last.method, server.last.path, server.last.query) == (
        "GET", "/api/v1/notifications/requests", {"limit": ["1"]})
    request = result[0]
    assert request.id == 112456967201894256 and request.account.id == 109385
    assert request.created_at == datetime(2024, 5, 20, 8, 5, 43, 111000, tzinfo=timezone.utc)
    assert request.updated_at.tzinfo is not None and request.last_status.visibility == "direct"
    second = api43.fetch_next(result)
    assert server.last.query == {"limit": ["1"], "max_id": ["112456967201894200"]}
    assert second[0].id == 112456967201894200
    api43.notification_requests(max_id=5, since_id={"id": 3}, min_id=WHEN)
    assert server.last.query == {"max_id": ["5"], "since_id": ["3"], "min_id": [str(datetime_to_snowflake(WHEN))]}


def test_notification_request(api43, server):
    server.route("GET", "/api/v1/notifications/requests/112456967201894256", json=notifs.notification_request())
    result = api43.notification_request(notifs.notification_request())
    assert (server.last.method, server.last.path) == ("GET", "/api/v1/notifications/requests/112456967201894256")
    assert result.id == 112456967201894256 and result.notifications_count == "3"


@pytest.mark.parametrize("method, action", [("accept_notification_request", "accept"),
                                            ("dismiss_notification_request", "dismiss")])
def test_accept_and_dismiss_notification_request(api43, server, method, action):
    path = "/api/v1/notifications/requests/112456967201894256/%s" % action
    server.route("POST", path, json={})
    assert getattr(api43, method)(112456967201894256) is None
    assert (server.last.method, server.last.path, server.last.form) == ("POST", path, {})


@pytest.mark.parametrize("method, action", [("accept_multiple_notification_requests", "accept"),
                                            ("dismiss_multiple_notification_requests", "dismiss")])
def test_accept_and_dismiss_several_notification_requests(api43, server, method, action):
    path = "/api/v1/notifications/requests/" + action
    server.route("POST", path, json={})
    assert getattr(api43, method)([1, notifs.notification_request(id="2"), "3"]) is None
    assert (server.last.method, server.last.path, server.last.form) == ("POST", path, {"id[]": ["1", "2", "3"]})
    getattr(api43, method)(7)
    assert server.last.form == {"id[]": ["7"]}
    for bad in ([], None, [None], [[1]]):
        with pytest.raises(MastodonIllegalArgumentError, match="ids"):
            getattr(api43, method)(bad)
    assert len(server.requests) == 2


def test_notification_request_bad_id(api43, server):
    with pytest.raises(MastodonIllegalArgumentError):
        api43.notification_request(None)
    with pytest.raises(MastodonIllegalArgumentError):
        api43.accept_notification_request({"account": "x"})
    assert server.requests == []


@pytest.mark.parametrize("merged", [True, False])
def test_notifications_merged(api43, server, merged):
    server.route("GET", "/api/v1/notifications/requests/merged", json={"merged": merged})
    assert api43.notifications_merged() is merged
    assert (server.last.method, server.last.path, server.last.query) == (
        "GET", "/api/v1/notifications/requests/merged", {})


def test_notification_requests_need_4_3(api, server):
    for call in (api.notification_requests, api.notifications_policy, api.notifications_merged,
                 api.notifications_unread_count, api.unread_grouped_notifications_count):
        with pytest.raises(MastodonVersionError):
            call()
    assert server.requests == []


def test_only_paginated_dict_answers_get_pagination(api43, server):
    """A dict answer gets pagination only where the method asks for it."""
    link = '<%s/api/v2/notifications?max_id=1>; rel="next"' % server.url
    server.route("GET", "/api/v2/notifications/" + GROUP, Reply(json=notifs.grouped_notifications(),
                                                                headers={"Link": link}))
    server.route("GET", "/api/v2/notifications/policy", Reply(json=notifs.notification_policy(), headers={"Link": link}))
    for result in (api43.grouped_notification(GROUP), api43.notifications_policy()):
        assert not hasattr(result, "_pagination_next")
        assert api43.fetch_next(result) is None
    assert len(server.requests) == 2


def test_grouped_notifications_iterate_and_fetch_remaining(api43, server):
    first_link = '<%s/api/v2/notifications?max_id=34975855>; rel="next"' % server.url
    second_page = notifs.grouped_notifications(groups=[notifs.notification_group(
        group_key="ungrouped-34975850", type="mention", notifications_count=1)])
    pages = [Reply(json=notifs.grouped_notifications(), headers={"Link": first_link}),
             Reply(json=second_page, headers={"Link": first_link.replace("34975855", "34975800")}),
             Reply(json=notifs.grouped_notifications(groups=[]))]
    server.route("GET", "/api/v2/notifications", pages)
    first = api43.grouped_notifications()
    groups = api43.fetch_remaining(first)
    assert [g.group_key for g in groups] == [GROUP, "ungrouped-34975850"]
    assert len(server.requests) == 3
    server._counters.clear()  # the same three pages again, from the first
    walked = list(api43.pagination_page_iterator(api43.grouped_notifications()))
    assert [page.notification_groups[0].group_key for page in walked] == [GROUP, "ungrouped-34975850"]
