"""Accounts of today: accounts(), endorsements of an account, avatar and header removal,
the profile API, the parameters newer Mastodon versions added to update_credentials,
account_statuses, create_account, report and search, and the v1/v2 suggestions."""
from datetime import date, datetime, timezone

import pytest

from mastodon.errors import MastodonIllegalArgumentError, MastodonVersionError
from tests import entities, entities_accounts, entities_today
from tests.test_accounts import png_bytes

CREATED = datetime(2022, 11, 1, tzinfo=timezone.utc)


@pytest.fixture
def api46(make_api):
    return make_api(mastodon_version="4.6.0")


# -- accounts() ------------------------------------------------------------------------------------------
def test_accounts_many_at_once(make_api, server):
    api = make_api(mastodon_version="4.3.0")
    server.route("GET", "/api/v1/accounts", json=[entities.account(), entities.account(id="109383", acct="bob")])
    result = api.accounts([109382, {"id": "109383"}])
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/accounts",
                                                             {"id[]": ["109382", "109383"]})
    assert [a.id for a in result] == [109382, 109383] and result[1].created_at == CREATED

    api.accounts(entities.account())
    assert server.last.query == {"id[]": ["109382"]}


@pytest.mark.parametrize("bad", [[], None, [None], [[1]], {"acct": "alice"}])
def test_accounts_refuses_no_ids(make_api, server, bad):
    api = make_api(mastodon_version="4.3.0")
    with pytest.raises(MastodonIllegalArgumentError):
        api.accounts(bad)
    assert server.requests == []


def test_accounts_needs_4_3_0(api, server):
    with pytest.raises(MastodonVersionError):
        api.accounts([1])
    assert server.requests == []


# -- endorsements ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("method, action, endorsed", [("account_endorse", "endorse", True),
                                                      ("account_unendorse", "unendorse", False)])
def test_account_endorse_and_unendorse(make_api, server, method, action, endorsed):
    api = make_api(mastodon_version="4.4.0")
    server.route("POST", "/api/v1/accounts/109383/" + action, json=entities.relationship("109383", endorsed=endorsed))
    result = getattr(api, method)({"id": 109383})
    request = server.last
    assert (request.method, request.path, request.form) == ("POST", "/api/v1/accounts/109383/" + action, {})
    assert result.id == 109383 and result.endorsed is endorsed


def test_account_endorsements(make_api, server):
    api = make_api(mastodon_version="4.4.0")
    link = '<https://example.social/api/v1/accounts/109382/endorsements?max_id=31>; rel="next"'
    server.route("GET", "/api/v1/accounts/109382/endorsements",
                 json=[entities.account(id="109384", acct="carol@birds.example")], headers={"Link": link})
    result = api.account_endorsements(entities.account())
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/accounts/109382/endorsements", {})
    assert result[0].id == 109384 and result[0].created_at == CREATED
    assert result._pagination_next["max_id"] == 31
    api.account_endorsements(109382, max_id=31, limit=5)
    assert server.last.query == {"max_id": ["31"], "limit": ["5"]}


@pytest.mark.parametrize("method", ["account_endorse", "account_unendorse", "account_endorsements"])
def test_endorsement_methods_need_4_4_0(api, server, method):
    with pytest.raises(MastodonVersionError):
        getattr(api, method)(1)
    assert server.requests == []


# -- avatar and header removal --------------------------------------------------------------------------
@pytest.mark.parametrize("method, what", [("account_delete_avatar", "avatar"), ("account_delete_header", "header")])
def test_account_delete_avatar_and_header(api, server, method, what):
    answer = entities.credential_account(**{what: "https://example.social/%ss/original/missing.png" % what})
    server.route("DELETE", "/api/v1/profile/" + what, json=answer)
    result = getattr(api, method)()
    request = server.last
    assert (request.method, request.path, request.form) == ("DELETE", "/api/v1/profile/" + what, {})
    assert result.id == 109382 and result[what].endswith("missing.png") and result.source.privacy == "public"


