"""The logged-in user's profile: credentials, avatar and header (manual section 3.4.2)."""
from __future__ import annotations
from typing import Any, Dict, Iterable, List, Optional, Sequence, Union

from mastodon._core import RequestCore
from mastodon._files import upload_parts
from mastodon._validate import check_choice
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.return_types import CredentialAccount, Profile
from mastodon.utility import api_version

#: Most profile fields the server accepts.
MAX_PROFILE_FIELDS = 4
#: Default visibilities of new posts (``source[privacy]``).
DEFAULT_PRIVACIES = ("public", "unlisted", "private")
#: Default quote policies of new posts (``source[quote_policy]``, Mastodon 4.5.0).
QUOTE_POLICIES = ("public", "followers", "nobody")

#: Parameters of account_update_credentials and the Mastodon version that added them.
_CREDENTIAL_PARAMS = {
    "hide_collections": "4.1.0", "indexable": "4.2.0", "attribution_domains": "4.4.0",
    "default_privacy": "2.4.0", "default_sensitive": "2.4.0", "default_language": "2.4.2",
    "default_quote_policy": "4.5.0", "avatar_description": "4.6.0", "header_description": "4.6.0",
}


def _fields_attributes(fields: Iterable[Any]) -> Dict[str, Any]:
    """Encode profile fields as ``fields_attributes[i][name]`` / ``[value]`` parameters.

    Each field is a ``(name, value)`` pair or a dict with ``name`` and ``value`` (as in
    ``account.source.fields``). An empty sequence clears all fields (the server drops
    entries with a blank name).
    """
    if isinstance(fields, (str, bytes, dict)) or not hasattr(fields, "__iter__"):
        raise MastodonIllegalArgumentError("fields must be a list of (name, value) pairs, got %r" % (fields,))
    pairs = list(fields)
    if len(pairs) > MAX_PROFILE_FIELDS:
        raise MastodonIllegalArgumentError("A maximum of %d fields are allowed, got %d"
                                           % (MAX_PROFILE_FIELDS, len(pairs)))
    if not pairs:
        pairs = [("", "")]
    params: Dict[str, Any] = {}
    for index, pair in enumerate(pairs):
        if isinstance(pair, dict) and "name" in pair and "value" in pair:
            name, value = pair["name"], pair["value"]
        elif isinstance(pair, (list, tuple)) and len(pair) == 2:
            name, value = pair
        else:
            raise MastodonIllegalArgumentError(
                "Each profile field must be a (name, value) pair or a dict with name and value, got %r" % (pair,))
        params["fields_attributes[%d][name]" % index] = "" if name is None else name
        params["fields_attributes[%d][value]" % index] = "" if value is None else value
    return params


def _domains(attribution_domains: Optional[Union[str, Sequence[str]]]) -> Optional[List[str]]:
    """``attribution_domains`` as the list sent as ``attribution_domains[]``; an empty list
    is sent as one empty entry, which clears the domains."""
    if attribution_domains is None:
        return None
    domains = [attribution_domains] if isinstance(attribution_domains, str) else attribution_domains
    if not isinstance(domains, (list, tuple, set, frozenset)) or not all(isinstance(d, str) and d for d in domains):
        raise MastodonIllegalArgumentError(
            "attribution_domains must be a list of domain names, got %r" % (attribution_domains,))
    return list(domains) or [""]


#: The on/off settings of the profile API (1.8.0's account_update_credentials took any
#: value for its flags, so only profile_update checks them).
_FLAGS = ("locked", "bot", "discoverable", "hide_collections", "indexable", "show_media", "show_media_replies",
          "show_featured")


def _profile_params(display_name: Optional[str], note: Optional[str], locked: Optional[bool],
                    bot: Optional[bool], discoverable: Optional[bool], fields: Optional[Sequence[Any]],
                    **more: Any) -> Dict[str, Any]:
    """The form parameters shared by update_credentials and profile_update."""
    params: Dict[str, Any] = {"display_name": display_name, "note": note, "locked": locked, "bot": bot,
                              "discoverable": discoverable}
    params.update(more)
    if "attribution_domains" in params:
        params["attribution_domains"] = _domains(params["attribution_domains"])
    if fields is not None:
        params.update(_fields_attributes(fields))
    return params


