"""Polls: read, vote, build (manual section 3.5)."""
from __future__ import annotations
from datetime import timedelta
from typing import Any, Dict, List, Sequence, Union

from mastodon._core import RequestCore
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.utility import api_version
from mastodon.return_types import Poll


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _as_index(value: Any) -> Any:
    """An option index: an int >= 0, or a string of digits (sent by 1.8.0 as given)."""
    if _is_int(value) and value >= 0:
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    return None


def _as_seconds(value: Any) -> Any:
    """A whole number of seconds: an int, a whole float, a string of digits or a timedelta."""
    if isinstance(value, timedelta):
        return int(value.total_seconds())
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if _is_int(value) else None


class PollsMixin(RequestCore):
    """Polls: read, vote, build endpoints."""

    @api_version("2.8.0", "2.8.0", "2.8.0")
    def poll(self, id: Any) -> Poll:
        """Fetch a poll (``id`` is the poll's id, or a poll dict, not the status id).

        Returns a poll dict.
        """
        return self._request("GET", self._path("/api/v1/polls/{}", id))

    @api_version("2.8.0", "2.8.0", "2.8.0")
    def poll_vote(self, id: Any, choices: Union[int, Sequence[int]]) -> Poll:
        """Vote in a poll.

        ``choices`` is the index of the chosen option in the poll's ``options`` (an int,
        or a string of digits), or, in a poll that allows several answers, a list of
        indices. A single-choice poll takes one vote; in a multiple-choice poll each
        option can be chosen once.

        Returns the updated poll dict (Mastodon.py 1.8.0 returned None here).
        """
        listed: Sequence[Any] = choices if isinstance(choices, (list, tuple)) else [choices]
        indices = [_as_index(choice) for choice in listed]
        if not indices or None in indices:
            raise MastodonIllegalArgumentError(
                "choices must be an option index (int >= 0) or a non-empty list of them, got %r" % (choices,))
        return self._request("POST", self._path("/api/v1/polls/{}/votes", id), {"choices": indices})

    def make_poll(self, options: Sequence[str], expires_in: Union[int, timedelta], multiple: bool = False,
                  hide_totals: bool = False) -> Dict[str, Any]:
        """Build a poll to pass as ``poll`` to :meth:`status_post` or :meth:`status_update`.
        Sends nothing.

        ``options`` is a list of at least two strings, the answers (servers allow 4 by
        default). ``expires_in`` is how long the poll stays open, in seconds (a whole
        number) or as a :class:`datetime.timedelta`. ``multiple=True`` allows choosing more than one
        answer; ``hide_totals=True`` hides the results until the poll has ended.

        Returns a dict with ``options``, ``expires_in``, ``multiple`` and ``hide_totals``.
        """
        if (not isinstance(options, (list, tuple)) or len(options) < 2
                or not all(isinstance(option, str) for option in options)):
            raise MastodonIllegalArgumentError("options must be a list of at least two strings, got %r" % (options,))
        seconds = _as_seconds(expires_in)
        if seconds is None or seconds <= 0:
            raise MastodonIllegalArgumentError(
                "expires_in must be a positive whole number of seconds or a timedelta, got %r" % (expires_in,))
        option_list: List[str] = list(options)
        return {"options": option_list, "expires_in": seconds, "multiple": multiple, "hide_totals": hide_totals}
