"""Instance-wide data: instance, activity, peers, health, nodeinfo, rules, directory,
custom emoji and announcements."""
import socket
from datetime import datetime, timezone

import pytest

from mastodon import MastodonIllegalArgumentError, MastodonNotFoundError, MastodonVersionError
from mastodon.utility import AttribAccessDict
from tests import entities
from tests import entities_instance as more
from tests.conftest import TOKEN
from tests.harness import MockServer, Reply

AUTH = "Bearer " + TOKEN


# -- instance ---------------------------------------------------------------------------------------
def test_instance_always_asks_the_server_and_refreshes_the_cache(api, server):
    server.route("GET", "/api/v1/instance/", [Reply(json=entities.instance(title="First")),
                                              Reply(json=entities.instance(title="Second"))])
    first = api.instance()
    second = api.instance()
    assert [(r.method, r.path, r.query) for r in server.requests] == [("GET", "/api/v1/instance/", {})] * 2
    assert server.last.header("Authorization") == AUTH
    assert (first.title, second.title) == ("First", "Second")
    assert isinstance(second, AttribAccessDict)
    assert second.contact_account.id == 1 and second.rules[1].id == 2
    assert second.stats.user_count == 1234 and second.urls.streaming_api == "wss://example.social"
    # The core's cached copy is the last answer: no further request for it.
    assert api._cached_instance() is second
    assert len(server.requests) == 2


def test_instance_version_check(make_api, server):
    api = make_api(mastodon_version="1.0.0")
    with pytest.raises(MastodonVersionError):
        api.instance()
    assert server.requests == []


def test_instance_activity(api, server):
    server.route("GET", "/api/v1/instance/activity", json=[more.activity(), more.activity(week="1678060800")])
    result = api.instance_activity()
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v1/instance/activity", {})
    assert result[0].week == datetime(2023, 3, 13, tzinfo=timezone.utc)
    assert (result[0].statuses, result[0].logins, result[0].registrations) == (7281, 312, 14)
    assert result[1].week.day == 6


def test_instance_activity_disabled_is_not_found(api, server):
    server.route("GET", "/api/v1/instance/activity", status=404, json={"error": "Record not found"})
    with pytest.raises(MastodonNotFoundError):
        api.instance_activity()


def test_instance_peers(api, server):
    server.route("GET", "/api/v1/instance/peers", json=["other.example", "birds.example"])
    assert api.instance_peers() == ["other.example", "birds.example"]
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v1/instance/peers", {})


# -- health -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("reply, healthy", [
    (Reply(body=b"OK", headers={"Content-Type": "text/plain"}), True),
    (Reply(body=b"success\n", headers={"Content-Type": "text/plain"}), True),
    (Reply(body=b"DEGRADED", headers={"Content-Type": "text/plain"}), False),
    (Reply(body=b"", status=200), False),
    (Reply(body=b"OK", status=503), False),
    (Reply(json={"error": "down"}, status=500), False),
    (Reply(status=429, json={"error": "Too many requests"}), False),
    (Reply(drop=True), False),
])
def test_instance_health(api, server, reply, healthy):
    server.route("GET", "/health", reply)
    assert api.instance_health() is healthy
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/health", {})


def test_instance_health_of_an_unreachable_server_is_false(make_api):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there any more
    api = make_api(api_base_url="http://127.0.0.1:%d" % port, mastodon_version="4.2.0", request_timeout=2)
    assert api.instance_health() is False


# -- nodeinfo ---------------------------------------------------------------------------------------
def test_instance_nodeinfo_follows_the_discovery_link(api, server):
    server.route("GET", "/.well-known/nodeinfo", json=more.nodeinfo_discovery(server.url))
    server.route("GET", "/nodeinfo/2.0", json=more.nodeinfo())
    result = api.instance_nodeinfo()
    assert [(r.method, r.path, r.query) for r in server.requests] == [
        ("GET", "/.well-known/nodeinfo", {}), ("GET", "/nodeinfo/2.0", {})]
    assert server.last.header("Authorization") == AUTH  # same host: the client's credentials
    assert result.software.name == "mastodon" and result.usage.users.total == 1234
    assert result.openRegistrations is True


