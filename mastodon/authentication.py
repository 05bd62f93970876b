"""App registration, client construction and logging in (manual section 3.4)."""
from __future__ import annotations
import datetime
import logging
from typing import Any, Optional, Sequence, Tuple, Union
from urllib.parse import urlencode

import requests
from urllib3.util import Retry

from mastodon import _credentials
from mastodon._core import RequestCore, api_error
from mastodon._ratelimit import DEFAULT_MAX_WAIT, RATELIMIT_METHODS, RateLimiter
from mastodon.errors import (MastodonAPIError, MastodonIllegalArgumentError, MastodonNetworkError,
                             MastodonRatelimitError, MastodonServerError, MastodonVersionError)
from mastodon.utility import AttribAccessDict, api_version, parse_version_string

log = logging.getLogger("mastodon")

DEFAULT_SCOPES = ["read", "write", "follow", "push"]
OOB_REDIRECT = "urn:ietf:wg:oauth:2.0:oob"
FEATURE_SETS = ("mainline", "fedibird", "pleroma")
VERSION_CHECK_MODES = ("created", "changed", "none")

#: Scopes that a granted umbrella scope implies, for checking what log_in was granted.
SCOPE_SETS = {
    "read": ["read:accounts", "read:blocks", "read:favourites", "read:filters", "read:follows",
             "read:lists", "read:mutes", "read:notifications", "read:search", "read:statuses",
             "read:bookmarks"],
    "write": ["write:accounts", "write:blocks", "write:favourites", "write:filters", "write:follows",
              "write:lists", "write:media", "write:mutes", "write:notifications", "write:reports",
              "write:statuses", "write:bookmarks", "write:conversations"],
    "follow": ["read:blocks", "read:follows", "read:mutes", "write:blocks", "write:follows", "write:mutes"],
    "admin:read": ["admin:read:accounts", "admin:read:reports", "admin:read:domain_allows",
                   "admin:read:domain_blocks", "admin:read:ip_blocks", "admin:read:email_domain_blocks",
                   "admin:read:canonical_email_blocks"],
    "admin:write": ["admin:write:accounts", "admin:write:reports", "admin:write:domain_allows",
                    "admin:write:domain_blocks", "admin:write:ip_blocks", "admin:write:email_domain_blocks",
                    "admin:write:canonical_email_blocks"],
}


def protocolize(base_url: str) -> str:
    """Add ``https://`` to a base URL without a scheme and strip trailing slashes."""
    base_url = str(base_url).strip()
    if not base_url.startswith(("http://", "https://")):
        base_url = "https://" + base_url
    return base_url.rstrip("/")


def check_granted_scopes(requested: Sequence[str], granted_text: Optional[str]) -> None:
    """Raise MastodonAPIError unless the granted scopes cover the requested ones."""
    if granted_text is None:
        log.warning("The server did not say which scopes it granted; assuming all were")
        return
    granted = granted_text.split(" ")
    for umbrella, implied in SCOPE_SETS.items():
        if umbrella in granted:
            granted += implied
    if not set(requested) <= set(granted):
        raise MastodonAPIError('Granted scopes "%s" do not contain all of the requested scopes "%s".'
                               % (" ".join(granted_text.split(" ")), " ".join(requested)))


