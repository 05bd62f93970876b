"""About the server (manual section 3.8): the v1 and v2 instance documents, its terms
of service, privacy policy and extended description, its languages and the domains it
blocks."""
from __future__ import annotations
from typing import Any, Dict, List, Optional, cast

from mastodon._core import RequestCore
from mastodon._validate import date_text
from mastodon.return_types import (DomainBlock, ExtendedDescription, Instance, InstanceV2, NonPaginatableList,
                                   PrivacyPolicy, SupportedLocale, TermsOfService)
from mastodon.utility import api_version


class InstanceInfoMixin(RequestCore):
    """Endpoints that describe the server."""

    @api_version("1.1.0", "2.3.0", "3.4.0")
    def instance_v1(self) -> Instance:
        """Fetch the v1 instance document (``GET /api/v1/instance/``), the same as
        :meth:`instance`: the server's domain (``uri``), title, descriptions, contact
        e-mail and account, version, statistics, configuration and rules. Mastodon
        deprecated it in 4.0.0 in favour of :meth:`instance_v2`, but still serves it.

        Like :meth:`instance`, it refreshes the copy the client keeps for version
        detection and the streaming host.

        Returns an instance dict.
        """
        return cast(Instance, self._cached_instance(refresh=True))

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def instance_v2(self) -> InstanceV2:
        """Fetch the v2 instance document (``GET /api/v2/instance/``): ``domain``,
        ``title``, ``version``, ``description``, ``usage`` (monthly active users),
        ``thumbnail``, ``icon``, ``languages``, ``configuration`` (URLs such as the
        streaming host, the VAPID key for push, limits of statuses, media and polls,
        translation), ``registrations``, ``api_versions``, ``contact`` and ``rules``.

        Returns an instance dict in the v2 shape.
        """
        return self._request("GET", "/api/v2/instance/")

    @api_version("4.4.0", "4.4.0", "4.4.0")
    def instance_terms_of_service(self, date: Optional[Any] = None) -> TermsOfService:
        """Fetch the server's terms of service: the ones in force, or with ``date`` (a
        ``datetime.date`` or a ``"YYYY-MM-DD"`` string) the version that took effect on
        that day (``GET /api/v1/instance/terms_of_service/:date``).

        Raises :class:`~mastodon.errors.MastodonNotFoundError` when the server has no
        terms of service (or none for that date) and
        :class:`~mastodon.errors.MastodonIllegalArgumentError` for a ``date`` that is
        not a date, before anything is sent.

        Returns a terms of service dict: ``content`` (HTML), ``effective`` (whether
        they are in force), ``effective_date`` and ``succeeded_by`` (the date of the
        next version, or None), the dates as ``"YYYY-MM-DD"`` strings.
        """
        day = date_text("date", date)
        if day is None:
            return self._request("GET", "/api/v1/instance/terms_of_service")
        return self._request("GET", self._path("/api/v1/instance/terms_of_service/{}", day))

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def instance_privacy_policy(self) -> PrivacyPolicy:
        """Fetch the server's privacy policy.

        Returns a privacy policy dict: ``content`` (HTML) and ``updated_at`` (a
        datetime).
        """
        return self._request("GET", "/api/v1/instance/privacy_policy")

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def instance_extended_description(self) -> ExtendedDescription:
        """Fetch the server's extended description (the "about" page).

        Returns an extended description dict: ``content`` (HTML) and ``updated_at`` (a
        datetime).
        """
        return self._request("GET", "/api/v1/instance/extended_description")

    @api_version("4.2.0", "4.2.0", "4.2.0")
    def instance_translation_languages(self) -> Dict[str, List[str]]:
        """Fetch the language pairs the server's translation service supports.

        Returns a dict from each source language code to the list of language codes
        it can be translated into (empty when translation is not configured).
        """
        return self._request("GET", "/api/v1/instance/translation_languages")

    @api_version("4.0.0", "4.0.0", "4.0.0")
    def instance_domain_blocks(self) -> NonPaginatableList[DomainBlock]:
        """Fetch the domains the server blocks (moderated servers), if the
        administrators publish them; otherwise the server answers with an error (such
        as :class:`~mastodon.errors.MastodonNotFoundError` or an authorization error).

        Returns a list of domain block dicts: ``domain`` (possibly partly obfuscated
        with ``*``), ``digest`` (SHA-256 of the domain), ``severity`` (``"silence"``
        or ``"suspend"``) and ``comment`` (optional).
        """
        return self._request("GET", "/api/v1/instance/domain_blocks")

    @api_version("4.2.0", "4.2.0", "4.2.0")
    def instance_languages(self) -> NonPaginatableList[SupportedLocale]:
        """Fetch the languages the server supports for posts (not in the Mastodon API
        documentation, but served since Mastodon 4.2.0).

        Returns a list of dicts with ``code`` (ISO 639 code) and ``name`` (English).
        """
        return self._request("GET", "/api/v1/instance/languages")
