"""Checks of method arguments, made before any request is sent.

Each check raises :class:`~mastodon.errors.MastodonIllegalArgumentError` with a message
that names the parameter and says what is allowed.
"""
from __future__ import annotations
from datetime import date, datetime
from typing import Any, Iterable, List, Optional

from mastodon._encoding import unpack_id
from mastodon.errors import MastodonIllegalArgumentError


def check_choice(name: str, value: Any, allowed: Iterable[str], *, required: bool = False,
                 lower: bool = False) -> Any:
    """Return ``value`` if it is one of ``allowed`` (or None, unless ``required``).

    With ``lower``, a string is compared (and returned) in lower case.
    """
    if value is None and not required:
        return None
    if lower and isinstance(value, str):
        value = value.lower()
    choices = tuple(allowed)
    if not isinstance(value, str) or value not in choices:
        raise MastodonIllegalArgumentError(
            "Invalid %s %r: use one of %s" % (name, value, ", ".join(repr(c) for c in choices)))
    return value


def id_list(name: str, value: Any) -> Optional[List[Any]]:
    """One id (or dict with an id) or a list of them, as a list of ids; None stays None."""
    if value is None:
        return None
    if isinstance(value, (list, tuple, set, frozenset)):
        items = list(value)
    else:
        items = [value]
    for item in items:
        if item is None or isinstance(item, (bool, list, tuple, set, frozenset)):
            raise MastodonIllegalArgumentError("%s must be ids or dicts with an id, got %r" % (name, value))
    return [unpack_id(item) for item in items]


def date_text(name: str, value: Any) -> Optional[str]:
    """A calendar date (``datetime.date``, ``datetime.datetime`` or a ``"YYYY-MM-DD"``
    string) as ``"YYYY-MM-DD"``; None stays None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise MastodonIllegalArgumentError("%s must be a date or a 'YYYY-MM-DD' string, got %r" % (name, value))
