"""Administration: federation and sign-up blocks (manual section 3.13).

Domain blocks and domain allows (federation), e-mail domain blocks, canonical e-mail
blocks and IP blocks (sign-ups and access). All need Mastodon 4.0.0 or newer.
"""
from __future__ import annotations
import datetime
import ipaddress
import logging
import re
from typing import Any, Dict, Optional, Union

from mastodon._core import RequestCore
from mastodon._encoding import IdLike, page_params
from mastodon._validate import check_choice
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.return_types import (
    AdminCanonicalEmailBlock, AdminDomainAllow, AdminDomainBlock, AdminEmailDomainBlock, AdminIpBlock,
    NonPaginatableList, PaginatableList)
from mastodon.utility import api_version

log = logging.getLogger("mastodon")

#: Allowed domain block severities ("limit", the name the 1.8.0 manual uses, means "noop").
DOMAIN_BLOCK_SEVERITIES = ("silence", "suspend", "noop")
_SEVERITY_ALIASES = {"limit": "noop"}
#: Allowed IP block severities, as the API documents them.
IP_BLOCK_SEVERITIES = ("sign_up_requires_approval", "sign_up_block", "no_access")

_DOMAIN_LABEL = re.compile(r"^[^\s./:@?#\\]+$")
_SHA256_HEX = re.compile(r"^[0-9a-fA-F]{64}$")


def _domain(name: str, value: Any) -> str:
    """A bare domain name (``example.org``; internationalised names allowed), else
    :class:`MastodonIllegalArgumentError`: URLs, e-mail addresses and paths are refused."""
    if not isinstance(value, str) or not value.strip():
        raise MastodonIllegalArgumentError("%s must be a domain name such as 'example.org', got %r" % (name, value))
    text = value.strip()
    if "://" in text or "@" in text or "/" in text:
        raise MastodonIllegalArgumentError(
            "%s must be a bare domain name such as 'example.org', not a URL or an e-mail address: %r" % (name, value))
    labels = text.split(".")
    if len(text) > 253 or not all(_DOMAIN_LABEL.match(label) for label in labels):
        raise MastodonIllegalArgumentError("%s is not a valid domain name: %r" % (name, value))
    return text


def _ip_range(value: Any) -> str:
    """An IP address or CIDR range (v4 or v6; a string or an :mod:`ipaddress` object) as
    the text to send, else :class:`MastodonIllegalArgumentError`."""
    if isinstance(value, (ipaddress.IPv4Address, ipaddress.IPv6Address,
                          ipaddress.IPv4Network, ipaddress.IPv6Network)):
        return str(value)
    if isinstance(value, str):
        text = value.strip()
        try:
            ipaddress.ip_network(text, strict=False)
        except ValueError:
            pass
        else:
            return text
    raise MastodonIllegalArgumentError(
        "ip must be an IP address or CIDR range such as '192.0.2.7' or '2001:db8::/32', got %r" % (value,))


def _expires_in(value: Any) -> Optional[int]:
    """Seconds until an IP block expires: a positive int or a timedelta; None: never."""
    if value is None:
        return None
    if isinstance(value, datetime.timedelta):
        seconds = int(value.total_seconds())
    elif isinstance(value, int) and not isinstance(value, bool):
        seconds = value
    else:
        raise MastodonIllegalArgumentError("expires_in must be a number of seconds or a timedelta, got %r" % (value,))
    if seconds <= 0:
        raise MastodonIllegalArgumentError("expires_in must be positive, got %r" % (value,))
    return seconds


def _email_address(value: Any) -> str:
    if not isinstance(value, str) or value.count("@") != 1 or not all(value.strip().split("@")):
        raise MastodonIllegalArgumentError("email must be an e-mail address such as 'someone@example.org', got %r"
                                           % (value,))
    return value.strip()


