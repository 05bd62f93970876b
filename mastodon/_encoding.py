"""Encoding of request parameters and ids.

Parameters are passed around as plain dicts of Python values; they are encoded only
when a request is built, in one of three ways: as query or form pairs (``None``
dropped, booleans ``1``/``0``, lists as repeated ``key[]``, id dicts unpacked,
datetimes as UTC ISO 8601), or as a JSON body (``None`` dropped, datetimes as ISO
8601, everything else as JSON).
"""
from __future__ import annotations
from datetime import datetime, timezone
from typing import Any, Dict, List, Optional, Tuple, Union
from urllib.parse import quote

from mastodon.errors import MastodonIllegalArgumentError

#: What methods accept as an id: the id itself, or a dict (an entity) with an ``id``.
IdLike = Union[int, str, Dict[str, Any]]

#: Parameters that may be given as datetimes and are then sent as snowflake ids.
PAGINATION_ID_KEYS = frozenset(("max_id", "min_id", "since_id"))


def datetime_to_snowflake(value: datetime) -> int:
    """The smallest snowflake id of the second ``value`` falls in (naive = local time)."""
    return (int(value.timestamp()) << 16) * 1000


def iso_utc(value: datetime) -> str:
    """``YYYY-MM-DDTHH:MM:SS+00:00`` for a datetime (naive = local time)."""
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def unpack_id(value: Any, dateconv: bool = False) -> Any:
    """Return the id of ``value``: the ``id`` of a dict, a snowflake for a datetime
    (when ``dateconv``), else the value itself."""
    if isinstance(value, dict):
        try:
            return value["id"]
        except KeyError:
            raise MastodonIllegalArgumentError(
                "Expected an id or a dict with an 'id' key, got a dict with keys %s" % sorted(value)[:10]
            ) from None
    if dateconv and isinstance(value, datetime):
        return datetime_to_snowflake(value)
    return value


def page_params(max_id: Any = None, min_id: Any = None, since_id: Any = None,
                limit: Optional[int] = None, **extra: Any) -> Dict[str, Any]:
    """The parameters of a paginated request: ``max_id``, ``min_id``, ``since_id`` (ids,
    dicts with an id or datetimes; the core encodes them), ``limit`` and ``extra``."""
    params: Dict[str, Any] = {"max_id": max_id, "min_id": min_id, "since_id": since_id, "limit": limit}
    if extra:
        params.update(extra)
    return params


def path_segment(value: Any) -> str:
    """Escape an id (or dict with an id) as exactly one URL path segment."""
    value = unpack_id(value)
    if value is None or isinstance(value, (bool, list, tuple, set)):
        raise MastodonIllegalArgumentError("Expected an id, got %r" % (value,))
    text = str(value)
    if text == "":
        raise MastodonIllegalArgumentError("An id must not be empty")
    if text in (".", ".."):
        return text.replace(".", "%2E")
    return quote(text, safe="")


#: Values that go into a query or form as they are.
_PLAIN = (str, int, float, bytes)


def _unencodable(key: str, value: Any, how: str) -> MastodonIllegalArgumentError:
    return MastodonIllegalArgumentError(
        "Parameter %r cannot be sent %s: got a %s" % (key, how, type(value).__name__))


def _form_value(key: str, value: Any) -> Any:
    if value is True:
        return "1"
    if value is False:
        return "0"
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, dict):
        value = unpack_id(value)
        if not isinstance(value, _PLAIN):
            raise _unencodable(key, value, "as an id")
        return value
    if isinstance(value, datetime):
        if key in PAGINATION_ID_KEYS:
            return datetime_to_snowflake(value)
        return iso_utc(value)
    raise _unencodable(key, value, "in a query or form")


def form_pairs(params: Optional[Dict[str, Any]]) -> List[Tuple[str, Any]]:
    """Encode parameters as (key, value) pairs for a query string or a form body."""
    pairs: List[Tuple[str, Any]] = []
    if not params:
        return pairs
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple, set, frozenset)):
            list_key = key if key.endswith("[]") else key + "[]"
            for item in value:
                if item is not None:
                    pairs.append((list_key, _form_value(key, item)))
        else:
            pairs.append((key, _form_value(key, value)))
    return pairs


def _json_value(key: str, value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float)):  # bool is an int
        return value
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, dict):
        return {k: _json_value("%s[%s]" % (key, k), v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_json_value(key, v) for v in value]
    # a set has no order (poll options, ...): the caller must choose one
    raise _unencodable(key, value, "as JSON%s" % (" (use a list)" if isinstance(value, (set, frozenset)) else ""))


def json_body(params: Optional[Dict[str, Any]]) -> Dict[str, Any]:
    """Encode parameters as a JSON object: ``None`` dropped, datetimes as ISO 8601.

    Values that JSON cannot hold (sets, arbitrary objects) raise
    MastodonIllegalArgumentError naming the parameter."""
    return {k: _json_value(k, v) for k, v in (params or {}).items() if v is not None}
