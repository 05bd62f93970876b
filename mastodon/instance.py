"""Instance-wide data (manual section 3.8): the instance document, its activity, peers,
health and nodeinfo, rules, the profile directory, custom emoji and announcements."""
from __future__ import annotations
import logging
from typing import Any, Dict, Optional, Union
from urllib.parse import urlsplit

from mastodon._core import RequestCore
from mastodon._validate import check_choice
from mastodon.errors import MastodonError, MastodonIllegalArgumentError, MastodonNotFoundError
from mastodon.utility import api_version
from mastodon.return_types import (
    Account, Activity, Announcement, CustomEmoji, Instance, Nodeinfo, NonPaginatableList, Rule)

log = logging.getLogger("mastodon")

#: Bodies of ``GET /health`` that mean "healthy".
_HEALTHY = ("OK", "success")
_DIRECTORY_ORDERS = ("active", "new")
_NODEINFO_2_0 = "http://nodeinfo.diaspora.software/ns/schema/2.0"


def _reaction_name(reaction: Any) -> str:
    """The name of a reaction: a unicode emoji, a custom emoji shortcode, or an emoji or
    reaction dict (its ``name`` or ``shortcode``)."""
    if isinstance(reaction, dict):
        reaction = reaction.get("name", reaction.get("shortcode"))
    if not isinstance(reaction, str) or not reaction.strip():
        raise MastodonIllegalArgumentError(
            "reaction must be a unicode emoji or the shortcode of a custom emoji, got %r" % (reaction,))
    return reaction


