"""Administration and moderation API (mastodon/admin.py), through the loopback server."""
from datetime import date, datetime, timedelta, timezone

import pytest

from mastodon.errors import MastodonIllegalArgumentError, MastodonNotFoundError, MastodonVersionError
from mastodon.utility import AttribAccessDict
from tests import entities
from tests import entities_admin as ea

UTC = timezone.utc
START = datetime(2023, 3, 9, 14, 0, 0, tzinfo=timezone(timedelta(hours=2)))  # 12:00 UTC
END = datetime(2023, 3, 14, 0, 0, 0, tzinfo=UTC)


def snowflake(moment):
    return (int(moment.timestamp()) << 16) * 1000


def assert_admin_account(result, id=109382):
    assert isinstance(result, AttribAccessDict)
    assert result.id == id
    assert result.created_at == datetime(2022, 11, 1, tzinfo=UTC)
    assert result.confirmed is True and result.suspended is False
    assert result.invited_by_account_id == 108000
    assert result.account.id == id and result.role.name == "Owner"


def refused(server, call, *words):
    """``call`` raises MastodonIllegalArgumentError naming ``words``, without any request."""
    with pytest.raises(MastodonIllegalArgumentError) as info:
        call()
    for word in words:
        assert word in str(info.value)
    assert server.requests == []


# -- accounts ------------------------------------------------------------------------------------
def test_admin_accounts_v2_sends_every_filter(api, server):
    server.route("GET", "/api/v2/admin/accounts",
                 json=[ea.admin_account(), ea.admin_account(id="109390", username="carol")])
    moment = datetime(2023, 3, 1, tzinfo=UTC)
    result = api.admin_accounts_v2(origin="remote", by_domain="https://other.example/", status="silenced",
                                   username="car", display_name="Carol", email="c@example.org", ip="192.0.2.7",
                                   permissions="staff", invited_by={"id": 108000}, role_ids=[3, {"id": "4"}],
                                   max_id=moment, min_id={"id": 5}, since_id=2, limit=40)
    req = server.last
    assert (req.method, req.path) == ("GET", "/api/v2/admin/accounts")
    assert req.query == {
        "origin": ["remote"], "by_domain": ["other.example"], "status": ["silenced"], "username": ["car"],
        "display_name": ["Carol"], "email": ["c@example.org"], "ip": ["192.0.2.7"], "permissions": ["staff"],
        "invited_by": ["108000"], "role_ids[]": ["3", "4"], "max_id": [str(snowflake(moment))],
        "min_id": ["5"], "since_id": ["2"], "limit": ["40"]}
    assert req.header("Authorization") == "Bearer test-access-token-0123456789"
    assert len(result) == 2
    assert_admin_account(result[0])
    assert result[1].id == 109390


def test_admin_accounts_v2_defaults_send_nothing_and_single_role_id(api, server):
    server.route("GET", "/api/v2/admin/accounts", json=[])
    assert api.admin_accounts_v2() == []
    assert server.last.query == {}
    api.admin_accounts_v2(role_ids="3")
    assert server.last.query == {"role_ids[]": ["3"]}


@pytest.mark.parametrize("kwargs, words", [
    ({"origin": "elsewhere"}, ("origin", "'local'", "'remote'")),
    ({"status": "banned"}, ("status", "'active'", "'pending'", "'disabled'", "'silenced'", "'suspended'")),
    ({"permissions": "admin"}, ("permissions", "'staff'")),
])
def test_admin_accounts_v2_validates_before_any_request(api, server, kwargs, words):
    refused(server, lambda: api.admin_accounts_v2(**kwargs), *words)


