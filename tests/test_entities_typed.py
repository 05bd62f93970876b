"""Typed entities (issue 13): classes of answers and of their nested objects, 1.8.0's
conversions, copy, pickle, the JSON round trip, the empty-body rule, and that the
generated module and docs are current."""
import copy
import json
import os
import pickle
import subprocess
import sys
from datetime import datetime

import pytest

from mastodon import Mastodon, return_types
from mastodon._convert import BOOL_KEYS, DATE_KEYS, INT_KEYS
from mastodon.errors import MastodonAPIError
from mastodon.return_types import (Account, AdminDomainBlock, CredentialAccount, Entity, Instance, Marker,
                                   MediaAttachment, NonPaginatableList, Notification, PaginatableList, PreviewCard,
                                   ScheduledStatus, SearchV2, Status, Tag)
from mastodon.utility import AttribAccessDict, AttribAccessList
from tests import entities

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
with open(os.path.join(ROOT, "tools", "entities.json"), encoding="utf-8") as _handle:
    DESCRIPTION = json.load(_handle)
ENTITY_NAMES = [e["name"] for e in DESCRIPTION["entities"]]
API_TO_CLASS = {e["api"]: e["name"] for e in DESCRIPTION["entities"] if e["api"]}
API_TO_CLASS.update({name: name for name in ENTITY_NAMES})


# -- realistic answers of every entity, built from the description (ENTITIES.md) --------------------
def _scalar(type_text, flags, key):
    if "DT" in flags:
        if "UNIX" in type_text:
            return 1678752000 if type_text.startswith("Number") else "1678752000"
        if "(Date)" in type_text:
            return "2023-03-14"
        return "2023-03-14T12:00:00.000Z"
    if "ID" in flags or "NUM" in flags or "int-like" in type_text:
        return "110123456789012345" if key == "id" else "42"
    if type_text.startswith("Boolean"):
        return "true" if key in BOOL_KEYS else True  # 1.8.0 turns "true" into True there
    if type_text.lower().startswith("integer"):
        return 3
    if type_text.startswith(("Float", "Number")):
        return 0.5
    if type_text == "Null":
        return None
    if "URL" in type_text:
        return "https://example.social/" + key
    return "some " + key


def sample(name, depth=0):
    """A JSON document (str ids, ISO dates) with every documented field of entity ``name``."""
    entity = next(e for e in DESCRIPTION["entities"] if e["name"] == name)
    fields = list(entity["fields"])
    if entity["base"]:
        fields = [e for e in DESCRIPTION["entities"] if e["name"] == entity["base"]][0]["fields"] + fields
    doc = {}
    for field in fields:
        path, type_text, flags = field["path"], field["type"], field["flags"]
        target = doc
        for depth_index, part in enumerate(path[:-1]):
            if part == "[]":
                continue
            if path[depth_index + 1] == "[]":
                target = target.setdefault(part, [{}])[0]
            else:
                target = target.setdefault(part, {})
                if not isinstance(target, dict):
                    break
        else:
            key = path[-1]
            if key == "[]":
                continue
            many = type_text.startswith("Array of ")
            inner = type_text[len("Array of "):] if many else type_text
            candidates = [c.strip() for c in inner.replace(" or ", ",").split(",") if c.strip()]
            if candidates and candidates[0] in API_TO_CLASS:
                if depth >= 2:
                    value = [] if many else None
                else:
                    value = sample(API_TO_CLASS[candidates[0]], depth + 1)
                    value = [value] if many else value
            elif inner.startswith("Hash"):
                value = target.get(key, [{}] if many else {})
            else:
                value = _scalar(inner, flags, key)
                value = [value] if many else value
            target[key] = value
    return doc


def _top_level_fields(name):
    entity = next(e for e in DESCRIPTION["entities"] if e["name"] == name)
    base = [e for e in DESCRIPTION["entities"] if e["name"] == entity["base"]]
    return (base[0]["fields"] if base else []) + entity["fields"]


