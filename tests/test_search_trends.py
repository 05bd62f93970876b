"""Search (v1, v2 and the dispatching search()) and trends."""
from datetime import datetime, timezone

import pytest

from mastodon import MastodonIllegalArgumentError, MastodonNotFoundError, MastodonVersionError
from mastodon._encoding import datetime_to_snowflake
from tests import entities
from tests import entities_instance as more
from tests.conftest import TOKEN

WHEN = datetime(2023, 3, 14, 12, 0, tzinfo=timezone.utc)


def check_search_result(result):
    assert result.accounts[0].id == 109382 and result.accounts[0].acct == "alice"
    assert result.statuses[0].id == 110123456789012345
    assert result.statuses[0].created_at == datetime(2023, 3, 14, 12, 30, 45, 123000, tzinfo=timezone.utc)


# -- search -----------------------------------------------------------------------------------------
def test_search_uses_v2_with_defaults(api, server):
    server.route("GET", "/api/v2/search", json=more.search_result())
    result = api.search("robin")
    request = server.last
    assert (request.method, request.path) == ("GET", "/api/v2/search")
    assert request.query == {"q": ["robin"], "resolve": ["1"], "exclude_unreviewed": ["1"]}
    assert request.header("Authorization") == "Bearer " + TOKEN
    check_search_result(result)
    assert result.hashtags[0].name == "birds"
    assert result.hashtags[0].history[0].day == datetime(2023, 3, 14, tzinfo=timezone.utc)


def test_search_with_every_parameter(api, server):
    server.route("GET", "/api/v2/search", json=more.search_result(accounts=[], hashtags=[]))
    result = api.search("robin", resolve=False, result_type="statuses", account_id=entities.account(),
                        offset=20, min_id=WHEN, max_id={"id": "110123456789012399"}, exclude_unreviewed=False)
    assert server.last.query == {
        "q": ["robin"], "type": ["statuses"], "account_id": ["109382"], "offset": ["20"],
        "min_id": [str(datetime_to_snowflake(WHEN))], "max_id": ["110123456789012399"]}
    assert result.accounts == [] and result.statuses[0].account.id == 109382


def test_search_v2_before_3_0_does_not_send_exclude_unreviewed(make_api, server):
    api = make_api(mastodon_version="2.9.3")
    server.route("GET", "/api/v2/search", json=more.search_result())
    api.search("robin", result_type="accounts")
    assert server.last.path == "/api/v2/search"
    assert server.last.query == {"q": ["robin"], "resolve": ["1"], "type": ["accounts"]}


def test_search_uses_v1_before_2_4_1(make_api, server):
    api = make_api(mastodon_version="2.4.0")
    server.route("GET", "/api/v1/search", json=more.search_result_v1())
    result = api.search("robin")
    assert (server.last.method, server.last.path) == ("GET", "/api/v1/search")
    assert server.last.query == {"q": ["robin"], "resolve": ["1"]}
    check_search_result(result)
    assert result.hashtags == ["birds", "birdwatching"]


@pytest.mark.parametrize("version", ["2.4.0", "2.7.4"])
@pytest.mark.parametrize("kwargs", [{"account_id": 1}, {"offset": 5}, {"min_id": 3}, {"max_id": 9},
                                    {"result_type": "accounts"}])
def test_search_advanced_parameters_need_2_8(make_api, server, version, kwargs):
    api = make_api(mastodon_version=version)
    with pytest.raises(MastodonVersionError, match="2.8.0"):
        api.search("robin", **kwargs)
    if version == "2.7.4":  # search_v2 itself exists (2.4.1+), its advanced parameters do not
        with pytest.raises(MastodonVersionError, match="2.8.0"):
            api.search_v2("robin", **kwargs)
    assert server.requests == []


def test_search_bad_result_type(api, server):
    with pytest.raises(MastodonIllegalArgumentError, match="'accounts', 'hashtags', 'statuses'"):
        api.search("robin", result_type="toots")
    with pytest.raises(MastodonIllegalArgumentError, match="'accounts', 'hashtags', 'statuses'"):
        api.search_v2("robin", result_type="people")
    assert server.requests == []


def test_search_v2(api, server):
    server.route("GET", "/api/v2/search", json=more.search_result())
    result = api.search_v2("#birds", result_type="hashtags")
    assert (server.last.method, server.last.path) == ("GET", "/api/v2/search")
    assert server.last.query == {"q": ["#birds"], "resolve": ["1"], "type": ["hashtags"], "exclude_unreviewed": ["1"]}
    assert result.hashtags[0].history[1].uses == "3"


def test_search_v1(make_api, server):
    api = make_api(mastodon_version="2.9.0")
    server.route("GET", "/api/v1/search", json=more.search_result_v1())
    result = api.search_v1("robin")
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v1/search", {"q": ["robin"]})
    check_search_result(result)
    api.search_v1("robin@other.example", resolve=True)
    assert server.last.query == {"q": ["robin@other.example"], "resolve": ["1"]}


