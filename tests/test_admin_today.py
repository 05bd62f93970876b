"""Today's admin API (issue 12): domain allows, e-mail domain blocks, canonical e-mail
blocks, IP blocks, trend review, report updates and the parameters added to
admin_reports / admin_domain_blocks, through the loopback server."""
import ipaddress
from datetime import datetime, timedelta, timezone

import pytest

from mastodon.errors import MastodonIllegalArgumentError, MastodonNotFoundError, MastodonVersionError
from mastodon.utility import AttribAccessDict, AttribAccessList
from tests import entities
from tests import entities_admin as ea
from tests import entities_admin_blocks as eb

UTC = timezone.utc
CREATED_AT = datetime(2023, 3, 14, 12, 30, 45, 123000, tzinfo=UTC)


def refused(server, call, *words):
    """``call`` raises MastodonIllegalArgumentError naming ``words``, without any request."""
    before = len(server.requests)
    with pytest.raises(MastodonIllegalArgumentError) as info:
        call()
    for word in words:
        assert word in str(info.value)
    assert len(server.requests) == before


def link_header(server, path, older, newer):
    return '<%s%s?max_id=%s>; rel="next", <%s%s?min_id=%s>; rel="prev"' % (
        server.url, path, older, server.url, path, newer)


# -- listings with paging ---------------------------------------------------------------------------------
LISTINGS = [
    ("admin_domain_allows", "/api/v1/admin/domain_allows", eb.admin_domain_allow),
    ("admin_email_domain_blocks", "/api/v1/admin/email_domain_blocks", eb.admin_email_domain_block),
    ("admin_canonical_email_blocks", "/api/v1/admin/canonical_email_blocks", eb.admin_canonical_email_block),
    ("admin_ip_blocks", "/api/v1/admin/ip_blocks", eb.admin_ip_block),
]


@pytest.mark.parametrize("name, path, builder", LISTINGS)
def test_listing_sends_paging_and_converts(api, server, name, path, builder):
    server.route("GET", path, json=[builder(id="40"), builder(id="39")],
                 headers={"Link": link_header(server, path, 39, 40)})
    result = getattr(api, name)()
    req = server.last
    assert (req.method, req.path, req.query) == ("GET", path, {})
    assert req.header("Authorization") == "Bearer test-access-token-0123456789"
    assert isinstance(result, AttribAccessList)
    assert [entry.id for entry in result] == [40, 39]
    assert result._pagination_next["max_id"] == 39
    assert result._pagination_prev["min_id"] == 40

    getattr(api, name)(max_id={"id": "40"}, min_id=3, since_id="2", limit=20)
    assert server.last.query == {"max_id": ["40"], "min_id": ["3"], "since_id": ["2"], "limit": ["20"]}
    getattr(api, name)(40, 3, 2, 20)  # positional, in 2.x's order
    assert server.last.query == {"max_id": ["40"], "min_id": ["3"], "since_id": ["2"], "limit": ["20"]}


@pytest.mark.parametrize("name, path, builder", LISTINGS)
def test_listing_follows_next_page(api, server, name, path, builder):
    server.route("GET", path, json=[builder(id="40")], headers={"Link": link_header(server, path, 40, 40)})
    first = getattr(api, name)(limit=1)
    server.route("GET", path, json=[builder(id="38")])
    second = api.fetch_next(first)
    assert server.last.query == {"limit": ["1"], "max_id": ["40"]}
    assert second[0].id == 38


def test_listings_need_4_0(make_api, server):
    old = make_api(mastodon_version="3.5.5", ratelimit_method="throw")
    for name, _path, _builder in LISTINGS:
        with pytest.raises(MastodonVersionError):
            getattr(old, name)()
    assert server.requests == []


# -- domain allows ------------------------------------------------------------------------------------------
def test_admin_domain_allow(api, server):
    server.route("GET", "/api/v1/admin/domain_allows/5", json=eb.admin_domain_allow())
    result = api.admin_domain_allow({"id": "5"})
    req = server.last
    assert (req.method, req.path, req.query) == ("GET", "/api/v1/admin/domain_allows/5", {})
    assert isinstance(result, AttribAccessDict)
    assert result.id == 5 and result.domain == "friends.example" and result.created_at == CREATED_AT


def test_admin_domain_allow_missing(api, server):
    with pytest.raises(MastodonNotFoundError):
        api.admin_domain_allow(404)


