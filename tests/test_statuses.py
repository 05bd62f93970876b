"""Statuses: reading, posting, replying, editing, interactions and scheduled statuses."""
from datetime import datetime, timedelta, timezone

import pytest

from mastodon import Mastodon
from mastodon.errors import MastodonAPIError, MastodonIllegalArgumentError, MastodonVersionError
from tests import entities
from tests import entities_statuses as more

SID = "110123456789012345"
CET = timezone(timedelta(hours=1))


def assert_status(result, id=int(SID)):
    assert result.id == id
    assert result.created_at == datetime(2023, 3, 14, 12, 30, 45, 123000, tzinfo=timezone.utc)
    assert result.account.id == 109382 and result.account.acct == "alice"
    assert result.media_attachments[0].id == 110000000000000001


# -- reading ---------------------------------------------------------------------------------------
def test_status(api, server):
    server.route("GET", "/api/v1/statuses/%s" % SID, json=entities.status())
    result = api.status({"id": int(SID)})
    req = server.last
    assert (req.method, req.path, req.query) == ("GET", "/api/v1/statuses/%s" % SID, {})
    assert req.header("Authorization") == "Bearer test-access-token-0123456789"
    assert_status(result)
    assert result.mentions[0].id == 109383


def test_status_context(api, server):
    server.route("GET", "/api/v1/statuses/%s/context" % SID, json=more.context())
    result = api.status_context(int(SID))
    assert (server.last.method, server.last.path, server.last.query) == (
        "GET", "/api/v1/statuses/%s/context" % SID, {})
    assert result.ancestors[0].id == 110123456789000001
    assert result.descendants[0].in_reply_to_id == int(SID)
    assert result.descendants[0].in_reply_to_account_id == 109382


@pytest.mark.parametrize("method, action", [("status_reblogged_by", "reblogged_by"),
                                            ("status_favourited_by", "favourited_by")])
def test_status_accounts(api, server, method, action):
    path = "/api/v1/statuses/%s/%s" % (SID, action)
    server.route("GET", path, json=[entities.account(), entities.account(id="109383", acct="bob@other.example")])
    result = getattr(api, method)(entities.status())
    assert (server.last.method, server.last.path, server.last.query) == ("GET", path, {})
    assert [a.id for a in result] == [109382, 109383]
    assert result[1].acct == "bob@other.example"
    assert result[0].created_at.year == 2022


@pytest.mark.parametrize("method, action", [("status_reblogged_by", "reblogged_by"),
                                            ("status_favourited_by", "favourited_by")])
def test_status_accounts_pagination(api, server, method, action):
    path = "/api/v1/statuses/%s/%s" % (SID, action)
    server.route("GET", path, json=[entities.account()],
                 headers={"Link": '<%s%s?max_id=5551>; rel="next", <%s%s?since_id=5559>; rel="prev"'
                                  % (server.url, path, server.url, path)})
    when = datetime(2023, 3, 1, tzinfo=timezone.utc)
    page = getattr(api, method)(SID, max_id=when, since_id={"id": 5000}, limit=1)
    assert server.last.query == {"max_id": [str((int(when.timestamp()) << 16) * 1000)], "since_id": ["5000"],
                                 "limit": ["1"]}
    api.fetch_next(page)
    assert (server.last.path, server.last.query) == (path, {"limit": ["1"], "max_id": ["5551"]})
    api.fetch_previous(page)
    assert (server.last.path, server.last.query) == (path, {"limit": ["1"], "since_id": ["5559"]})


def test_status_card_reads_the_status_on_current_servers(api, server):
    server.route("GET", "/api/v1/statuses/%s" % SID, json=entities.status(card=entities.card()))
    card = api.status_card(SID)
    assert [(r.method, r.path) for r in server.requests] == [("GET", "/api/v1/statuses/%s" % SID)]
    assert card.url == "https://www.example.org/article"
    assert card.published_at.year == 2023


def test_status_card_none_when_the_status_has_none(api, server):
    server.route("GET", "/api/v1/statuses/%s" % SID, json=entities.status())
    assert api.status_card(SID) is None