class AccountsProfileMixin(RequestCore):
    """Endpoints that change the logged-in user's profile."""

    @api_version("1.1.1", "3.1.0", "3.3.0", params=_CREDENTIAL_PARAMS)
    def account_update_credentials(self, display_name: Optional[str] = None, note: Optional[str] = None,
                                   avatar: Optional[Any] = None, avatar_mime_type: Optional[str] = None,
                                   header: Optional[Any] = None, header_mime_type: Optional[str] = None,
                                   locked: Optional[bool] = None, bot: Optional[bool] = None,
                                   discoverable: Optional[bool] = None,
                                   fields: Optional[Sequence[Any]] = None,
                                   hide_collections: Optional[bool] = None, indexable: Optional[bool] = None,
                                   attribution_domains: Optional[Sequence[str]] = None,
                                   default_privacy: Optional[str] = None, default_sensitive: Optional[bool] = None,
                                   default_language: Optional[str] = None,
                                   default_quote_policy: Optional[str] = None,
                                   avatar_description: Optional[str] = None,
                                   header_description: Optional[str] = None) -> CredentialAccount:
        """Update the logged-in user's profile; only the arguments given are changed.

        ``note`` is the bio. ``avatar`` and ``header`` are images, each given as a file
        path, as ``bytes`` or as a binary file object, and uploaded as a multipart body.
        For a path the mime type is detected as for media uploads (from the content
        with python-magic when installed, else from the file name), and
        ``avatar_mime_type`` / ``header_mime_type`` is used when that fails; for data
        and file objects pass it (for a file object with a name it is otherwise
        guessed from the name).

        ``locked``: follow requests need manual approval. ``bot``: mark the account as
        automated. ``discoverable``: list the account in the profile directory.

        ``fields`` are the profile's name-value fields: up to four ``(name, value)``
        pairs (or dicts with ``name`` and ``value``, such as ``me().source.fields``);
        they replace all current fields, and an empty list removes them. More than four
        raise :class:`~mastodon.errors.MastodonIllegalArgumentError`, as does a path that
        is not a file or data without a mime type, before anything is sent.

        Newer parameters, each refused on a server older than the version named:
        ``hide_collections`` (4.1.0): hide the lists of followers and followed accounts.
        ``indexable`` (4.2.0): let anyone search the account's public posts.
        ``attribution_domains`` (4.4.0): the websites allowed to credit the user as the
        author of their articles, a list of domain names (an empty list clears them).
        ``default_privacy`` (2.4.0): the default visibility of new posts, ``"public"``,
        ``"unlisted"`` or ``"private"``. ``default_sensitive`` (2.4.0): mark new posts'
        media as sensitive by default. ``default_language`` (2.4.2): the default
        language of new posts (ISO 639-1 code). ``default_quote_policy`` (4.5.0): who may
        quote new posts by default, ``"public"``, ``"followers"`` or ``"nobody"``.
        ``avatar_description`` / ``header_description`` (4.6.0): the alt texts of the
        avatar and the header image.

        Returns the updated account dict of the logged-in user (with ``source``).
        """
        check_choice("default_privacy", default_privacy, DEFAULT_PRIVACIES)
        check_choice("default_quote_policy", default_quote_policy, QUOTE_POLICIES)
        params = _profile_params(
            display_name, note, locked, bot, discoverable, fields,
            hide_collections=hide_collections, indexable=indexable, attribution_domains=attribution_domains,
            avatar_description=avatar_description, header_description=header_description)
        params.update({"source[privacy]": default_privacy, "source[sensitive]": default_sensitive,
                       "source[language]": default_language, "source[quote_policy]": default_quote_policy})
        files = upload_parts(avatar=(avatar, avatar_mime_type), header=(header, header_mime_type))
        return self._request("PATCH", "/api/v1/accounts/update_credentials", params, files=files or None)

    @api_version("4.2.0", "4.2.0", "4.2.0")
    def account_delete_avatar(self) -> CredentialAccount:
        """Remove the logged-in user's avatar (the server's default image is shown instead).

        Returns the updated account dict of the logged-in user (with ``source``).
        """
        return self._request("DELETE", "/api/v1/profile/avatar")

    @api_version("4.2.0", "4.2.0", "4.2.0")
    def account_delete_header(self) -> CredentialAccount:
        """Remove the logged-in user's header image.

        Returns the updated account dict of the logged-in user (with ``source``).
        """
        return self._request("DELETE", "/api/v1/profile/header")

    @api_version("4.6.0", "4.6.0", "4.6.0")
    def profile(self) -> Profile:
        """Fetch the logged-in user's editable profile: the plain-text ``display_name``,
        ``note`` and ``fields`` as the user wrote them, the avatar and header with their
        descriptions, and the profile settings (``locked``, ``bot``, ``discoverable``,
        ``indexable``, ``hide_collections``, ``show_media``, ``show_media_replies``,
        ``show_featured``, ``attribution_domains``).

        Returns a profile dict.
        """
        return self._request("GET", "/api/v1/profile")

    @api_version("4.6.0", "4.6.0", "4.6.0")
    def profile_update(self, display_name: Optional[str] = None, note: Optional[str] = None,
                       avatar: Optional[Any] = None, avatar_mime_type: Optional[str] = None,
                       header: Optional[Any] = None, header_mime_type: Optional[str] = None,
                       locked: Optional[bool] = None, bot: Optional[bool] = None,
                       discoverable: Optional[bool] = None, hide_collections: Optional[bool] = None,
                       indexable: Optional[bool] = None, show_media: Optional[bool] = None,
                       show_media_replies: Optional[bool] = None, show_featured: Optional[bool] = None,
                       attribution_domains: Optional[Sequence[str]] = None,
                       fields: Optional[Sequence[Any]] = None, avatar_description: Optional[str] = None,
                       header_description: Optional[str] = None) -> Profile:
        """Update the logged-in user's profile; only the arguments given are changed.

        The parameters shared with :meth:`account_update_credentials` mean the same
        (images as paths, ``bytes`` or file objects; up to four ``fields``; an empty
        ``attribution_domains`` list clears them). ``show_media``: show the media tab
        on the profile; ``show_media_replies``: include replies there;
        ``show_featured``: show the featured tab. Invalid arguments raise
        :class:`~mastodon.errors.MastodonIllegalArgumentError` before anything is sent.

        Returns the updated profile dict.
        """
        params = _profile_params(
            display_name, note, locked, bot, discoverable, fields,
            hide_collections=hide_collections, indexable=indexable, show_media=show_media,
            show_media_replies=show_media_replies, show_featured=show_featured,
            attribution_domains=attribution_domains, avatar_description=avatar_description,
            header_description=header_description)
        for name in _FLAGS:
            if params[name] is not None and not isinstance(params[name], bool):
                raise MastodonIllegalArgumentError("%s must be True or False, got %r" % (name, params[name]))
        files = upload_parts(avatar=(avatar, avatar_mime_type), header=(header, header_mime_type))
        return self._request("PATCH", "/api/v1/profile", params, files=files or None)
