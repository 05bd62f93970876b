"""Preferences and read markers (manual sections 3.4.3 and 3.11)."""
from __future__ import annotations
from typing import Any, Dict, List, Sequence, Union

from mastodon._core import RequestCore
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.utility import api_version
from mastodon.return_types import Marker, Preferences


def _listed(value: Any) -> List[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


class PreferencesMixin(RequestCore):
    """Preferences and read markers endpoints."""

    @api_version("2.8.0", "2.8.0", "2.8.0")
    def preferences(self) -> Preferences:
        """Fetch the logged-in user's preferences, to use as defaults (apps can read
        them, not change them).

        Returns a preference dict with the keys ``posting:default:visibility``,
        ``posting:default:sensitive``, ``posting:default:language``,
        ``reading:expand:media`` and ``reading:expand:spoilers`` (read them with
        ``prefs["posting:default:visibility"]``).
        """
        return self._request("GET", "/api/v1/preferences")

    @api_version("3.0.0", "3.0.0", "3.0.0")
    def markers_get(self, timeline: Union[str, Sequence[str]] = ["home"]) -> Dict[str, Marker]:  # noqa: B006
        """Fetch the "last read" markers of one or more timelines (``"home"``,
        ``"notifications"``); ``timeline`` is a name or a list of names.

        Returns a dict of read marker dicts (``last_read_id``, ``version``,
        ``updated_at``), keyed by timeline name.
        """
        return self._request("GET", "/api/v1/markers", {"timeline": _listed(timeline)})

    @api_version("3.0.0", "3.0.0", "3.0.0")
    def markers_set(self, timelines: Union[str, Sequence[str]], last_read_ids: Any) -> Dict[str, Marker]:
        """Set the "last read" markers of timelines, to remember across sessions and
        devices where the user stopped reading.

        ``timelines`` is a timeline name (``"home"``, ``"notifications"``) or a list of
        them; ``last_read_ids`` the matching id (or status or notification dict), or a
        list of them of the same length (else
        :class:`~mastodon.errors.MastodonIllegalArgumentError`). The server ignores
        unknown timeline names.

        Returns a dict of the updated read marker dicts, keyed by timeline name.
        """
        names, ids = _listed(timelines), _listed(last_read_ids)
        if not names:
            raise MastodonIllegalArgumentError("markers_set needs at least one timeline")
        if len(names) != len(ids):
            raise MastodonIllegalArgumentError("markers_set needs one last read id per timeline (got %d timelines "
                                               "and %d ids)" % (len(names), len(ids)))
        ids = [self._unpack_id(marker_id) for marker_id in ids]
        if any(not isinstance(name, str) for name in names) or any(marker_id is None for marker_id in ids):
            raise MastodonIllegalArgumentError("markers_set needs timeline names and ids, got %r and %r"
                                               % (timelines, last_read_ids))
        body: Dict[str, Any] = {name: {"last_read_id": marker_id} for name, marker_id in zip(names, ids)}
        return self._request("POST", "/api/v1/markers", body, use_json=True)