def test_admin_accounts_uses_v2_on_current_servers(api, server):
    server.route("GET", "/api/v2/admin/accounts", json=[ea.admin_account()])
    result = api.admin_accounts()
    assert (server.last.method, server.last.path) == ("GET", "/api/v2/admin/accounts")
    assert server.last.query == {"origin": ["local"], "status": ["active"]}
    assert_admin_account(result[0])

    api.admin_accounts(remote=True, by_domain="http://other.example", status="pending", username="bo",
                       display_name="Bob", email="b@example.org", ip="::1", staff_only=True,
                       max_id=90, min_id=10, since_id=5, limit=10)
    assert server.last.query == {
        "origin": ["remote"], "by_domain": ["other.example"], "status": ["pending"], "username": ["bo"],
        "display_name": ["Bob"], "email": ["b@example.org"], "ip": ["::1"], "permissions": ["staff"],
        "max_id": ["90"], "min_id": ["10"], "since_id": ["5"], "limit": ["10"]}


def test_admin_accounts_uses_v1_on_old_servers(make_api, server):
    old = make_api(mastodon_version="3.4.1", ratelimit_method="throw")
    server.route("GET", "/api/v1/admin/accounts", json=[ea.admin_account()])
    result = old.admin_accounts(remote=True, staff_only=True, limit=5)
    req = server.last
    assert (req.method, req.path) == ("GET", "/api/v1/admin/accounts")
    assert req.query == {"remote": ["1"], "staff": ["1"], "active": ["1"], "limit": ["5"]}
    assert_admin_account(result[0])


def test_admin_accounts_validates_status(api, server):
    refused(server, lambda: api.admin_accounts(status="frozen"), "status", "'suspended'")


def test_admin_accounts_v1_sends_flags_as_1(api, server):
    server.route("GET", "/api/v1/admin/accounts", json=[ea.admin_account()])
    result = api.admin_accounts_v1()
    assert (server.last.method, server.last.path) == ("GET", "/api/v1/admin/accounts")
    assert server.last.query == {"active": ["1"]}
    assert_admin_account(result[0])

    api.admin_accounts_v1(remote=True, by_domain="https://other.example/", status="suspended", username="sp",
                          display_name="Spam", email="s@example.org", ip="192.0.2.1", staff_only=True,
                          max_id={"id": 99}, min_id=3, since_id=1, limit=20)
    assert server.last.query == {
        "remote": ["1"], "by_domain": ["other.example"], "suspended": ["1"], "username": ["sp"],
        "display_name": ["Spam"], "email": ["s@example.org"], "ip": ["192.0.2.1"], "staff": ["1"],
        "max_id": ["99"], "min_id": ["3"], "since_id": ["1"], "limit": ["20"]}

    api.admin_accounts_v1(status=None)
    assert server.last.query == {}


def test_admin_accounts_v1_invalid_status_is_a_value_error(api, server):
    with pytest.raises(ValueError):
        api.admin_accounts_v1(status="frozen")
    refused(server, lambda: api.admin_accounts_v1(status="frozen"), "status", "'active'", "'silenced'")


def test_admin_account(api, server):
    server.route("GET", "/api/v1/admin/accounts/109382", json=ea.admin_account())
    result = api.admin_account({"id": 109382})
    req = server.last
    assert (req.method, req.path, req.query) == ("GET", "/api/v1/admin/accounts/109382", {})
    assert_admin_account(result)
    assert result.ips[0].ip == "192.0.2.10"


ACCOUNT_ACTIONS = [
    ("admin_account_enable", "POST", "/api/v1/admin/accounts/109382/enable"),
    ("admin_account_approve", "POST", "/api/v1/admin/accounts/109382/approve"),
    ("admin_account_reject", "POST", "/api/v1/admin/accounts/109382/reject"),
    ("admin_account_unsilence", "POST", "/api/v1/admin/accounts/109382/unsilence"),
    ("admin_account_unsuspend", "POST", "/api/v1/admin/accounts/109382/unsuspend"),
    ("admin_account_unsensitive", "POST", "/api/v1/admin/accounts/109382/unsensitive"),
    ("admin_account_delete", "DELETE", "/api/v1/admin/accounts/109382"),
]


