"""App registration, client construction and logging in (manual section 3.4)."""
from __future__ import annotations
import datetime
import logging
from typing import Any, Dict, Optional, Sequence, Tuple, Union, cast
from urllib.parse import urlencode

import requests
from urllib3.util import Retry

from mastodon import _credentials, _oauth
from mastodon._core import RequestCore
from mastodon._oauth import DEFAULT_SCOPES, OOB_REDIRECT, SCOPE_SETS, check_granted_scopes  # noqa: F401 - re-exported
from mastodon._ratelimit import DEFAULT_MAX_WAIT, RATELIMIT_METHODS, RateLimiter
from mastodon.errors import (MastodonAPIError, MastodonError, MastodonIllegalArgumentError, MastodonNetworkError,
                             MastodonVersionError)
from mastodon.return_types import Application, OAuthServerInfo, OAuthUserInfo
from mastodon.utility import AttribAccessDict, api_version, parse_version_string

log = logging.getLogger("mastodon")

FEATURE_SETS = ("mainline", "fedibird", "pleroma")
VERSION_CHECK_MODES = ("created", "changed", "none")
#: Marks "not looked up yet" in the per-client caches below.
_UNSET = object()


def protocolize(base_url: str) -> str:
    """Add ``https://`` to a base URL without a scheme and strip trailing slashes."""
    base_url = str(base_url).strip()
    if not base_url.startswith(("http://", "https://")):
        base_url = "https://" + base_url
    return base_url.rstrip("/")


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
                   request_timeout: Any = 300, session: Optional[requests.Session] = None,
                   user_agent: str = "mastodonpy") -> Tuple[str, str]:
        """Register an app called ``client_name`` with ``scopes`` on the server at ``api_base_url``.

        ``scopes`` (here and in :meth:`auth_request_url`, :meth:`log_in`) is a list of
        scope names, or one string of space-separated names; anything else raises
        :class:`MastodonIllegalArgumentError` before any request.

        ``redirect_uris`` (one URL or a list of several) are where OAuth logins may
        redirect to (default: the out-of-band URN, which shows the code to the user).
        ``website`` is shown with the app. ``to_file`` saves the client id, secret, base
        URL and app name (mode 0600, written atomically) for use as the constructor's
        ``client_id``. Register once and keep the file: do not register on every start.

        The request goes through the same code as every other call: it is sent with
        ``session`` (a ``requests.Session``; a private one otherwise) and ``user_agent``,
        bounded by ``request_timeout``, and logged like other requests.

        A failed registration raises :class:`MastodonNetworkError` (no answer) or
        :class:`MastodonAPIError` (an answer without the credentials; the class follows
        the HTTP status, as for other calls) and leaves ``to_file`` untouched.

        Returns ``(client_id, client_secret)``.
        """
        if api_base_url is None:
            raise MastodonIllegalArgumentError("api_base_url is required to register an app")
        api_base_url = protocolize(api_base_url)
        _credentials.check_writable(to_file)
        request_data: Dict[str, Any] = {"client_name": client_name, "scopes": " ".join(_oauth.scope_list(scopes))}
        if redirect_uris is None:
            request_data["redirect_uris"] = OOB_REDIRECT
        elif isinstance(redirect_uris, (list, tuple)):
            request_data["redirect_uris"] = "\n".join(redirect_uris)
        else:
            request_data["redirect_uris"] = redirect_uris
        if website is not None:
            request_data["website"] = website
        from mastodon.Mastodon import Mastodon  # the full client, built without any request
        own_session = session is None
        client = Mastodon(api_base_url=api_base_url, request_timeout=request_timeout,
                          session=requests.Session() if session is None else session,
                          user_agent=user_agent, version_check_mode="none", ratelimit_method="throw")
        try:
            response = client._request("POST", "/api/v1/apps", request_data, access_token="", rate_limited=False)
        finally:
            if own_session:
                client.session.close()
        if not isinstance(response, dict) or not response.get("client_id") or not response.get("client_secret"):
            error_text = response.get("error") if isinstance(response, dict) else response
            raise MastodonAPIError("App registration failed: the answer holds no client id and secret",
                                   200, None, error_text)
        if to_file is not None:
            _credentials.write_lines(to_file, [response["client_id"], response["client_secret"],
                                               api_base_url, client_name])
        return response["client_id"], response["client_secret"]

    @api_version("2.0.0", "2.7.2", "2.7.2")
    def app_verify_credentials(self) -> Application:
        """Fetch information about the current application.

        Returns an application dict (``name``, ``website``, ``scopes``, ...).
        """
        return cast(Application, self._request("GET", "/api/v1/apps/verify_credentials"))

    # -- server metadata and caches -----------------------------------------------------------
    def oauth_authorization_server_info(self) -> OAuthServerInfo:
        """Fetch the server's OAuth metadata (RFC 8414,
        ``/.well-known/oauth-authorization-server``; Mastodon 4.3 and newer).

        Returns a dict with ``issuer``, ``authorization_endpoint``, ``token_endpoint``,
        ``revocation_endpoint``, ``userinfo_endpoint`` (4.4), ``scopes_supported``,
        ``grant_types_supported``, ``code_challenge_methods_supported``, ... The answer
        is cached per client (:meth:`clear_caches` forgets it); :meth:`auth_request_url`,
        :meth:`log_in`, :meth:`revoke_access_token` and :meth:`oauth_userinfo` use it.
        A server without the document raises the error of its answer
        (:class:`MastodonNotFoundError` for a 404, :class:`MastodonAPIError` for a page
        that is not a JSON object).
        """
        cached = self.__dict__.get("_oauth_info", _UNSET)
        if isinstance(cached, dict):
            return cached  # type: ignore[return-value]
        document = self._request("GET", _oauth.METADATA_PATH, access_token="")
        info = _oauth.usable_metadata(document)
        if info is None:
            raise MastodonAPIError("The OAuth server metadata is not a JSON object", 200, None, None)
        self.__dict__["_oauth_info"] = info
        return info  # type: ignore[return-value]

    def _oauth_metadata(self) -> Optional[Dict[str, Any]]:
        """The OAuth metadata, or None when the server has none that is usable (then the
        flow uses 1.8.0's ``/oauth/...`` paths). An answer without usable metadata is
        remembered; a failure to get any answer is not."""
        cached = self.__dict__.get("_oauth_info", _UNSET)
        if cached is not _UNSET:
            return cast(Optional[Dict[str, Any]], cached)
        try:
            return self.oauth_authorization_server_info()
        except MastodonNetworkError as err:
            log.info("Could not read the OAuth server metadata of %s (%s); using /oauth/ paths",
                     self.api_base_url, err)
            return None
        except MastodonError as err:
            log.info("%s publishes no usable OAuth server metadata (%s); using /oauth/ paths",
                     self.api_base_url, err)
            self.__dict__["_oauth_info"] = None
            return None

    def clear_caches(self) -> None:
        """Forget what the client has cached about the server: the instance information
        (v1 and v2, also used for the streaming URL), the OAuth server metadata, the
        software information of :meth:`server_software` and which paths the server
        serves without a trailing slash. The next call that needs them asks again.
        The server version (``mastodon_major`` ...) is kept; call
        :meth:`retrieve_mastodon_version` to read it again.
        """
        self._instance_cache = None
        for name in ("_oauth_info", "_server_software", "_bare_paths"):
            self.__dict__.pop(name, None)

    # -- logging in ---------------------------------------------------------------------------------
    @property
    def code_verifier(self) -> Optional[str]:
        """The PKCE code verifier of the last :meth:`auth_request_url` (None before the
        first, and after :meth:`log_in` used it). A web app that builds the URL in one
        process and logs in in another keeps this value with the user's session and
        passes it to :meth:`log_in` as ``code_verifier`` (or sets this attribute)."""
        value = self.__dict__.get("_code_verifier")
        return value if isinstance(value, str) else None

    @code_verifier.setter
    def code_verifier(self, verifier: Optional[str]) -> None:
        self.__dict__["_code_verifier"] = None if verifier is None else _oauth.check_code_verifier(verifier)

    def auth_request_url(self, client_id: Optional[Any] = None, redirect_uris: str = OOB_REDIRECT,
                         scopes: Sequence[str] = DEFAULT_SCOPES, force_login: bool = False,
                         state: Optional[str] = None, lang: Optional[str] = None,
                         skip_server_info: bool = False, allow_http: bool = False,
                         code_verifier: Optional[str] = None) -> str:
        """Return the URL to send a user to for an OAuth login.

        The user logs in there and gets a code (shown, or passed to ``redirect_uris``
        as the ``code`` parameter) for :meth:`log_in`. ``redirect_uris`` must be one of
        those given to :meth:`create_app`. ``force_login`` makes the user log in even if
        already logged in to the web interface; ``state`` is the OAuth state (use a
        random, unguessable value); ``lang`` sets the language of the login form.
        ``client_id`` defaults to the client's own and may be a client credential file.

        The URL carries a PKCE challenge (RFC 7636, ``S256``) for a new random code
        verifier (or for ``code_verifier``, if given), which the client keeps as
        :attr:`code_verifier` and :meth:`log_in` sends with the code. Servers without
        PKCE ignore it. The authorization endpoint is taken from the server metadata
        (:meth:`oauth_authorization_server_info`, one request, cached) unless
        ``skip_server_info``; without metadata it is ``/oauth/authorize``. A plain http
        endpoint that only the metadata names is refused unless ``allow_http``.
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
        verifier = _oauth.new_code_verifier() if code_verifier is None else _oauth.check_code_verifier(code_verifier)
        scopes = _oauth.scope_list(scopes)
        redirect_uris = _oauth.one_redirect_uri("redirect_uris", redirect_uris)
        metadata = None if skip_server_info else self._oauth_metadata()
        endpoint = _oauth.endpoint_url(self.api_base_url, metadata, "authorization_endpoint", allow_http)
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
        params["code_challenge"] = _oauth.code_challenge(verifier)
        params["code_challenge_method"] = "S256"
        self.code_verifier = verifier
        return endpoint + ("&" if "?" in endpoint else "?") + urlencode(params)

    def log_in(self, username: Optional[str] = None, password: Optional[str] = None,
               code: Optional[str] = None, redirect_uri: str = OOB_REDIRECT,
               refresh_token: Optional[str] = None, scopes: Sequence[str] = DEFAULT_SCOPES,
               to_file: Optional[Any] = None, allow_http: bool = False,
               code_verifier: Optional[str] = None) -> str:
        """Get an access token for a user and log the client in with it.

        Give an OAuth ``code`` from :meth:`auth_request_url` (with the same
        ``redirect_uri``), or a ``refresh_token``, or (older servers only) ``username``
        (the e-mail address) and ``password``. With a code, the PKCE verifier of the
        last :meth:`auth_request_url` of this client is sent, or ``code_verifier`` when
        given (a flow split across processes). ``to_file`` saves the token, base URL,
        client id and secret (mode 0600, written atomically, only after success) for
        use as the constructor's ``access_token``.

        The token endpoint comes from the server metadata when the server publishes it
        (else ``/oauth/token``); a plain http endpoint that only the metadata names is
        refused unless ``allow_http``. Mastodon 4.4 removed the password grant: when the
        metadata does not list it, a password login raises
        :class:`MastodonIllegalArgumentError` before the password is sent.

        Raises :class:`MastodonIllegalArgumentError` when the server refuses the
        credentials or code, and :class:`MastodonAPIError` when not all requested
        ``scopes`` were granted. Returns the access token.
        """
        scopes = _oauth.scope_list(scopes)
        redirect_uri = _oauth.one_redirect_uri("redirect_uri", redirect_uri)
        _credentials.check_writable(to_file)
        params: Dict[str, Any] = {}
        if username is not None and password is not None:
            params.update(username=username, password=password, redirect_uri=redirect_uri, grant_type="password")
            failure = "Invalid user name, password, or redirect_uris"
        elif code is not None:
            params.update(code=code, redirect_uri=redirect_uri, grant_type="authorization_code")
            failure = "Invalid access token or redirect_uris"
            verifier = self.code_verifier if code_verifier is None else _oauth.check_code_verifier(code_verifier)
            if verifier is not None:
                params["code_verifier"] = verifier
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
        metadata = self._oauth_metadata()
        grants = metadata.get("grant_types_supported") if metadata else None
        if params["grant_type"] == "password" and isinstance(grants, list) and "password" not in grants:
            raise MastodonIllegalArgumentError(
                "This server does not accept passwords (its OAuth metadata lists no password grant; "
                "Mastodon 4.4 removed it). Log in with a code instead: url = api.auth_request_url(); "
                "open url in a browser, log in, copy the code; then api.log_in(code=the_code). "
                "Or run: python -m mastodon login --instance " + self.api_base_url)
        endpoint = _oauth.endpoint_url(self.api_base_url, metadata, "token_endpoint", allow_http)
        params["client_id"] = self.client_id
        params["client_secret"] = self.client_secret
        params["scope"] = " ".join(scopes)
        response = _oauth.token_request(self, params, failure, endpoint=endpoint)
        check_granted_scopes(scopes, response.get("scope"))
        _oauth.accept_token(self, response, to_file)
        if params["grant_type"] == "authorization_code":
            self.code_verifier = None  # a verifier is good for one code only
        if not self.version_check_worked and self.version_check_mode != "none":
            self._detect_version()
        return str(response["access_token"])

    def revoke_access_token(self, allow_http: bool = False) -> None:
        """Revoke the token the client is logged in with; the user must log in again.

        Needs the client id and secret (from the constructor or the token file). The
        revocation endpoint comes from the server metadata when there is one (else
        ``/oauth/revoke``); ``allow_http`` as in :meth:`log_in`.
        """
        if self._access_token is None or self.client_id is None or self.client_secret is None:
            raise MastodonIllegalArgumentError(
                "Revoking a token needs the access token, the client id and the client secret")
        endpoint = _oauth.endpoint_url(self.api_base_url, self._oauth_metadata(), "revocation_endpoint", allow_http)
        base_url, path = _oauth.split_url(endpoint)
        self._request("POST", path,
                      {"client_id": self.client_id, "client_secret": self.client_secret, "token": self._access_token},
                      base_url=base_url)
        self.access_token = None

    @api_version("4.3.0", "4.3.0", "4.3.0")
    def oauth_userinfo(self) -> OAuthUserInfo:
        """Fetch the OpenID Connect user information of the logged-in user
        (``userinfo_endpoint`` of the server metadata, else ``/oauth/userinfo``; needs the
        ``profile`` scope on Mastodon 4.4 and newer).

        Returns a dict with ``iss``, ``sub`` (the account's URI), ``name``,
        ``preferred_username``, ``profile``, ``picture``, ...
        """
        endpoint = _oauth.endpoint_url(self.api_base_url, self._oauth_metadata(), "userinfo_endpoint", False)
        base_url, path = _oauth.split_url(endpoint)
        return cast(OAuthUserInfo, self._request("GET", path, base_url=base_url))

    def persistable_login_credentials(self) -> str:
        """Return what a user credential file holds, for storing the login elsewhere
        (a database, a secret store): the access token, the base URL, the client id and
        the client secret, one per line. Written to a file, it works as the
        constructor's ``access_token``. Treat it as a secret.

        Raises :class:`MastodonIllegalArgumentError` when the client is not logged in or
        lacks the client id and secret.
        """
        if not self._access_token or not self.client_id or not self.client_secret:
            raise MastodonIllegalArgumentError(
                "persistable_login_credentials needs a logged-in client with its client id and secret")
        return "".join(line + "\n" for line in (self._access_token, self.api_base_url,
                                                 str(self.client_id), self.client_secret))
