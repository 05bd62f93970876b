"""Response conversion (WIRE.md "Responses" and "Conversion order").

The converter is tuned for speed; these tests pin its behaviour, including against a
plain reference implementation of the rules on many generated objects.
"""
import copy
import json
import pickle
import random
from datetime import datetime, timezone

import pytest

from mastodon import AttribAccessDict, Mastodon
from mastodon._convert import BOOL_KEYS, DATE_KEYS, INT_KEYS, json_hook, loads, parse_date
from tests import entities

UTC = timezone.utc


# -- a plain implementation of the rules, to compare with -------------------------------------------
def reference_date(value):
    """(True, datetime-or-None) or (False, None) when the value is dropped."""
    from dateutil.parser import parse

    if value is None:
        return True, None
    if isinstance(value, str):
        text = value[:-1] + "+00:00" if value.endswith("Z") else value
        try:
            return True, datetime.fromisoformat(text)
        except ValueError:
            pass
        if not text or text == "null":
            return False, None
        try:
            return True, parse(text)
        except (ValueError, OverflowError):
            return False, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return True, datetime.fromtimestamp(value, UTC)
        except (ValueError, OverflowError, OSError):
            return False, None
    return False, None


def reference_hook(obj):
    for key in list(obj):
        value = obj[key]
        if key in INT_KEYS and isinstance(value, str) and value.isascii() and value.isdigit():
            value = obj[key] = int(value)  # ints first ...
        if key in DATE_KEYS:  # ... then dates ...
            keep, value = reference_date(value)
            if not keep:
                del obj[key]
                continue
            obj[key] = value
        if key in BOOL_KEYS and isinstance(value, str):  # ... then booleans
            if value.lower() == "true":
                obj[key] = True
            elif value.lower() == "false":
                obj[key] = False
    return AttribAccessDict(obj)