def test_status_card_uses_the_old_endpoint_before_3_0(make_api, server):
    old = make_api(mastodon_version="2.9.0")
    server.route("GET", "/api/v1/statuses/%s/card" % SID, json=entities.card())
    card = old.status_card(SID)
    assert [(r.method, r.path) for r in server.requests] == [("GET", "/api/v1/statuses/%s/card" % SID)]
    assert card.title == "An article"


def test_status_history(api, server):
    path = "/api/v1/statuses/%s/history" % SID
    server.route("GET", path, json=[more.status_edit(), more.status_edit(content="<p>Edited</p>",
                                                                        created_at="2023-03-14T13:00:00.000Z")])
    result = api.status_history(SID)
    assert (server.last.method, server.last.path) == ("GET", path)
    assert len(result) == 2 and result[1].content == "<p>Edited</p>"
    assert result[1].created_at == datetime(2023, 3, 14, 13, 0, tzinfo=timezone.utc)
    assert result[0].account.id == 109382


def test_status_history_needs_3_5(make_api, server):
    old = make_api(mastodon_version="3.4.0")
    with pytest.raises(MastodonVersionError):
        old.status_history(SID)
    assert server.requests == []


def test_status_source(api, server):
    path = "/api/v1/statuses/%s/source" % SID
    server.route("GET", path, json=more.status_source())
    result = api.status_source(SID)
    assert (server.last.method, server.last.path) == ("GET", path)
    assert result.id == int(SID) and result.text == "Look at this #birds photo" and result.spoiler_text == ""


def test_ids_are_escaped_as_one_path_segment(api, server):
    server.route("GET", "/api/v1/statuses/a%2Fb", json=entities.status())
    api.status("a/b")
    assert server.last.path == "/api/v1/statuses/a%2Fb"


# -- status_post -----------------------------------------------------------------------------------
def test_status_post_minimal(api, server):
    server.route("POST", "/api/v1/statuses", json=entities.status())
    result = api.status_post("Hello #birds")
    req = server.last
    assert (req.method, req.path, req.form) == ("POST", "/api/v1/statuses", {"status": ["Hello #birds"]})
    assert req.content_type.startswith("application/x-www-form-urlencoded")
    assert req.header("Idempotency-Key") is None
    assert_status(result)


def test_status_post_all_form_parameters(api, server):
    server.route("POST", "/api/v1/statuses", json=entities.status())
    api.status_post("Look", in_reply_to_id=entities.status(id="110000000000000099"),
                    media_ids=[entities.media_attachment(), "110000000000000002", 110000000000000003],
                    sensitive=True, visibility="UnListed", spoiler_text="birds", language="de")
    assert server.last.form == {
        "status": ["Look"], "in_reply_to_id": ["110000000000000099"],
        "media_ids[]": ["110000000000000001", "110000000000000002", "110000000000000003"],
        "sensitive": ["1"], "visibility": ["unlisted"], "spoiler_text": ["birds"], "language": ["de"]}


@pytest.mark.parametrize("media", [entities.media_attachment(), "110000000000000001", 110000000000000001])
def test_status_post_single_media_id(api, server, media):
    server.route("POST", "/api/v1/statuses", json=entities.status())
    api.status_post("One picture", media_ids=media)
    assert server.last.form["media_ids[]"] == ["110000000000000001"]


def test_status_post_sensitive_false_is_not_sent(api, server):
    server.route("POST", "/api/v1/statuses", json=entities.status())
    api.status_post("x", sensitive=False)
    assert "sensitive" not in server.last.form


@pytest.mark.parametrize("visibility", ["direct", "private", "unlisted", "public", "PUBLIC", "Private"])
def test_status_post_visibility_case_insensitive(api, server, visibility):
    server.route("POST", "/api/v1/statuses", json=entities.status())
    api.status_post("x", visibility=visibility)
    assert server.last.form["visibility"] == [visibility.lower()]


@pytest.mark.parametrize("visibility", ["everyone", "", "limited", 3])
def test_status_post_invalid_visibility(api, server, visibility):
    with pytest.raises(MastodonIllegalArgumentError) as info:
        api.status_post("x", visibility=visibility)
    assert "'direct', 'private', 'unlisted', 'public'" in str(info.value)
    assert isinstance(info.value, ValueError)
    assert server.requests == []