@pytest.mark.parametrize("name, verb, path", ACCOUNT_ACTIONS)
def test_admin_account_actions(api, server, name, verb, path):
    server.route(verb, path, json=ea.admin_account())
    result = getattr(api, name)(109382)
    req = server.last
    assert (req.method, req.path, req.query, req.form) == (verb, path, {}, {})
    assert_admin_account(result)
    getattr(api, name)(ea.admin_account())  # the dict of an account works as well
    assert server.last.path == path


@pytest.mark.parametrize("name", [n for n, _, _ in ACCOUNT_ACTIONS] + ["admin_account"])
def test_admin_account_actions_escape_and_check_ids(api, server, name):
    server.route("POST", "/api/v1/admin/accounts/a%2Fb/enable", json=ea.admin_account())
    refused(server, lambda: getattr(api, name)(None), "id")
    refused(server, lambda: getattr(api, name)({"username": "alice"}), "id")
    if name == "admin_account_enable":
        api.admin_account_enable("a/b")
        assert server.last.path == "/api/v1/admin/accounts/a%2Fb/enable"


def test_admin_account_moderate_defaults(api, server):
    server.route("POST", "/api/v1/admin/accounts/109382/action", json={})
    assert api.admin_account_moderate(109382) is None
    req = server.last
    assert (req.method, req.path) == ("POST", "/api/v1/admin/accounts/109382/action")
    assert req.form == {"type": ["none"], "send_email_notification": ["1"]}


def test_admin_account_moderate_sends_everything(api, server):
    server.route("POST", "/api/v1/admin/accounts/109382/action", json={})
    result = api.admin_account_moderate({"id": 109382}, "suspend", report_id=ea.admin_report(),
                                        warning_preset_id=7, text="Spam is not welcome here",
                                        send_email_notification=False)
    assert result is None
    assert server.last.form == {"type": ["suspend"], "report_id": ["4324"], "warning_preset_id": ["7"],
                                "text": ["Spam is not welcome here"], "send_email_notification": ["0"]}
    api.admin_account_moderate(109382, "silence", send_email_notification=None)
    assert server.last.form == {"type": ["silence"]}
    for action in ("none", "disable", "silence", "sensitive"):
        api.admin_account_moderate(109382, action)
        assert server.last.form["type"] == [action]


def test_admin_account_moderate_validates_action(api, server):
    refused(server, lambda: api.admin_account_moderate(109382, "ban"),
            "action", "'none'", "'disable'", "'silence'", "'suspend'", "'sensitive'")


# -- reports ---------------------------------------------------------------------------------------
def test_admin_reports(api, server):
    link = '<%s/api/v1/admin/reports?max_id=4000>; rel="next", <%s/api/v1/admin/reports?min_id=4324>; rel="prev"' % (
        server.url, server.url)
    server.route("GET", "/api/v1/admin/reports", json=[ea.admin_report()], headers={"Link": link})
    result = api.admin_reports()
    req = server.last
    assert (req.method, req.path, req.query) == ("GET", "/api/v1/admin/reports", {})
    report = result[0]
    assert report.id == 4324 and report.action_taken is False
    assert report.created_at == datetime(2023, 3, 14, 12, 30, 45, 123000, tzinfo=UTC)
    assert report.target_account.account.acct == "spammer"
    assert report.statuses[0].id == 110123456789012345
    assert result._pagination_next["max_id"] == 4000

    moment = datetime(2023, 3, 1, tzinfo=UTC)
    api.admin_reports(resolved=True, account_id=ea.admin_account(id="109383"), target_account_id=109384,
                      max_id=moment, min_id=4000, since_id={"id": 3000}, limit=5)
    assert server.last.query == {"resolved": ["1"], "account_id": ["109383"], "target_account_id": ["109384"],
                                 "max_id": [str(snowflake(moment))], "min_id": ["4000"], "since_id": ["3000"],
                                 "limit": ["5"]}