def test_admin_create_domain_allow(api, server):
    server.route("POST", "/api/v1/admin/domain_allows", json=eb.admin_domain_allow())
    result = api.admin_create_domain_allow(" friends.example ")
    req = server.last
    assert (req.method, req.path, req.form) == ("POST", "/api/v1/admin/domain_allows",
                                                {"domain": ["friends.example"]})
    assert result.id == 5 and result.created_at == CREATED_AT


@pytest.mark.parametrize("domain", [
    None, "", "   ", "https://friends.example", "friends.example/about", "admin@friends.example",
    "friends..example", "friends.example:443", "two words.example", 42,
])
def test_admin_create_domain_allow_validates(api, server, domain):
    refused(server, lambda: api.admin_create_domain_allow(domain), "domain")


def test_admin_delete_domain_allow(api, server):
    server.route("DELETE", "/api/v1/admin/domain_allows/5", json={})
    assert api.admin_delete_domain_allow(eb.admin_domain_allow()) is None
    req = server.last
    assert (req.method, req.path, req.form) == ("DELETE", "/api/v1/admin/domain_allows/5", {})
    refused(server, lambda: api.admin_delete_domain_allow(None), "id")


# -- e-mail domain blocks ----------------------------------------------------------------------------------
def test_admin_email_domain_block(api, server):
    server.route("GET", "/api/v1/admin/email_domain_blocks/9", json=eb.admin_email_domain_block())
    result = api.admin_email_domain_block(9)
    req = server.last
    assert (req.method, req.path, req.query) == ("GET", "/api/v1/admin/email_domain_blocks/9", {})
    assert result.id == 9 and result.domain == "spam-mail.example" and result.created_at == CREATED_AT
    assert result.history[0].day == datetime(2023, 3, 14, tzinfo=UTC)
    assert result.history[1].uses == "7"


def test_admin_email_domain_block_needs_4_1(make_api, server):
    old = make_api(mastodon_version="4.0.2", ratelimit_method="throw")
    with pytest.raises(MastodonVersionError):
        old.admin_email_domain_block(9)
    assert server.requests == []


def test_admin_create_email_domain_block(api, server):
    server.route("POST", "/api/v1/admin/email_domain_blocks", json=eb.admin_email_domain_block())
    result = api.admin_create_email_domain_block("spam-mail.example")
    req = server.last
    assert (req.method, req.path, req.form) == ("POST", "/api/v1/admin/email_domain_blocks",
                                                {"domain": ["spam-mail.example"]})
    assert result.id == 9 and result.history[0].day == datetime(2023, 3, 14, tzinfo=UTC)
    api.admin_create_email_domain_block("bücher.example")
    assert server.last.form == {"domain": ["bücher.example"]}


@pytest.mark.parametrize("domain, words", [
    ("spammer@spam-mail.example", ("domain", "e-mail address")),
    ("https://spam-mail.example/", ("domain", "URL")),
    ("mailto:x", ("domain",)),
    ("spam-mail.example.", ("domain",)),
    (None, ("domain",)),
    (["spam-mail.example"], ("domain",)),
])
def test_admin_create_email_domain_block_validates(api, server, domain, words):
    refused(server, lambda: api.admin_create_email_domain_block(domain), *words)


def test_admin_delete_email_domain_block(api, server):
    server.route("DELETE", "/api/v1/admin/email_domain_blocks/9", json={})
    assert api.admin_delete_email_domain_block("9") is None
    req = server.last
    assert (req.method, req.path, req.form) == ("DELETE", "/api/v1/admin/email_domain_blocks/9", {})
    refused(server, lambda: api.admin_delete_email_domain_block({"domain": "x.example"}), "id")


# -- canonical e-mail blocks -------------------------------------------------------------------------------
def test_admin_canonical_email_block(api, server):
    server.route("GET", "/api/v1/admin/canonical_email_blocks/31", json=eb.admin_canonical_email_block())
    result = api.admin_canonical_email_block(31)
    req = server.last
    assert (req.method, req.path, req.query) == ("GET", "/api/v1/admin/canonical_email_blocks/31", {})
    assert result.id == 31 and result.canonical_email_hash == eb.HASH


