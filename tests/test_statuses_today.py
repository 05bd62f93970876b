"""Statuses of today's Mastodon: several at once, translation, OEmbed, quote posts,
media edits, delete_media, media and conversation removal."""
import base64
from datetime import datetime, timezone

import pytest

from mastodon.errors import MastodonIllegalArgumentError, MastodonVersionError
from tests import entities
from tests import entities_statuses as more
from tests import entities_statuses_today as today

SID = "110123456789012345"
QID = "115107232286434584"


@pytest.fixture
def api45(make_api):
    return make_api(mastodon_version="4.5.0", ratelimit_method="throw")


def assert_status(result, id=int(SID)):
    assert result.id == id
    assert result.created_at == datetime(2023, 3, 14, 12, 30, 45, 123000, tzinfo=timezone.utc)
    assert result.account.id == 109382


# -- statuses(), status_translate(), status_oembed() -----------------------------------------------
def test_statuses_fetches_several(api45, server):
    server.route("GET", "/api/v1/statuses", json=[entities.status(), entities.status(id="110123456789000001")])
    result = api45.statuses([int(SID), {"id": 110123456789000001}])
    req = server.last
    assert (req.method, req.path, req.query) == ("GET", "/api/v1/statuses",
                                                 {"id[]": [SID, "110123456789000001"]})
    assert_status(result[0])
    assert result[1].id == 110123456789000001


@pytest.mark.parametrize("bad", [SID, int(SID), None, {"id": 1}, [], (), [None], [[1]], [True]])
def test_statuses_refuses_what_is_not_a_list_of_ids(api45, server, bad):
    with pytest.raises(MastodonIllegalArgumentError):
        api45.statuses(bad)
    assert server.requests == []


def test_statuses_needs_mastodon_4_3(make_api, server):
    old = make_api(mastodon_version="4.2.0")
    with pytest.raises(MastodonVersionError):
        old.statuses([1])
    assert server.requests == []


def test_status_translate(api, server):
    path = "/api/v1/statuses/%s/translate" % SID
    server.route("POST", path, json=today.translation())
    result = api.status_translate(entities.status(), lang="en")
    req = server.last
    assert (req.method, req.path, req.form) == ("POST", path, {"lang": ["en"]})
    assert result.detected_source_language == "es" and result.provider == "DeepL.com"
    assert result.media_attachments[0].id == 22345792 and result.poll.id == 34858
    api.status_translate(SID)
    assert server.last.form == {}


@pytest.mark.parametrize("bad", ["", 5])
def test_status_translate_refuses_bad_lang(api, server, bad):
    with pytest.raises(MastodonIllegalArgumentError):
        api.status_translate(SID, lang=bad)
    assert server.requests == []


def test_status_oembed(api, server):
    server.route("GET", "/api/oembed", json=today.oembed())
    result = api.status_oembed(entities.status(), maxwidth=500, maxheight=300)
    req = server.last
    assert (req.method, req.path, req.query) == (
        "GET", "/api/oembed", {"url": ["https://example.social/@alice/%s" % SID], "maxwidth": ["500"],
                               "maxheight": ["300"]})
    assert result.type == "rich" and result.width == 400 and result.height is None
    api.status_oembed("https://example.social/@alice/1")
    assert server.last.query == {"url": ["https://example.social/@alice/1"]}


@pytest.mark.parametrize("kwargs", [{"url": ""}, {"url": 5}, {"url": {"id": 1}},
                                    {"url": "https://x/1", "maxwidth": 0}, {"url": "https://x/1", "maxheight": "9"}])
def test_status_oembed_refuses_bad_input(api, server, kwargs):
    with pytest.raises(MastodonIllegalArgumentError):
        api.status_oembed(**kwargs)
    assert server.requests == []


# -- quote posts --------------------------------------------------------------------------------------
def test_status_quotes_and_paging(api45, server):
    path = "/api/v1/statuses/%s/quotes" % SID
    server.route("GET", path, json=[today.quoting_status()],
                 headers={"Link": '<%s%s?max_id=115107231976600838>; rel="next"' % (server.url, path)})
    page = api45.status_quotes(SID, since_id=5, limit=2)
    req = server.last
    assert (req.method, req.path, req.query) == ("GET", path, {"since_id": ["5"], "limit": ["2"]})
    assert page[0].id == int(QID)
    assert page[0].quote.state == "accepted" and page[0].quote.quoted_status.id == int(today.QUOTED_ID)
    assert page[0].quote_approval.current_user == "automatic"
    api45.fetch_next(page)
    assert server.last.query == {"limit": ["2"], "max_id": ["115107231976600838"]}