class AuthenticationMixin(RequestCore):
    """Constructor, app registration and OAuth (manual section 3.4)."""

    def __init__(self, client_id: Optional[Any] = None, client_secret: Optional[str] = None,
                 access_token: Optional[Any] = None, api_base_url: Optional[str] = None,
                 debug_requests: bool = False, ratelimit_method: str = "wait",
                 ratelimit_pacefactor: float = 1.1, request_timeout: Any = 300,
                 mastodon_version: Optional[str] = None, version_check_mode: str = "created",
                 session: Optional[requests.Session] = None, feature_set: str = "mainline",
                 user_agent: Optional[str] = "mastodonpy", lang: Optional[str] = None,
                 ratelimit_max_wait: float = DEFAULT_MAX_WAIT,
                 retries: Union[bool, int, Retry, None] = False) -> None:
        """Create a client for the server at ``api_base_url``.

        ``client_id`` and ``access_token`` may be given directly or as paths of the files
        written by :meth:`create_app` and :meth:`log_in`; then the client id, secret,
        token and base URL are read from them (a base URL in a file that differs from the
        given one is an error). A ``client_id`` given directly needs its
        ``client_secret``. With neither, only endpoints that need no login work.

        ``ratelimit_method`` is "throw", "wait" (default) or "pace", see
        :ref:`ratelimits`; all three are safe to use from several threads.
        ``request_timeout`` bounds each call (seconds). ``session`` is the
        ``requests.Session`` used for every request (proxies, adapters, certificates).

        ``mastodon_version`` declares the server version instead of asking the server;
        ``version_check_mode`` is "created" (refuse methods the server is too old to
        have), "changed" (also refuse those whose behaviour changed since) or "none".
        ``feature_set`` is "mainline", "fedibird" or "pleroma" and enables the
        parameters of those servers. ``user_agent`` is sent as the User-Agent header
        (the app name stored by :meth:`create_app` is used when it is left at its
        default); ``lang`` (ISO 639 code) is sent with every request.

        All arguments are checked before any request: invalid ones raise
        :class:`MastodonIllegalArgumentError`, an unparseable ``mastodon_version``
        :class:`MastodonVersionError`.
        """
        if ratelimit_method not in RATELIMIT_METHODS:
            raise MastodonIllegalArgumentError(
                "Invalid ratelimit_method %r: use one of %s" % (ratelimit_method, ", ".join(RATELIMIT_METHODS)))
        if version_check_mode not in VERSION_CHECK_MODES:
            raise MastodonIllegalArgumentError(
                "Invalid version_check_mode %r: use one of %s" % (version_check_mode, ", ".join(VERSION_CHECK_MODES)))
        if feature_set not in FEATURE_SETS:
            raise MastodonIllegalArgumentError(
                "Invalid feature_set %r: use one of %s" % (feature_set, ", ".join(FEATURE_SETS)))
        declared_version = None
        if mastodon_version is not None:
            try:
                declared_version = parse_version_string(mastodon_version)
            except Exception:
                raise MastodonVersionError(
                    "Bad mastodon_version %r: give a version like '4.2.0'" % (mastodon_version,)) from None

        if isinstance(ratelimit_max_wait, bool) or not isinstance(ratelimit_max_wait, (int, float)) \
                or not ratelimit_max_wait >= 0:
            raise MastodonIllegalArgumentError(
                "ratelimit_max_wait must be a number of seconds >= 0, got %r" % (ratelimit_max_wait,))
        self._ratelimit_max_wait = float(ratelimit_max_wait)
        if retries is not False and retries is not None:
            from mastodon._retry import make_policy  # only clients with retries need it
            self._retry_policy = make_policy(retries)
        self._limiter = RateLimiter(ratelimit_method, 1.0)
        self.ratelimit_pacefactor = ratelimit_pacefactor  # checked by the property
        self._instance_cache: Optional[AttribAccessDict] = None
        self._own_account_id = None
        self._access_token: Optional[str] = None
        self._refresh_token: Optional[str] = None
        self._token_expired = datetime.datetime.now()
        self.debug_requests = debug_requests
        self.request_timeout = request_timeout
        self.session = session if session is not None else requests.Session()
        self._owns_session = session is None
        self.feature_set = feature_set
        self.lang = lang
        self.version_check_mode = version_check_mode

        base_url = protocolize(api_base_url) if api_base_url is not None else None
        # where base_url came from, for the messages below
        url_source = "api_base_url" if base_url is not None else None
        app_name = None
        files_read = []

        client_file = _credentials.as_existing_file(client_id)
        if client_file is not None:
            client_id, client_secret, file_url, app_name = _credentials.read_lines(
                client_file, ("client id", "client secret"), ("base URL", "app name"))
            files_read.append(client_file)
            base_url, url_source = self._merge_base_url(base_url, url_source, file_url, client_file)
        elif client_id is not None and client_secret is None:
            raise MastodonIllegalArgumentError(
                "client_id was given directly (it is not the path of an existing file) but client_secret "
                "was not: give both, or the path of a client credential file as client_id")

        token_file = _credentials.as_existing_file(access_token)
        if token_file is not None:
            access_token, file_url, file_client_id, file_client_secret = _credentials.read_lines(
                token_file, ("access token",), ("base URL", "client id", "client secret"))
            files_read.append(token_file)
            base_url, url_source = self._merge_base_url(base_url, url_source, file_url, token_file)
            if client_id is None and file_client_id is not None and file_client_secret is not None:
                client_id, client_secret = file_client_id, file_client_secret

        if base_url is None:
            if files_read:
                raise MastodonIllegalArgumentError(
                    "API base URL is required: %s contain%s none (files written by old versions hold "
                    "only the id and secret, or only the token), so pass api_base_url too"
                    % (" and ".join(repr(f) for f in files_read), "s" if len(files_read) == 1 else ""))
            hint = ""
            if isinstance(access_token, str):
                hint = " (access_token is not the path of an existing file, so it was taken as the token itself)"
            raise MastodonIllegalArgumentError(
                "API base URL is required: pass api_base_url, or a credential file that contains it" + hint)
        self.api_base_url = base_url
        self.client_id = client_id
        self.client_secret = client_secret
        self.access_token = access_token
        if user_agent in (None, "mastodonpy") and app_name:
            user_agent = app_name
        self.user_agent = user_agent if user_agent is not None else "mastodonpy"

        self.mastodon_major, self.mastodon_minor, self.mastodon_patch = 1, 0, 0
        self.version_check_worked: Optional[bool] = None
        if declared_version is not None:
            self.mastodon_major, self.mastodon_minor, self.mastodon_patch = declared_version
            self.version_check_worked = True
        elif version_check_mode != "none":
            self._detect_version()

    def __repr__(self) -> str:
        return "<Mastodon client for %s%s>" % (self.api_base_url, " (logged in)" if self._access_token else "")

    @staticmethod
    def _merge_base_url(given: Optional[str], source: Optional[str], from_file: Optional[str],
                        path: str) -> Tuple[Optional[str], Optional[str]]:
        """The base URL after reading ``path``, and where it came from. A URL in the file
        that differs from the one already known (compared after normalising) is an error."""
        if not from_file:
            return given, source
        from_file = protocolize(from_file)
        if given is not None and given != from_file:
            known = "api_base_url is %r" % given if source == "api_base_url" else "%r contains %r" % (source, given)
            raise MastodonIllegalArgumentError(
                "Mismatch in base URLs between files and/or specified: %s, but %r contains %r; "
                "use credential files of the same server, and leave api_base_url out or make it match"
                % (known, path, from_file))
        return from_file, path

    # -- app registration ---------------------------------------------------------------------
    @staticmethod
    def create_app(client_name: str, scopes: Sequence[str] = DEFAULT_SCOPES,
                   redirect_uris: Optional[Union[str, Sequence[str]]] = None, website: Optional[str] = None,
                   to_file: Optional[Any] = None, api_base_url: Optional[str] = None,
                   request_timeout: Any = 300, session: Optional[requests.Session] = None) -> Tuple[str, str]:
        """Register an app called ``client_name`` with ``scopes`` on the server at ``api_base_url``.

        ``redirect_uris`` (one URL or a list) are where OAuth logins may redirect to
        (default: the out-of-band URN, which shows the code to the user). ``website`` is
        shown with the app. ``to_file`` saves the client id, secret, base URL and app
        name (mode 0600, written atomically) for use as the constructor's ``client_id``.
        Register once and keep the file: do not register on every start.

        A failed registration raises :class:`MastodonNetworkError` (no answer) or
        :class:`MastodonAPIError` (an answer without the credentials; the class follows
        the HTTP status, as for other calls) and leaves ``to_file`` untouched.

        Returns ``(client_id, client_secret)``.
        """
        if api_base_url is None:
            raise MastodonIllegalArgumentError("api_base_url is required to register an app")
        api_base_url = protocolize(api_base_url)
        request_data = {"client_name": client_name, "scopes": " ".join(scopes)}
        if redirect_uris is None:
            request_data["redirect_uris"] = OOB_REDIRECT
        elif isinstance(redirect_uris, (list, tuple)):
            request_data["redirect_uris"] = "\n".join(redirect_uris)
        else:
            request_data["redirect_uris"] = redirect_uris
        if website is not None:
            request_data["website"] = website
        url = api_base_url + "/api/v1/apps"
        try:
            if session is not None:
                answer = session.post(url, data=request_data, timeout=request_timeout)
            else:
                answer = requests.post(url, data=request_data, timeout=request_timeout)
        except Exception as err:  # noqa: BLE001 - any failure to get an answer
            raise MastodonNetworkError("Could not complete request: %s" % err) from err
        status = getattr(answer, "status_code", None)
        failed = isinstance(status, int) and status >= 400
        try:
            response = answer.json()
        except ValueError:  # not JSON: an error page, or not a Mastodon server
            if status == 429:
                raise MastodonRatelimitError("Hit rate limit.") from None
            if failed:
                raise api_error(answer) from None
            raise MastodonAPIError("Could not parse response as JSON, response code was %s" % status,
                                   status, getattr(answer, "reason", None), None) from None
        except Exception as err:  # noqa: BLE001 - the body could not be read
            raise MastodonNetworkError("Could not complete request: %s" % err) from err
        if not isinstance(response, dict) or "client_id" not in response or "client_secret" not in response:
            if status == 429:
                raise MastodonRatelimitError("Hit rate limit.")
            if failed:
                raise api_error(answer)
            error_text = response.get("error") if isinstance(response, dict) else response
            raise MastodonAPIError("App registration failed", status, getattr(answer, "reason", None), error_text)
        if to_file is not None:
            _credentials.write_lines(to_file, [response["client_id"], response["client_secret"],
                                               api_base_url, client_name])
        return response["client_id"], response["client_secret"]

    @api_version("2.0.0", "2.7.2", "2.7.2")
    def app_verify_credentials(self) -> AttribAccessDict:
        """Fetch information about the current application.

        Returns an application dict (``name``, ``website``, ``scopes``, ...).
        """
        return self._request("GET", "/api/v1/apps/verify_credentials")

    # -- logging in ---------------------------------------------------------------------------------
    def auth_request_url(self, client_id: Optional[Any] = None, redirect_uris: str = OOB_REDIRECT,
                         scopes: Sequence[str] = DEFAULT_SCOPES, force_login: bool = False,
                         state: Optional[str] = None, lang: Optional[str] = None) -> str:
        """Return the URL to send a user to for an OAuth login; no request is made.

        The user logs in there and gets a code (shown, or passed to ``redirect_uris``
        as the ``code`` parameter) for :meth:`log_in`. ``redirect_uris`` must be one of
        those given to :meth:`create_app`. ``force_login`` makes the user log in even if
        already logged in to the web interface; ``state`` is the OAuth state (use a
        random, unguessable value); ``lang`` sets the language of the login form.
        ``client_id`` defaults to the client's own and may be a client credential file.
        """
        if client_id is None:
            client_id = self.client_id
            if client_id is None:
                raise MastodonIllegalArgumentError(
                    "auth_request_url needs a client id: pass client_id, or construct the client with "
                    "the client credential file written by create_app")
        else:
            client_file = _credentials.as_existing_file(client_id)
            if client_file is not None:
                client_id = _credentials.read_lines(client_file, ("client id",))[0]
        params = {
            "client_id": client_id,
            "response_type": "code",
            "redirect_uri": redirect_uris,
            "scope": " ".join(scopes),
            "force_login": "true" if force_login else "false",
        }
        if state is not None:
            params["state"] = state
        if lang is not None:
            params["lang"] = lang
        return self.api_base_url + "/oauth/authorize?" + urlencode(params)

    def log_in(self, username: Optional[str] = None, password: Optional[str] = None,
               code: Optional[str] = None, redirect_uri: str = OOB_REDIRECT,
               refresh_token: Optional[str] = None, scopes: Sequence[str] = DEFAULT_SCOPES,
               to_file: Optional[Any] = None) -> str:
        """Get an access token for a user and log the client in with it.

        Give ``username`` (the e-mail address) and ``password``, or an OAuth ``code``
        from :meth:`auth_request_url` (with the same ``redirect_uri``), or a
        ``refresh_token``. ``to_file`` saves the token, base URL, client id and secret
        (mode 0600, written atomically, only after success) for use as the
        constructor's ``access_token``.

        Raises :class:`MastodonIllegalArgumentError` when the server refuses the
        credentials or code, and :class:`MastodonAPIError` when not all requested
        ``scopes`` were granted. Returns the access token.
        """
        params: dict = {}
        if username is not None and password is not None:
            params.update(username=username, password=password, redirect_uri=redirect_uri, grant_type="password")
            failure = "Invalid user name, password, or redirect_uris"
        elif code is not None:
            params.update(code=code, redirect_uri=redirect_uri, grant_type="authorization_code")
            failure = "Invalid access token or redirect_uris"
        elif refresh_token is not None:
            params.update(redirect_uri=redirect_uri, refresh_token=refresh_token, grant_type="refresh_token")
            failure = "Invalid request"
        else:
            raise MastodonIllegalArgumentError(
                "Invalid arguments given: username and password, code, or refresh_token are required")
        if self.client_id is None:
            raise MastodonIllegalArgumentError(
                "log_in needs the app's client id and secret: construct the client with "
                "client_id=<the file written by create_app> (or client_id and client_secret)")
        params["client_id"] = self.client_id
        params["client_secret"] = self.client_secret
        params["scope"] = " ".join(scopes)
        response = self._token_request(params, failure)
        check_granted_scopes(scopes, response.get("scope"))
        self._accept_token(response, to_file)
        if not self.version_check_worked and self.version_check_mode != "none":
            self._detect_version()
        return response["access_token"]

    def _token_request(self, params: dict, failure: str, access_token: Optional[str] = None) -> AttribAccessDict:
        """POST /oauth/token; a refusal by the server becomes MastodonIllegalArgumentError."""
        try:
            response = self._request("POST", "/oauth/token", params, rate_limited=False, access_token=access_token)
        except (MastodonServerError, MastodonRatelimitError):
            raise
        except MastodonAPIError as err:
            raise MastodonIllegalArgumentError("%s: %s" % (failure, err.args[-1] if err.args else err)) from None
        if not isinstance(response, dict) or not response.get("access_token"):
            raise MastodonIllegalArgumentError("%s: the server returned no access token" % failure)
        return response

    def _accept_token(self, response: dict, to_file: Optional[Any]) -> None:
        """Use a token answer: remember token, refresh token and expiry; save it if asked."""
        if to_file is not None:
            _credentials.write_lines(to_file, [response["access_token"], self.api_base_url,
                                               self.client_id, self.client_secret])
        self.access_token = response["access_token"]
        self._refresh_token = response.get("refresh_token")
        expires_in = response.get("expires_in")
        try:
            self._token_expired = datetime.datetime.now() + datetime.timedelta(seconds=int(expires_in or 0))
        except (TypeError, ValueError):
            self._token_expired = datetime.datetime.now()

    def revoke_access_token(self) -> None:
        """Revoke the token the client is logged in with; the user must log in again.

        Needs the client id and secret (from the constructor or the token file).
        """
        if self._access_token is None or self.client_id is None or self.client_secret is None:
            raise MastodonIllegalArgumentError(
                "Revoking a token needs the access token, the client id and the client secret")
        self._request("POST", "/oauth/revoke",
                      {"client_id": self.client_id, "client_secret": self.client_secret, "token": self._access_token})
        self.access_token = None