class InstanceMixin(RequestCore):
    """Instance-wide data endpoints."""

    # -- the instance ---------------------------------------------------------------------------
    @api_version("1.1.0", "2.3.0", "3.4.0")
    def instance(self) -> Instance:
        """Retrieve basic information about the instance, including the URI and
        administrative contact email.

        Always asks the server (``GET /api/v1/instance/``); the answer also refreshes the
        copy the client keeps for version detection and the streaming host. Does not
        require authentication unless locked down by the administrator.

        Returns an instance dict.
        """
        return self._cached_instance(refresh=True)  # type: ignore[return-value]

    @api_version("2.1.2", "2.1.2", "2.1.2")
    def instance_activity(self) -> NonPaginatableList[Activity]:
        """Retrieve activity stats about the instance, for 12 weeks going back from the
        current week.

        May be disabled by the administrator: raises :class:`MastodonNotFoundError` then.

        Returns a list of activity dicts (``week`` as a datetime, ``statuses``,
        ``logins`` and ``registrations`` as ints).
        """
        return self._request("GET", "/api/v1/instance/activity")

    @api_version("2.1.2", "2.1.2", "2.1.2")
    def instance_peers(self) -> NonPaginatableList[str]:
        """Retrieve the domains of the instances this instance knows about.

        May be disabled by the administrator: raises :class:`MastodonNotFoundError` then.

        Returns a list of domain name strings.
        """
        return self._request("GET", "/api/v1/instance/peers")

    @api_version("3.0.0", "3.0.0", "3.0.0")
    def instance_health(self) -> bool:
        """Basic health check (``GET /health``).

        Returns True if the server answers with a success status and the body ``OK`` (or
        ``success``), False otherwise, including when the server cannot be reached or
        answers with an error: this method never raises because a server is down.
        """
        try:
            response = self._request("GET", "/health", return_response=True)
        except MastodonError as err:
            log.info("Health check of %s failed: %s", self.api_base_url, err)
            return False
        if not 200 <= response.status_code < 300:
            log.info("Health check of %s: HTTP %s", self.api_base_url, response.status_code)
            return False
        try:
            body = response.content.decode("utf-8").strip()
        except (UnicodeDecodeError, AttributeError):
            return False
        return body in _HEALTHY

    @api_version("3.0.0", "3.0.0", "3.0.0")
    def instance_nodeinfo(self, schema: str = _NODEINFO_2_0) -> Nodeinfo:
        """Retrieve the instance's nodeinfo document (see the nodeinfo specification,
        https://github.com/jhass/nodeinfo).

        The discovery document ``/.well-known/nodeinfo`` is read first and the link whose
        ``rel`` is ``schema`` followed (by default the 2.0 schema). A link to the client's
        own server is requested with its credentials, a link to another host without them;
        if the linked URL gives a 404, its path is tried on the client's base URL.

        Raises :class:`MastodonIllegalArgumentError` (naming the offered schemas) when the
        server does not offer ``schema``.

        Returns a nodeinfo dict.
        """
        discovery = self._request("GET", "/.well-known/nodeinfo")
        links = discovery.get("links") if isinstance(discovery, dict) else None
        offered = [link for link in links or [] if isinstance(link, dict) and link.get("href")]
        href = next((link["href"] for link in offered if link.get("rel") == schema), None)
        if href is None:
            raise MastodonIllegalArgumentError(
                "Requested nodeinfo schema %r is not available; the server offers: %s"
                % (schema, ", ".join(str(link.get("rel")) for link in offered) or "none"))
        parts = urlsplit(href)
        path = (parts.path or "/") + ("?" + parts.query if parts.query else "")
        if not parts.netloc:
            return self._request("GET", path)
        base = "%s://%s" % (parts.scheme or "https", parts.netloc)
        own = urlsplit(self.api_base_url)
        same_origin = base.lower() == ("%s://%s" % (own.scheme, own.netloc)).lower()
        try:
            return self._request("GET", path, base_url=base, access_token=None if same_origin else "")
        except MastodonNotFoundError:
            if same_origin:
                raise
            log.info("nodeinfo link %s gave 404; trying %s on %s", href, path, self.api_base_url)
            return self._request("GET", path)

    @api_version("3.4.0", "3.4.0", "3.4.0")
    def instance_rules(self) -> NonPaginatableList[Rule]:
        """Retrieve the instance rules.

        Returns a list of rule dicts (``id`` and ``text``), the same as the ``rules``
        field of the instance dict.
        """
        return self._request("GET", "/api/v1/instance/rules")

    # -- profile directory and emoji ------------------------------------------------------------
    @api_version("3.0.0", "3.0.0", "3.3.0")
    def directory(self, offset: Optional[int] = None, limit: Optional[int] = None,
                  order: Optional[str] = None, local: Optional[bool] = None) -> NonPaginatableList[Account]:
        """Fetch the contents of the profile directory, if enabled on the server.

        ``offset``: how many accounts to skip (server default 0). ``limit``: how many
        accounts to load (server default 40). ``order``: ``"active"`` to sort by most
        recently posted statuses (the default) or ``"new"`` to sort by most recently
        created profiles. ``local``: True to return only local accounts.

        The directory is paginated by ``offset``, not by ids. Raises
        :class:`MastodonIllegalArgumentError` for another ``order``.

        Returns a list of account dicts.
        """
        check_choice("order", order, _DIRECTORY_ORDERS)
        params = {"offset": offset, "limit": limit, "order": order, "local": local}
        return self._request("GET", "/api/v1/directory", params)

    @api_version("2.1.0", "2.1.0", "3.0.0")
    def custom_emojis(self) -> NonPaginatableList[CustomEmoji]:
        """Fetch the list of custom emoji the instance has installed.

        Does not require authentication unless locked down by the administrator.

        Returns a list of emoji dicts.
        """
        return self._request("GET", "/api/v1/custom_emojis")

    # -- announcements --------------------------------------------------------------------------
    @api_version("3.1.0", "3.1.0", "3.1.0")
    def announcements(self) -> NonPaginatableList[Announcement]:
        """Fetch the currently active announcements.

        Returns a list of announcement dicts.
        """
        return self._request("GET", "/api/v1/announcements")

    @api_version("3.1.0", "3.1.0", "3.1.0")
    def announcement_dismiss(self, id: Union[int, str, Dict[str, Any]]) -> None:
        """Mark the announcement ``id`` (an id or an announcement dict) as read.

        Returns None.
        """
        self._request("POST", self._path("/api/v1/announcements/{}/dismiss", id))

    @api_version("3.1.0", "3.1.0", "3.1.0")
    def announcement_reaction_create(self, id: Union[int, str, Dict[str, Any]], reaction: str) -> None:
        """Add a reaction to an announcement.

        ``reaction`` is a unicode emoji or the shortcode of one of the instance's custom
        emoji (an emoji or reaction dict is accepted too). The server answers with an API
        error if the reaction is not allowed or when the user has already added it
        (adding a reaction that another user added is legal and increments the count).

        Returns None.
        """
        self._request("PUT", self._path("/api/v1/announcements/{}/reactions/{}", id, _reaction_name(reaction)))

    @api_version("3.1.0", "3.1.0", "3.1.0")
    def announcement_reaction_delete(self, id: Union[int, str, Dict[str, Any]], reaction: str) -> None:
        """Remove the logged-in user's reaction ``reaction`` from an announcement.

        The server answers with an API error if the reaction does not exist.

        Returns None.
        """
        self._request("DELETE", self._path("/api/v1/announcements/{}/reactions/{}", id, _reaction_name(reaction)))