def test_status_post_media_and_poll_refused(api, server):
    with pytest.raises(MastodonIllegalArgumentError):
        api.status_post("x", media_ids=[1], poll=api.make_poll(["a", "b"], 300))
    assert server.requests == []


def test_status_post_idempotency_key_header(api, server):
    server.route("POST", "/api/v1/statuses", json=entities.status())
    api.status_post("once", idempotency_key="post-4711")
    assert server.last.header("Idempotency-Key") == "post-4711"
    assert "idempotency_key" not in server.last.form


def test_status_post_scheduled(api, server):
    server.route("POST", "/api/v1/statuses", json=more.scheduled_status())
    result = api.status_post("Later!", visibility="unlisted",
                             scheduled_at=datetime(2030, 1, 2, 4, 4, 5, tzinfo=CET))
    assert server.last.form == {"status": ["Later!"], "visibility": ["unlisted"],
                                "scheduled_at": ["2030-01-02T03:04:05+00:00"]}
    assert result.id == 3221
    assert result.scheduled_at == datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    assert result.params.text == "Later!" and result.media_attachments[0].id == 110000000000000001


def test_status_post_with_poll_sends_json(api, server):
    server.route("POST", "/api/v1/statuses", json=entities.status(poll=entities.poll(), media_attachments=[]))
    poll = api.make_poll(["accept", "deny"], expires_in=86400, multiple=True)
    result = api.status_post("Vote!", poll=poll, in_reply_to_id={"id": 5}, visibility="Public",
                             scheduled_at=datetime(2030, 1, 2, 4, 4, 5, tzinfo=CET), idempotency_key="k1")
    req = server.last
    assert req.content_type.startswith("application/json")
    assert req.json == {"status": "Vote!", "in_reply_to_id": 5, "visibility": "public",
                        "scheduled_at": "2030-01-02T03:04:05+00:00",
                        "poll": {"options": ["accept", "deny"], "expires_in": 86400, "multiple": True,
                                 "hide_totals": False}}
    assert req.header("Idempotency-Key") == "k1"
    assert result.poll.id == 34830 and result.poll.expires_at.year == 2023


def test_status_post_content_type_needs_pleroma(api, server):
    with pytest.raises(MastodonIllegalArgumentError) as info:
        api.status_post("*hi*", content_type="text/markdown")
    assert "pleroma" in str(info.value)
    assert server.requests == []


def test_status_post_content_type_with_pleroma(make_api, server):
    pleroma = make_api(mastodon_version="2.7.2", feature_set="pleroma")
    server.route("POST", "/api/v1/statuses", json=entities.status(id="AbCdEf"))
    result = pleroma.status_post("*hi*", content_type="text/markdown")
    assert server.last.form == {"status": ["*hi*"], "content_type": ["text/markdown"]}
    assert result.id == "AbCdEf"


def test_status_post_content_type_must_be_known(make_api, server):
    pleroma = make_api(mastodon_version="2.7.2", feature_set="pleroma")
    with pytest.raises(MastodonIllegalArgumentError) as info:
        pleroma.status_post("hi", content_type="text/x-rst")
    assert "'text/plain', 'text/html', 'text/markdown', 'text/bbcode'" in str(info.value)
    assert server.requests == []


def test_status_post_quote_id_needs_fedibird(api, server):
    with pytest.raises(MastodonIllegalArgumentError) as info:
        api.status_post("look", quote_id=5)
    assert "fedibird" in str(info.value)
    assert server.requests == []


def test_status_post_quote_id_with_fedibird(make_api, server):
    fedibird = make_api(mastodon_version="3.4.1", feature_set="fedibird")
    server.route("POST", "/api/v1/statuses", json=entities.status())
    fedibird.status_post("look", quote_id=entities.status(id="77"))
    assert server.last.form == {"status": ["look"], "quote_id": ["77"]}


def test_status_post_server_refusal(api, server):
    server.route("POST", "/api/v1/statuses", status=422, json={"error": "Validation failed: Text can't be blank"})
    with pytest.raises(MastodonAPIError) as info:
        api.status_post("")
    assert info.value.args[1] == 422 and "blank" in info.value.args[3]
    assert server.last.form == {"status": [""]}


