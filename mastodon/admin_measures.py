"""Administration: statistics (manual section 3.13).

Measures, dimensions and retention cohorts (Mastodon 3.5.0 and newer).
"""
from __future__ import annotations
import datetime
from typing import Any, Dict, List, Optional

from mastodon._admin_common import bare_host as _bare_host
from mastodon._core import RequestCore
from mastodon._validate import check_choice
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.utility import api_version
from mastodon.return_types import AdminCohort, AdminDimension, AdminMeasure, NonPaginatableList

#: Allowed ``frequency`` values of :meth:`AdminMeasuresMixin.admin_retention`.
RETENTION_FREQUENCIES = ("day", "month")


def _time_value(name: str, value: Any) -> Any:
    """A start/end time for the statistics endpoints: a datetime (sent in UTC), a date
    (sent as ``YYYY-MM-DD``) or a string (sent as given)."""
    if isinstance(value, (datetime.datetime, str)):
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise MastodonIllegalArgumentError(
        "%s must be a datetime, a date or an ISO 8601 string, got %r" % (name, value))


class AdminMeasuresMixin(RequestCore):
    """Administration endpoints for statistics."""

    def _admin_statistics(self, path: str, start_at: Any, end_at: Any, wanted: Dict[str, Any],
                          limit: Optional[int] = None) -> Any:
        """POST a measures / dimensions query as JSON.

        ``wanted`` maps every selectable key, in signature order, to its argument:
        ``tag_*`` keys take a tag id (sent as ``{"id": ...}``), ``instance_*`` keys a
        domain (sent as ``{"domain": host}``), the others are booleans.
        """
        keys: List[str] = []
        body: Dict[str, Any] = {}
        for key, value in wanted.items():
            if value is None or value is False:
                continue
            keys.append(key)
            if key.startswith("tag_"):
                body[key] = {"id": self._unpack_id(value)}
            elif key.startswith("instance_"):
                body[key] = {"domain": _bare_host(value)}
        if not keys:
            raise MastodonIllegalArgumentError(
                "Nothing to retrieve: set at least one of %s" % ", ".join(wanted))
        params = {"keys": keys, "start_at": _time_value("start_at", start_at),
                  "end_at": _time_value("end_at", end_at), "limit": limit}
        params.update(body)
        return self._request("POST", path, params, use_json=True)

    @api_version("3.5.0", "3.5.0", "3.5.0")
    def admin_measures(self, start_at: Any, end_at: Any, active_users: bool = False, new_users: bool = False,
                       interactions: bool = False, opened_reports: bool = False, resolved_reports: bool = False,
                       tag_accounts: Any = None, tag_uses: Any = None, tag_servers: Any = None,
                       instance_accounts: Optional[str] = None, instance_media_attachments: Optional[str] = None,
                       instance_reports: Optional[str] = None, instance_statuses: Optional[str] = None,
                       instance_follows: Optional[str] = None,
                       instance_followers: Optional[str] = None) -> NonPaginatableList[AdminMeasure]:
        """Retrieve numerical instance information for the time period (at day
        granularity) between ``start_at`` and ``end_at`` (datetimes, sent in UTC; dates
        and ISO 8601 strings work too).

        * ``active_users``: True for the number of active users on the instance.
        * ``new_users``: True for the number of users who joined the instance.
        * ``interactions``: True for the number of interactions (favourites, boosts,
          replies) on local statuses.
        * ``opened_reports``: True for the number of reports filed.
        * ``resolved_reports``: True for the number of reports resolved.
        * ``tag_accounts``: a tag id (or dict) for the number of accounts which used
          that tag in at least one status.
        * ``tag_uses``: a tag id for the number of statuses which used that tag.
        * ``tag_servers``: a tag id for the number of remote origin servers of
          statuses which used that tag.
        * ``instance_accounts``: a domain for the number of accounts from that remote
          domain.
        * ``instance_media_attachments``: a domain for the space used by media
          attachments from that remote domain.
        * ``instance_reports``: a domain for the number of reports filed against
          accounts from that remote domain.
        * ``instance_statuses``: a domain for the number of statuses from that remote
          domain.
        * ``instance_follows``: a domain for the number of accounts from that remote
          domain followed by local users.
        * ``instance_followers``: a domain for the number of local accounts followed by
          accounts from that remote domain.

        All counts are for the time period. Domains may be given as URLs: only the host
        is sent. The query is sent as a JSON body. Asking for nothing raises
        :class:`MastodonIllegalArgumentError` before any request.

        This call is relatively expensive; watch the server's load when retrieving a
        lot of statistical data (the ``instance_statuses`` numbers especially may take
        long to compute and time out).

        Returns a list of admin measure dicts, one per requested key, whose ``data``
        rows have ``date`` as a datetime and ``value`` as an int.
        """
        wanted = {
            "active_users": active_users, "new_users": new_users, "interactions": interactions,
            "opened_reports": opened_reports, "resolved_reports": resolved_reports,
            "tag_accounts": tag_accounts, "tag_uses": tag_uses, "tag_servers": tag_servers,
            "instance_accounts": instance_accounts, "instance_media_attachments": instance_media_attachments,
            "instance_reports": instance_reports, "instance_statuses": instance_statuses,
            "instance_follows": instance_follows, "instance_followers": instance_followers,
        }
        return self._admin_statistics("/api/v1/admin/measures", start_at, end_at, wanted)

    @api_version("3.5.0", "3.5.0", "3.5.0")
    def admin_dimensions(self, start_at: Any, end_at: Any, limit: Optional[int] = None, languages: bool = False,
                         sources: bool = False, servers: bool = False, space_usage: bool = False,
                         software_versions: bool = False, tag_servers: Any = None, tag_languages: Any = None,
                         instance_accounts: Optional[str] = None,
                         instance_languages: Optional[str] = None) -> NonPaginatableList[AdminDimension]:
        """Retrieve primarily categorical instance information for the time period (at
        day granularity) between ``start_at`` and ``end_at`` (datetimes, sent in UTC;
        dates and ISO 8601 strings work too).

        * ``languages``: True for the most-used languages on this server.
        * ``sources``: True for the most-used client apps on this server.
        * ``servers``: True for the remote servers with the most statuses.
        * ``space_usage``: True for how much space the parts of the software stack use.
        * ``software_versions``: True for the versions of the software stack.
        * ``tag_servers``: a tag id (or dict) for the most common servers of statuses
          with that tag.
        * ``tag_languages``: a tag id for the most-used languages of statuses with that
          tag.
        * ``instance_accounts``: a domain for the most-followed accounts from that
          remote server.
        * ``instance_languages``: a domain for the most-used languages from that remote
          server.

        ``limit`` sets how many results to get where that makes sense. Domains may be
        given as URLs: only the host is sent. The query is sent as a JSON body. Asking
        for nothing raises :class:`MastodonIllegalArgumentError` before any request.
        This call is relatively expensive; watch the server's load.

        Returns a list of admin dimension dicts, one per requested key.
        """
        wanted = {
            "languages": languages, "sources": sources, "servers": servers, "space_usage": space_usage,
            "software_versions": software_versions, "tag_servers": tag_servers, "tag_languages": tag_languages,
            "instance_accounts": instance_accounts, "instance_languages": instance_languages,
        }
        return self._admin_statistics("/api/v1/admin/dimensions", start_at, end_at, wanted, limit=limit)

    @api_version("3.5.0", "3.5.0", "3.5.0")
    def admin_retention(self, start_at: Any, end_at: Any, frequency: str = "day") -> NonPaginatableList[AdminCohort]:
        """Get user retention statistics between ``start_at`` and ``end_at``
        (datetimes, sent in UTC; dates and ISO 8601 strings work too), at ``frequency``
        granularity: "day" or "month" (anything else raises
        :class:`MastodonIllegalArgumentError` before any request).

        Returns a list of admin retention dicts (cohorts): ``period`` is a datetime,
        and each row of ``data`` has ``date`` (a datetime), ``rate`` and ``value``.
        """
        check_choice("frequency", frequency, RETENTION_FREQUENCIES, required=True)
        params = {"start_at": _time_value("start_at", start_at), "end_at": _time_value("end_at", end_at),
                  "frequency": frequency}
        return self._request("POST", "/api/v1/admin/retention", params)