class AdminBlocksMixin(RequestCore):
    """Administration endpoints for domain blocks and allows, e-mail domain blocks,
    canonical e-mail blocks and IP blocks."""

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def admin_domain_blocks(self, id: Any = None, limit: Optional[int] = None, max_id: Any = None,
                            min_id: Any = None, since_id: Any = None) -> Union[PaginatableList[AdminDomainBlock], AdminDomainBlock]:
        """Fetch the list of blocked domains (at most ``limit`` of them; the list can be
        paginated with :meth:`fetch_next`, or with ``max_id`` / ``min_id`` / ``since_id``,
        ids or dicts), or, when an ``id`` (or dict) is given, the domain block with that
        database id. Requires scope ``admin:read:domain_blocks``.

        Returns a list of admin domain block dicts, or one admin domain block dict when
        ``id`` is given; raises :class:`MastodonAPIError` (a
        :class:`MastodonNotFoundError`) if the specified block does not exist.
        """
        if id is not None:
            return self._request("GET", self._path("/api/v1/admin/domain_blocks/{}", id))
        return self._request("GET", "/api/v1/admin/domain_blocks/", page_params(max_id, min_id, since_id, limit))

    @staticmethod
    def _domain_block_params(severity: Optional[str], reject_media: Optional[bool],
                             reject_reports: Optional[bool], private_comment: Optional[str],
                             public_comment: Optional[str], obfuscate: Optional[bool]) -> Dict[str, Any]:
        if isinstance(severity, str) and severity in _SEVERITY_ALIASES:
            log.debug("Domain block severity %r is sent as %r", severity, _SEVERITY_ALIASES[severity])
            severity = _SEVERITY_ALIASES[severity]
        check_choice("severity", severity, DOMAIN_BLOCK_SEVERITIES)
        return {"severity": severity, "reject_media": reject_media, "reject_reports": reject_reports,
                "private_comment": private_comment, "public_comment": public_comment, "obfuscate": obfuscate}

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def admin_create_domain_block(self, domain: str, severity: Optional[str] = None,
                                  reject_media: Optional[bool] = None, reject_reports: Optional[bool] = None,
                                  private_comment: Optional[str] = None, public_comment: Optional[str] = None,
                                  obfuscate: Optional[bool] = None) -> AdminDomainBlock:
        """Block a domain, i.e. perform a moderation action on it. Requires scope
        ``admin:write:domain_blocks``.

        Valid severities are:

        * "silence": hide all posts from federated timelines and do not show
          notifications to local users from the remote instance's users unless they
          are following the remote user.
        * "suspend": deny interactions with this instance going forward. This action is
          reversible.
        * "noop" (also accepted as "limit", the name the 1.8.0 manual used): no
          silencing or suspension, generally used with ``reject_media=True`` to reject
          the instance's media.

        Any other severity raises :class:`MastodonIllegalArgumentError` before any
        request. If no severity is given, the server's default (silence) applies.
        ``domain`` is the domain to block, sent as given; blocking a domain also
        affects its subdomains (``example.com`` also blocks ``sub.example.com``).
        ``reject_media`` stops downloading media from it, ``reject_reports`` ignores
        all reports from it. ``private_comment`` is a comment for the admins only,
        ``public_comment`` one that local users (and maybe everyone) can see.
        ``obfuscate`` censors part of the domain name in public lists.

        Returns the new domain block as an admin domain block dict.
        """
        if domain is None:
            raise MastodonIllegalArgumentError("admin_create_domain_block needs the domain to block")
        params = {"domain": domain}
        params.update(self._domain_block_params(severity, reject_media, reject_reports, private_comment,
                                                public_comment, obfuscate))
        return self._request("POST", "/api/v1/admin/domain_blocks/", params)

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def admin_update_domain_block(self, id: Any, severity: Optional[str] = None,
                                  reject_media: Optional[bool] = None, reject_reports: Optional[bool] = None,
                                  private_comment: Optional[str] = None, public_comment: Optional[str] = None,
                                  obfuscate: Optional[bool] = None) -> AdminDomainBlock:
        """Modify the domain block with the given id (or dict). Requires scope
        ``admin:write:domain_blocks``.

        The parameters are those of :meth:`admin_create_domain_block` (severity
        "silence", "suspend" or "noop", alias "limit"); those left at None are not sent
        and keep their value.

        Returns the modified domain block as an admin domain block dict; raises
        :class:`MastodonAPIError` (a :class:`MastodonNotFoundError`) if the specified
        block does not exist.
        """
        if id is None:
            raise MastodonIllegalArgumentError("admin_update_domain_block needs the id of the domain block")
        params = self._domain_block_params(severity, reject_media, reject_reports, private_comment,
                                           public_comment, obfuscate)
        return self._request("PUT", self._path("/api/v1/admin/domain_blocks/{}", id), params)

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def admin_delete_domain_block(self, id: Any = None) -> None:
        """Remove the domain block with the given id (or dict), lifting the moderation
        action against that domain. Requires scope ``admin:write:domain_blocks``.

        Returns None; raises :class:`MastodonAPIError` (a
        :class:`MastodonNotFoundError`) if the specified block does not exist.
        """
        if id is None:
            raise MastodonIllegalArgumentError("admin_delete_domain_block needs the id of the domain block")
        self._request("DELETE", self._path("/api/v1/admin/domain_blocks/{}", id))

    # -- domain allows ---------------------------------------------------------------------------
    @api_version("4.0.0", "4.0.0", "4.0.0")
    def admin_domain_allows(self, max_id: Optional[IdLike] = None, min_id: Optional[IdLike] = None,
                            since_id: Optional[IdLike] = None,
                            limit: Optional[int] = None) -> PaginatableList[AdminDomainAllow]:
        """Fetch the domains allowed to federate with this server (used in limited
        federation mode). ``max_id`` / ``min_id`` / ``since_id`` (ids or dicts) and
        ``limit`` paginate. Requires scope ``admin:read:domain_allows``.

        Returns a list of admin domain allow dicts.
        """
        result: PaginatableList[AdminDomainAllow] = self._request(
            "GET", "/api/v1/admin/domain_allows", page_params(max_id, min_id, since_id, limit))
        return result

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def admin_domain_allow(self, id: IdLike) -> AdminDomainAllow:
        """Fetch the domain allow with the given id (or dict). Requires scope
        ``admin:read:domain_allows``.

        Returns an admin domain allow dict.
        """
        result: AdminDomainAllow = self._request("GET", self._path("/api/v1/admin/domain_allows/{}", id))
        return result

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def admin_create_domain_allow(self, domain: str) -> AdminDomainAllow:
        """Allow a domain to federate with this server (limited federation mode).
        ``domain`` must be a bare domain name such as ``example.org``; a URL or an
        e-mail address raises :class:`MastodonIllegalArgumentError` before any request.
        Requires scope ``admin:write:domain_allows``.

        Returns the new (or already existing) domain allow as an admin domain allow dict.
        """
        params = {"domain": _domain("domain", domain)}
        result: AdminDomainAllow = self._request("POST", "/api/v1/admin/domain_allows", params)
        return result

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def admin_delete_domain_allow(self, id: IdLike) -> None:
        """Remove the domain allow with the given id (or dict), which also removes the
        domain's accounts and their content. Requires scope ``admin:write:domain_allows``.

        Returns None.
        """
        self._request("DELETE", self._path("/api/v1/admin/domain_allows/{}", id))

    # -- e-mail domain blocks ----------------------------------------------------------------------
    @api_version("4.0.0", "4.0.0", "4.0.0")
    def admin_email_domain_blocks(self, max_id: Optional[IdLike] = None, min_id: Optional[IdLike] = None,
                                  since_id: Optional[IdLike] = None,
                                  limit: Optional[int] = None) -> PaginatableList[AdminEmailDomainBlock]:
        """Fetch the e-mail domains that may not be used to sign up. ``max_id`` /
        ``min_id`` / ``since_id`` (ids or dicts) and ``limit`` paginate. Requires scope
        ``admin:read:email_domain_blocks``.

        Returns a list of admin e-mail domain block dicts; in their ``history`` (sign-up
        attempts per day) ``day`` is a datetime.
        """
        result: PaginatableList[AdminEmailDomainBlock] = self._request(
            "GET", "/api/v1/admin/email_domain_blocks", page_params(max_id, min_id, since_id, limit))
        return result

    @api_version("4.1.0", "4.1.0", "4.1.0")
    def admin_email_domain_block(self, id: IdLike) -> AdminEmailDomainBlock:
        """Fetch the e-mail domain block with the given id (or dict). Requires scope
        ``admin:read:email_domain_blocks``.

        Returns an admin e-mail domain block dict.
        """
        result: AdminEmailDomainBlock = self._request(
            "GET", self._path("/api/v1/admin/email_domain_blocks/{}", id))
        return result

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def admin_create_email_domain_block(self, domain: str) -> AdminEmailDomainBlock:
        """Block sign-ups with e-mail addresses of ``domain`` (the server also blocks
        the domains its MX records resolve to). ``domain`` must be a bare domain name
        such as ``spam.example``: a URL or an e-mail address raises
        :class:`MastodonIllegalArgumentError` before any request. Requires scope
        ``admin:write:email_domain_blocks``.

        Returns the new admin e-mail domain block dict.
        """
        params = {"domain": _domain("domain", domain)}
        result: AdminEmailDomainBlock = self._request("POST", "/api/v1/admin/email_domain_blocks", params)
        return result

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def admin_delete_email_domain_block(self, id: IdLike) -> None:
        """Lift the e-mail domain block with the given id (or dict). Requires scope
        ``admin:write:email_domain_blocks``.

        Returns None.
        """
        self._request("DELETE", self._path("/api/v1/admin/email_domain_blocks/{}", id))

    # -- canonical e-mail blocks -------------------------------------------------------------------
    @api_version("4.0.0", "4.0.0", "4.0.0")
    def admin_canonical_email_blocks(self, max_id: Optional[IdLike] = None, min_id: Optional[IdLike] = None,
                                     since_id: Optional[IdLike] = None,
                                     limit: Optional[int] = None) -> PaginatableList[AdminCanonicalEmailBlock]:
        """Fetch the blocked canonical e-mail addresses (stored as SHA256 hashes of the
        address with dots and ``+`` suffixes removed from its local part). ``max_id`` /
        ``min_id`` / ``since_id`` (ids or dicts) and ``limit`` paginate. Requires scope
        ``admin:read:canonical_email_blocks``.

        Returns a list of admin canonical e-mail block dicts.
        """
        result: PaginatableList[AdminCanonicalEmailBlock] = self._request(
            "GET", "/api/v1/admin/canonical_email_blocks", page_params(max_id, min_id, since_id, limit))
        return result

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def admin_canonical_email_block(self, id: IdLike) -> AdminCanonicalEmailBlock:
        """Fetch the canonical e-mail block with the given id (or dict). Requires scope
        ``admin:read:canonical_email_blocks``.

        Returns an admin canonical e-mail block dict.
        """
        result: AdminCanonicalEmailBlock = self._request(
            "GET", self._path("/api/v1/admin/canonical_email_blocks/{}", id))
        return result

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def admin_test_canonical_email_block(self, email: str) -> NonPaginatableList[AdminCanonicalEmailBlock]:
        """Check whether an e-mail address is blocked: the server canonicalises
        ``email`` and looks for blocks of its hash. Anything but an e-mail address raises
        :class:`MastodonIllegalArgumentError` before any request. Requires scope
        ``admin:read:canonical_email_blocks``.

        Returns the list of matching admin canonical e-mail block dicts (empty when the
        address is not blocked).
        """
        params = {"email": _email_address(email)}
        result: NonPaginatableList[AdminCanonicalEmailBlock] = self._request(
            "POST", "/api/v1/admin/canonical_email_blocks/test", params)
        return result

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def admin_create_canonical_email_block(self, email: Optional[str] = None,
                                           canonical_email_hash: Optional[str] = None) -> AdminCanonicalEmailBlock:
        """Block sign-ups with an e-mail address and all its variants: give either the
        ``email`` (the server canonicalises and hashes it) or its
        ``canonical_email_hash`` (64 hexadecimal digits of SHA256). Neither, both, or a
        malformed value raise :class:`MastodonIllegalArgumentError` before any request.
        Requires scope ``admin:write:canonical_email_blocks``.

        Returns the new admin canonical e-mail block dict.
        """
        if (email is None) == (canonical_email_hash is None):
            raise MastodonIllegalArgumentError(
                "admin_create_canonical_email_block needs exactly one of email and canonical_email_hash")
        if canonical_email_hash is not None and (
                not isinstance(canonical_email_hash, str) or not _SHA256_HEX.match(canonical_email_hash)):
            raise MastodonIllegalArgumentError(
                "canonical_email_hash must be a SHA256 hash in 64 hexadecimal digits, got %r" % (canonical_email_hash,))
        params = {"email": None if email is None else _email_address(email),
                  "canonical_email_hash": canonical_email_hash}
        result: AdminCanonicalEmailBlock = self._request("POST", "/api/v1/admin/canonical_email_blocks", params)
        return result

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def admin_delete_canonical_email_block(self, id: IdLike) -> AdminCanonicalEmailBlock:
        """Lift the canonical e-mail block with the given id (or dict). Requires scope
        ``admin:write:canonical_email_blocks``.

        Returns what the server answers: an admin canonical e-mail block dict (an empty
        one on current servers).
        """
        result: AdminCanonicalEmailBlock = self._request(
            "DELETE", self._path("/api/v1/admin/canonical_email_blocks/{}", id))
        return result

    # -- IP blocks ---------------------------------------------------------------------------------
    @api_version("4.0.0", "4.0.0", "4.0.0")
    def admin_ip_blocks(self, max_id: Optional[IdLike] = None, min_id: Optional[IdLike] = None,
                        since_id: Optional[IdLike] = None,
                        limit: Optional[int] = None) -> PaginatableList[AdminIpBlock]:
        """Fetch the IP blocks. ``max_id`` / ``min_id`` / ``since_id`` (ids or dicts) and
        ``limit`` paginate. Requires scope ``admin:read:ip_blocks``.

        Returns a list of admin IP block dicts (``created_at`` and ``expires_at`` as
        datetimes).
        """
        result: PaginatableList[AdminIpBlock] = self._request(
            "GET", "/api/v1/admin/ip_blocks", page_params(max_id, min_id, since_id, limit))
        return result

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def admin_ip_block(self, id: IdLike) -> AdminIpBlock:
        """Fetch the IP block with the given id (or dict). Requires scope
        ``admin:read:ip_blocks``.

        Returns an admin IP block dict.
        """
        result: AdminIpBlock = self._request("GET", self._path("/api/v1/admin/ip_blocks/{}", id))
        return result

    @staticmethod
    def _ip_block_params(ip: Any, severity: Optional[str], comment: Optional[str], expires_in: Any,
                         required: bool) -> Dict[str, Any]:
        check_choice("severity", severity, IP_BLOCK_SEVERITIES, required=required)
        return {"ip": None if ip is None and not required else _ip_range(ip), "severity": severity,
                "comment": comment, "expires_in": _expires_in(expires_in)}

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def admin_create_ip_block(self, ip: Union[str, ipaddress.IPv4Network, ipaddress.IPv6Network,
                                              ipaddress.IPv4Address, ipaddress.IPv6Address],
                              severity: str, comment: Optional[str] = None,
                              expires_in: Union[int, datetime.timedelta, None] = None) -> AdminIpBlock:
        """Block an IP address or range from signing up or from access.

        * ``ip``: an address or CIDR range, v4 or v6 (``"192.0.2.7"``,
          ``"198.51.100.0/24"``, ``"2001:db8::/32"``, or an :mod:`ipaddress` object).
        * ``severity``: "sign_up_requires_approval" (sign-ups from there need approval),
          "sign_up_block" (no sign-ups from there) or "no_access" (no access at all).
        * ``comment``: why the block exists, for the moderators.
        * ``expires_in``: seconds (or a timedelta) until the block expires; None: never.

        A malformed ``ip``, an unknown ``severity`` or a non-positive ``expires_in``
        raise :class:`MastodonIllegalArgumentError` before any request. Requires scope
        ``admin:write:ip_blocks``.

        Returns the new admin IP block dict.
        """
        params = self._ip_block_params(ip, severity, comment, expires_in, required=True)
        result: AdminIpBlock = self._request("POST", "/api/v1/admin/ip_blocks", params)
        return result

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def admin_update_ip_block(self, id: IdLike,
                              ip: Union[str, ipaddress.IPv4Network, ipaddress.IPv6Network,
                                        ipaddress.IPv4Address, ipaddress.IPv6Address, None] = None,
                              severity: Optional[str] = None, comment: Optional[str] = None,
                              expires_in: Union[int, datetime.timedelta, None] = None) -> AdminIpBlock:
        """Change the IP block with the given id (or dict). The parameters are those of
        :meth:`admin_create_ip_block`, checked the same way before any request; those
        left at None are not sent and keep their value. Requires scope
        ``admin:write:ip_blocks``.

        Returns the updated admin IP block dict.
        """
        params = self._ip_block_params(ip, severity, comment, expires_in, required=False)
        result: AdminIpBlock = self._request("PUT", self._path("/api/v1/admin/ip_blocks/{}", id), params)
        return result

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def admin_delete_ip_block(self, id: IdLike) -> None:
        """Lift the IP block with the given id (or dict). Requires scope
        ``admin:write:ip_blocks``.

        Returns None.
        """
        self._request("DELETE", self._path("/api/v1/admin/ip_blocks/{}", id))