def test_status_post_lang_of_the_client_goes_into_the_json_body(make_api, server):
    client = make_api(mastodon_version="4.2.0", lang="de")
    server.route("POST", "/api/v1/statuses", json=entities.status())
    client.status_post("Umfrage", poll=client.make_poll(["ja", "nein"], 600))
    assert server.last.json["lang"] == "de"


def test_toot(api, server):
    server.route("POST", "/api/v1/statuses", json=entities.status())
    result = api.toot("Tooting from Python")
    assert (server.last.method, server.last.path, server.last.form) == (
        "POST", "/api/v1/statuses", {"status": ["Tooting from Python"]})
    assert_status(result)


# -- status_reply ----------------------------------------------------------------------------------
ME = entities.credential_account(id="109999", acct="me")


def thread_status(**kw):
    base = dict(account_=entities.account(id="109382", acct="alice"), visibility="unlisted", spoiler_text="birds",
                mentions=[entities.mention(id="109383", acct="bob@other.example"),
                          entities.mention(id="109999", acct="me"),
                          entities.mention(id="109384", acct="carol")])
    base.update(kw)
    return entities.status(**base)


def reply_routes(server):
    server.route("GET", "/api/v1/accounts/verify_credentials", json=ME)
    server.route("POST", "/api/v1/statuses", json=entities.status(id="110123456789099999", in_reply_to_id=SID))


def test_status_reply_mentions_everyone_but_me_and_keeps_cw_and_visibility(api, server):
    reply_routes(server)
    to_status = thread_status()
    original = thread_status()
    result = api.status_reply(to_status, "Nice!", in_reply_to_id=12345)
    assert [(r.method, r.path) for r in server.requests] == [
        ("GET", "/api/v1/accounts/verify_credentials"), ("POST", "/api/v1/statuses")]
    assert server.last.form == {"status": ["@alice @bob@other.example @carol Nice!"], "in_reply_to_id": [SID],
                                "visibility": ["unlisted"], "spoiler_text": ["birds"]}
    assert result.in_reply_to_id == int(SID)
    assert to_status == original  # the replied-to status is not modified


def test_status_reply_with_a_converted_status_and_cached_own_id(api, server):
    reply_routes(server)
    server.route("GET", "/api/v1/statuses/%s" % SID, json=thread_status())
    to_status = api.status(SID)
    api.status_reply(to_status, "One")
    api.status_reply(to_status, "Two", visibility="DIRECT", spoiler_text="", sensitive=True, language="en",
                     media_ids=[{"id": 7}], idempotency_key="r2")
    calls = [(r.method, r.path) for r in server.requests]
    assert calls.count(("GET", "/api/v1/accounts/verify_credentials")) == 1
    assert server.last.form == {"status": ["@alice @bob@other.example @carol Two"], "in_reply_to_id": [SID],
                                "visibility": ["direct"], "spoiler_text": [""], "sensitive": ["1"],
                                "language": ["en"], "media_ids[]": ["7"]}
    assert server.last.header("Idempotency-Key") == "r2"


def test_status_reply_untag_keeps_only_the_author(api, server):
    reply_routes(server)
    api.status_reply(thread_status(), "Just you", untag=True)
    assert server.last.form["status"] == ["@alice Just you"]


def test_status_reply_to_myself_does_not_mention_me(api, server):
    reply_routes(server)
    mine = thread_status(account_=entities.account(id="109999", acct="me"),
                         mentions=[entities.mention(id="109383", acct="bob@other.example")])
    api.status_reply(mine, "continued")
    assert server.last.form["status"] == ["@bob@other.example continued"]
    api.status_reply(mine, "thread", untag=True)
    assert server.last.form["status"] == ["thread"]


def test_status_reply_with_poll_and_schedule(api, server):
    reply_routes(server)
    server.route("POST", "/api/v1/statuses", json=more.scheduled_status())
    result = api.status_reply(thread_status(), "Vote", poll=api.make_poll(["a", "b"], 300),
                              scheduled_at=datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone.utc))
    assert server.last.json == {"status": "@alice @bob@other.example @carol Vote", "in_reply_to_id": SID,
                                "visibility": "unlisted", "spoiler_text": "birds",
                                "scheduled_at": "2030-01-02T03:04:05+00:00",
                                "poll": {"options": ["a", "b"], "expires_in": 300, "multiple": False,
                                         "hide_totals": False}}
    assert result.scheduled_at.year == 2030