def test_admin_report(api, server):
    server.route("GET", "/api/v1/admin/reports/4324", json=ea.admin_report())
    result = api.admin_report(4324)
    req = server.last
    assert (req.method, req.path, req.query) == ("GET", "/api/v1/admin/reports/4324", {})
    assert result.id == 4324 and result.account.id == 109383
    assert result.updated_at == datetime(2023, 3, 14, 13, 0, tzinfo=UTC)


@pytest.mark.parametrize("name, suffix", [
    ("admin_report_assign", "assign_to_self"),
    ("admin_report_unassign", "unassign"),
    ("admin_report_reopen", "reopen"),
    ("admin_report_resolve", "resolve"),
])
def test_admin_report_actions(api, server, name, suffix):
    path = "/api/v1/admin/reports/4324/" + suffix
    server.route("POST", path, json=ea.admin_report(action_taken=suffix == "resolve",
                                                    assigned_account=ea.admin_account(id="1", username="admin")))
    result = getattr(api, name)({"id": "4324"})
    req = server.last
    assert (req.method, req.path, req.form) == ("POST", path, {})
    assert result.id == 4324 and result.assigned_account.id == 1
    assert result.action_taken is (suffix == "resolve")
    refused_server_count = len(server.requests)
    with pytest.raises(MastodonIllegalArgumentError):
        getattr(api, name)(None)
    assert len(server.requests) == refused_server_count


# -- trends -----------------------------------------------------------------------------------------
def test_admin_trending_tags(api, server):
    server.route("GET", "/api/v1/admin/trends/tags", json=[ea.admin_tag(), ea.admin_tag("cats", id="803")])
    result = api.admin_trending_tags()
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v1/admin/trends/tags", {})
    assert result[0].id == 802 and result[0].requires_review is False
    assert result[0].history[0].day == datetime(2023, 3, 14, tzinfo=UTC)
    api.admin_trending_tags(limit=2)
    assert server.last.query == {"limit": ["2"]}


def test_admin_trending_statuses(api, server):
    server.route("GET", "/api/v1/admin/trends/statuses", json=[entities.status()])
    result = api.admin_trending_statuses()
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v1/admin/trends/statuses", {})
    assert result[0].id == 110123456789012345 and result[0].account.acct == "alice"


def test_admin_trending_links(api, server):
    server.route("GET", "/api/v1/admin/trends/links", json=[ea.trends_link()])
    result = api.admin_trending_links()
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v1/admin/trends/links", {})
    assert result[0].url == "https://www.example.org/article"
    assert result[0].history[1].day == datetime(2023, 3, 13, tzinfo=UTC)
    assert result[0].published_at.year == 2023


# -- domain blocks ----------------------------------------------------------------------------------------
def test_admin_domain_blocks_list_sends_limit(api, server):
    server.route("GET", "/api/v1/admin/domain_blocks/",
                 json=[ea.admin_domain_block(), ea.admin_domain_block("18", "b.example")])
    result = api.admin_domain_blocks()
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v1/admin/domain_blocks/", {})
    assert [b.id for b in result] == [17, 18]
    assert result[0].created_at == datetime(2023, 3, 14, 12, 30, 45, 123000, tzinfo=UTC)
    api.admin_domain_blocks(limit=50)
    assert server.last.query == {"limit": ["50"]}


def test_admin_domain_blocks_single(api, server):
    server.route("GET", "/api/v1/admin/domain_blocks/17", json=ea.admin_domain_block())
    result = api.admin_domain_blocks({"id": 17})
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v1/admin/domain_blocks/17", {})
    assert result.id == 17 and result.domain == "spam.example"


def test_admin_domain_blocks_missing_block(api, server):
    with pytest.raises(MastodonNotFoundError):
        api.admin_domain_blocks(404)


def test_admin_domain_blocks_needs_4_0(make_api, server):
    old = make_api(mastodon_version="3.5.5", ratelimit_method="throw")
    with pytest.raises(MastodonVersionError):
        old.admin_domain_blocks()
    assert server.requests == []