def test_admin_test_canonical_email_block(api, server):
    server.route("POST", "/api/v1/admin/canonical_email_blocks/test", json=[eb.admin_canonical_email_block()])
    result = api.admin_test_canonical_email_block("spam.bot+x@example.org")
    req = server.last
    assert (req.method, req.path, req.form) == ("POST", "/api/v1/admin/canonical_email_blocks/test",
                                                {"email": ["spam.bot+x@example.org"]})
    assert isinstance(result, AttribAccessList)
    assert result[0].id == 31 and result[0].canonical_email_hash == eb.HASH
    server.route("POST", "/api/v1/admin/canonical_email_blocks/test", json=[])
    assert api.admin_test_canonical_email_block("nice@example.org") == []


@pytest.mark.parametrize("email", [None, "", "example.org", "a@b@example.org", "@example.org", "someone@"])
def test_admin_test_canonical_email_block_validates(api, server, email):
    refused(server, lambda: api.admin_test_canonical_email_block(email), "email")


def test_admin_create_canonical_email_block(api, server):
    server.route("POST", "/api/v1/admin/canonical_email_blocks", json=eb.admin_canonical_email_block())
    result = api.admin_create_canonical_email_block("spam.bot+x@example.org")
    req = server.last
    assert (req.method, req.path, req.form) == ("POST", "/api/v1/admin/canonical_email_blocks",
                                                {"email": ["spam.bot+x@example.org"]})
    assert result.id == 31 and result.canonical_email_hash == eb.HASH
    api.admin_create_canonical_email_block(canonical_email_hash=eb.HASH)
    assert server.last.form == {"canonical_email_hash": [eb.HASH]}


@pytest.mark.parametrize("kwargs, words", [
    ({}, ("email", "canonical_email_hash")),
    ({"email": "a@example.org", "canonical_email_hash": eb.HASH}, ("exactly one",)),
    ({"canonical_email_hash": "abc123"}, ("canonical_email_hash", "SHA256")),
    ({"canonical_email_hash": eb.HASH[:-1] + "g"}, ("canonical_email_hash",)),
    ({"email": "not an address"}, ("email",)),
])
def test_admin_create_canonical_email_block_validates(api, server, kwargs, words):
    refused(server, lambda: api.admin_create_canonical_email_block(**kwargs), *words)


def test_admin_delete_canonical_email_block(api, server):
    server.route("DELETE", "/api/v1/admin/canonical_email_blocks/31", json=eb.admin_canonical_email_block())
    result = api.admin_delete_canonical_email_block({"id": 31})
    req = server.last
    assert (req.method, req.path, req.form) == ("DELETE", "/api/v1/admin/canonical_email_blocks/31", {})
    assert result.id == 31
    server.route("DELETE", "/api/v1/admin/canonical_email_blocks/31", json={})
    assert api.admin_delete_canonical_email_block(31) == {}


# -- IP blocks ---------------------------------------------------------------------------------------------
def test_admin_ip_block(api, server):
    server.route("GET", "/api/v1/admin/ip_blocks/12", json=eb.admin_ip_block())
    result = api.admin_ip_block(12)
    req = server.last
    assert (req.method, req.path, req.query) == ("GET", "/api/v1/admin/ip_blocks/12", {})
    assert result.id == 12 and result.ip == "198.51.100.0/24" and result.severity == "sign_up_block"
    assert result.created_at == CREATED_AT
    assert result.expires_at == datetime(2023, 3, 15, 12, 30, 45, tzinfo=UTC)
    server.route("GET", "/api/v1/admin/ip_blocks/13", json=eb.admin_ip_block(id="13", expires_at=None))
    assert api.admin_ip_block(13).expires_at is None


def test_admin_create_ip_block(api, server):
    server.route("POST", "/api/v1/admin/ip_blocks", json=eb.admin_ip_block())
    result = api.admin_create_ip_block("198.51.100.0/24", "sign_up_block", comment="Spam wave", expires_in=86400)
    req = server.last
    assert (req.method, req.path) == ("POST", "/api/v1/admin/ip_blocks")
    assert req.form == {"ip": ["198.51.100.0/24"], "severity": ["sign_up_block"], "comment": ["Spam wave"],
                        "expires_in": ["86400"]}
    assert result.id == 12 and result.expires_at == datetime(2023, 3, 15, 12, 30, 45, tzinfo=UTC)