def test_status_reply_mentions_each_account_once(api, server):
    reply_routes(server)
    to_status = thread_status(mentions=[entities.mention(id="109382", acct="alice"),
                                        entities.mention(id="109383", acct="bob@other.example"),
                                        entities.mention(id="109383", acct="bob@other.example")])
    api.status_reply(to_status, "hi")
    assert server.last.form["status"] == ["@alice @bob@other.example hi"]


@pytest.mark.parametrize("to_status", [SID, int(SID), {"id": SID}, None])
def test_status_reply_needs_a_status_dict(api, server, to_status):
    with pytest.raises(MastodonIllegalArgumentError):
        api.status_reply(to_status, "x")
    assert server.requests == []


def test_status_reply_invalid_visibility(api, server):
    server.route("GET", "/api/v1/accounts/verify_credentials", json=ME)
    with pytest.raises(MastodonIllegalArgumentError):
        api.status_reply(thread_status(), "x", visibility="friends")
    assert [r.method for r in server.requests if r.method == "POST"] == []


# -- status_update ---------------------------------------------------------------------------------
def test_status_update_form(api, server):
    path = "/api/v1/statuses/%s" % SID
    server.route("PUT", path, json=entities.status(edited_at="2023-03-14T13:00:00.000Z"))
    result = api.status_update(entities.status(), "Edited text", spoiler_text="cw", sensitive=False,
                               media_ids=entities.media_attachment())
    req = server.last
    assert (req.method, req.path) == ("PUT", path)
    assert req.form == {"status": ["Edited text"], "spoiler_text": ["cw"], "sensitive": ["0"],
                        "media_ids[]": ["110000000000000001"]}
    assert result.edited_at == datetime(2023, 3, 14, 13, 0, tzinfo=timezone.utc)


def test_status_update_only_given_fields(api, server):
    server.route("PUT", "/api/v1/statuses/%s" % SID, json=entities.status())
    api.status_update(SID, status="new")
    assert server.last.form == {"status": ["new"]}


def test_status_update_poll(api, server):
    server.route("PUT", "/api/v1/statuses/%s" % SID, json=entities.status(poll=entities.poll(votes_count=0)))
    result = api.status_update(SID, "Vote again", poll=api.make_poll(["yes", "no", "maybe"], 3600, hide_totals=True))
    assert server.last.json == {"status": "Vote again", "poll": {"options": ["yes", "no", "maybe"],
                                                                  "expires_in": 3600, "multiple": False,
                                                                  "hide_totals": True}}
    assert result.poll.votes_count == 0


def test_status_update_media_and_poll_refused(api, server):
    with pytest.raises(MastodonIllegalArgumentError):
        api.status_update(SID, "x", media_ids=[1], poll=api.make_poll(["a", "b"], 300))
    assert server.requests == []


def test_status_update_needs_3_5(make_api, server):
    old = make_api(mastodon_version="3.4.0")
    with pytest.raises(MastodonVersionError):
        old.status_update(SID, "x")
    assert server.requests == []


# -- delete, reblog, interactions --------------------------------------------------------------------
def test_status_delete(api, server):
    path = "/api/v1/statuses/%s" % SID
    server.route("DELETE", path, json=entities.status(text="Look at this #birds photo"))
    result = api.status_delete(SID)
    assert (server.last.method, server.last.path, server.last.form) == ("DELETE", path, {})
    assert result.text == "Look at this #birds photo"
    assert_status(result)


def test_status_reblog(api, server):
    path = "/api/v1/statuses/%s/reblog" % SID
    server.route("POST", path, json=entities.status(id="110123456789055555", reblog=entities.status()))
    result = api.status_reblog(entities.status(), visibility="Private")
    assert (server.last.method, server.last.path, server.last.form) == ("POST", path, {"visibility": ["private"]})
    assert result.id == 110123456789055555 and result.reblog.id == int(SID)