def test_admin_create_domain_block(api, server):
    server.route("POST", "/api/v1/admin/domain_blocks/", json=ea.admin_domain_block(severity="suspend"))
    result = api.admin_create_domain_block("https://Spam.example", severity="suspend", reject_media=True,
                                           reject_reports=False, private_comment="seen in #spam",
                                           public_comment="Spam source", obfuscate=True)
    req = server.last
    assert (req.method, req.path) == ("POST", "/api/v1/admin/domain_blocks/")
    assert req.form == {"domain": ["https://Spam.example"], "severity": ["suspend"], "reject_media": ["1"],
                        "reject_reports": ["0"], "private_comment": ["seen in #spam"],
                        "public_comment": ["Spam source"], "obfuscate": ["1"]}
    assert result.id == 17 and result.severity == "suspend"

    api.admin_create_domain_block("spam.example")
    assert server.last.form == {"domain": ["spam.example"]}
    api.admin_create_domain_block("spam.example", "limit", reject_media=True)
    assert server.last.form == {"domain": ["spam.example"], "severity": ["noop"], "reject_media": ["1"]}


def test_admin_create_domain_block_validates(api, server):
    refused(server, lambda: api.admin_create_domain_block("spam.example", severity="block"),
            "severity", "'silence'", "'suspend'", "'noop'")
    refused(server, lambda: api.admin_create_domain_block(None), "domain")


def test_admin_update_domain_block(api, server):
    server.route("PUT", "/api/v1/admin/domain_blocks/17", json=ea.admin_domain_block(severity="noop"))
    result = api.admin_update_domain_block(ea.admin_domain_block(), severity="noop", reject_media=False,
                                           reject_reports=True, private_comment="x", public_comment="y",
                                           obfuscate=False)
    req = server.last
    assert (req.method, req.path) == ("PUT", "/api/v1/admin/domain_blocks/17")
    assert req.form == {"severity": ["noop"], "reject_media": ["0"], "reject_reports": ["1"],
                        "private_comment": ["x"], "public_comment": ["y"], "obfuscate": ["0"]}
    assert result.severity == "noop" and result.id == 17
    api.admin_update_domain_block(17, public_comment="Spam")
    assert server.last.form == {"public_comment": ["Spam"]}


def test_admin_update_domain_block_validates(api, server):
    refused(server, lambda: api.admin_update_domain_block(17, severity="ban"), "severity", "'noop'")
    refused(server, lambda: api.admin_update_domain_block(None, severity="silence"), "id")


def test_admin_delete_domain_block(api, server):
    server.route("DELETE", "/api/v1/admin/domain_blocks/17", json={})
    assert api.admin_delete_domain_block({"id": 17}) is None
    req = server.last
    assert (req.method, req.path, req.form) == ("DELETE", "/api/v1/admin/domain_blocks/17", {})
    server.clear()
    refused(server, lambda: api.admin_delete_domain_block(), "id")


# -- statistics -----------------------------------------------------------------------------------------
def test_admin_measures(api, server):
    server.route("POST", "/api/v1/admin/measures",
                 json=[ea.admin_measure(), ea.admin_measure("tag_accounts"), ea.admin_measure("instance_accounts")])
    result = api.admin_measures(START, END, active_users=True, resolved_reports=True, tag_accounts={"id": 802},
                                instance_accounts="https://other.example/about", instance_followers="b.example")
    req = server.last
    assert (req.method, req.path) == ("POST", "/api/v1/admin/measures")
    assert req.content_type.startswith("application/json")
    assert req.json == {
        "keys": ["active_users", "resolved_reports", "tag_accounts", "instance_accounts", "instance_followers"],
        "start_at": "2023-03-09T12:00:00+00:00", "end_at": "2023-03-14T00:00:00+00:00",
        "tag_accounts": {"id": 802}, "instance_accounts": {"domain": "other.example"},
        "instance_followers": {"domain": "b.example"}}
    assert [m.key for m in result] == ["active_users", "tag_accounts", "instance_accounts"]
    assert result[0].data[0].date == datetime(2023, 3, 13, tzinfo=UTC)
    assert result[0].data[0].value == 21 and result[0].total == "34"