def test_instance_nodeinfo_other_schema(api, server):
    server.route("GET", "/.well-known/nodeinfo", json=more.nodeinfo_discovery(server.url))
    server.route("GET", "/nodeinfo/2.1", json=more.nodeinfo(version="2.1"))
    result = api.instance_nodeinfo("http://nodeinfo.diaspora.software/ns/schema/2.1")
    assert server.last.path == "/nodeinfo/2.1" and result.version == "2.1"


def test_instance_nodeinfo_schema_not_offered(api, server):
    server.route("GET", "/.well-known/nodeinfo", json=more.nodeinfo_discovery(server.url))
    with pytest.raises(MastodonIllegalArgumentError, match="schema/2.0.*schema/2.1"):
        api.instance_nodeinfo("http://nodeinfo.diaspora.software/ns/schema/9.9")
    assert [r.path for r in server.requests] == ["/.well-known/nodeinfo"]


def test_instance_nodeinfo_on_another_host_gets_no_token():
    other = MockServer().start()
    try:
        other.route("GET", "/nodeinfo/2.0", json=more.nodeinfo())
        main = MockServer().start()
        try:
            main.route("GET", "/.well-known/nodeinfo", json=more.nodeinfo_discovery(other.url))
            from mastodon import Mastodon
            api = Mastodon(access_token=TOKEN, api_base_url=main.url, mastodon_version="4.2.0")
            result = api.instance_nodeinfo()
            api.session.close()
        finally:
            main.stop()
        assert [r.path for r in main.requests] == ["/.well-known/nodeinfo"]
        assert [r.path for r in other.requests] == ["/nodeinfo/2.0"]
        assert other.last.header("Authorization") is None
        assert result.software.version == "4.2.0"
    finally:
        other.stop()


def test_instance_nodeinfo_retries_the_path_on_the_base_url_after_404(api, server):
    other = MockServer().start()  # answers 404 to everything
    try:
        server.route("GET", "/.well-known/nodeinfo", json=more.nodeinfo_discovery(other.url))
        server.route("GET", "/nodeinfo/2.0", json=more.nodeinfo())
        result = api.instance_nodeinfo()
        assert [r.path for r in other.requests] == ["/nodeinfo/2.0"]
        assert [r.path for r in server.requests] == ["/.well-known/nodeinfo", "/nodeinfo/2.0"]
        assert result.protocols == ["activitypub"]
    finally:
        other.stop()


def test_instance_nodeinfo_relative_link(api, server):
    server.route("GET", "/.well-known/nodeinfo", json=more.nodeinfo_discovery(""))
    server.route("GET", "/nodeinfo/2.0", json=more.nodeinfo())
    assert api.instance_nodeinfo().version == "2.0"
    assert server.last.path == "/nodeinfo/2.0"


# -- rules, directory, emoji ------------------------------------------------------------------------
def test_instance_rules(api, server):
    server.route("GET", "/api/v1/instance/rules", json=[more.rule(), more.rule(id="2", text="No spam")])
    result = api.instance_rules()
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v1/instance/rules", {})
    assert [(r.id, r.text) for r in result] == [(1, "Be kind"), (2, "No spam")]


def test_instance_rules_needs_3_4(make_api, server):
    api = make_api(mastodon_version="3.3.0")
    with pytest.raises(MastodonVersionError):
        api.instance_rules()
    assert server.requests == []


def test_directory(api, server):
    server.route("GET", "/api/v1/directory", json=[entities.account(), entities.account(id="109383", acct="bob")])
    result = api.directory(offset=40, limit=20, order="new", local=True)
    request = server.last
    assert (request.method, request.path) == ("GET", "/api/v1/directory")
    assert request.query == {"offset": ["40"], "limit": ["20"], "order": ["new"], "local": ["1"]}
    assert [a.id for a in result] == [109382, 109383]
    assert result[0].created_at == datetime(2022, 11, 1, tzinfo=timezone.utc)


