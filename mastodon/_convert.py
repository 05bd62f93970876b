"""Conversion of JSON responses into Python values.

One ``json.loads`` object hook does all of it, so each object is touched once while
it is parsed: numeric id strings become ints, date strings and epoch numbers become
``datetime``s, ``"true"``/``"false"`` become booleans, and every object becomes an
:class:`~mastodon.utility.AttribAccessDict`. The same hook converts streaming events
and decrypted push messages.
"""
import json
from datetime import datetime, timezone
from typing import Any

from dateutil.parser import parse as _dateutil_parse

from mastodon.utility import AttribAccessDict

INT_KEYS = frozenset((
    "id", "week", "in_reply_to_id", "in_reply_to_account_id", "logins", "registrations",
    "statuses", "day", "last_read_id", "value", "frequency", "rate", "invited_by_account_id", "count",
))
DATE_KEYS = frozenset((
    "created_at", "week", "day", "expires_at", "scheduled_at", "updated_at", "last_status_at",
    "starts_at", "ends_at", "published_at", "edited_at", "date", "period",
))
BOOL_KEYS = frozenset((
    "follow", "favourite", "reblog", "mention", "confirmed", "suspended", "silenced",
    "disabled", "approved", "all_day",
))
SPECIAL_KEYS = INT_KEYS | DATE_KEYS | BOOL_KEYS

_fromisoformat = datetime.fromisoformat
_fromtimestamp = datetime.fromtimestamp
_UTC = timezone.utc
_DROP = object()


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
        try:
            return _dateutil_parse(value)
        except (ValueError, OverflowError):
            return _DROP
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return _fromtimestamp(value, _UTC)
        except (ValueError, OverflowError, OSError):
            return _DROP
    return _DROP


def json_hook(obj: dict) -> AttribAccessDict:
    """``object_hook`` for ``json.loads``: convert one decoded JSON object."""
    keys = SPECIAL_KEYS.intersection(obj)
    if keys:
        for key in keys:
            value = obj[key]
            if key in INT_KEYS and isinstance(value, str) and value.isascii() and value.isdigit():
                value = obj[key] = int(value)
            if key in DATE_KEYS:
                value = parse_date(value)
                if value is _DROP:
                    del obj[key]
                    continue
                obj[key] = value
            if key in BOOL_KEYS and isinstance(value, str):
                lowered = value.lower()
                if lowered == "true":
                    obj[key] = True
                elif lowered == "false":
                    obj[key] = False
    return AttribAccessDict(obj)


def loads(data) -> Any:
    """Decode a JSON document (str or bytes) with the response conversion applied."""
    return json.loads(data, object_hook=json_hook)
