"""Reports (mastodon/reports.py), preferences and read markers (mastodon/preferences.py)."""
from datetime import datetime, timezone

import pytest

from mastodon.errors import MastodonIllegalArgumentError, MastodonVersionError
from tests import entities, entities_accounts


# -- reports -----------------------------------------------------------------------------------------
def test_reports_on_old_server(make_api, server):
    api = make_api(mastodon_version="2.4.3")
    server.route("GET", "/api/v1/reports", json=[entities_accounts.report()])
    result = api.reports()
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/reports", {})
    assert result[0].id == 48914 and result[0].created_at.year == 2023
    assert result[0].target_account.id == 109383


@pytest.mark.parametrize("version", ["2.5.0", "4.2.0"])
def test_reports_removed_in_2_5_0(make_api, server, version):
    api = make_api(mastodon_version=version)
    with pytest.raises(MastodonVersionError, match="2.5.0"):
        api.reports()
    assert server.requests == []


def test_report_all_parameters(api, server):
    server.route("POST", "/api/v1/reports/", json=entities_accounts.report())
    result = api.report(entities.account(id="109383"), status_ids=[entities.status(), 5], comment="Spam links",
                        forward=True, category="violation", rule_ids=[2, "3"])
    request = server.last
    assert (request.method, request.path) == ("POST", "/api/v1/reports/")
    assert request.form == {"account_id": ["109383"], "status_ids[]": ["110123456789012345", "5"],
                            "comment": ["Spam links"], "forward": ["1"], "category": ["violation"],
                            "rule_ids[]": ["2", "3"]}
    assert result.id == 48914 and result.category == "violation"
    assert result.created_at == datetime(2023, 3, 14, 12, 30, 45, 123000, tzinfo=timezone.utc)
    assert result.target_account.acct == "bob@other.example"


def test_report_minimal_and_single_ids(api, server):
    server.route("POST", "/api/v1/reports/", json=entities_accounts.report())
    api.report(109383)
    assert server.last.form == {"account_id": ["109383"]}
    api.report(109383, status_ids=entities.status(), rule_ids=2, forward=False, category="spam")
    assert server.last.form == {"account_id": ["109383"], "status_ids[]": ["110123456789012345"],
                                "category": ["spam"], "rule_ids[]": ["2"]}


@pytest.mark.parametrize("category", ["abuse", "Spam", ""])
def test_report_invalid_category(api, server, category):
    with pytest.raises(MastodonIllegalArgumentError, match="'spam', 'violation', 'other'"):
        api.report(109383, category=category)
    assert server.requests == []


# -- preferences -----------------------------------------------------------------------------------
def test_preferences(api, server):
    server.route("GET", "/api/v1/preferences", json=entities_accounts.preferences())
    result = api.preferences()
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/preferences", {})
    assert result["posting:default:visibility"] == "unlisted"
    assert result["reading:expand:spoilers"] is False


# -- markers -----------------------------------------------------------------------------------------
MARKERS = {"home": entities_accounts.marker(), "notifications": entities_accounts.marker(last_read_id="34975861")}


@pytest.mark.parametrize("kwargs, timelines", [
    ({}, ["home"]),
    ({"timeline": "notifications"}, ["notifications"]),
    ({"timeline": ["home", "notifications"]}, ["home", "notifications"]),
])
def test_markers_get(api, server, kwargs, timelines):
    server.route("GET", "/api/v1/markers", json=MARKERS)
    result = api.markers_get(**kwargs)
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/markers", {"timeline[]": timelines})
    assert result.home.last_read_id == 110123456789012345
    assert result.notifications.last_read_id == 34975861
    assert result.home.updated_at == datetime(2023, 3, 14, 12, 31, tzinfo=timezone.utc)
    assert result.home.version == 462


def test_markers_get_default_is_not_mutated(api, server):
    server.route("GET", "/api/v1/markers", json=MARKERS)
    api.markers_get()
    api.markers_get()
    assert server.last.query == {"timeline[]": ["home"]}


def test_markers_set_sends_json(api, server):
    server.route("POST", "/api/v1/markers", json=MARKERS)
    result = api.markers_set(["home", "notifications"], [entities.status(), 34975861])
    request = server.last
    assert (request.method, request.path) == ("POST", "/api/v1/markers")
    assert request.header("Content-Type").startswith("application/json")
    # ids keep their type in JSON: the raw status dict has a string id, 34975861 is an int
    assert request.json == {"home": {"last_read_id": "110123456789012345"},
                            "notifications": {"last_read_id": 34975861}}
    assert result.home.last_read_id == 110123456789012345
    assert result.notifications.version == 462


def test_markers_set_single(api, server):
    server.route("POST", "/api/v1/markers", json={"home": entities_accounts.marker(last_read_id="5")})
    result = api.markers_set("home", {"id": 5})
    assert server.last.json == {"home": {"last_read_id": 5}}
    assert result.home.last_read_id == 5
    api.markers_set("notifications", "34975861")
    assert server.last.json == {"notifications": {"last_read_id": "34975861"}}


@pytest.mark.parametrize("timelines, ids", [(["home", "notifications"], [1]), ("home", [1, 2]), ([], []),
                                            ("home", None), (["home", "notifications"], [1, None]), (None, 5)])
def test_markers_set_length_mismatch(api, server, timelines, ids):
    with pytest.raises(MastodonIllegalArgumentError):
        api.markers_set(timelines, ids)
    assert server.requests == []