def test_account_delete_avatar_needs_4_2_0(make_api, server):
    api = make_api(mastodon_version="4.1.0")
    with pytest.raises(MastodonVersionError):
        api.account_delete_avatar()
    assert server.requests == []


# -- account_update_credentials: the newer parameters ---------------------------------------------------
def test_update_credentials_newer_parameters(api46, server):
    server.route("PATCH", "/api/v1/accounts/update_credentials", json=entities.credential_account())
    result = api46.account_update_credentials(
        "Alice", hide_collections=True, indexable=False, attribution_domains=["birds.example", "owls.example"],
        default_privacy="unlisted", default_sensitive=True, default_language="de", default_quote_policy="followers",
        avatar_description="A robin", header_description="A forest")
    request = server.last
    assert (request.method, request.path) == ("PATCH", "/api/v1/accounts/update_credentials")
    assert request.form == {
        "display_name": ["Alice"], "hide_collections": ["1"], "indexable": ["0"],
        "attribution_domains[]": ["birds.example", "owls.example"],
        "source[privacy]": ["unlisted"], "source[sensitive]": ["1"], "source[language]": ["de"],
        "source[quote_policy]": ["followers"], "avatar_description": ["A robin"], "header_description": ["A forest"]}
    assert result.id == 109382 and result.source.language == "en"


def test_update_credentials_attribution_domains_single_and_clearing(api46, server):
    server.route("PATCH", "/api/v1/accounts/update_credentials", json=entities.credential_account())
    api46.account_update_credentials(attribution_domains="birds.example")
    assert server.last.form == {"attribution_domains[]": ["birds.example"]}
    api46.account_update_credentials(attribution_domains=[])
    assert server.last.form == {"attribution_domains[]": [""]}


def test_update_credentials_new_parameters_with_an_avatar_are_multipart(api46, server):
    server.route("PATCH", "/api/v1/accounts/update_credentials", json=entities.credential_account())
    api46.account_update_credentials(avatar=png_bytes(), avatar_mime_type="image/png", avatar_description="A robin",
                                     default_privacy="private")
    request = server.last
    assert request.header("Content-Type").startswith("multipart/form-data")
    assert request.files["avatar"][1:] == ("image/png", png_bytes())
    assert request.form == {"avatar_description": ["A robin"], "source[privacy]": ["private"]}


@pytest.mark.parametrize("kwargs", [{"default_privacy": "direct"}, {"default_privacy": "Public"},
                                    {"default_quote_policy": "everyone"}, {"attribution_domains": [1]},
                                    {"attribution_domains": {"a": "b"}}])
def test_update_credentials_bad_new_parameters(api46, server, kwargs):
    with pytest.raises(MastodonIllegalArgumentError):
        api46.account_update_credentials(**kwargs)
    assert server.requests == []


@pytest.mark.parametrize("version, kwargs", [
    ("4.0.0", {"hide_collections": True}), ("4.1.0", {"indexable": True}),
    ("4.3.0", {"attribution_domains": ["a.example"]}), ("4.4.0", {"default_quote_policy": "nobody"}),
    ("4.5.0", {"avatar_description": "x"}), ("4.5.0", {"header_description": "x"}),
])
def test_update_credentials_new_parameters_need_their_version(make_api, server, version, kwargs):
    api = make_api(mastodon_version=version)
    with pytest.raises(MastodonVersionError):
        api.account_update_credentials(**kwargs)
    assert server.requests == []


# -- the profile API (4.6.0) -------------------------------------------------------------------------------
def test_profile(api46, server):
    server.route("GET", "/api/v1/profile", json=entities_today.profile())
    result = api46.profile()
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/profile", {})
    assert result.id == 109382 and result.note == "Hello, I post about birds."
    assert result.attribution_domains == ["birds.example"] and result.show_featured is True


