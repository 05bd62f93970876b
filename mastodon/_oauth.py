"""OAuth pieces shared by the login code (authentication.py) and account creation
(accounts.py): scopes, the token request, accepting a token, PKCE and the endpoints
that RFC 8414 server metadata names.

Nothing here is public API; the mixins call these functions with the client.
"""
from __future__ import annotations
import base64
import datetime
import hashlib
import logging
import re
import secrets
from typing import Any, Dict, List, Optional, Sequence, Tuple
from urllib.parse import urlsplit

from mastodon import _credentials
from mastodon._core import RequestCore
from mastodon.errors import (MastodonAPIError, MastodonIllegalArgumentError, MastodonRatelimitError,
                             MastodonServerError)
from mastodon.utility import AttribAccessDict

log = logging.getLogger("mastodon")

DEFAULT_SCOPES = ["read", "write", "follow", "push"]
OOB_REDIRECT = "urn:ietf:wg:oauth:2.0:oob"
METADATA_PATH = "/.well-known/oauth-authorization-server"

#: 1.8.0's paths of the OAuth endpoints, used when the server metadata names none.
DEFAULT_ENDPOINTS = {
    "authorization_endpoint": "/oauth/authorize",
    "token_endpoint": "/oauth/token",
    "revocation_endpoint": "/oauth/revoke",
    "userinfo_endpoint": "/oauth/userinfo",
}

_READ = ["accounts", "blocks", "bookmarks", "favourites", "filters", "follows", "lists", "mutes",
         "notifications", "search", "statuses"]
_WRITE = ["accounts", "blocks", "bookmarks", "conversations", "favourites", "filters", "follows", "lists",
          "media", "mutes", "notifications", "reports", "statuses"]
_ADMIN = ["accounts", "reports", "domain_allows", "domain_blocks", "ip_blocks", "email_domain_blocks",
          "canonical_email_blocks"]

#: Scopes that a granted umbrella scope implies, for checking what a login was granted.
SCOPE_SETS: Dict[str, List[str]] = {
    "read": ["read:" + s for s in _READ],
    "write": ["write:" + s for s in _WRITE],
    "follow": ["read:blocks", "read:follows", "read:mutes", "write:blocks", "write:follows", "write:mutes"],
    "admin:read": ["admin:read:" + s for s in _ADMIN],
    "admin:write": ["admin:write:" + s for s in _ADMIN],
}

def scope_list(scopes: Any, name: str = "scopes") -> List[str]:
    """``scopes`` as a list of scope names: a list (or tuple, set) of names, or one
    string of space-separated names (the API's own form). Raises
    MastodonIllegalArgumentError for anything else (``" ".join`` of a string would
    send its letters)."""
    if isinstance(scopes, str):
        return scopes.split()
    if isinstance(scopes, (list, tuple, set, frozenset)) and all(isinstance(scope, str) for scope in scopes):
        return list(scopes)
    raise MastodonIllegalArgumentError(
        "%s must be a list of scope names such as ['read', 'write'] (or one string 'read write'), got %r"
        % (name, scopes))


def one_redirect_uri(name: str, value: Any) -> str:
    """The redirect URI an authorization request or token request names: one string
    (a list of one is that one). Several cannot be sent; the caller must choose."""
    if isinstance(value, (list, tuple)) and len(value) == 1:
        value = value[0]
    if not isinstance(value, str) or not value:
        raise MastodonIllegalArgumentError(
            "%s must be one redirect URI (one of those registered with create_app), got %r" % (name, value))
    return value


# -- PKCE (RFC 7636) ------------------------------------------------------------------------------
#: A code verifier: 43 to 128 characters of the unreserved set (RFC 7636 section 4.1).
_VERIFIER = re.compile(r"[A-Za-z0-9\-._~]{43,128}")


def new_code_verifier() -> str:
    """A fresh random PKCE code verifier: 64 characters (384 bits) from ``secrets``."""
    return secrets.token_urlsafe(48)  # 48 bytes -> 64 characters of [A-Za-z0-9_-]


def check_code_verifier(verifier: object) -> str:
    """Return ``verifier`` if it is a valid PKCE code verifier, else raise."""
    if not isinstance(verifier, str) or _VERIFIER.fullmatch(verifier) is None:
        raise MastodonIllegalArgumentError(
            "code_verifier must be 43 to 128 characters of A-Z, a-z, 0-9 and '-._~' (RFC 7636)")
    return verifier


