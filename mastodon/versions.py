"""Server version detection and checks (manual section 3.1.4)."""
from __future__ import annotations
import datetime
import email.utils
import logging
from typing import Any, Optional
from urllib.parse import urlsplit

from mastodon._core import RequestCore
from mastodon._versions import normalize_version_string
from mastodon.errors import MastodonAPIError, MastodonVersionError
from mastodon.utility import AttribAccessDict, parse_version_string

log = logging.getLogger("mastodon")

#: NodeInfo schemas, most preferred first.
_NODEINFO_SCHEMAS = ("http://nodeinfo.diaspora.software/ns/schema/2.1",
                     "http://nodeinfo.diaspora.software/ns/schema/2.0")

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

    def server_software(self, refresh: bool = False) -> AttribAccessDict:
        """Tell which software the server runs and which Mastodon API it offers.

        Returns a dict with:

        * ``software``: the software's name as NodeInfo gives it, lower case
          (``"mastodon"``, ``"pleroma"``, ``"akkoma"``, ``"gotosocial"``, ``"pixelfed"``,
          ``"sharkey"``, ``"snac"``, ``"friendica"``, ...), or None when the server
          publishes no NodeInfo;
        * ``version``: that software's own version (NodeInfo), else the version the
          instance document reports;
        * ``mastodon_version``: the Mastodon level the server claims (``"4.3.0"``), or
          None when its version claims none (GoToSocial 0.x, Sharkey, ...);
        * ``api_version``: ``api_versions["mastodon"]`` of ``/api/v2/instance``
          (Mastodon 4.3 and newer), the integer API level to check features against,
          or None when the server does not report one.

        Asks the server only when called (``/api/v2/instance``, falling back to the v1
        document; ``/.well-known/nodeinfo`` and the document it links to), then caches
        the answer (``refresh=True`` or :meth:`clear_caches` asks again). Missing
        documents give None fields, never an error; only a server that cannot be
        reached at all raises :class:`MastodonNetworkError`.
        """
        cached = self.__dict__.get("_server_software")
        if cached is not None and not refresh:
            return cached  # type: ignore[no-any-return]
        instance: Any = None
        try:
            instance = self._request("GET", "/api/v2/instance")
        except MastodonAPIError as err:
            log.info("No /api/v2/instance on %s (%s); reading the v1 document", self.api_base_url, err)
        if not isinstance(instance, dict):
            try:
                instance = self._cached_instance()
            except MastodonAPIError:
                instance = {}
        reported = instance.get("version") if isinstance(instance, dict) else None
        api_versions = instance.get("api_versions") if isinstance(instance, dict) else None
        api_level = api_versions.get("mastodon") if isinstance(api_versions, dict) else None
        software = self._nodeinfo_software()
        info = AttribAccessDict(
            software=str(software["name"]).lower() if software.get("name") else None,
            version=software.get("version") or reported,
            mastodon_version=normalize_version_string(reported),
            api_version=api_level if isinstance(api_level, int) and not isinstance(api_level, bool) else None)
        self.__dict__["_server_software"] = info
        return info

    def _nodeinfo_software(self) -> Any:
        """The ``software`` part of the server's NodeInfo, or an empty dict."""
        try:
            discovery = self._request("GET", "/.well-known/nodeinfo", access_token="")
            links = {link.get("rel"): link.get("href") for link in (discovery or {}).get("links") or []
                     if isinstance(link, dict)}
            href: Optional[str] = next((links[s] for s in _NODEINFO_SCHEMAS if isinstance(links.get(s), str)), None)
            if href is None:
                return AttribAccessDict()
            parts = urlsplit(href)
            base = "%s://%s" % (parts.scheme, parts.netloc) if parts.netloc else None
            document = self._request("GET", (parts.path or "/") + ("?" + parts.query if parts.query else ""),
                                     base_url=base, access_token="")
            software = document.get("software") if isinstance(document, dict) else None
            return software if isinstance(software, AttribAccessDict) else AttribAccessDict()
        except (MastodonAPIError, AttributeError, TypeError) as err:
            log.info("No usable NodeInfo on %s (%s)", self.api_base_url, err)
            return AttribAccessDict()