@pytest.mark.parametrize("ip, sent", [
    ("192.0.2.7", "192.0.2.7"),
    (" 2001:db8::/32 ", "2001:db8::/32"),
    ("2001:db8::1", "2001:db8::1"),
    ("192.0.2.7/24", "192.0.2.7/24"),
    (ipaddress.ip_network("203.0.113.0/24"), "203.0.113.0/24"),
    (ipaddress.ip_address("192.0.2.9"), "192.0.2.9"),
])
def test_admin_create_ip_block_takes_addresses_and_ranges(api, server, ip, sent):
    server.route("POST", "/api/v1/admin/ip_blocks", json=eb.admin_ip_block(ip=sent))
    api.admin_create_ip_block(ip, "no_access", expires_in=timedelta(days=1))
    assert server.last.form == {"ip": [sent], "severity": ["no_access"], "expires_in": ["86400"]}


@pytest.mark.parametrize("kwargs, words", [
    ({"ip": "192.0.2.300", "severity": "no_access"}, ("ip", "CIDR")),
    ({"ip": "192.0.2.0/33", "severity": "no_access"}, ("ip",)),
    ({"ip": "spam.example", "severity": "no_access"}, ("ip",)),
    ({"ip": None, "severity": "no_access"}, ("ip",)),
    ({"ip": 3221225985, "severity": "no_access"}, ("ip",)),
    ({"ip": "192.0.2.7", "severity": "block"},
     ("severity", "'sign_up_requires_approval'", "'sign_up_block'", "'no_access'")),
    ({"ip": "192.0.2.7", "severity": None}, ("severity",)),
    ({"ip": "192.0.2.7", "severity": "no_access", "expires_in": 0}, ("expires_in",)),
    ({"ip": "192.0.2.7", "severity": "no_access", "expires_in": "1d"}, ("expires_in",)),
    ({"ip": "192.0.2.7", "severity": "no_access", "expires_in": True}, ("expires_in",)),
])
def test_admin_create_ip_block_validates(api, server, kwargs, words):
    refused(server, lambda: api.admin_create_ip_block(**kwargs), *words)


def test_admin_update_ip_block(api, server):
    server.route("PUT", "/api/v1/admin/ip_blocks/12", json=eb.admin_ip_block(severity="no_access"))
    result = api.admin_update_ip_block(eb.admin_ip_block(), ip="198.51.100.0/25", severity="no_access",
                                       comment="Worse", expires_in=3600)
    req = server.last
    assert (req.method, req.path) == ("PUT", "/api/v1/admin/ip_blocks/12")
    assert req.form == {"ip": ["198.51.100.0/25"], "severity": ["no_access"], "comment": ["Worse"],
                        "expires_in": ["3600"]}
    assert result.id == 12 and result.severity == "no_access" and result.created_at == CREATED_AT
    api.admin_update_ip_block(12, comment="Only the comment")
    assert server.last.form == {"comment": ["Only the comment"]}


def test_admin_update_ip_block_validates(api, server):
    refused(server, lambda: api.admin_update_ip_block(12, ip="not-an-ip"), "ip")
    refused(server, lambda: api.admin_update_ip_block(12, severity="sign_up_approval"), "severity")
    refused(server, lambda: api.admin_update_ip_block(12, expires_in=-5), "expires_in")
    refused(server, lambda: api.admin_update_ip_block(None, comment="x"), "id")


def test_admin_delete_ip_block(api, server):
    server.route("DELETE", "/api/v1/admin/ip_blocks/12", json={})
    assert api.admin_delete_ip_block({"id": "12"}) is None
    req = server.last
    assert (req.method, req.path, req.form) == ("DELETE", "/api/v1/admin/ip_blocks/12", {})


# -- trend review ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_admin_review_trending_link(api, server, decision):
    path = "/api/v1/admin/trends/links/77/%s" % decision
    server.route("POST", path, json=ea.trends_link(id="77"))
    result = getattr(api, "admin_%s_trending_link" % decision)({"id": "77"})
    req = server.last
    assert (req.method, req.path, req.form) == ("POST", path, {})
    assert result.id == 77 and result.url == "https://www.example.org/article"
    assert result.published_at == CREATED_AT
    assert result.history[0].day == datetime(2023, 3, 14, tzinfo=UTC)


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_admin_review_trending_status(api, server, decision):
    path = "/api/v1/admin/trends/statuses/110123456789012345/%s" % decision
    server.route("POST", path, json=entities.status())
    result = getattr(api, "admin_%s_trending_status" % decision)(entities.status())
    req = server.last
    assert (req.method, req.path, req.form) == ("POST", path, {})
    assert result.id == 110123456789012345 and result.account.acct == "alice"
    assert isinstance(result.created_at, datetime) and result.created_at.tzinfo is not None


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_admin_review_trending_tag(api, server, decision):
    path = "/api/v1/admin/trends/tags/802/%s" % decision
    server.route("POST", path, json=ea.admin_tag(trendable=decision == "approve"))
    result = getattr(api, "admin_%s_trending_tag" % decision)(802)
    req = server.last
    assert (req.method, req.path, req.form) == ("POST", path, {})
    assert result.id == 802 and result.name == "birds"
    assert result.trendable is (decision == "approve")
    assert result.history[0].day == datetime(2023, 3, 14, tzinfo=UTC)