def test_profile_update(api46, server):
    server.route("PATCH", "/api/v1/profile", json=entities_today.profile(show_media=False))
    result = api46.profile_update(note="Owls too.", show_media=False, show_media_replies=True, show_featured=False,
                                  attribution_domains=["birds.example"], fields=[("Website", "https://example.org")],
                                  header_description="A forest")
    request = server.last
    assert (request.method, request.path) == ("PATCH", "/api/v1/profile")
    assert request.form == {
        "note": ["Owls too."], "show_media": ["0"], "show_media_replies": ["1"], "show_featured": ["0"],
        "attribution_domains[]": ["birds.example"], "header_description": ["A forest"],
        "fields_attributes[0][name]": ["Website"], "fields_attributes[0][value]": ["https://example.org"]}
    assert result.id == 109382 and result.show_media is False


def test_profile_update_header_upload(api46, server):
    server.route("PATCH", "/api/v1/profile", json=entities_today.profile())
    api46.profile_update(header=png_bytes(), header_mime_type="image/png")
    request = server.last
    assert request.header("Content-Type").startswith("multipart/form-data")
    assert request.files["header"][1:] == ("image/png", png_bytes()) and request.form == {}


@pytest.mark.parametrize("kwargs", [{"fields": [("a", "1")] * 5}, {"attribution_domains": [None]},
                                    {"avatar": b"data without a mime type"}])
def test_profile_update_bad_arguments(api46, server, kwargs):
    with pytest.raises(MastodonIllegalArgumentError):
        api46.profile_update(**kwargs)
    assert server.requests == []


@pytest.mark.parametrize("method", ["profile", "profile_update"])
def test_profile_needs_4_6_0(make_api, server, method):
    api = make_api(mastodon_version="4.5.0")
    with pytest.raises(MastodonVersionError):
        getattr(api, method)()
    assert server.requests == []


# -- account_statuses(exclude_direct) ---------------------------------------------------------------------
def test_account_statuses_exclude_direct(api, server):
    server.route("GET", "/api/v1/accounts/109382/statuses", json=[entities.status()])
    result = api.account_statuses(109382, exclude_direct=True, limit=5)
    assert server.last.query == {"exclude_direct": ["1"], "limit": ["5"]}
    assert result[0].id == 110123456789012345
    api.account_statuses(109382, exclude_direct=False)
    assert server.last.query == {}


# -- create_account(date_of_birth) ----------------------------------------------------------------------
CLIENT_ID = entities.app_registration()["client_id"]
CLIENT_SECRET = entities.app_registration()["client_secret"]


@pytest.mark.parametrize("given", [date(2001, 2, 3), datetime(2001, 2, 3, 12, 0), "2001-02-03"])
def test_create_account_date_of_birth(make_api, server, given):
    api = make_api(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, access_token=None, mastodon_version="4.4.0")
    server.route("POST", "/oauth/token", json=entities.token(access_token="app-token"))
    server.route("POST", "/api/v1/accounts", json=entities.token())
    token = api.create_account("newbie", "correct horse", "newbie@example.org", agreement=True,
                               date_of_birth=given)
    assert token == entities.token()["access_token"]
    create = server.last
    assert create.path == "/api/v1/accounts" and create.form["date_of_birth"] == ["2001-02-03"]


@pytest.mark.parametrize("version, given, error", [("4.4.0", "3 Feb 2001", MastodonIllegalArgumentError),
                                                   ("4.3.0", "2001-02-03", MastodonVersionError)])
def test_create_account_date_of_birth_refused(make_api, server, version, given, error):
    api = make_api(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, access_token=None, mastodon_version=version)
    with pytest.raises(error):
        api.create_account("newbie", "pw", "n@example.org", agreement=True, date_of_birth=given)
    assert server.requests == []


# -- suggestions ---------------------------------------------------------------------------------------
def test_suggestions_v1(api, server):
    server.route("GET", "/api/v1/suggestions", json=[entities.account(id="109384", acct="carol@birds.example")])
    result = api.suggestions_v1()
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/suggestions", {})
    assert result[0].id == 109384 and result[0].created_at == CREATED