def code_challenge(verifier: str) -> str:
    """The S256 code challenge of ``verifier``: BASE64URL(SHA256(verifier)) without padding."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


# -- scopes and tokens ------------------------------------------------------------------------------
def check_granted_scopes(requested: Sequence[str], granted_text: Optional[str]) -> None:
    """Raise MastodonAPIError unless the granted scopes cover the requested ones."""
    if granted_text is None:
        log.warning("The server did not say which scopes it granted; assuming all were")
        return
    granted = granted_text.split()
    for umbrella, implied in SCOPE_SETS.items():
        if umbrella in granted:
            granted += implied
    if not set(requested) <= set(granted):
        raise MastodonAPIError('Granted scopes "%s" do not contain all of the requested scopes "%s".'
                               % (" ".join(granted_text.split()), " ".join(requested)))


def split_url(url: str) -> Tuple[str, str]:
    """``(origin, path and query)`` of an absolute URL, for the core's ``base_url``."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return "%s://%s" % (parts.scheme, parts.netloc), path


def token_request(api: RequestCore, params: Dict[str, Any], failure: str, access_token: Optional[str] = None,
                  endpoint: Optional[str] = None) -> Dict[str, Any]:
    """POST to the token endpoint (``endpoint``, an absolute URL, or the client's
    ``/oauth/token``); a refusal by the server becomes MastodonIllegalArgumentError."""
    base_url, path = split_url(endpoint) if endpoint else (None, DEFAULT_ENDPOINTS["token_endpoint"])
    try:
        response = api._request("POST", path, params, rate_limited=False, access_token=access_token,
                                base_url=base_url)
    except (MastodonServerError, MastodonRatelimitError):
        raise
    except MastodonAPIError as err:
        raise MastodonIllegalArgumentError("%s: %s" % (failure, err.args[-1] if err.args else err)) from None
    if not isinstance(response, dict) or not response.get("access_token"):
        raise MastodonIllegalArgumentError("%s: the server returned no access token" % failure)
    return response


def accept_token(api: RequestCore, response: Dict[str, Any], to_file: Optional[Any]) -> None:
    """Use a token answer: remember token, refresh token and expiry; save it if asked."""
    if to_file is not None:
        _credentials.write_lines(to_file, [response["access_token"], api.api_base_url,
                                           api.client_id, api.client_secret])
    api.access_token = response["access_token"]
    vars(api)["_refresh_token"] = response.get("refresh_token")
    expires_in = response.get("expires_in")
    try:
        expiry = datetime.datetime.now() + datetime.timedelta(seconds=int(expires_in or 0))
    except (TypeError, ValueError):
        expiry = datetime.datetime.now()
    vars(api)["_token_expired"] = expiry


# -- server metadata (RFC 8414) ----------------------------------------------------------------------
def endpoint_url(api_base_url: str, metadata: Optional[Dict[str, Any]], name: str, allow_http: bool) -> str:
    """The absolute URL of the OAuth endpoint ``name`` (``"token_endpoint"``, ...).

    The metadata's value is used when it is an absolute http(s) URL, else 1.8.0's path
    on ``api_base_url``. A plain http URL that only the metadata named (not on the
    origin the caller chose) is refused unless ``allow_http``.
    """
    value = metadata.get(name) if isinstance(metadata, dict) else None
    if not isinstance(value, str) or urlsplit(value).scheme not in ("http", "https") or not urlsplit(value).netloc:
        return api_base_url + DEFAULT_ENDPOINTS[name]
    if urlsplit(value).scheme == "http" and not allow_http:
        chosen = urlsplit(api_base_url)
        named = urlsplit(value)
        if (chosen.scheme, chosen.netloc.lower()) != ("http", named.netloc.lower()):
            raise MastodonIllegalArgumentError(
                "The server metadata names the plain http URL %s as its %s; credentials are not sent "
                "there unless you pass allow_http=True" % (value, name))
    return value


def usable_metadata(document: Any) -> Optional[AttribAccessDict]:
    """The metadata document if it is a JSON object, else None (an HTML page, a list, ...)."""
    if isinstance(document, AttribAccessDict):
        return document
    if isinstance(document, dict):
        return AttribAccessDict(document)
    return None