def _declared_nested(cls):
    return dict(cls._entity_nested)


def _check_typed(obj, cls, depth=0):
    """``obj`` has class ``cls`` and each nested object its declared class, by attribute, item
    and get() access."""
    assert type(obj) is cls
    assert isinstance(obj, AttribAccessDict) and isinstance(obj, dict)
    for field, (target, many) in _declared_nested(cls).items():
        if field not in obj or obj[field] is None:
            continue
        reached = [obj[field], obj.get(field)]
        if field.isidentifier() and field not in dir(dict):
            reached.append(getattr(obj, field))
        for value in reached:
            items = value if many else [value]
            for item in items:
                if isinstance(item, dict):
                    expected = target if isinstance(target, type) else target.pick(item)
                    assert type(item) is expected, (cls.__name__, field)
                    if depth < 2:
                        _check_typed(item, expected, depth + 1)


def _dates_aware(value):
    if isinstance(value, datetime):
        assert value.tzinfo is not None
    elif isinstance(value, dict):
        for item in value.values():
            _dates_aware(item)
    elif isinstance(value, list):
        for item in value:
            _dates_aware(item)


@pytest.mark.parametrize("name", ENTITY_NAMES)
def test_every_entity_typed_converted_pickled_and_round_tripped(name):
    cls = return_types.ENTITY_CLASSES[name]
    text = json.dumps(sample(name))
    obj = cls.from_json(text)  # a bare document gets the class, with the client's conversions
    _check_typed(obj, cls)
    # 1.8.0 conversions, field by field as declared
    for field in _top_level_fields(name):
        key, flags = field["path"][0], field["flags"]
        if len(field["path"]) > 1 or key not in obj or field["type"].startswith("Array"):
            continue
        if "DT" in flags and key in DATE_KEYS:
            assert isinstance(obj[key], datetime), key
        elif key in INT_KEYS and ("ID" in flags or "NUM" in flags):
            assert isinstance(obj[key], int), key
        elif key in BOOL_KEYS and field["type"] == "Boolean":
            assert obj[key] is True, key
    if obj.get("created_at") is not None:
        _dates_aware(obj["created_at"])
    # == with plain dicts, copy, pickle
    assert obj == dict(obj)
    for clone in (copy.copy(obj), copy.deepcopy(obj), pickle.loads(pickle.dumps(obj))):
        assert type(clone) is cls and clone == obj
        _check_typed(clone, cls)
    # JSON round trip, through the base class too
    for rebuilt in (cls.from_json(obj.to_json()), Entity.from_json(obj.to_json()),
                    AttribAccessDict.from_json(obj.to_json())):
        assert type(rebuilt) is cls and rebuilt == obj
        _check_typed(rebuilt, cls)


# -- through the client -------------------------------------------------------------------------------
def test_status_and_nested_objects_have_their_classes(api, server):
    status = entities.status(id="5", media_attachments=[entities.media_attachment()], card=entities.card(),
                             poll=entities.poll(), unknown_field={"x": 1})
    server.route("GET", "/api/v1/statuses/5", json=status)
    result = api.status(5)
    assert type(result) is Status and isinstance(result, AttribAccessDict)
    assert type(result.account) is Account and type(result["account"]) is Account
    assert type(result.media_attachments[0]) is MediaAttachment
    assert type(result["media_attachments"][0]) is MediaAttachment
    assert type(result.card) is PreviewCard and type(result.get("card")) is PreviewCard
    assert type(result.poll.options[0]) is return_types.PollOption
    assert type(result.emojis[0]) is return_types.CustomEmoji
    assert result.id == 5 and result.account.id == 109382 and result.created_at.tzinfo is not None
    assert result.unknown_field.x == 1  # fields the description does not know stay reachable
    with pytest.raises(AttributeError):
        result.id = 6  # 1.8.0's read-only attribute rule


