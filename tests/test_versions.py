"""Version detection from real server version strings, and version checks."""
import json
import logging
import os

import pytest

from mastodon import Mastodon, MastodonVersionError
from mastodon.utility import api_version, max_version, parse_version_string
from tests import entities

SPEC = os.path.join(os.path.dirname(__file__), "data", "version_strings.json")


def _entries():
    with open(SPEC, encoding="utf-8") as handle:
        return json.load(handle)["entries"]


ENTRIES = _entries()


def test_the_data_is_all_there():
    assert len(ENTRIES) == 137


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_detected_version(server, entry, caplog):
    server.version = entry["string"]
    server.route("GET", "/api/v1/apps/verify_credentials", json=entities.application())
    with caplog.at_level(logging.WARNING, logger="mastodon"):
        api = Mastodon(api_base_url=server.url, access_token="t", ratelimit_method="throw")
    level = (api.mastodon_major, api.mastodon_minor, api.mastodon_patch)
    if entry["mastodon_level"] is not None:
        assert list(level) == entry["mastodon_level"]
        assert api.version_check_worked is True
    elif api.version_check_worked is False:
        assert level == (1, 0, 0)
        assert any("version" in record.getMessage() for record in caplog.records)
        # calls are not refused on version grounds
        assert api.app_verify_credentials().name == "pytooterapp"
        assert api.retrieve_mastodon_version() == "1.0.0"
    else:
        # a level was read from a string that claims none (nodeinfo-only values): no crash is required
        assert entry["where"] == ["nodeinfo"]


def test_unreachable_instance_keeps_client_working(server, caplog):
    server.route("GET", "/api/v1/instance/", status=500, json={"error": "down"})
    server.route("GET", "/api/v1/apps/verify_credentials", json=entities.application())
    with caplog.at_level(logging.WARNING, logger="mastodon"):
        api = Mastodon(api_base_url=server.url, access_token="t", ratelimit_method="throw")
    assert api.version_check_worked is False
    assert caplog.records
    assert api.app_verify_credentials().name == "pytooterapp"


def test_instance_without_version(server):
    server.route("GET", "/api/v1/instance/", json={"uri": "example.social"})
    api = Mastodon(api_base_url=server.url)
    assert api.version_check_worked is False


def test_retrieve_and_verify_minimum_version(api, server):
    server.version = "4.0.0rc1+glitch"
    assert api.retrieve_mastodon_version() == "4.0.0rc1"
    assert (api.mastodon_major, api.mastodon_minor, api.mastodon_patch) == (4, 0, 0)
    assert server.last.path == "/api/v1/instance/"
    server.version = "3.5.5"
    assert api.verify_minimum_version("3.5.0") is True
    assert api.verify_minimum_version("3.5.6") is False
    count = len(server.requests)
    assert api.verify_minimum_version("2.0.0", cached=True) is True
    assert len(server.requests) == count


def test_version_attributes_are_read_at_call_time(api, server):
    server.route("GET", "/api/v1/apps/verify_credentials", json=entities.application())
    api.mastodon_major = 1
    with pytest.raises(MastodonVersionError):
        api.app_verify_credentials()
    api.mastodon_major = 4
    assert api.app_verify_credentials().name == "pytooterapp"


class _Probe:
    version_check_worked = True

    def __init__(self, mode, version):
        self.version_check_mode = mode
        self.mastodon_major, self.mastodon_minor, self.mastodon_patch = version

    @api_version("2.0.0", "3.1.0", "3.3.0")
    def method(self):
        """Do a thing."""
        return "called"


@pytest.mark.parametrize("mode, version, allowed", [
    ("created", (2, 0, 0), True), ("created", (1, 9, 9), False),
    ("changed", (3, 2, 0), False), ("changed", (3, 3, 0), True),
    ("none", (0, 0, 1), True),
])
def test_version_check_modes(mode, version, allowed):
    probe = _Probe(mode, version)
    if allowed:
        assert probe.method() == "called"
    else:
        with pytest.raises(MastodonVersionError, match="method") as info:
            probe.method()
        need = "2.0.0" if mode == "created" else "3.3.0"
        assert str(info.value).startswith("Version check failed (Need version %s)" % need)  # 1.8.0's wording


def test_api_version_documents_itself():
    assert _Probe.method._mastodon_versions == ("2.0.0", "3.1.0", "3.3.0")
    assert _Probe.method.__doc__.startswith("Do a thing.")
    assert "*Added: Mastodon v2.0.0, last changed: Mastodon v3.1.0*" in _Probe.method.__doc__
    assert _Probe.method.__name__ == "method"


def test_parse_version_string_and_max_version():
    assert parse_version_string("3.2.1rc3") == (3, 2, 1)
    assert parse_version_string("4.3.0-alpha.0") == (4, 3, 0)
    with pytest.raises(MastodonVersionError):
        parse_version_string("2.1")
    with pytest.raises(MastodonVersionError):
        parse_version_string("takahe/0.11.0")
    assert max_version("1.0.0", "3.5.5", "2.10.0") == "3.5.5"
    assert max_version("2.9.0", None, "2.10.0") == "2.10.0"


def test_private_normalisation_alias(api):
    assert api._Mastodon__normalize_version_string("2.7.2 (compatible; Pleroma 2.5.0)") == "2.7.2"
    assert api._Mastodon__normalize_version_string("1.0.7+3.5.5") == "3.5.5"
    assert api._Mastodon__normalize_version_string("takahe/0.11.0") is None