def same(a, b):
    """Equal, with the same types all the way down (True is not 1, AttribAccessDict is not dict)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, datetime):
        return a == b and a.tzinfo == b.tzinfo and a.utcoffset() == b.utcoffset()
    return a == b


# -- the rules, one by one ----------------------------------------------------------------------------
def test_objects_become_attrib_access_dicts_all_the_way_down():
    result = loads(json.dumps({"account": {"acct": "alice", "fields": [{"name": "x"}]}, "n": [1, {"a": None}]}))
    assert type(result) is AttribAccessDict and type(result.account) is AttribAccessDict
    assert type(result.account.fields[0]) is AttribAccessDict and type(result.n[1]) is AttribAccessDict
    assert result.account.acct == "alice"
    assert pickle.loads(pickle.dumps(result)) == result


@pytest.mark.parametrize("key", sorted(INT_KEYS - DATE_KEYS))
def test_numeric_strings_become_ints(key):
    assert json_hook({key: "110123456789012345"})[key] == 110123456789012345
    for kept in ("abc", "9f3a", "-1", "1.5", " 1", "", "\u0661\u0662", "AbCdEf123"):  # Pleroma ids and oddities
        assert json_hook({key: kept})[key] == kept
    assert json_hook({key: 12})[key] == 12


def test_only_the_listed_keys_are_converted():
    result = json_hook({"statuses_count": "12", "created": "2023-03-14T12:30:45Z", "locked": "true",
                        "url": "https://example.social/@alice", "uri": None})
    assert result == {"statuses_count": "12", "created": "2023-03-14T12:30:45Z", "locked": "true",
                      "url": "https://example.social/@alice", "uri": None}


@pytest.mark.parametrize("key", sorted(DATE_KEYS - INT_KEYS))
def test_dates_become_datetimes(key):
    assert json_hook({key: "2023-03-14T12:30:45.123Z"})[key] == datetime(2023, 3, 14, 12, 30, 45, 123000, UTC)
    assert json_hook({key: "2023-03-14T12:30:45+02:00"})[key] == datetime(2023, 3, 14, 10, 30, 45, tzinfo=UTC)
    naive = json_hook({key: "2023-03-14T12:30:45"})[key]
    assert naive == datetime(2023, 3, 14, 12, 30, 45) and naive.tzinfo is None
    assert json_hook({key: "2023-03-14"})[key] == datetime(2023, 3, 14)
    assert json_hook({key: 1678797045})[key] == datetime(2023, 3, 14, 12, 30, 45, tzinfo=UTC)
    assert json_hook({key: 1678797045.5})[key] == datetime(2023, 3, 14, 12, 30, 45, 500000, tzinfo=UTC)
    assert json_hook({key: None})[key] is None
    # Other forms dateutil understands are parsed too.
    assert json_hook({key: "Tue, 14 Mar 2023 12:30:45 GMT"})[key] == datetime(2023, 3, 14, 12, 30, 45, tzinfo=UTC)


@pytest.mark.parametrize("value", ["", "null", "not a date", "2023-13-45T99:99:99Z", True, False, [], {}, 1e300,
                                   "9" * 40])
def test_unparseable_dates_are_dropped(value):
    result = json_hook({"created_at": value, "id": "1"})
    assert result == {"id": 1}


def test_week_and_day_are_ints_first_then_dates():
    result = json_hook({"week": "1669924049", "day": "1678752000", "uses": "12"})
    assert result.week == datetime.fromtimestamp(1669924049, UTC)
    assert result.day == datetime(2023, 3, 14, tzinfo=UTC)
    assert result.uses == "12"
    assert json_hook({"week": "2023-03-14T00:00:00Z"}).week == datetime(2023, 3, 14, tzinfo=UTC)


@pytest.mark.parametrize("key", sorted(BOOL_KEYS))
def test_true_and_false_strings_become_booleans(key):
    assert json_hook({key: "true"})[key] is True
    assert json_hook({key: "FALSE"})[key] is False
    assert json_hook({key: "True"})[key] is True
    for kept in ("yes", "1", "", None, 1, True, False):
        assert same(json_hook({key: kept})[key], kept)


def test_a_realistic_status_page():
    page = [entities.status(id=str(110000 + i)) for i in range(3)]
    page[1]["reblog"] = entities.status(id="99", edited_at="2023-03-14T13:00:00.000Z")
    page[2]["poll"] = entities.poll()
    page[2]["card"] = entities.card()
    result = loads(json.dumps(page).encode("utf-8"))
    status = result[1]
    assert status.id == 110001 and status.created_at == datetime(2023, 3, 14, 12, 30, 45, 123000, UTC)
    assert status.account.id == 109382 and status.account.created_at == datetime(2022, 11, 1, tzinfo=UTC)
    assert status.account.last_status_at == datetime(2023, 3, 14)
    assert status.reblog.edited_at == datetime(2023, 3, 14, 13, 0, tzinfo=UTC)
    assert status.media_attachments[0].id == 110000000000000001
    assert status.mentions[0].id == 109383
    assert status.in_reply_to_id is None and status.edited_at is None
    assert result[2].poll.expires_at == datetime(2023, 3, 15, 12, 30, 45, tzinfo=UTC)
    assert result[2].card.published_at == datetime(2023, 3, 14, 12, 30, 45, 123000, UTC)
    assert result[0].account.fields[0].verified_at == "2023-01-02T03:04:05.000+00:00"  # not a listed key
    reference = json.loads(json.dumps(page), object_hook=reference_hook)
    assert same(result, reference)


def test_loads_accepts_str_and_bytes_and_refuses_non_json():
    assert loads('{"id": "5"}') == {"id": 5}
    assert loads(b'{"id": "5"}') == {"id": 5}
    assert loads('\ufeff{"id": "5"}'.encode("utf-8")) == {"id": 5}  # a UTF-8 BOM, as json.loads allows
    assert loads('{"id": "5"}'.encode("utf-16")) == {"id": 5}
    assert loads("[]") == [] and loads("null") is None and loads('"text"') == "text"
    with pytest.raises(ValueError):
        loads(b"<html>Bad gateway</html>")


def test_the_private_1_8_0_alias_is_the_hook():
    assert Mastodon._Mastodon__json_hooks({"id": "3", "created_at": "2023-03-14T12:30:45Z"}) == {
        "id": 3, "created_at": datetime(2023, 3, 14, 12, 30, 45, tzinfo=UTC)}


def test_parse_date():
    assert parse_date("2023-03-14T12:30:45Z") == datetime(2023, 3, 14, 12, 30, 45, tzinfo=UTC)
    assert parse_date(None) is None
    assert parse_date(0) == datetime(1970, 1, 1, tzinfo=UTC)
    assert not isinstance(parse_date("garbage"), datetime)
    assert not isinstance(parse_date(True), datetime)


# -- the same as the reference, on many generated objects ---------------------------------------------
VALUES = [
    None, True, False, 0, 1, -7, 1678797045, 1678797045.25, 1e300, -1e300, 2 ** 70, 0.5, "", " ", "null", "None",
    "true", "false", "True", "FALSE", "tRuE", "yes", "0", "1", "12", "007", "110123456789012345", "-3", "+3", "1.5",
    "1_000", "\u0661\u0662", "\uff11", "abc", "9f3a", "1669924049", "2023-03-14", "2023-03-14T12:30:45",
    "2023-03-14T12:30:45Z", "2023-03-14T12:30:45.123Z", "2023-03-14T12:30:45.123456+05:30", "2023-03-14 12:30:45",
    "2023-03-14T12:30:45z", "2023-03-14Z", "2023-03-14T12:30:45+00:00Z", "Z", "14 Mar 2023", "March 14, 2023",
    "Tue, 14 Mar 2023 12:30:45 GMT", "2023-W11", "20230314T123045", "12:30", "2023-13-45", "not a date",
    "99999999999999999999", [], [1], {}, {"id": "1"},
]
KEYS = sorted(INT_KEYS | DATE_KEYS | BOOL_KEYS) + ["acct", "url", "count_x", "ID", "created", "statuses_count"]


def random_object(rng, depth=0):
    obj = {}
    for key in rng.sample(KEYS, rng.randint(0, 8)):
        roll = rng.random()
        if roll < 0.1 and depth < 3:
            obj[key] = random_object(rng, depth + 1)
        elif roll < 0.15 and depth < 3:
            obj[key] = [random_object(rng, depth + 1) for _ in range(rng.randint(0, 3))]
        else:
            obj[key] = copy.deepcopy(rng.choice(VALUES))
    return obj


def test_same_result_as_the_plain_rules_on_generated_objects():
    rng = random.Random(20231114)
    for _ in range(3000):
        document = json.dumps(random_object(rng))
        expected = json.loads(document, object_hook=reference_hook)
        assert same(loads(document), expected), document
        assert same(json.loads(document, object_hook=json_hook), expected), document


def test_same_result_as_the_plain_rules_on_every_value_under_every_key():
    for key in KEYS:
        for value in VALUES:
            expected = reference_hook({key: copy.deepcopy(value), "other": 1})
            assert same(json_hook({key: copy.deepcopy(value), "other": 1}), expected), (key, value)