def test_lists_pages_and_fetch_next_keep_types(api, server):
    link = '<%s/api/v1/timelines/home?max_id=7>; rel="next"' % server.url
    server.route("GET", "/api/v1/timelines/home",
                 json=[entities.status(id="9"), entities.status(id="8", reblog=entities.status(id="3"))],
                 headers={"Link": link})
    page = api.timeline_home()
    assert type(page) is PaginatableList and isinstance(page, AttribAccessList)
    assert [type(s) for s in page] == [Status, Status] and type(page[1].reblog) is Status
    assert type(page[1].reblog.account) is Account
    following = api.fetch_next(page)
    assert type(following) is PaginatableList and type(following[0]) is Status
    assert type(page.to_json()) is str
    rebuilt = PaginatableList.from_json(page.to_json())
    assert type(rebuilt) is PaginatableList and type(rebuilt[1]) is Status and rebuilt == page
    assert type(rebuilt[1].reblog) is Status and rebuilt[1].created_at == page[1].created_at


def test_other_declared_types(api, server):
    server.route("GET", "/api/v1/accounts/verify_credentials", json=entities.credential_account())
    server.route("GET", "/api/v1/instance/", json=entities.instance())
    server.route("GET", "/api/v1/markers", json={"home": {"last_read_id": "5", "version": 1,
                                                          "updated_at": "2023-03-14T12:00:00.000Z"}})
    server.route("GET", "/api/v2/search", json={"accounts": [entities.account()], "statuses": [],
                                                "hashtags": [entities.tag()]})
    server.route("GET", "/api/v1/notifications", json=[entities.notification(status=entities.status())])
    server.route("GET", "/api/v1/notifications/34975861", json=entities.notification())
    server.route("GET", "/api/v1/trends/tags", json=[entities.tag()])
    me = api.account_verify_credentials()
    assert type(me) is CredentialAccount and isinstance(me, Account)
    assert type(api.instance()) is Instance
    markers = api.markers_get("home")
    assert type(markers["home"]) is Marker and markers.home.last_read_id == 5
    found = api.search("birds")
    assert type(found) is SearchV2 and type(found.hashtags[0]) is Tag and type(found.accounts[0]) is Account
    notifications = api.notifications()
    assert type(notifications) is PaginatableList and type(notifications[0]) is Notification
    assert type(notifications[0].status) is Status and type(notifications[0].account) is Account
    assert type(api.notifications(id=34975861)) is Notification
    trends = api.trends()
    assert type(trends) is NonPaginatableList and type(trends[0]) is Tag


def test_status_post_picks_status_or_scheduled_status(api, server):
    server.route("POST", "/api/v1/statuses", json={
        "id": "3", "scheduled_at": "2030-01-01T00:00:00.000Z", "params": {"text": "later"}, "media_attachments": []})
    scheduled = api.status_post("later", scheduled_at=datetime(2030, 1, 1).astimezone())
    assert type(scheduled) is ScheduledStatus and scheduled.params.text == "later"
    server.route("POST", "/api/v1/statuses", json=entities.status(id="4"))
    assert type(api.status_post("now")) is Status


def test_admin_union_list_or_one(api, server):
    block = {"id": "1", "domain": "bad.example", "created_at": "2023-01-01T00:00:00.000Z", "severity": "silence"}
    server.route("GET", "/api/v1/admin/domain_blocks/", json=[block])
    server.route("GET", "/api/v1/admin/domain_blocks/1", json=block)
    listed = api.admin_domain_blocks()
    assert type(listed) is PaginatableList and type(listed[0]) is AdminDomainBlock
    assert type(api.admin_domain_blocks(id=1)) is AdminDomainBlock


def test_missing_fields_and_odd_values_never_fail(api, server):
    server.route("GET", "/api/v1/statuses/5", json={"id": "5", "account": None, "media_attachments": "odd"})
    result = api.status(5)
    assert type(result) is Status and result.account is None and result.media_attachments == "odd"
    assert not hasattr(result, "content")