@pytest.mark.parametrize("name", [
    "admin_approve_trending_link", "admin_reject_trending_link", "admin_approve_trending_status",
    "admin_reject_trending_status", "admin_approve_trending_tag", "admin_reject_trending_tag",
])
def test_admin_trend_review_checks(api, make_api, server, name):
    refused(server, lambda: getattr(api, name)(None), "id")
    old = make_api(mastodon_version="4.1.0", ratelimit_method="throw")
    with pytest.raises(MastodonVersionError):
        getattr(old, name)(1)
    assert server.requests == []


# -- reports -----------------------------------------------------------------------------------------------
def test_admin_reports_unresolved(api, server):
    server.route("GET", "/api/v1/admin/reports", json=[ea.admin_report()])
    result = api.admin_reports(unresolved=True)
    req = server.last
    assert (req.method, req.path, req.query) == ("GET", "/api/v1/admin/reports", {})
    assert result[0].id == 4324 and result[0].action_taken is False
    api.admin_reports(False, None, None, None, None, None, 10, True)  # positional, appended last
    assert server.last.query == {"limit": ["10"]}
    api.admin_reports(resolved=True, unresolved=False)
    assert server.last.query == {"resolved": ["1"]}
    refused(server, lambda: api.admin_reports(resolved=True, unresolved=True), "resolved", "unresolved")


def test_admin_update_report(api, server):
    server.route("PUT", "/api/v1/admin/reports/4324", json=ea.admin_report(category="violation"))
    result = api.admin_update_report(ea.admin_report(), category="violation", rule_ids=[2, {"id": "3"}])
    req = server.last
    assert (req.method, req.path) == ("PUT", "/api/v1/admin/reports/4324")
    assert req.form == {"category": ["violation"], "rule_ids[]": ["2", "3"]}
    assert result.id == 4324 and result.category == "violation"
    assert result.created_at == CREATED_AT and result.rules[0].id == 2
    api.admin_update_report(4324, category="other")
    assert server.last.form == {"category": ["other"]}
    api.admin_update_report(4324, rule_ids="2")
    assert server.last.form == {"rule_ids[]": ["2"]}


def test_admin_update_report_validates(api, make_api, server):
    refused(server, lambda: api.admin_update_report(4324, category="rude"),
            "category", "'spam'", "'violation'", "'other'")
    refused(server, lambda: api.admin_update_report(4324), "category", "rule_ids")
    refused(server, lambda: api.admin_update_report(4324, rule_ids=[None]), "rule_ids")
    refused(server, lambda: api.admin_update_report(None, category="spam"), "id")
    old = make_api(mastodon_version="3.4.0", ratelimit_method="throw")
    with pytest.raises(MastodonVersionError):
        old.admin_update_report(4324, category="spam")
    assert server.requests == []


# -- domain blocks paging ----------------------------------------------------------------------------------
def test_admin_domain_blocks_paging(api, server):
    path = "/api/v1/admin/domain_blocks/"
    server.route("GET", path, json=[ea.admin_domain_block("18", "b.example")],
                 headers={"Link": link_header(server, "/api/v1/admin/domain_blocks", 18, 18)})
    result = api.admin_domain_blocks(max_id={"id": 20}, min_id=2, since_id="1", limit=1)
    req = server.last
    assert (req.method, req.path) == ("GET", path)
    assert req.query == {"max_id": ["20"], "min_id": ["2"], "since_id": ["1"], "limit": ["1"]}
    assert result[0].id == 18 and result[0].created_at == CREATED_AT
    api.admin_domain_blocks(None, 5, 20)  # positional: the 1.8.0 parameters first, then max_id
    assert server.last.query == {"limit": ["5"], "max_id": ["20"]}
    server.route("GET", path, json=[ea.admin_domain_block("17")])
    assert api.fetch_next(result)[0].id == 17
    assert server.last.path == path and server.last.query["max_id"] == ["18"]
