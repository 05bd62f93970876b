"""Conversion of JSON responses into Python values.

One ``json.loads`` object hook does all of it, so each object is touched once while
it is parsed: numeric id strings become ints, date strings and epoch numbers become
``datetime``s, ``"true"``/``"false"`` become booleans, and every object becomes an
:class:`~mastodon.utility.AttribAccessDict`. The same hook converts streaming events
and decrypted push messages.

The rules (WIRE.md "Responses"), per key and in this order: a string of ASCII digits
under an :data:`INT_KEYS` key (or in a list under an :data:`INT_LIST_KEYS` key) becomes an
``int``; a value under a :data:`DATE_KEYS` key
becomes a ``datetime`` (see :func:`parse_date`; one that cannot be parsed is removed);
``"true"``/``"false"`` (any case) under a :data:`BOOL_KEYS` key become booleans.

The hook runs once per JSON object (hundreds per timeline page), so it is written for
speed: objects without any special key (most of them) cost one set check; for the
others a table says what each key needs, and the common ISO 8601 dates go straight to
``datetime.fromisoformat``. dateutil, for the odd formats only, is imported on first
use.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any, Callable, Dict, Union

from mastodon.utility import AttribAccessDict

INT_KEYS = frozenset((
    "id", "week", "in_reply_to_id", "in_reply_to_account_id", "logins", "registrations",
    "statuses", "day", "last_read_id", "value", "frequency", "rate", "invited_by_account_id", "count",
    # Ids of entities newer than 1.8.0 (notification groups, filter statuses), so that
    # they match the int ids of the objects they point to.
    "most_recent_notification_id", "page_min_id", "page_max_id", "status_id",
))
#: Keys whose value is a list of ids (entities newer than 1.8.0): numeric ones become ints.
INT_LIST_KEYS = frozenset(("sample_account_ids",))
DATE_KEYS = frozenset((
    "created_at", "week", "day", "expires_at", "scheduled_at", "updated_at", "last_status_at",
    "starts_at", "ends_at", "published_at", "edited_at", "date", "period",
    "latest_page_notification_at",
))
BOOL_KEYS = frozenset((
    "follow", "favourite", "reblog", "mention", "confirmed", "suspended", "silenced",
    "disabled", "approved", "all_day",
))
SPECIAL_KEYS = INT_KEYS | INT_LIST_KEYS | DATE_KEYS | BOOL_KEYS

_fromisoformat = datetime.fromisoformat
_fromtimestamp = datetime.fromtimestamp
_UTC = timezone.utc
_DROP = object()
_dateutil_parse: Any = None


def _parse_odd_date(value: str) -> Any:
    """Dates that are not ISO 8601, with dateutil (imported here: it is slow to import).
    Without dateutil installed, they count as unparseable."""
    global _dateutil_parse
    if _dateutil_parse is None:
        try:
            from dateutil.parser import parse as _dateutil_parse  # type: ignore[import-untyped,unused-ignore]
        except ImportError:
            return _DROP
    try:
        return _dateutil_parse(value)
    except (ValueError, OverflowError):
        return _DROP


def parse_date(value: Any) -> Any:
    """Turn a date value of a response into a ``datetime``.

    ISO 8601 strings (with ``Z`` or an offset; without one the result is naive) and
    epoch numbers are understood. Returns ``_DROP`` for a value that is not a date.
    """
    if value is None:
        return None
    if isinstance(value, str):
        if value.endswith("Z"):
            value = value[:-1] + "+00:00"
        try:
            return _fromisoformat(value)
        except ValueError:
            pass
        if not value or value == "null":
            return _DROP
        return _parse_odd_date(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return _fromtimestamp(value, _UTC)
        except (ValueError, OverflowError, OSError):
            return _DROP
    return _DROP


# What each special key needs: a bit set of these.
_INT, _DATE, _BOOL, _INT_LIST = 1, 2, 4, 8
_KIND = {key: (_INT if key in INT_KEYS else 0) | (_DATE if key in DATE_KEYS else 0)
         | (_BOOL if key in BOOL_KEYS else 0) | (_INT_LIST if key in INT_LIST_KEYS else 0)
         for key in SPECIAL_KEYS}


def _make_hook() -> Callable[[Dict[str, Any]], AttribAccessDict]:
    # Everything the hook uses is a local of this closure: no global look-ups per object.
    no_special_key = SPECIAL_KEYS.isdisjoint
    special_keys_of = SPECIAL_KEYS.intersection
    kinds = _KIND
    fromisoformat = _fromisoformat
    new_dict = AttribAccessDict
    drop = _DROP
    INT, DATE, BOOL, INT_DATE, INT_LIST = _INT, _DATE, _BOOL, _INT | _DATE, _INT_LIST

    def json_hook(obj: Dict[str, Any]) -> AttribAccessDict:
        """``object_hook`` for ``json.loads``: convert one decoded JSON object."""
        if no_special_key(obj):
            return new_dict(obj)
        for key in special_keys_of(obj):
            value = obj[key]
            if value is None:  # stays None under every key
                continue
            kind = kinds[key]
            if kind == INT:
                if isinstance(value, str) and value.isascii() and value.isdigit():
                    obj[key] = int(value)
            elif kind == DATE:
                if isinstance(value, str):
                    # The usual case, as parse_date does it first; anything else
                    # (and any failure) goes the long way.
                    try:
                        obj[key] = fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
                        continue
                    except ValueError:
                        pass
                value = parse_date(value)
                if value is drop:
                    del obj[key]
                else:
                    obj[key] = value
            elif kind == INT_DATE:  # "week", "day": numeric strings are epoch seconds
                if isinstance(value, str) and value.isascii() and value.isdigit():
                    value = int(value)
                value = parse_date(value)
                if value is drop:
                    del obj[key]
                else:
                    obj[key] = value
            elif kind == BOOL and isinstance(value, str):
                lowered = value.lower()
                if lowered == "true":
                    obj[key] = True
                elif lowered == "false":
                    obj[key] = False
            elif kind == INT_LIST and isinstance(value, list):
                obj[key] = [int(item) if isinstance(item, str) and item.isascii() and item.isdigit() else item
                            for item in value]
        return new_dict(obj)

    return json_hook


json_hook = _make_hook()


def loads(data: Union[str, bytes, bytearray]) -> Any:
    """Decode a JSON document (str or bytes) with the response conversion applied."""
    return json.loads(data, object_hook=json_hook)