# -- the empty-body rule (issue 16, item 3) -----------------------------------------------------------
@pytest.mark.parametrize("body", [b"", b"  \r\n"])
def test_empty_body_where_an_entity_is_expected_raises(api, server, body):
    server.route("GET", "/api/v1/statuses/5", body=body)
    server.route("GET", "/api/v1/timelines/home", body=body)
    server.route("GET", "/api/v1/statuses/5/source", body=body)
    with pytest.raises(MastodonAPIError, match="empty body"):
        api.status(5)
    with pytest.raises(MastodonAPIError, match="empty body"):
        api.timeline_home()
    with pytest.raises(MastodonAPIError, match="empty body"):
        api.status_source(5)


def test_empty_body_where_nothing_is_expected_is_fine(api, server):
    for method, path in (("DELETE", "/api/v1/lists/3"), ("DELETE", "/api/v1/lists/3/accounts"),
                         ("POST", "/api/v1/notifications/clear"), ("POST", "/api/v1/notifications/4/dismiss"),
                         ("POST", "/api/v1/domain_blocks"), ("DELETE", "/api/v1/filters/2"),
                         ("POST", "/api/v1/announcements/6/dismiss")):
        server.route(method, path, body=b"")
    assert api.list_delete(3) is None
    assert api.list_accounts_delete(3, [1]) is None
    assert api.notifications_clear() is None
    assert api.notifications_dismiss(4) is None
    assert api.domain_block("bad.example") is None
    assert api.filter_delete(2) is None
    assert api.announcement_dismiss(6) is None


# -- every method is annotated; the generated files are current ----------------------------------------
def test_every_public_method_has_a_return_annotation():
    missing = [name for name in dir(Mastodon) if not name.startswith("_") and callable(getattr(Mastodon, name))
               and "return" not in getattr(getattr(Mastodon, name), "__annotations__", {"return": 1})]
    assert missing == []


def test_generated_module_and_docs_are_current():
    result = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "gen_entities.py"), "--check"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_typed_user_script_passes_mypy_strict():
    pytest.importorskip("mypy")
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent",
                             "--no-incremental", os.path.join(ROOT, "tests", "typed_example.py")],
                            capture_output=True, text=True, timeout=240, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_typed_user_script_mistakes_are_caught(tmp_path):
    pytest.importorskip("mypy")
    script = tmp_path / "wrong.py"
    script.write_text("from mastodon import Mastodon\n\n\ndef f(api: Mastodon) -> str:\n"
                      "    return api.status(1).acount.acct\n")
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent",
                             "--no-incremental", str(script)], capture_output=True, text=True, timeout=240, cwd=ROOT)
    assert result.returncode == 1 and '"Status" has no attribute "acount"' in result.stdout


def test_package_passes_mypy_strict():
    pytest.importorskip("mypy")
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "mastodon"],
                            capture_output=True, text=True, timeout=280, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_stream_event_payloads_have_their_classes():
    from mastodon.streaming import StreamListener
    from tests.stream_server import sse

    received = []

    class Listener(StreamListener):
        def on_update(self, status):
            received.append(status)

        def on_notification(self, notification):
            received.append(notification)

    class Response:
        def iter_content(self, chunk_size=1):
            return iter([sse("update", entities.status(id="7")),
                         sse("notification", entities.notification(status=entities.status()))])

    Listener().handle_stream(Response())
    status, notification = received
    assert type(status) is Status and type(status.account) is Account and status.id == 7
    assert type(notification) is Notification and type(notification.status) is Status


def test_empty_body_of_a_synchronous_media_upload_raises(api, server):
    server.route("POST", "/api/v2/media", body=b"")
    with pytest.raises(MastodonAPIError, match="empty body"):
        api.media_post(b"GIF89a", mime_type="image/gif", synchronous=True)


def test_lists_pickle_with_their_classes(api, server):
    server.route("GET", "/api/v1/timelines/home", json=[entities.status(id="9")])
    page = api.timeline_home()
    again = pickle.loads(pickle.dumps(page))
    assert type(again) is PaginatableList and type(again[0]) is Status and again == page
    assert type(copy.copy(page[0])) is Status
