"""Account endpoints (mastodon/accounts.py) and the upload helper (mastodon/_files.py)."""
import io
import pathlib
import struct
import zlib
from datetime import datetime, timezone

import pytest

from mastodon import _files
from mastodon.errors import (MastodonFileNotFoundError, MastodonIllegalArgumentError, MastodonNotFoundError,
                             MastodonVersionError)
from mastodon.utility import AttribAccessDict
from tests import entities, entities_accounts
from tests.conftest import TOKEN
from tests.harness import Reply

ACCOUNT_ID = "109382"
LINK = ('<https://example.social/api/v1/accounts/109382/followers?max_id=7>; rel="next", '
        '<https://example.social/api/v1/accounts/109382/followers?min_id=9>; rel="prev"')


def png_bytes() -> bytes:
    """A valid 1x1 PNG image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
            + chunk(b"IEND", b""))


def assert_account(result, id=109382):
    assert isinstance(result, AttribAccessDict)
    assert result.id == id
    assert result.created_at == datetime(2022, 11, 1, tzinfo=timezone.utc)
    assert result.fields[0].name == "Website"


# -- reading -------------------------------------------------------------------------------------
@pytest.mark.parametrize("given", [109382, "109382", {"id": 109382}, entities.account()])
def test_account(api, server, given):
    server.route("GET", "/api/v1/accounts/109382", json=entities.account())
    result = api.account(given)
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/accounts/109382", {})
    assert request.header("Authorization") == "Bearer " + TOKEN
    assert_account(result)


@pytest.mark.parametrize("name", ["account_verify_credentials", "me"])
def test_verify_credentials_and_me(api, server, name):
    server.route("GET", "/api/v1/accounts/verify_credentials", json=entities.credential_account())
    result = getattr(api, name)()
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/accounts/verify_credentials", {})
    assert_account(result)
    assert result.source.privacy == "public" and result.role.id == 3


def test_account_statuses_defaults_send_nothing(api, server):
    server.route("GET", "/api/v1/accounts/109382/statuses", json=[entities.status()])
    result = api.account_statuses(ACCOUNT_ID)
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/accounts/109382/statuses", {})
    assert result[0].id == 110123456789012345
    assert result[0].account.id == 109382
    assert result[0].created_at.year == 2023


def test_account_statuses_all_parameters(api, server):
    server.route("GET", "/api/v1/accounts/109382/statuses",
                 json=[entities.status()],
                 headers={"Link": '<https://example.social/api/v1/accounts/109382/statuses?max_id=110>; rel="next"'})
    moment = datetime(2023, 3, 14, 12, 0, tzinfo=timezone.utc)
    result = api.account_statuses({"id": 109382}, only_media=True, pinned=True, exclude_replies=True,
                                  exclude_reblogs=True, tagged="#birds", max_id=moment,
                                  min_id={"id": 110000000000000000}, since_id=5, limit=40)
    assert server.last.query == {
        "only_media": ["1"], "pinned": ["1"], "exclude_replies": ["1"], "exclude_reblogs": ["1"],
        "tagged": ["birds"], "max_id": [str((int(moment.timestamp()) << 16) * 1000)],
        "min_id": ["110000000000000000"], "since_id": ["5"], "limit": ["40"]}
    assert result._pagination_next["max_id"] == 110
    assert result._pagination_next["_pagination_endpoint"] == "/api/v1/accounts/109382/statuses"


@pytest.mark.parametrize("name", ["account_following", "account_followers"])
def test_account_following_and_followers(api, server, name):
    path = "/api/v1/accounts/109382/" + name.split("_")[1]
    server.route("GET", path, json=[entities.account(id="109383", acct="bob@other.example")], headers={"Link": LINK})
    result = getattr(api, name)(entities.account(), max_id=100, min_id=None, since_id=3, limit=2)
    request = server.last
    assert (request.method, request.path, request.query) == (
        "GET", path, {"max_id": ["100"], "since_id": ["3"], "limit": ["2"]})
    assert result[0].id == 109383 and result[0].acct == "bob@other.example"
    assert result._pagination_next["max_id"] == 7 and result._pagination_prev["min_id"] == 9

    server.route("GET", path, json=[])
    assert getattr(api, name)(ACCOUNT_ID) == []
    assert server.last.query == {}


@pytest.mark.parametrize("given, query", [
    (109382, {"id": ["109382"]}),
    ({"id": 109382}, {"id": ["109382"]}),
    ([109382, {"id": "109383"}], {"id[]": ["109382", "109383"]}),
    ((entities.account(), entities.account(id="109383")), {"id[]": ["109382", "109383"]}),
])
def test_account_relationships_id_forms(api, server, given, query):
    server.route("GET", "/api/v1/accounts/relationships",
                 json=[entities.relationship(), entities.relationship(id="109383", following=False)])
    result = api.account_relationships(given)
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/accounts/relationships", query)
    assert [r.id for r in result] == [109382, 109383]
    assert result[0].following is True and result[1].following is False


def test_account_relationships_with_suspended(make_api, server):
    api = make_api(mastodon_version="4.3.0")
    server.route("GET", "/api/v1/accounts/relationships", json=[entities.relationship()])
    api.account_relationships([1], with_suspended=True)
    assert server.last.query == {"id[]": ["1"], "with_suspended": ["1"]}


def test_account_relationships_dict_without_id_is_refused(api, server):
    with pytest.raises(MastodonIllegalArgumentError):
        api.account_relationships([{"acct": "alice"}])
    assert server.requests == []


def test_account_search(api, server):
    server.route("GET", "/api/v1/accounts/search", json=[entities.account()])
    result = api.account_search("alice")
    request = server.last
    assert (request.method, request.path, request.query) == (
        "GET", "/api/v1/accounts/search", {"q": ["alice"], "following": ["0"]})
    assert_account(result[0])

    api.account_search("bob@other.example", limit=5, following=True, resolve=True, offset=10)
    assert server.last.query == {"q": ["bob@other.example"], "limit": ["5"], "following": ["1"],
                                 "resolve": ["1"], "offset": ["10"]}


def test_account_lists(api, server):
    server.route("GET", "/api/v1/accounts/109382/lists", json=[entities_accounts.user_list()])
    result = api.account_lists({"id": "109382"})
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/accounts/109382/lists", {})
    assert result[0].id == 12249 and result[0].title == "Birdwatchers"


def test_account_lookup(api, server):
    server.route("GET", "/api/v1/accounts/lookup", json=entities.account(id="109383", acct="bob@other.example"))
    result = api.account_lookup("bob@other.example")
    request = server.last
    assert (request.method, request.path, request.query) == (
        "GET", "/api/v1/accounts/lookup", {"acct": ["bob@other.example"]})
    assert result.id == 109383 and result.acct == "bob@other.example"


@pytest.mark.parametrize("given, ids", [
    (109382, [109382]),
    ({"id": 109382}, [109382]),
    ([109382, {"id": "109385"}], [109382, "109385"]),
])
def test_account_familiar_followers(api, server, given, ids):
    server.route("GET", "/api/v1/accounts/familiar_followers", json=[entities_accounts.familiar_followers()])
    result = api.account_familiar_followers(given)
    request = server.last
    assert (request.method, request.path) == ("GET", "/api/v1/accounts/familiar_followers")
    # The ids go in the query (id[], the documented form) and, as 1.8.0 sent them, in a
    # JSON body with their types kept.
    assert request.query == {"id[]": [str(i) for i in ids]}
    assert request.json == {"id": ids}
    assert result[0].id == 109382 and result[0].accounts[0].acct == "carol@birds.example"


def test_account_featured_tags(api, server):
    server.route("GET", "/api/v1/accounts/109382/featured_tags", json=[entities_accounts.featured_tag()])
    result = api.account_featured_tags(ACCOUNT_ID)
    request = server.last
    assert (request.method, request.path, request.query) == ("GET", "/api/v1/accounts/109382/featured_tags", {})
    assert result[0].id == 627 and result[0].name == "birds"
    assert result[0].last_status_at == datetime(2023, 3, 13)


# -- following, blocking, muting ------------------------------------------------------------------
def test_account_follow_always_sends_reblogs_and_notify(api, server):
    server.route("POST", "/api/v1/accounts/109382/follow", json=entities.relationship())
    result = api.account_follow({"id": 109382})
    request = server.last
    assert (request.method, request.path, request.form) == (
        "POST", "/api/v1/accounts/109382/follow", {"reblogs": ["1"], "notify": ["0"]})
    assert request.header("Content-Type").startswith("application/x-www-form-urlencoded")
    assert result.id == 109382 and result.following is True

    api.account_follow(ACCOUNT_ID, reblogs=False, notify=True)
    assert server.last.form == {"reblogs": ["0"], "notify": ["1"]}


@pytest.mark.parametrize("name, action", [
    ("account_unfollow", "unfollow"), ("account_remove_from_followers", "remove_from_followers"),
    ("account_block", "block"), ("account_unblock", "unblock"), ("account_unmute", "unmute"),
])
def test_simple_account_actions(api, server, name, action):
    path = "/api/v1/accounts/109382/" + action
    server.route("POST", path, json=entities.relationship(following=False, blocking=action == "block"))
    result = getattr(api, name)(entities.account())
    request = server.last
    assert (request.method, request.path, request.form) == ("POST", path, {})
    assert result.id == 109382 and result.following is False
    assert result.blocking is (action == "block")


def test_account_mute(api, server):
    server.route("POST", "/api/v1/accounts/109382/mute", json=entities.relationship(muting=True))
    result = api.account_mute(ACCOUNT_ID)
    request = server.last
    assert (request.method, request.path, request.form) == (
        "POST", "/api/v1/accounts/109382/mute", {"notifications": ["1"]})
    assert result.muting is True and result.id == 109382

    api.account_mute(ACCOUNT_ID, notifications=False, duration=3600)
    assert server.last.form == {"notifications": ["0"], "duration": ["3600"]}


@pytest.mark.parametrize("version, pin, unpin", [("4.2.0", "pin", "unpin"), ("4.4.0", "endorse", "unendorse")])
def test_account_pin_and_unpin(make_api, server, version, pin, unpin):
    api = make_api(mastodon_version=version)
    server.route("POST", "/api/v1/accounts/109382/" + pin, json=entities.relationship(endorsed=True))
    server.route("POST", "/api/v1/accounts/109382/" + unpin, json=entities.relationship(endorsed=False))
    assert api.account_pin(ACCOUNT_ID).endorsed is True
    assert (server.last.method, server.last.path, server.last.form) == ("POST", "/api/v1/accounts/109382/" + pin, {})
    result = api.account_unpin({"id": 109382})
    assert (server.last.method, server.last.path) == ("POST", "/api/v1/accounts/109382/" + unpin)
    assert result.endorsed is False and result.id == 109382


def test_account_note_set(api, server):
    server.route("POST", "/api/v1/accounts/109382/note", json=entities.relationship(note="Met at the birding club"))
    result = api.account_note_set(ACCOUNT_ID, "Met at the birding club")
    request = server.last
    assert (request.method, request.path, request.form) == (
        "POST", "/api/v1/accounts/109382/note", {"comment": ["Met at the birding club"]})
    assert result.note == "Met at the birding club" and result.id == 109382


def test_ids_are_escaped_as_one_path_segment(api, server):
    server.route("POST", "/api/v1/accounts/a%2Fb/block", json=entities.relationship())
    api.account_block("a/b")
    assert server.last.path == "/api/v1/accounts/a%2Fb/block"


# -- follows(uri) -------------------------------------------------------------------------------
def test_follows_searches_then_follows(api, server):
    bob = entities.account(id="109383", acct="bob@other.example")
    server.route("GET", "/api/v2/search",
                 json=entities_accounts.search(accounts=[entities.account(id="5", acct="bobby@other.example"), bob]))
    server.route("POST", "/api/v1/accounts/109383/follow", json=entities.relationship(id="109383"))
    result = api.follows("@bob@other.example")
    search, follow = server.requests
    assert (search.method, search.path, search.query) == (
        "GET", "/api/v2/search", {"q": ["@bob@other.example"], "resolve": ["1"], "type": ["accounts"]})
    assert (follow.method, follow.path, follow.form) == ("POST", "/api/v1/accounts/109383/follow", {})
    assert result.id == 109383 and result.acct == "bob@other.example"


def test_follows_local_account(api, server):
    local = entities.account(id="42", acct="carol")
    local["url"] = "https://example.social/@carol"
    server.route("GET", "/api/v2/search", json=entities_accounts.search(accounts=[local]))
    server.route("POST", "/api/v1/accounts/42/follow", json=entities.relationship(id="42"))
    assert api.follows("carol@example.social").id == 42
    assert server.last.path == "/api/v1/accounts/42/follow"


def test_follows_by_profile_url(api, server):
    bob = entities.account(id="109383", acct="bob@other.example")
    bob["url"] = "https://other.example/@bob"
    server.route("GET", "/api/v2/search", json=entities_accounts.search(accounts=[bob]))
    server.route("POST", "/api/v1/accounts/109383/follow", json=entities.relationship(id="109383"))
    assert api.follows("https://other.example/@bob").id == 109383


def test_follows_unknown_account(api, server):
    server.route("GET", "/api/v2/search",
                 json=entities_accounts.search(accounts=[entities.account(id="5", acct="bobby@other.example")]))
    with pytest.raises(MastodonNotFoundError) as info:
        api.follows("bob@other.example")
    assert info.value.args[1] == 404
    assert [r.method for r in server.requests] == ["GET"]


def test_follows_on_old_server_uses_account_search(make_api, server):
    api = make_api(mastodon_version="2.4.0")
    server.route("GET", "/api/v1/accounts/search",
                 json=[entities.account(id="109383", acct="bob@other.example")])
    server.route("POST", "/api/v1/accounts/109383/follow", json=entities.relationship(id="109383"))
    assert api.follows("bob@other.example").id == 109383
    assert server.requests[0].query == {"q": ["bob@other.example"], "resolve": ["1"]}


def test_follows_needs_an_account(api, server):
    with pytest.raises(MastodonIllegalArgumentError):
        api.follows("  @ ")
    assert server.requests == []


# -- account_update_credentials --------------------------------------------------------------------
def test_update_credentials_form(api, server):
    server.route("PATCH", "/api/v1/accounts/update_credentials", json=entities.credential_account())
    result = api.account_update_credentials(
        display_name="Alice", note="Birds!", locked=True, bot=False, discoverable=True,
        fields=[("Website", "https://example.org"), ("Pronouns", "she/her")])
    request = server.last
    assert (request.method, request.path) == ("PATCH", "/api/v1/accounts/update_credentials")
    assert request.header("Content-Type").startswith("application/x-www-form-urlencoded")
    assert request.form == {
        "display_name": ["Alice"], "note": ["Birds!"], "locked": ["1"], "bot": ["0"], "discoverable": ["1"],
        "fields_attributes[0][name]": ["Website"], "fields_attributes[0][value]": ["https://example.org"],
        "fields_attributes[1][name]": ["Pronouns"], "fields_attributes[1][value]": ["she/her"]}
    assert_account(result)
    assert result.source.note == "Hello, I post about birds."


def test_update_credentials_sends_only_given_arguments(api, server):
    server.route("PATCH", "/api/v1/accounts/update_credentials", json=entities.credential_account())
    api.account_update_credentials(note="")
    assert server.last.form == {"note": [""]}


def test_update_credentials_fields_as_dicts_and_clearing(api, server):
    server.route("PATCH", "/api/v1/accounts/update_credentials", json=entities.credential_account())
    api.account_update_credentials(fields=[entities.field(name="Site", value="x")])
    assert server.last.form == {"fields_attributes[0][name]": ["Site"], "fields_attributes[0][value]": ["x"]}
    api.account_update_credentials(fields=[])
    assert server.last.form == {"fields_attributes[0][name]": [""], "fields_attributes[0][value]": [""]}


@pytest.mark.parametrize("fields", [
    [("a", "1")] * 5,
    [("only a name",)],
    "name=value",
    [("a", "1", "2")],
    5,
    [None],
])
def test_update_credentials_invalid_fields(api, server, fields):
    with pytest.raises(MastodonIllegalArgumentError):
        api.account_update_credentials(fields=fields)
    assert server.requests == []


def test_update_credentials_avatar_path_is_multipart(api, server, tmp_path):
    image = tmp_path / "me.png"
    image.write_bytes(png_bytes())
    server.route("PATCH", "/api/v1/accounts/update_credentials", json=entities.credential_account())
    result = api.account_update_credentials(avatar=str(image), display_name="Alice", fields=[("A", "B")])
    request = server.last
    assert request.method == "PATCH"
    assert request.header("Content-Type").startswith("multipart/form-data")
    name, content_type, data = request.files["avatar"]
    assert (content_type, data) == ("image/png", png_bytes())
    assert name.startswith("mastodonpyupload_") and name.endswith(".png")
    assert request.form == {"display_name": ["Alice"], "fields_attributes[0][name]": ["A"],
                            "fields_attributes[0][value]": ["B"]}
    assert "header" not in request.files
    assert_account(result)


def test_update_credentials_avatar_and_header_as_path_bytes_and_file(api, server, tmp_path):
    image = tmp_path / "header.jpg"
    image.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    server.route("PATCH", "/api/v1/accounts/update_credentials", json=entities.credential_account())

    api.account_update_credentials(avatar=png_bytes(), avatar_mime_type="image/png",
                                   header=pathlib.Path(image), header_mime_type="image/jpeg")
    files = server.last.files
    assert files["avatar"][1:] == ("image/png", png_bytes())
    assert files["header"][1:] == ("image/jpeg", b"\xff\xd8\xff\xe0 not really a jpeg")

    api.account_update_credentials(header=io.BytesIO(b"GIF89a..."), header_mime_type="image/gif")
    assert list(server.last.files) == ["header"]
    assert server.last.files["header"][1:] == ("image/gif", b"GIF89a...")


@pytest.mark.parametrize("kwargs", [
    {"avatar": png_bytes()},                       # data without a mime type
    {"header": io.BytesIO(b"data")},               # file object without name or mime type
    {"avatar": 12345, "avatar_mime_type": "image/png"},
])
def test_update_credentials_undeterminable_upload(api, server, kwargs):
    with pytest.raises(MastodonIllegalArgumentError):
        api.account_update_credentials(**kwargs)
    assert server.requests == []


def test_update_credentials_missing_file(api, server, tmp_path):
    missing = tmp_path / "nope.png"
    for value in (str(missing), missing):
        with pytest.raises(MastodonIllegalArgumentError) as info:
            api.account_update_credentials(avatar=value, avatar_mime_type="image/png")
        assert isinstance(info.value, MastodonFileNotFoundError)
        assert "nope.png" in str(info.value)
    assert server.requests == []


def test_update_credentials_file_is_read_and_closed(api, server, tmp_path, monkeypatch):
    image = tmp_path / "me.png"
    image.write_bytes(png_bytes())
    handles = []
    real_open = open

    def spy_open(*args, **kwargs):
        handle = real_open(*args, **kwargs)
        if str(args[0]) == str(image):
            handles.append(handle)
        return handle

    monkeypatch.setattr("builtins.open", spy_open)
    server.route("PATCH", "/api/v1/accounts/update_credentials", json=entities.credential_account())
    api.account_update_credentials(avatar=image)
    assert server.last.files["avatar"][1:] == ("image/png", png_bytes())
    assert len(handles) == 1 and handles[0].closed


def test_update_credentials_upload_is_resent_after_rate_limit(make_api, server, tmp_path, monkeypatch):
    monkeypatch.setattr("mastodon._core.BACKOFF_START", 0.01)  # no usable reset time: short back-off
    image = tmp_path / "me.png"
    image.write_bytes(png_bytes())
    api = make_api(mastodon_version="4.2.0", ratelimit_method="wait")
    server.route("PATCH", "/api/v1/accounts/update_credentials", [
        Reply(status=429, json={"error": "Too many requests"},
              headers={"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0",
                       "X-RateLimit-Reset": "1970-01-01T00:00:00.000Z"}),
        Reply(json=entities.credential_account())])
    handle = io.BytesIO(b"GIF89a header")
    api.account_update_credentials(avatar=image, header=handle, header_mime_type="image/gif")
    first, second = server.requests
    assert first.files == second.files
    assert second.files["avatar"][1:] == ("image/png", png_bytes())
    assert second.files["header"][1:] == ("image/gif", b"GIF89a header")


def test_update_credentials_version_check(make_api, server):
    api = make_api(mastodon_version="1.0.0", version_check_mode="created")
    with pytest.raises(MastodonVersionError):
        api.account_update_credentials(note="x")
    assert server.requests == []


# -- the upload helper -----------------------------------------------------------------------------
def test_upload_parts_reads_paths_and_skips_missing_fields(tmp_path):
    image = tmp_path / "picture.png"
    image.write_bytes(png_bytes())
    parts = _files.upload_parts(file=(image, None), thumbnail=None, other=(None, "image/png"),
                                named=(str(image), None, "mine.png"))
    assert list(parts) == ["file", "named"]
    name, data, mime_type = parts["file"]
    assert (data, mime_type) == (png_bytes(), "image/png")
    assert name.startswith("mastodonpyupload_") and name.endswith(".png")
    assert parts["named"][0] == "mine.png"
    assert _files.upload_parts() == {}


def test_load_upload_detected_type_wins_given_type_is_fallback(tmp_path, monkeypatch):
    """As in 1.8.0, the detected type of a file wins; the given one is the fallback."""
    image = tmp_path / "picture.png"
    image.write_bytes(png_bytes())
    assert _files.load_upload(image, "image/jpeg")[2] == "image/png"
    unknown = tmp_path / "blob"
    unknown.write_bytes(b"\x00\x01\x02\x03\xff\xfe")
    assert _files.load_upload(unknown, "image/webp", "x.webp") == ("x.webp", b"\x00\x01\x02\x03\xff\xfe",
                                                                   "image/webp")


def test_load_upload_without_magic_uses_file_name(tmp_path, monkeypatch):
    monkeypatch.setattr(_files, "_magic", None)
    image = tmp_path / "photo.jpg"
    image.write_bytes(b"whatever")
    assert _files.guess_mime_type(str(image)) == "image/jpeg"
    unknown = tmp_path / "blob"
    unknown.write_bytes(b"\x00\x01")
    with pytest.raises(MastodonIllegalArgumentError, match="mime type"):
        _files.load_upload(unknown)


@pytest.mark.skipif(_files._magic is None, reason="python-magic is not installed")
def test_load_upload_with_magic_reads_content(tmp_path):
    image = tmp_path / "picture.dat"
    image.write_bytes(png_bytes())
    assert _files.guess_mime_type(str(image)) == "image/png"
    garbage = tmp_path / "noise"
    garbage.write_bytes(b"\x00\x01\x02\x03\xff\xfe")
    with pytest.raises(MastodonIllegalArgumentError, match="mime type"):
        _files.load_upload(garbage)


def test_load_upload_data_and_file_objects():
    assert _files.load_upload(bytearray(b"abc"), "image/png", "a.png") == ("a.png", b"abc", "image/png")
    assert _files.load_upload(memoryview(b"abc"), "image/png")[1:] == (b"abc", "image/png")
    handle = io.BytesIO(b"xxabc")
    handle.seek(2)
    handle.name = "photo.jpeg"
    assert _files.load_upload(handle)[1:] == (b"abc", "image/jpeg")
    assert not handle.closed


def test_load_upload_text_file_object_is_refused(tmp_path):
    with pytest.raises(MastodonIllegalArgumentError, match="binary"):
        _files.load_upload(io.StringIO("text"), "image/png")
