"""Administration: federation and sign-up blocks (manual section 3.13).

Domain blocks (Mastodon 4.0.0 and newer).
"""
from __future__ import annotations
import logging
from typing import Any, Dict, Optional, Union

from mastodon._core import RequestCore
from mastodon._validate import check_choice
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.utility import AttribAccessDict, AttribAccessList, api_version

log = logging.getLogger("mastodon")

#: Allowed domain block severities ("limit", the name the 1.8.0 manual uses, means "noop").
DOMAIN_BLOCK_SEVERITIES = ("silence", "suspend", "noop")
_SEVERITY_ALIASES = {"limit": "noop"}


class AdminBlocksMixin(RequestCore):
    """Administration endpoints for domain blocks."""

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def admin_domain_blocks(self, id: Any = None,
                            limit: Optional[int] = None) -> Union[AttribAccessList, AttribAccessDict]:
        """Fetch the list of blocked domains (at most ``limit`` of them; the list can be
        paginated with :meth:`fetch_next`), or, when an ``id`` (or dict) is given, the
        domain block with that database id. Requires scope ``admin:read:domain_blocks``.

        Returns a list of admin domain block dicts, or one admin domain block dict when
        ``id`` is given; raises :class:`MastodonAPIError` (a
        :class:`MastodonNotFoundError`) if the specified block does not exist.
        """
        if id is not None:
            return self._request("GET", self._path("/api/v1/admin/domain_blocks/{}", id))
        return self._request("GET", "/api/v1/admin/domain_blocks/", {"limit": limit})

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
                                  obfuscate: Optional[bool] = None) -> AttribAccessDict:
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
                                  obfuscate: Optional[bool] = None) -> AttribAccessDict:
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
