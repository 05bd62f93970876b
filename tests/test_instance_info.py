"""About the server (mastodon/instance_info.py): instance_v1, instance_v2, terms of service,
privacy policy, extended description, translation languages, domain blocks, languages."""
from datetime import date, datetime, timezone

import pytest

from mastodon.errors import MastodonIllegalArgumentError, MastodonNotFoundError, MastodonVersionError
from tests import entities, entities_today


@pytest.fixture
def api44(make_api):
    return make_api(mastodon_version="4.4.0")


def test_instance_v1_is_the_v1_document_and_refreshes_the_cache(api, server):
    server.route("GET", "/api/v1/instance/", json=entities.instance(version="4.2.1"))
    result = api.instance_v1()
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/instance/", {})
    assert result.uri == "example.social" and result.version == "4.2.1"
    assert result.contact_account.id == 1 and result.rules[1].id == 2
    assert result.contact_account.created_at == datetime(2022, 11, 1, tzinfo=timezone.utc)
    assert api._cached_instance() == result
    assert len(server.requests) == 1


def test_instance_keeps_the_v1_answer(api, server):
    server.route("GET", "/api/v1/instance/", json=entities.instance())
    server.route("GET", "/api/v2/instance/", json=entities_today.instance_v2())
    assert api.instance().uri == "example.social"
    assert [r.path for r in server.requests] == ["/api/v1/instance/"]


def test_instance_v2(api, server):
    server.route("GET", "/api/v2/instance/", json=entities_today.instance_v2())
    result = api.instance_v2()
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v2/instance/", {})
    assert result.domain == "example.social" and result.version == "4.4.0"
    assert result.configuration.urls.streaming == "wss://streaming.example.social"
    assert result.registrations.min_age == 16 and result.api_versions.mastodon == 6
    assert result.contact.account.id == 1 and result.rules[0].id == 1
    assert result.thumbnail.versions["@2x"].endswith("thumb2.png")


def test_instance_terms_of_service(api44, server):
    server.route("GET", "/api/v1/instance/terms_of_service", json=entities_today.terms_of_service())
    result = api44.instance_terms_of_service()
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/instance/terms_of_service", {})
    assert result.effective is True and result.succeeded_by is None
    assert result.effective_date == "2025-03-01" and result.content.startswith("<p>")


@pytest.mark.parametrize("given", [date(2024, 6, 1), datetime(2024, 6, 1, 23, 59), "2024-06-01", " 2024-06-01 "])
def test_instance_terms_of_service_by_date(api44, server, given):
    answer = entities_today.terms_of_service("2024-06-01", succeeded_by="2025-03-01")
    server.route("GET", "/api/v1/instance/terms_of_service/2024-06-01", json=answer)
    result = api44.instance_terms_of_service(given)
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/instance/terms_of_service/2024-06-01", {})
    assert result.effective is False and result.succeeded_by == "2025-03-01"


@pytest.mark.parametrize("bad", ["yesterday", "2024-13-01", "2024/06/01", 20240601, ["2024-06-01"]])
def test_instance_terms_of_service_bad_date(api44, server, bad):
    with pytest.raises(MastodonIllegalArgumentError, match="date"):
        api44.instance_terms_of_service(bad)
    assert server.requests == []


def test_instance_terms_of_service_missing(api44, server):
    server.route("GET", "/api/v1/instance/terms_of_service", status=404, json={"error": "Record not found"})
    with pytest.raises(MastodonNotFoundError):
        api44.instance_terms_of_service()


@pytest.mark.parametrize("method, path, builder", [
    ("instance_privacy_policy", "/api/v1/instance/privacy_policy", entities_today.privacy_policy),
    ("instance_extended_description", "/api/v1/instance/extended_description", entities_today.extended_description),
])
def test_instance_documents(api, server, method, path, builder):
    server.route("GET", path, json=builder())
    result = getattr(api, method)()
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", path, {})
    assert result.updated_at.tzinfo is not None and result.updated_at.year == 2024
    assert result.content.startswith("<p>")


def test_instance_translation_languages(api, server):
    server.route("GET", "/api/v1/instance/translation_languages", json={"en": ["de", "fr"], "de": ["en"]})
    result = api.instance_translation_languages()
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/instance/translation_languages", {})
    assert result == {"en": ["de", "fr"], "de": ["en"]} and result.en == ["de", "fr"]


def test_instance_domain_blocks(api, server):
    server.route("GET", "/api/v1/instance/domain_blocks",
                 json=[entities_today.domain_block(), entities_today.domain_block("bad.*", "silence", comment=None)])
    result = api.instance_domain_blocks()
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/instance/domain_blocks", {})
    assert [(b.domain, b.severity) for b in result] == [("spam.example", "suspend"), ("bad.*", "silence")]
    assert len(result[0].digest) == 64


def test_instance_domain_blocks_not_published(api, server):
    server.route("GET", "/api/v1/instance/domain_blocks", status=404, json={"error": "Record not found"})
    with pytest.raises(MastodonNotFoundError):
        api.instance_domain_blocks()


def test_instance_languages(api, server):
    server.route("GET", "/api/v1/instance/languages",
                 json=[entities_today.supported_locale(), entities_today.supported_locale("de", "German")])
    result = api.instance_languages()
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/instance/languages", {})
    assert [(locale.code, locale.name) for locale in result] == [("en", "English"), ("de", "German")]


@pytest.mark.parametrize("method, version", [
    ("instance_v2", "3.5.0"), ("instance_terms_of_service", "4.3.0"), ("instance_privacy_policy", "3.5.0"),
    ("instance_extended_description", "3.5.0"), ("instance_translation_languages", "4.1.0"),
    ("instance_domain_blocks", "3.5.0"), ("instance_languages", "4.1.0"),
])
def test_instance_methods_need_their_version(make_api, server, method, version):
    api = make_api(mastodon_version=version)
    with pytest.raises(MastodonVersionError):
        getattr(api, method)()
    assert server.requests == []
