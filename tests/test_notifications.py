"""Notifications: listing with filters and pagination, one notification, clear, dismiss."""
from datetime import datetime, timezone

import pytest

from mastodon import MastodonIllegalArgumentError, MastodonVersionError
from mastodon._encoding import datetime_to_snowflake
from mastodon.utility import AttribAccessDict
from tests import entities
from tests.conftest import TOKEN
from tests.harness import Reply

WHEN = datetime(2023, 3, 14, 12, 0, tzinfo=timezone.utc)


def test_notifications_list(api, server):
    link = ('<%s/api/v1/notifications?max_id=34975800>; rel="next", '
            '<%s/api/v1/notifications?min_id=34975861>; rel="prev"' % (server.url, server.url))
    server.route("GET", "/api/v1/notifications", Reply(
        json=[entities.notification(), entities.notification(id="34975800", type="follow")],
        headers={"Link": link}))
    result = api.notifications()
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/notifications", {})
    assert request.header("Authorization") == "Bearer " + TOKEN
    assert [n.id for n in result] == [34975861, 34975800]
    assert result[0].type == "mention" and result[0].status.id == 110123456789012345
    assert result[0].created_at == datetime(2023, 3, 14, 12, 30, 45, 123000, tzinfo=timezone.utc)
    assert result[1].status is None and result[1].account.acct == "bob@other.example"
    assert result._pagination_next["max_id"] == 34975800
    assert result._pagination_prev["min_id"] == 34975861


def test_notifications_filters_and_pagination(api, server):
    server.route("GET", "/api/v1/notifications", json=[entities.notification()])
    api.notifications(account_id=entities.account(id="109383"), max_id=WHEN, min_id={"id": "34975000"},
                      since_id=34974000, limit=15, exclude_types=["follow", "admin.sign_up"],
                      types=["mention", "favourite"])
    assert server.last.query == {
        "account_id": ["109383"], "max_id": [str(datetime_to_snowflake(WHEN))], "min_id": ["34975000"],
        "since_id": ["34974000"], "limit": ["15"], "exclude_types[]": ["follow", "admin.sign_up"],
        "types[]": ["mention", "favourite"]}


def test_notifications_single_type_string(api, server):
    server.route("GET", "/api/v1/notifications", json=[])
    api.notifications(types="mention", exclude_types="poll")
    assert server.last.query == {"types[]": ["mention"], "exclude_types[]": ["poll"]}


def test_notifications_fetch_next(api, server):
    link = '<%s/api/v1/notifications?max_id=34975800>; rel="next"' % server.url
    server.route("GET", "/api/v1/notifications", [
        Reply(json=[entities.notification()], headers={"Link": link}),
        Reply(json=[entities.notification(id="34975799", type="reblog")])])
    first = api.notifications(types=["reblog", "mention"], limit=1)
    second = api.fetch_next(first)
    assert server.last.query == {"types[]": ["reblog", "mention"], "limit": ["1"], "max_id": ["34975800"]}
    assert second[0].id == 34975799 and second[0].type == "reblog"


def test_notification_by_id_returns_one_dict(api, server):
    server.route("GET", "/api/v1/notifications/34975861", json=entities.notification(type="favourite"))
    result = api.notifications(id=34975861)
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v1/notifications/34975861", {})
    assert isinstance(result, AttribAccessDict)
    assert result.id == 34975861 and result.type == "favourite" and result.status.account.id == 109382
    api.notifications(entities.notification())  # a notification dict works as the id, positionally too
    assert server.last.path == "/api/v1/notifications/34975861"


def test_notification_by_id_refuses_list_arguments(api, server):
    with pytest.raises(MastodonIllegalArgumentError, match="limit"):
        api.notifications(id=5, limit=3)
    with pytest.raises(MastodonIllegalArgumentError, match="types"):
        api.notifications(id=5, types=["mention"])
    assert server.requests == []


@pytest.mark.parametrize("kwargs", [
    {"types": ["mention", "boost"]},
    {"exclude_types": ["likes"]},
    {"exclude_types": "Mention"},
    {"types": 5},
])
def test_notifications_unknown_types(api, server, kwargs):
    with pytest.raises(MastodonIllegalArgumentError, match="follow_request"):
        api.notifications(**kwargs)
    assert server.requests == []


def test_notifications_mentions_only(api, server):
    server.route("GET", "/api/v1/notifications", json=[entities.notification()])
    api.notifications(mentions_only=True)
    assert server.last.query == {"types[]": ["mention"]}
    api.notifications(mentions_only=False, limit=2)
    assert server.last.query == {"limit": ["2"]}


def test_notifications_mentions_only_before_3_5(make_api, server):
    api = make_api(mastodon_version="3.4.0")
    server.route("GET", "/api/v1/notifications", json=[entities.notification()])
    api.notifications(mentions_only=True)
    assert server.last.query == {"exclude_types[]": ["follow", "favourite", "reblog", "poll", "follow_request"]}


@pytest.mark.parametrize("kwargs", [{"types": ["mention"]}, {"exclude_types": ["follow"]}])
def test_notifications_mentions_only_cannot_be_combined(api, server, kwargs):
    with pytest.raises(MastodonIllegalArgumentError, match="mentions_only"):
        api.notifications(mentions_only=True, **kwargs)
    assert server.requests == []


def test_notifications_clear(api, server):
    server.route("POST", "/api/v1/notifications/clear", json={})
    assert api.notifications_clear() is None
    request = server.last
    assert (request.method, request.path, request.form) == ("POST", "/api/v1/notifications/clear", {})
    assert request.header("Authorization") == "Bearer " + TOKEN


def test_notifications_dismiss(api, server):
    server.route("POST", "/api/v1/notifications/34975861/dismiss", json={})
    assert api.notifications_dismiss(entities.notification()) is None
    request = server.last
    assert (request.method, request.path, request.form) == ("POST", "/api/v1/notifications/34975861/dismiss", {})


def test_notifications_dismiss_before_2_9_2(make_api, server):
    api = make_api(mastodon_version="2.9.1")
    server.route("POST", "/api/v1/notifications/dismiss", json={})
    assert api.notifications_dismiss(34975861) is None
    request = server.last
    assert (request.method, request.path) == ("POST", "/api/v1/notifications/dismiss")
    assert request.form == {"id": ["34975861"]}


def test_notifications_dismiss_needs_an_id(api, server):
    with pytest.raises(MastodonIllegalArgumentError):
        api.notifications_dismiss(None)
    with pytest.raises(MastodonIllegalArgumentError):
        api.notifications_dismiss({"type": "mention"})
    assert server.requests == []


def test_notifications_dismiss_version(make_api, server):
    api = make_api(mastodon_version="1.2.0")
    with pytest.raises(MastodonVersionError):
        api.notifications_dismiss(5)
    assert server.requests == []