def test_search_v1_is_gone_since_3_0(api, server):
    with pytest.raises(MastodonVersionError, match="search_v1"):
        api.search_v1("robin")
    assert server.requests == []


def test_search_v1_without_version_checks_is_sent(make_api, server):
    api = make_api(mastodon_version="4.2.0", version_check_mode="none")
    server.route("GET", "/api/v1/search", status=404, json={"error": "Record not found"})
    with pytest.raises(MastodonNotFoundError):
        api.search_v1("robin")
    assert server.last.path == "/api/v1/search"


def test_search_sends_the_client_language(make_api, server):
    api = make_api(mastodon_version="4.2.0", lang="de")
    server.route("GET", "/api/v2/search", json=more.search_result())
    api.search("robin")
    assert server.last.query["lang"] == ["de"]


# -- trends -----------------------------------------------------------------------------------------
def test_trending_tags(api, server):
    server.route("GET", "/api/v1/trends/tags", json=[entities.tag(), entities.tag(name="robins")])
    result = api.trending_tags(limit=5)
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v1/trends/tags", {"limit": ["5"]})
    assert [t.name for t in result] == ["birds", "robins"]
    assert result[0].history[0].day == datetime(2023, 3, 14, tzinfo=timezone.utc)


def test_trending_tags_offset_and_lang(api, server):
    server.route("GET", "/api/v1/trends/tags", json=[entities.tag()])
    api.trending_tags(10, "fr", 20)
    assert server.last.query == {"limit": ["10"], "lang": ["fr"], "offset": ["20"]}


def test_trending_tags_lang_overrides_the_client_language(make_api, server):
    api = make_api(mastodon_version="4.2.0", lang="de")
    server.route("GET", "/api/v1/trends/tags", json=[])
    api.trending_tags(lang="fr")
    assert server.last.query == {"lang": ["fr"]}
    api.trending_tags()
    assert server.last.query == {"lang": ["de"]}


def test_trends_is_an_alias(api, server):
    server.route("GET", "/api/v1/trends/tags", json=[entities.tag()])
    result = api.trends(3)
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v1/trends/tags", {"limit": ["3"]})
    assert result[0].url == "https://example.social/tags/birds"


@pytest.mark.parametrize("version", ["2.4.3", "3.0.0", "3.4.1"])
def test_trends_on_old_servers(make_api, server, version):
    api = make_api(mastodon_version=version)
    server.route("GET", "/api/v1/trends", json=[entities.tag()])
    assert api.trends(limit=4)[0].name == "birds"
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v1/trends", {"limit": ["4"]})


def test_trending_tags_on_old_server_without_version_checks(make_api, server):
    api = make_api(mastodon_version="3.1.0", version_check_mode="none")
    server.route("GET", "/api/v1/trends", json=[entities.tag()])
    api.trending_tags()
    assert server.last.path == "/api/v1/trends"


def test_trending_tags_needs_3_5_when_checking_creation(make_api, server):
    api = make_api(mastodon_version="3.4.0")
    with pytest.raises(MastodonVersionError):
        api.trending_tags()
    assert server.requests == []


@pytest.mark.parametrize("version", ["2.8.0", "2.9.4"])
def test_trends_do_not_exist_between_2_8_and_3_0(make_api, server, version):
    api = make_api(mastodon_version=version)
    with pytest.raises(MastodonVersionError, match="2.8.0 up to 3.0.0"):
        api.trends()
    assert server.requests == []


def test_trending_statuses(api, server):
    server.route("GET", "/api/v1/trends/statuses", json=[entities.status(), entities.status(id="110123456789012346")])
    result = api.trending_statuses()
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v1/trends/statuses", {})
    assert [s.id for s in result] == [110123456789012345, 110123456789012346]
    assert result[0].created_at.year == 2023 and result[0].account.acct == "alice"
    api.trending_statuses(limit=20, offset=40, lang="en")
    assert server.last.query == {"limit": ["20"], "offset": ["40"], "lang": ["en"]}


def test_trending_links(api, server):
    server.route("GET", "/api/v1/trends/links", json=[more.trend_link()])
    result = api.trending_links(limit=5)
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/trends/links", {"limit": ["5"]})
    link = result[0]
    assert link.url == "https://www.example.org/article"
    assert link.published_at == datetime(2023, 3, 14, 12, 30, 45, 123000, tzinfo=timezone.utc)
    assert link.history[0].day == datetime(2023, 3, 14, tzinfo=timezone.utc)
    assert (link.history[0].accounts, link.history[0].uses) == ("41", "55")
    api.trending_links(offset=10, lang="de")
    assert server.last.query == {"offset": ["10"], "lang": ["de"]}


@pytest.mark.parametrize("method", ["trending_statuses", "trending_links"])
def test_trending_statuses_and_links_need_3_5(make_api, server, method):
    api = make_api(mastodon_version="3.4.0")
    with pytest.raises(MastodonVersionError):
        getattr(api, method)()
    assert server.requests == []