def test_admin_measures_every_key(api, server):
    server.route("POST", "/api/v1/admin/measures", json=[])
    api.admin_measures(date(2023, 3, 1), "2023-03-14", True, True, True, True, True, "1", "2", "3",
                       "a.example", "b.example", "c.example", "d.example", "e.example", "f.example")
    body = server.last.json
    assert body["keys"] == ["active_users", "new_users", "interactions", "opened_reports", "resolved_reports",
                            "tag_accounts", "tag_uses", "tag_servers", "instance_accounts",
                            "instance_media_attachments", "instance_reports", "instance_statuses",
                            "instance_follows", "instance_followers"]
    assert (body["start_at"], body["end_at"]) == ("2023-03-01", "2023-03-14")
    assert body["tag_servers"] == {"id": "3"} and body["instance_follows"] == {"domain": "e.example"}


def test_admin_measures_validates(api, server):
    refused(server, lambda: api.admin_measures(START, END), "active_users", "instance_followers")
    refused(server, lambda: api.admin_measures(None, END, active_users=True), "start_at")
    refused(server, lambda: api.admin_measures(START, 5, active_users=True), "end_at")


def test_admin_dimensions(api, server):
    server.route("POST", "/api/v1/admin/dimensions", json=[ea.admin_dimension(), ea.admin_dimension("tag_servers")])
    result = api.admin_dimensions(START, END, limit=5, languages=True, software_versions=True,
                                  tag_servers=ea.admin_tag(), instance_languages="http://other.example")
    req = server.last
    assert (req.method, req.path) == ("POST", "/api/v1/admin/dimensions")
    assert req.content_type.startswith("application/json")
    assert req.json == {
        "keys": ["languages", "software_versions", "tag_servers", "instance_languages"],
        "start_at": "2023-03-09T12:00:00+00:00", "end_at": "2023-03-14T00:00:00+00:00", "limit": 5,
        "tag_servers": {"id": "802"}, "instance_languages": {"domain": "other.example"}}
    assert result[0].key == "languages"
    assert result[0].data[0].human_key == "English" and result[0].data[0].value == 210

    api.admin_dimensions(START, END, None, False, True, True, True, False, None, 9, "a.example", None)
    assert server.last.json["keys"] == ["sources", "servers", "space_usage", "tag_languages", "instance_accounts"]
    assert "limit" not in server.last.json


def test_admin_dimensions_validates(api, server):
    refused(server, lambda: api.admin_dimensions(START, END, limit=3), "languages", "instance_languages")


def test_admin_retention(api, server):
    server.route("POST", "/api/v1/admin/retention", json=[ea.admin_cohort()])
    result = api.admin_retention(START, END)
    req = server.last
    assert (req.method, req.path) == ("POST", "/api/v1/admin/retention")
    assert req.form == {"start_at": ["2023-03-09T12:00:00+00:00"], "end_at": ["2023-03-14T00:00:00+00:00"],
                        "frequency": ["day"]}
    cohort = result[0]
    assert cohort.period == datetime(2023, 3, 13, tzinfo=UTC) and cohort.frequency == "day"
    assert cohort.data[1].date == datetime(2023, 3, 14, tzinfo=UTC)
    assert cohort.data[1].value == 6 and cohort.data[1].rate == 0.5

    api.admin_retention(START, END, frequency="month")
    assert server.last.form["frequency"] == ["month"]


def test_admin_retention_validates(api, server):
    refused(server, lambda: api.admin_retention(START, END, frequency="week"), "frequency", "'day'", "'month'")
    refused(server, lambda: api.admin_retention(START, END, frequency=None), "frequency")