def test_suggestions_v2(api, server):
    server.route("GET", "/api/v2/suggestions", json=[entities_today.suggestion(), entities_today.suggestion(
        entities.account(id="109385", acct="dave"), sources=["friends_of_friends"], source="global")])
    result = api.suggestions_v2()
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v2/suggestions", {})
    assert [s.account.id for s in result] == [109384, 109385]
    assert result[0].sources == ["featured", "most_followed"] and result[1].source == "global"
    assert result[0].account.created_at == CREATED
    api.suggestions_v2(limit=10)
    assert server.last.query == {"limit": ["10"]}


def test_suggestions_v2_needs_3_4_0(make_api, server):
    api = make_api(mastodon_version="3.3.0")
    with pytest.raises(MastodonVersionError):
        api.suggestions_v2()
    assert server.requests == []


# -- report(forward_to_domains, collection_ids) -----------------------------------------------------------
def test_report_forward_to_domains_and_collection_ids(api46, server):
    server.route("POST", "/api/v1/reports/", json=entities_accounts.report())
    result = api46.report(109383, status_ids=[1, 2], comment="spam", forward=True, category="spam",
                          forward_to_domains=["other.example", "third.example"],
                          collection_ids=[{"id": "7"}, 8])
    request = server.last
    assert (request.method, request.path) == ("POST", "/api/v1/reports/")
    assert request.form == {"account_id": ["109383"], "status_ids[]": ["1", "2"], "comment": ["spam"],
                            "forward": ["1"], "category": ["spam"],
                            "forward_to_domains[]": ["other.example", "third.example"], "collection_ids[]": ["7", "8"]}
    assert result.id == 48914
    api46.report(109383, forward=True, forward_to_domains="other.example", collection_ids=9)
    assert server.last.form == {"account_id": ["109383"], "forward": ["1"], "forward_to_domains[]": ["other.example"],
                                "collection_ids[]": ["9"]}


@pytest.mark.parametrize("version, kwargs", [("3.5.0", {"forward_to_domains": ["other.example"]}),
                                             ("4.5.0", {"collection_ids": [1]})])
def test_report_new_parameters_need_their_version(make_api, server, version, kwargs):
    api = make_api(mastodon_version=version)
    with pytest.raises(MastodonVersionError):
        api.report(109383, **kwargs)
    assert server.requests == []


def test_report_bad_collection_ids(api46, server):
    with pytest.raises(MastodonIllegalArgumentError):
        api46.report(109383, collection_ids=[None])
    assert server.requests == []


# -- search(limit) ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("method", ["search", "search_v2"])
def test_search_limit(api, server, method):
    server.route("GET", "/api/v2/search", json=entities_accounts.search(accounts=[entities.account()]))
    result = getattr(api, method)("alice", result_type="accounts", limit=5)
    request = server.last
    assert (request.method, request.path) == ("GET", "/api/v2/search")
    assert request.query == {"q": ["alice"], "resolve": ["1"], "type": ["accounts"], "exclude_unreviewed": ["1"],
                             "limit": ["5"]}
    assert result.accounts[0].id == 109382


# -- version gates of parameters that existed before this release ----------------------------------------
@pytest.mark.parametrize("version, call", [
    ("4.2.0", lambda api: api.account_relationships(1, with_suspended=True)),
    ("3.2.0", lambda api: api.list_create("Birds", replies_policy="list")),
    ("4.1.0", lambda api: api.list_create("Birds", exclusive=True)),
    ("4.1.0", lambda api: api.list_update(12249, "Birds", exclusive=False)),
])
def test_newer_parameters_of_older_methods_need_their_version(make_api, server, version, call):
    api = make_api(mastodon_version=version)
    with pytest.raises(MastodonVersionError):
        call(api)
    assert server.requests == []


def test_list_create_without_newer_parameters_works_on_old_servers(make_api, server):
    api = make_api(mastodon_version="2.1.0")
    server.route("POST", "/api/v1/lists", json=entities_accounts.user_list())
    result = api.list_create("Birdwatchers")
    assert server.last.form == {"title": ["Birdwatchers"]} and result.id == 12249
