"""Knowing the server: software and version (NodeInfo) and the API level (/api/v2/instance)."""
import pytest

from mastodon import Mastodon, MastodonNetworkError
from tests import entities_instance

NODEINFO_21 = "http://nodeinfo.diaspora.software/ns/schema/2.1"


def serve(server, v2=None, v1_version=None, software=None):
    if v2 is not None:
        server.route("GET", "/api/v2/instance", json=v2)
    if v1_version is not None:
        server.version = v1_version
    if software is not None:
        server.route("GET", "/.well-known/nodeinfo", json=entities_instance.nodeinfo_discovery(server.url))
        server.route("GET", "/nodeinfo/2.1", json=entities_instance.nodeinfo(version="2.1", software=software))


def test_mastodon_4_5(api, server):
    serve(server, v2={"domain": "example.social", "version": "4.5.0", "api_versions": {"mastodon": 7}},
          software={"name": "mastodon", "version": "4.5.0"})
    info = api.server_software()
    assert info == {"software": "mastodon", "version": "4.5.0", "mastodon_version": "4.5.0", "api_version": 7}
    assert info.api_version == 7
    assert [r.path for r in server.requests] == ["/api/v2/instance", "/.well-known/nodeinfo", "/nodeinfo/2.1"]
    # NodeInfo is public: no token is sent there
    assert server.requests[1].header("Authorization") is None
    # cached, until asked to refresh or the caches are cleared
    api.server_software()
    assert len(server.requests) == 3
    api.server_software(refresh=True)
    assert len(server.requests) == 6
    api.clear_caches()
    api.server_software()
    assert len(server.requests) == 9


def test_gotosocial_without_api_versions(api, server):
    serve(server, v2={"domain": "gts.example", "version": "0.17.3+git-6f4cb2f"},
          software={"name": "gotosocial", "version": "0.17.3+git-6f4cb2f"})
    info = api.server_software()
    assert info == {"software": "gotosocial", "version": "0.17.3+git-6f4cb2f", "mastodon_version": None,
                    "api_version": None}


def test_pleroma_without_v2_instance(api, server):
    serve(server, v1_version="2.7.2 (compatible; Pleroma 2.5.0)", software={"name": "Pleroma", "version": "2.5.0"})
    info = api.server_software()
    assert info == {"software": "pleroma", "version": "2.5.0", "mastodon_version": "2.7.2", "api_version": None}
    assert [r.path for r in server.requests][:2] == ["/api/v2/instance", "/api/v1/instance/"]


def test_server_without_nodeinfo(api, server):
    serve(server, v2={"version": "4.1.0"})
    info = api.server_software()
    assert info == {"software": None, "version": "4.1.0", "mastodon_version": "4.1.0", "api_version": None}


def test_nodeinfo_on_another_host_and_bad_documents(api, server):
    server.route("GET", "/api/v2/instance", json={"version": "4.3.0", "api_versions": {"mastodon": "two"}})
    server.route("GET", "/.well-known/nodeinfo", json={"links": [{"rel": NODEINFO_21, "href": server.url + "/ni"}]})
    server.route("GET", "/ni", body=b"<html>not json</html>")
    info = api.server_software()
    assert info == {"software": None, "version": "4.3.0", "mastodon_version": "4.3.0", "api_version": None}


def test_nothing_is_requested_unless_asked(server):
    api = Mastodon(api_base_url=server.url, access_token="t")
    assert [r.path for r in server.requests] == ["/api/v1/instance/"]  # 1.8.0's version detection only
    Mastodon(api_base_url=server.url, mastodon_version="4.0.0")
    assert len(server.requests) == 1
    api.session.close()


def test_unreachable_server_raises():
    api = Mastodon(api_base_url="http://127.0.0.1:1", mastodon_version="4.0.0", request_timeout=2)
    with pytest.raises(MastodonNetworkError):
        api.server_software()