def test_status_reblog_without_visibility(api, server):
    server.route("POST", "/api/v1/statuses/%s/reblog" % SID, json=entities.status())
    api.status_reblog(SID)
    assert server.last.form == {}


def test_status_reblog_invalid_visibility(api, server):
    with pytest.raises(MastodonIllegalArgumentError):
        api.status_reblog(SID, visibility="friends")
    assert server.requests == []


@pytest.mark.parametrize("action", ["unreblog", "favourite", "unfavourite", "mute", "unmute", "pin", "unpin",
                                    "bookmark", "unbookmark"])
def test_status_interactions(api, server, action):
    path = "/api/v1/statuses/%s/%s" % (SID, action)
    server.route("POST", path, json=entities.status(bookmarked=action == "bookmark"))
    result = getattr(api, "status_" + action)({"id": SID})
    req = server.last
    assert (req.method, req.path, req.form, req.body) == ("POST", path, {}, b"")
    assert_status(result)
    assert result.bookmarked is (action == "bookmark")


def test_status_bookmark_needs_3_1(make_api, server):
    old = make_api(mastodon_version="3.0.0")
    with pytest.raises(MastodonVersionError):
        old.status_bookmark(SID)
    assert server.requests == []


def test_status_interaction_bad_id(api, server):
    with pytest.raises(MastodonIllegalArgumentError):
        api.status_favourite({"uri": "no id here"})
    assert server.requests == []


# -- scheduled statuses ------------------------------------------------------------------------------
def test_scheduled_statuses(api, server):
    server.route("GET", "/api/v1/scheduled_statuses", json=[more.scheduled_status(), more.scheduled_status(id="3222")])
    result = api.scheduled_statuses()
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v1/scheduled_statuses", {})
    assert [s.id for s in result] == [3221, 3222]
    assert result[0].scheduled_at == datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


def test_scheduled_statuses_pagination_parameters(api, server):
    server.route("GET", "/api/v1/scheduled_statuses", json=[more.scheduled_status()],
                 headers={"Link": '<%s/api/v1/scheduled_statuses?max_id=3221>; rel="next"' % server.url})
    page = api.scheduled_statuses(max_id={"id": 4000}, limit=1)
    assert server.last.query == {"max_id": ["4000"], "limit": ["1"]}
    api.fetch_next(page)
    assert server.last.query == {"max_id": ["3221"], "limit": ["1"]}


def test_scheduled_status(api, server):
    server.route("GET", "/api/v1/scheduled_statuses/3221", json=more.scheduled_status())
    result = api.scheduled_status(more.scheduled_status())
    assert (server.last.method, server.last.path) == ("GET", "/api/v1/scheduled_statuses/3221")
    assert result.params.visibility == "unlisted" and result.params.application_id == 596551


def test_scheduled_status_update(api, server):
    server.route("PUT", "/api/v1/scheduled_statuses/3221",
                 json=more.scheduled_status(scheduled_at="2030-02-01T10:00:00.000Z"))
    result = api.scheduled_status_update(3221, datetime(2030, 2, 1, 11, 0, tzinfo=CET))
    assert (server.last.method, server.last.path, server.last.form) == (
        "PUT", "/api/v1/scheduled_statuses/3221", {"scheduled_at": ["2030-02-01T10:00:00+00:00"]})
    assert result.scheduled_at == datetime(2030, 2, 1, 10, 0, tzinfo=timezone.utc)


def test_scheduled_status_update_needs_a_time(api, server):
    with pytest.raises(MastodonIllegalArgumentError):
        api.scheduled_status_update(3221, None)
    assert server.requests == []


def test_scheduled_status_delete(api, server):
    server.route("DELETE", "/api/v1/scheduled_statuses/3221", json={})
    assert api.scheduled_status_delete("3221") is None
    assert (server.last.method, server.last.path, server.last.form) == ("DELETE", "/api/v1/scheduled_statuses/3221", {})


def test_status_methods_are_documented():
    for name in ("status_post", "status_reply", "status_update", "status_favourite", "status_source"):
        assert getattr(Mastodon, name).__doc__.strip()
    assert "Added: Mastodon v3.1.0" in Mastodon.status_bookmark.__doc__