def test_status_quote_revoke(api45, server):
    path = "/api/v1/statuses/%s/quotes/%s/revoke" % (today.QUOTED_ID, QID)
    server.route("POST", path, json=today.quoting_status(quote=today.quote(state="revoked", quoted_status=None)))
    result = api45.status_quote_revoke({"id": int(today.QUOTED_ID)}, QID)
    assert (server.last.method, server.last.path, server.last.form) == ("POST", path, {})
    assert result.id == int(QID) and result.quote.state == "revoked"


def test_status_update_quote_approval_policy(api45, server):
    path = "/api/v1/statuses/%s/interaction_policy" % SID
    server.route("PUT", path, json=entities.status(quote_approval=today.quote_approval(automatic=["followers"])))
    result = api45.status_update_quote_approval_policy(SID, "followers")
    assert (server.last.method, server.last.path, server.last.form) == (
        "PUT", path, {"quote_approval_policy": ["followers"]})
    assert_status(result)
    assert result.quote_approval.automatic == ["followers"]


@pytest.mark.parametrize("bad", [None, "everyone", "PUBLIC", 1])
def test_quote_policy_is_checked(api45, server, bad):
    with pytest.raises(MastodonIllegalArgumentError, match="public"):
        api45.status_update_quote_approval_policy(SID, bad)
    if bad is not None:
        with pytest.raises(MastodonIllegalArgumentError):
            api45.status_post("hi", quote_approval_policy=bad)
    assert server.requests == []


def test_quote_methods_need_mastodon_4_5(api, server):
    for call in (lambda: api.status_quotes(SID), lambda: api.status_quote_revoke(SID, QID),
                 lambda: api.status_update_quote_approval_policy(SID, "nobody"),
                 lambda: api.status_post("hi", quoted_status_id=QID),
                 lambda: api.status_update(SID, "hi", quote_approval_policy="nobody")):
        with pytest.raises(MastodonVersionError):
            call()
    assert server.requests == []


def test_status_post_quotes_a_status(api45, server):
    server.route("POST", "/api/v1/statuses", json=today.quoting_status())
    result = api45.status_post("Look at this", visibility="unlisted", quoted_status_id=entities.status(id=QID),
                               quote_approval_policy="nobody")
    assert (server.last.method, server.last.path, server.last.form) == (
        "POST", "/api/v1/statuses", {"status": ["Look at this"], "visibility": ["unlisted"],
                                     "quoted_status_id": [QID], "quote_approval_policy": ["nobody"]})
    assert result.quote.quoted_status.id == int(today.QUOTED_ID)


def test_status_reply_passes_quote_parameters_on(api45, server):
    server.route("GET", "/api/v1/accounts/verify_credentials", json=entities.credential_account(id="1"))
    server.route("POST", "/api/v1/statuses", json=entities.status())
    api45.status_reply(entities.status(), "me too", quoted_status_id=QID, quote_approval_policy="followers")
    form = server.last.form
    assert form["status"] == ["@alice @bob@other.example me too"]
    assert (form["in_reply_to_id"], form["quoted_status_id"], form["quote_approval_policy"]) == (
        [SID], [QID], ["followers"])


def test_status_reply_quote_id_needs_fedibird(api, server):
    server.route("GET", "/api/v1/accounts/verify_credentials", json=entities.credential_account(id="1"))
    with pytest.raises(MastodonIllegalArgumentError, match="fedibird"):
        api.status_reply(entities.status(), "hi", quote_id=5)
    assert all(r.path != "/api/v1/statuses" for r in server.requests)


def test_strict_content_type_sends_it_whatever_the_feature_set(api, server):
    server.route("POST", "/api/v1/statuses", json=entities.status())
    api.status_post("*hi*", content_type="text/markdown", strict_content_type=True)
    assert server.last.form == {"status": ["*hi*"], "content_type": ["text/markdown"]}
    with pytest.raises(MastodonIllegalArgumentError, match="pleroma"):
        api.status_post("*hi*", content_type="text/markdown")
    with pytest.raises(MastodonIllegalArgumentError):
        api.status_post("*hi*", content_type=5, strict_content_type=True)
    assert len(server.requests) == 1


# -- media edits ----------------------------------------------------------------------------------------
def test_generate_media_edit_attributes(api, server):
    png = more.png()
    attributes = api.generate_media_edit_attributes({"id": 77}, description="A robin", focus=(0.5, -0.25),
                                                    thumbnail=png, thumb_mimetype="image/png")
    assert attributes == {"id": 77, "description": "A robin", "focus": "0.5,-0.25",
                          "thumbnail": "data:image/png;base64," + base64.b64encode(png).decode()}
    assert api.generate_media_edit_attributes("78") == {"id": "78"}
    assert server.requests == []


@pytest.mark.parametrize("kwargs", [{"id": None}, {"id": "1", "focus": (2, 0)}, {"id": "1", "description": 5},
                                    {"id": "1", "thumbnail": b"\x89PNG"}, {"id": "1", "thumbnail": "/no/such/file.png"}])