def test_directory_without_arguments_sends_nothing(api, server):
    server.route("GET", "/api/v1/directory", json=[])
    assert api.directory() == []
    assert server.last.query == {}


def test_directory_bad_order(api, server):
    with pytest.raises(MastodonIllegalArgumentError, match="'active', 'new'"):
        api.directory(order="popular")
    assert server.requests == []


def test_custom_emojis(api, server):
    server.route("GET", "/api/v1/custom_emojis", json=[entities.emoji(), entities.emoji(shortcode="parrot")])
    result = api.custom_emojis()
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v1/custom_emojis", {})
    assert [e.shortcode for e in result] == ["blobcat", "parrot"] and result[0].visible_in_picker is True


# -- announcements ----------------------------------------------------------------------------------
def test_announcements(api, server):
    server.route("GET", "/api/v1/announcements", json=[more.announcement()])
    result = api.announcements()
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v1/announcements", {})
    item = result[0]
    assert item.id == 8 and item.all_day is False and item.starts_at is None
    assert item.published_at == datetime(2023, 3, 14, 10, 0, tzinfo=timezone.utc)
    assert item.updated_at.minute == 5
    assert item.mentions[0].id == 109383 and item.statuses[0].id == 110123456789012345
    assert item.reactions[0].count == 9 and item.reactions[1].me is True


def test_announcement_dismiss(api, server):
    server.route("POST", "/api/v1/announcements/8/dismiss", json={})
    assert api.announcement_dismiss(more.announcement()) is None
    request = server.last
    assert (request.method, request.path, request.form) == ("POST", "/api/v1/announcements/8/dismiss", {})
    assert request.header("Authorization") == AUTH


@pytest.mark.parametrize("reaction, segment", [
    ("bongoCat", "bongoCat"),
    ("\U0001F44D", "%F0%9F%91%8D"),
    (more.reaction(name="blobcat"), "blobcat"),
    (entities.emoji(), "blobcat"),
])
def test_announcement_reaction_create(api, server, reaction, segment):
    server.route("PUT", "/api/v1/announcements/8/reactions/" + segment, json={})
    assert api.announcement_reaction_create(8, reaction) is None
    request = server.last
    assert (request.method, request.path, request.form) == ("PUT", "/api/v1/announcements/8/reactions/" + segment, {})


def test_announcement_reaction_delete(api, server):
    server.route("DELETE", "/api/v1/announcements/8/reactions/%F0%9F%91%8D", json={})
    assert api.announcement_reaction_delete("8", "\U0001F44D") is None
    request = server.last
    assert (request.method, request.path, request.form) == (
        "DELETE", "/api/v1/announcements/8/reactions/%F0%9F%91%8D", {})


def test_announcement_reaction_delete_of_unknown_reaction_raises(api, server):
    server.route("DELETE", "/api/v1/announcements/8/reactions/nope", status=404, json={"error": "Record not found"})
    with pytest.raises(MastodonNotFoundError):
        api.announcement_reaction_delete(8, "nope")


@pytest.mark.parametrize("reaction", ["", "  ", None, 5, {"id": 3}])
def test_announcement_reaction_validation(api, server, reaction):
    with pytest.raises(MastodonIllegalArgumentError, match="reaction"):
        api.announcement_reaction_create(8, reaction)
    with pytest.raises(MastodonIllegalArgumentError, match="reaction"):
        api.announcement_reaction_delete(8, reaction)
    assert server.requests == []


def test_reaction_name_cannot_escape_the_path(api, server):
    server.route("PUT", "/api/v1/announcements/8/reactions/..%2Fdismiss", json={})
    api.announcement_reaction_create(8, "../dismiss")
    assert server.last.path == "/api/v1/announcements/8/reactions/..%2Fdismiss"
