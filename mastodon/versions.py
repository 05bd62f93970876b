"""Server version detection and checks (manual section 3.1.4)."""
from __future__ import annotations
import datetime
import email.utils

from mastodon._core import RequestCore
from mastodon._versions import normalize_version_string
from mastodon.errors import MastodonAPIError, MastodonVersionError
from mastodon.utility import parse_version_string

#: The newest Mastodon version whose complete API this library implements.
SUPPORTED_VERSION = "3.5.5"


class VersionsMixin(RequestCore):
    """Reading and comparing the server's version."""

    _normalize_version_string = staticmethod(normalize_version_string)

    def retrieve_mastodon_version(self, fail_hard: bool = False) -> str:
        """Ask the server for its version and set ``mastodon_major``, ``mastodon_minor``
        and ``mastodon_patch`` accordingly.

        Forks and other servers report versions in many forms; the Mastodon level they
        claim is read from them (``"2.7.2 (compatible; Pleroma 2.5.0)"`` is 2.7.2,
        ``"1.0.7+3.5.5"`` is 3.5.5). When no level can be read, or the server cannot be
        reached, the version is taken to be 1.0.0, ``version_check_worked`` becomes False
        and a warning is logged; calls are then not refused on version grounds.

        Returns the version string (possibly with pre-release information, e.g.
        ``"4.0.0rc1"``), or ``"1.0.0"`` when it could not be read; with
        ``fail_hard=True`` that case raises :class:`MastodonVersionError` instead.
        """
        version = self._detect_version()
        if version is None:
            if fail_hard:
                raise MastodonVersionError("Could not determine the Mastodon version of %s" % self.api_base_url)
            return "1.0.0"
        return self._normalize_version_string(version) or "1.0.0"

    def verify_minimum_version(self, version_str: str, cached: bool = False) -> bool:
        """Return whether the server is at least ``version_str`` (e.g. ``"3.1.0"``).

        The server is asked for its version first, unless ``cached`` is True.
        """
        if not cached:
            self.retrieve_mastodon_version()
        return (self.mastodon_major, self.mastodon_minor, self.mastodon_patch) >= parse_version_string(version_str)

    @staticmethod
    def get_supported_version() -> str:
        """Return the newest Mastodon version this library fully supports."""
        return SUPPORTED_VERSION

    def get_approx_server_time(self) -> datetime.datetime:
        """Return the server's current time (from the ``Date`` header of a request to
        the server root), as a naive datetime in local time.

        Raises :class:`MastodonAPIError` when the server sends no usable ``Date``.
        """
        response = self._request("HEAD", "/", return_response=True)
        date = response.headers.get("Date")
        try:
            server_time = email.utils.parsedate_to_datetime(date)
        except (TypeError, ValueError, IndexError):
            raise MastodonAPIError("No server time in response.") from None
        if server_time.tzinfo is None:  # "-0000": HTTP dates are in UTC
            server_time = server_time.replace(tzinfo=datetime.timezone.utc)
        return datetime.datetime.fromtimestamp(server_time.timestamp())