def test_generate_media_edit_attributes_refuses_bad_input(api, kwargs):
    with pytest.raises(MastodonIllegalArgumentError):
        api.generate_media_edit_attributes(**kwargs)


def test_status_update_with_media_attributes_sends_json(api, server):
    path = "/api/v1/statuses/%s" % SID
    server.route("PUT", path, json=entities.status(edited_at="2023-03-15T10:00:00.000Z"))
    attributes = [api.generate_media_edit_attributes(110000000000000001, description="A robin, singing",
                                                     focus=(0.1, 0.2))]
    result = api.status_update(SID, "Look at this robin", media_ids=[110000000000000001],
                               media_attributes=attributes)
    req = server.last
    assert (req.method, req.path, req.content_type.split(";")[0]) == ("PUT", path, "application/json")
    assert req.json == {"status": "Look at this robin", "media_ids": [110000000000000001],
                        "media_attributes": [{"id": 110000000000000001, "description": "A robin, singing",
                                              "focus": "0.1,0.2"}]}
    assert result.edited_at == datetime(2023, 3, 15, 10, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("bad", ["x", 5, [{"description": "no id"}], [{"id": 1, "colour": "red"}], [3]])
def test_status_update_refuses_bad_media_attributes(api, server, bad):
    with pytest.raises(MastodonIllegalArgumentError):
        api.status_update(SID, "x", media_attributes=bad)
    assert server.requests == []


# -- deleting -----------------------------------------------------------------------------------------
def test_status_delete_with_delete_media(make_api, server):
    api44 = make_api(mastodon_version="4.4.0")
    path = "/api/v1/statuses/%s" % SID
    server.route("DELETE", path, json=entities.status(text="Look at this #birds photo"))
    result = api44.status_delete(SID, delete_media=True)
    assert (server.last.method, server.last.path, server.last.form) == ("DELETE", path, {"delete_media": ["1"]})
    assert result.text == "Look at this #birds photo" and result.id == int(SID)
    api44.status_delete(SID)
    assert server.last.form == {}


def test_status_delete_media_checks(api, make_api, server):
    with pytest.raises(MastodonVersionError):
        api.status_delete(SID, delete_media=True)
    with pytest.raises(MastodonIllegalArgumentError):
        make_api(mastodon_version="4.4.0").status_delete(SID, "yes")
    assert server.requests == []


def test_media_delete(make_api, server):
    api44 = make_api(mastodon_version="4.4.0")
    server.route("DELETE", "/api/v1/media/22345792", status=200, json={})
    assert api44.media_delete({"id": 22345792}) is None
    assert (server.last.method, server.last.path, server.last.form) == ("DELETE", "/api/v1/media/22345792", {})


def test_media_delete_needs_4_4_and_an_id(api, make_api, server):
    with pytest.raises(MastodonVersionError):
        api.media_delete(1)
    with pytest.raises(MastodonIllegalArgumentError):
        make_api(mastodon_version="4.4.0").media_delete(None)
    assert server.requests == []


def test_conversations_remove(api, server):
    server.route("DELETE", "/api/v1/conversations/418450", json={})
    assert api.conversations_remove(more.conversation()) is None
    assert (server.last.method, server.last.path, server.last.form) == ("DELETE", "/api/v1/conversations/418450", {})
    with pytest.raises(MastodonIllegalArgumentError):
        api.conversations_remove({"unread": True})
    assert len(server.requests) == 1


def test_scheduled_statuses_pages(api, server):
    server.route("GET", "/api/v1/scheduled_statuses", json=[more.scheduled_status()],
                 headers={"Link": '<%s/api/v1/scheduled_statuses?max_id=3000>; rel="next"' % server.url})
    page = api.scheduled_statuses(limit=1)
    assert server.last.query == {"limit": ["1"]}
    assert page[0].id == 3221 and page[0].scheduled_at.year == 2030
    api.fetch_next(page)
    assert server.last.query == {"limit": ["1"], "max_id": ["3000"]}


def test_quotes_in_status_edits_and_nested_quotes(api, server):
    path = "/api/v1/statuses/%s/history" % QID
    nested = entities.status(id=today.QUOTED_ID, quote=today.shallow_quote(state="accepted"))
    edits = [more.status_edit(quote=today.shallow_quote(state="pending")),
             more.status_edit(quote=today.quote(quoted_status=nested), created_at="2023-03-14T13:00:00.000Z")]
    server.route("GET", path, json=edits)
    history = api.status_history(QID)
    assert (server.last.method, server.last.path) == ("GET", path)
    assert history[0].quote.state == "pending" and int(history[0].quote.quoted_status_id) == int(today.QUOTED_ID)
    assert history[1].created_at == datetime(2023, 3, 14, 13, 0, tzinfo=timezone.utc)
    assert history[1].quote.quoted_status.id == int(today.QUOTED_ID)
    assert history[1].quote.quoted_status.quote.state == "accepted"
