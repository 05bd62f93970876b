"""The request core: the only place in the library that speaks HTTP.

Endpoint mixins describe a call (verb, path, parameters) and hand it to
:meth:`RequestCore._request`, which encodes the parameters, applies the rate-limit
mode, sends the request through ``self.session``, maps failures to the exception
hierarchy and converts the answer (see :mod:`mastodon._convert`), attaching
pagination information from the ``Link`` header.
"""
from __future__ import annotations
import logging
import re
import time
import weakref
from typing import Any, Dict, Optional, Tuple, Type, TypeVar
from urllib.parse import unquote

import requests
import urllib3

from mastodon import _credentials, _debug
from mastodon._body import read_body, total_timeout
from mastodon._convert import json_hook, loads
from mastodon._encoding import form_pairs, json_body, path_segment, unpack_id
from mastodon._ratelimit import (BACKOFF_FACTOR, BACKOFF_START, MAX_SLEEP, RATELIMIT_METHODS, RateLimiter,
                                 retry_after)
from mastodon._offset_paging import ITEMS_KEY as OFFSET_ITEMS_KEY, attach_offset_pagination
from mastodon._refresh_header import attach_async_refresh
from mastodon._versions import mastodon_level
from mastodon.errors import (MastodonAPIError, MastodonBadGatewayError, MastodonConflictError,
                             MastodonForbiddenError, MastodonGatewayTimeoutError, MastodonIllegalArgumentError,
                             MastodonInternalServerError, MastodonNetworkError, MastodonNotFoundError,
                             MastodonRatelimitError, MastodonServerError, MastodonServiceUnavailableError,
                             MastodonTooManyRequestsError, MastodonUnauthorizedError,
                             MastodonUnprocessableEntityError)
from mastodon.utility import AttribAccessDict, AttribAccessList, parse_version_string

log = logging.getLogger("mastodon")

_STATUS_ERRORS = {
    401: MastodonUnauthorizedError,
    403: MastodonForbiddenError,
    404: MastodonNotFoundError,
    409: MastodonConflictError,
    410: MastodonConflictError,
    422: MastodonUnprocessableEntityError,
    500: MastodonInternalServerError,
    502: MastodonBadGatewayError,
    503: MastodonServiceUnavailableError,
    504: MastodonGatewayTimeoutError,
}
#: requests errors that mean the request could not be built (a bad URL or header), not
#: that the network failed.
_NOT_TRANSPORT = (requests.exceptions.InvalidHeader, requests.exceptions.InvalidURL,
                  requests.exceptions.MissingSchema, requests.exceptions.InvalidSchema,
                  requests.exceptions.URLRequired)
_LINK_PARAM = {name: re.compile(r"[?&]%s=([^&]+)" % name) for name in ("max_id", "min_id", "since_id")}


def _error_text(response: Any) -> Any:
    """The server's ``error`` text of an answer (None when it has none)."""
    try:
        payload = response.json(object_hook=json_hook)
    except Exception:  # noqa: BLE001 - any unreadable body just has no error text
        return None
    if isinstance(payload, dict):
        return payload.get("error")
    if isinstance(payload, str):
        return payload
    return None


def api_error(response: Any, error_class: Optional[Type[MastodonAPIError]] = None) -> MastodonAPIError:
    """The exception for an HTTP error answer, with args (message, code, reason, error)
    and the attributes status_code, reason, error and headers."""
    error_text = _error_text(response)
    code = response.status_code
    if error_class is None:
        error_class = _STATUS_ERRORS.get(code)
    if error_class is None:
        error_class = MastodonServerError if 500 <= code <= 511 else MastodonAPIError
    if code == 404 and not error_text:
        error_text = "Endpoint not found."
    return error_class("Mastodon API returned error", code, getattr(response, "reason", None), error_text,
                       headers=getattr(response, "headers", None))


def _is_error(response: Any) -> bool:
    """Whether an answer is an HTTP error: ``response.ok`` when it has one (as 1.8.0
    checked; stand-in sessions often only set that), else its status code."""
    if isinstance(response, requests.Response):
        return response.status_code >= 400
    ok = getattr(response, "ok", None)
    if ok is None:
        return bool(response.status_code >= 400)
    return not ok


def _limiter_figure(name: str, doc: str) -> property:
    """A ``ratelimit_*`` attribute of the client: a figure kept by its rate limiter."""
    return property(lambda self: getattr(self._limiter, name),
                    lambda self, value: setattr(self._limiter, name, value), doc=doc)


_Client = TypeVar("_Client", bound="RequestCore")
_Handle = TypeVar("_Handle")


class RequestCore:
    """Shared state and the request engine of a :class:`~mastodon.Mastodon` client."""

    # Set by the constructor; declared here for readers and type checkers.
    api_base_url: str
    client_id: Optional[str]
    client_secret: Optional[str]
    session: Any
    request_timeout: Any
    debug_requests: bool
    user_agent: str
    lang: Optional[str]
    feature_set: str
    version_check_mode: str
    version_check_worked: Optional[bool]
    mastodon_major: int
    mastodon_minor: int
    mastodon_patch: int
    _limiter: RateLimiter
    _instance_cache: Optional[AttribAccessDict]
    #: Whether ``session`` was created by the client (and is closed by :meth:`close`).
    _owns_session: bool = False
    #: Bound of the total wait for 429 answers without a usable reset time (seconds).
    _ratelimit_max_wait: float = 60.0
    #: The retry policy (``retries`` constructor argument); None: no retries.
    _retry_policy: Optional[urllib3.util.Retry] = None

    # -- attributes users read and set --------------------------------------------------
    @property
    def access_token(self) -> Optional[str]:
        """The bearer token sent with every request (None: not logged in)."""
        return self._access_token

    @access_token.setter
    def access_token(self, token: Optional[str]) -> None:
        # surrounding whitespace is stripped; other whitespace or control characters
        # are refused (MastodonIllegalArgumentError, without the token)
        self._access_token = _credentials.clean_token(token)
        self._own_account_id = None

    # -- closing -----------------------------------------------------------------------------------
    def close(self) -> None:
        """End the asynchronous streams and WebSocket handles the client started and
        still runs, then close the HTTP session if the client created it (a ``session``
        passed to the constructor belongs to the caller and is left open). Safe to call
        twice."""
        for handle in list(self.__dict__.get("_streams") or ()):
            handle.close()
        if getattr(self, "_owns_session", False):
            self.session.close()

    def _keep_stream(self, handle: _Handle) -> _Handle:
        """Remember a running stream (or WebSocket) handle, for :meth:`close` to end it
        (weakly: a handle that is dropped and ends is forgotten)."""
        streams = self.__dict__.get("_streams")
        if streams is None:
            streams = self.__dict__["_streams"] = weakref.WeakSet()
        streams.add(handle)
        return handle

    def __enter__(self: _Client) -> _Client:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    @property
    def ratelimit_method(self) -> str:
        """"throw", "wait" or "pace" (see :ref:`rate limiting <ratelimits>`)."""
        return self._limiter.method

    @ratelimit_method.setter
    def ratelimit_method(self, method: str) -> None:
        if method not in RATELIMIT_METHODS:
            raise MastodonIllegalArgumentError(
                "Invalid ratelimit_method %r: use one of %s" % (method, ", ".join(RATELIMIT_METHODS)))
        self._limiter.method = method

    @property
    def ratelimit_pacefactor(self) -> float:
        """In "pace" mode, requests are spread so that ``pacefactor`` times the remaining
        budget would be used by the reset (1.8.0's meaning: 1.1, the default, is slightly
        faster than even); the limit itself is never exceeded."""
        return self._limiter.pacefactor

    @ratelimit_pacefactor.setter
    def ratelimit_pacefactor(self, factor: float) -> None:
        if isinstance(factor, bool) or not isinstance(factor, (int, float)) or not factor > 0:
            raise MastodonIllegalArgumentError("ratelimit_pacefactor must be a number above 0, got %r" % (factor,))
        self._limiter.pacefactor = factor

    ratelimit_limit = _limiter_figure("limit", "Requests allowed per rate-limit window, as last reported by the server.")
    ratelimit_remaining = _limiter_figure("remaining", "Requests left in the current window, as last reported by the server.")
    ratelimit_reset = _limiter_figure("reset", "When the window resets, as a POSIX timestamp (corrected for clock skew).")
    ratelimit_lastcall = _limiter_figure("lastcall", "When the rate-limit figures were last updated, as a POSIX timestamp.")

    def set_language(self, lang: str) -> None:
        """Set the locale (ISO 639-1 or 639-3 code) the server uses for its answers.

        Every later request carries it as the ``lang`` parameter. This affects some
        error messages (those related to validation) and trends.
        """
        self.lang = lang

    # -- helpers for endpoint methods -------------------------------------------------------
    _unpack_id = staticmethod(unpack_id)

    @staticmethod
    def _path(template: str, *ids: Any) -> str:
        """Fill the ``{}`` placeholders of a path with ids, each escaped as one segment."""
        return template.format(*(path_segment(i) for i in ids))

    def _server_at_least(self, version: str) -> bool:
        """Whether the server is at least ``version``, for choosing endpoints and parameters.

        A server whose version is unknown is taken to be current.
        """
        if not self.version_check_worked:
            return True
        return (self.mastodon_major, self.mastodon_minor, self.mastodon_patch) >= parse_version_string(version)

    def _require_feature_set(self, feature_set: str, what: str) -> None:
        """Refuse ``what`` unless the client was created with ``feature_set``."""
        if self.feature_set != feature_set:
            raise MastodonIllegalArgumentError(
                "%s is only available with feature_set=%r (this client uses %r)" % (what, feature_set, self.feature_set))

    def _cached_instance(self, refresh: bool = False) -> AttribAccessDict:
        """The instance document (``GET /api/v1/instance/``), fetched once and cached."""
        if refresh or self._instance_cache is None:
            self._instance_cache = self._request_slashed("GET", "/api/v1/instance/")
        return self._instance_cache

    def _logged_in_id(self) -> Any:
        """The id of the logged-in account, fetched once per access token."""
        if self._own_account_id is None:
            self._own_account_id = self._request("GET", "/api/v1/accounts/verify_credentials")["id"]
        return self._own_account_id

    def _detect_version(self) -> Optional[str]:
        """Read the server version into mastodon_major/minor/patch; never raises.

        Returns the part of the version string that carries the Mastodon level, or None
        when the version could not be read (then ``version_check_worked`` is False, the
        version is taken to be 1.0.0 and calls are not refused on version grounds).
        """
        version = None
        try:
            version = self._cached_instance(refresh=True).get("version")
        except Exception as err:  # noqa: BLE001 - any failure means "version unknown"
            log.warning("Could not read the server version from %s: %s", self.api_base_url, err)
        level = mastodon_level(version)
        if level is None:
            if version is not None:
                log.warning("Could not determine a Mastodon version from %r reported by %s; "
                            "version checks are off for this client", version, self.api_base_url)
            self.mastodon_major, self.mastodon_minor, self.mastodon_patch = 1, 0, 0
            self.version_check_worked = False
            return None
        self.mastodon_major, self.mastodon_minor, self.mastodon_patch = level
        self.version_check_worked = True
        return version

    # -- the request engine ---------------------------------------------------------------------
    def _headers(self, access_token: Optional[str] = None, extra: Optional[Dict[str, str]] = None) -> Dict[str, str]:
        """The headers of a request: User-Agent, the bearer token (``access_token``
        overrides the client's; ``""`` sends none), then ``extra``."""
        headers = {"User-Agent": self.user_agent}
        token = self._access_token if access_token is None else _credentials.clean_token(access_token)
        if token:
            headers["Authorization"] = "Bearer " + token
        if extra:
            headers.update(extra)
        return headers

    def _request(self, method: str, path: str, params: Optional[Dict[str, Any]] = None, *,
                 files: Optional[Dict[str, Any]] = None, use_json: bool = False,
                 headers: Optional[Dict[str, str]] = None, base_url: Optional[str] = None,
                 access_token: Optional[str] = None, rate_limited: bool = True,
                 return_response: bool = False, check_errors: bool = True,
                 paginate_dict: bool = False) -> Any:
        """Send one API request and return the converted answer.

        ``params`` is a dict of Python values (None values are dropped); they go in the
        query string for GET/HEAD, else in a form body, a multipart body when ``files``
        is given, or a JSON body when ``use_json``. ``access_token`` overrides the
        client's token for this call. ``return_response`` returns the raw
        ``requests.Response``; ``check_errors=False`` returns the parsed body of error
        answers instead of raising. List answers with a ``Link`` header carry
        pagination information for :meth:`fetch_next` / :meth:`fetch_previous`; with
        ``paginate_dict``, a dict answer (such as grouped notifications) carries it too.

        Parameters that cannot be encoded raise MastodonIllegalArgumentError before
        anything is sent; only transport failures become MastodonNetworkError. With
        ``retries`` on, idempotent requests (and POSTs with an ``Idempotency-Key``) are
        retried on connection failures and 502/503/504 answers, see :mod:`mastodon._retry`.
        """
        params = dict(params) if params else {}
        if self.lang is not None and "lang" not in params:
            params["lang"] = self.lang
        url = (base_url or self.api_base_url) + path
        request_headers = self._headers(access_token, headers)

        send: Dict[str, Any] = {}
        if method in ("GET", "HEAD"):
            send["params"] = form_pairs(params)
            if use_json:  # as 1.8.0 did for some GETs; the query carries the same parameters
                send["json"] = json_body(params)
        elif use_json:
            send["json"] = json_body(params)
        else:
            send["data"] = form_pairs(params)
            if files:
                send["files"] = files
        logging_on = log.isEnabledFor(logging.DEBUG)
        if self.debug_requests or logging_on:
            shown = send.get("params", send.get("data", send.get("json")))
            if self.debug_requests:
                _debug.print_request(method, url, shown, request_headers, files)
            if logging_on:
                _debug.log_request(log, method, url, shown, request_headers, files)

        limiter = self._limiter if rate_limited else None
        retry_state = None
        if self._retry_policy is not None:
            from mastodon import _retry  # only clients with retries need it
            if _retry.may_retry(self._retry_policy, method, request_headers):
                retry_state = _retry.RetryState(self._retry_policy)
        timeout = self.request_timeout
        total = total_timeout(timeout)
        backoff = BACKOFF_START
        waited_429 = 0.0
        while True:
            if limiter is not None:
                limiter.acquire()
            started = time.monotonic()
            try:
                # request_timeout bounds the whole call: the deadline is set before sending
                deadline = None if total is None else started + total
                response = self.session.request(method, url, headers=request_headers, timeout=timeout,
                                                stream=True, **send)
                body = read_body(response, deadline, total)
            except BaseException as err:  # the reservation is given back whatever happened
                if limiter is not None:
                    limiter.release()
                failure = self._transport_failure(err)
                if retry_state is not None and failure is not None and retry_state.after_error(err):
                    log.info("%s %s failed (%s); retrying in %.1fs", method, path, failure, retry_state.delay)
                    retry_state.sleep()
                    continue
                if failure is None:
                    raise
                if self._mask(str(err)) != str(err):
                    raise failure from None  # the original text shows a secret
                raise failure from err
            response_headers = getattr(response, "headers", None) or {}
            status = response.status_code
            if limiter is not None:
                limiter.release(response_headers, status)
            if self.debug_requests:
                _debug.print_response(status, response_headers,
                                      body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body))
            if logging_on:
                _debug.log_response(log, method, url, status, response_headers, body, time.monotonic() - started)
            if status == 429:
                if limiter is None or limiter.method == "throw":
                    raise MastodonRatelimitError("Hit rate limit.", status_code=429,
                                                 reason=getattr(response, "reason", None),
                                                 error=_error_text(response), headers=response_headers)
                delay = limiter.exhausted(response_headers)
                if delay is None:  # no usable reset time: Retry-After, or back off (every thread)
                    left = self._ratelimit_max_wait - waited_429
                    wanted = retry_after(response_headers)
                    if wanted is None:
                        wanted = min(backoff, left)
                        backoff = min(backoff * BACKOFF_FACTOR, MAX_SLEEP)
                    if left <= 0.001 or wanted > left:
                        error = api_error(response, MastodonTooManyRequestsError)
                        log.info("Rate limit hit on %s %s; giving up after waiting %.1fs", method, path, waited_429)
                        raise error
                    delay = limiter.back_off(wanted)
                    waited_429 += delay
                # The retry (same headers, so the same Idempotency-Key) waits in acquire().
                log.info("Rate limit hit on %s %s; retrying in %.1fs", method, path, delay)
                continue
            if retry_state is not None and retry_state.after_status(status, response_headers):
                log.info("%s %s answered %s; retrying in %.1fs", method, path, status, retry_state.delay)
                retry_state.sleep()
                continue
            break

        if return_response:
            return response
        if check_errors and _is_error(response):
            raise api_error(response)
        result = self._parse_body(response, body)
        if check_errors and (isinstance(result, list) or (paginate_dict and isinstance(result, dict))):
            result = self._attach_pagination(result, response_headers, method, path, params)
        refresh = response_headers.get("Mastodon-Async-Refresh") if hasattr(response_headers, "get") else None
        if refresh:  # Mastodon 4.4+: work still running in the background
            attach_async_refresh(result, refresh, method, path, params)
        return result

    def _request_slashed(self, method: str, path: str, params: Optional[Dict[str, Any]] = None) -> Any:
        """``_request`` for a path that 1.8.0 sends with a trailing slash (Mastodon serves
        both forms; Takahe only the bare one): a 404 is retried once without the slash,
        and when that works the client asks for the bare path from then on."""
        bare = path.rstrip("/")
        bare_paths = self.__dict__.setdefault("_bare_paths", set())
        if path in bare_paths:
            return self._request(method, bare, params)
        try:
            return self._request(method, path, params)
        except MastodonNotFoundError:
            log.info("%s gave 404; trying %s", path, bare)
        result = self._request(method, bare, params)
        bare_paths.add(path)
        return result

    def _transport_failure(self, err: BaseException) -> Optional[Exception]:
        """The library error for an exception raised while sending a request and reading
        its answer, or None when it is not a failure of the transport (then it is raised
        as it is). Never contains the access token."""
        if isinstance(err, MastodonNetworkError):
            return err
        if isinstance(err, _NOT_TRANSPORT):
            return MastodonIllegalArgumentError(self._mask("Could not send the request: %s" % (err,)))
        if isinstance(err, (requests.RequestException, urllib3.exceptions.HTTPError, OSError)):
            return MastodonNetworkError(self._mask("Could not complete request: %s" % (err,)))
        return None

    def _mask(self, text: str) -> str:
        """``text`` with the client's secrets replaced by ``***``."""
        for secret in (self._access_token, getattr(self, "client_secret", None), getattr(self, "_refresh_token", None)):
            if secret and isinstance(secret, str) and secret in text:
                text = text.replace(secret, _debug.MASK)
        return text

    @staticmethod
    def _parse_body(response: Any, body: Any) -> Any:
        try:
            if isinstance(body, (bytes, bytearray, str)):
                if not body.strip():
                    return None
                return loads(body)
            return response.json(object_hook=json_hook)
        except ValueError:
            raise MastodonAPIError(
                "Could not parse response as JSON, response code was %s" % response.status_code,
                response.status_code, getattr(response, "reason", None), None,
                headers=getattr(response, "headers", None)) from None

    @staticmethod
    def _attach_pagination(items: Any, headers: Any, method: str, path: str, params: Dict[str, Any]) -> Any:
        page: Any = items if isinstance(items, dict) else AttribAccessList(items)
        link = headers.get("Link") if hasattr(headers, "get") else None
        if not link or not isinstance(link, str):
            return page
        for entry in requests.utils.parse_header_links(link.rstrip(">").replace(">,<", ",<")):
            rel, url = entry.get("rel"), entry.get("url", "")
            if rel == "next":
                found = _link_value(url, "max_id")
                if found is None:
                    continue
                info = _pagination_info(params, method, path, ("since_id", "min_id"))
                info["max_id"] = found
                page._pagination_next = info
                if isinstance(page, list) and page and isinstance(page[-1], AttribAccessDict):
                    page[-1]._pagination_next = info
            elif rel == "prev":
                for key in ("since_id", "min_id"):  # min_id (2.6.0+) wins over since_id
                    found = _link_value(url, key)
                    if found is None:
                        continue
                    info = _pagination_info(params, method, path, ("max_id", "since_id", "min_id"))
                    info[key] = found
                    page._pagination_prev = info
                    if isinstance(page, list) and page and isinstance(page[0], AttribAccessDict):
                        page[0]._pagination_prev = info
        return page

    def _fetch_page(self, info: Dict[str, Any]) -> Any:
        """Replay a request described by a pagination dict; the page it brings carries
        pagination information again (``Link`` pagination also on a dict answer, such as
        grouped notifications; offset pagination where the dict asks for it)."""
        params = dict(info)
        method = params.pop("_pagination_method")
        path = params.pop("_pagination_endpoint")
        items_key = params.pop(OFFSET_ITEMS_KEY, None)
        page = self._request(method, path, params, paginate_dict=True)
        if items_key is not None:
            page = attach_offset_pagination(page, items_key, method, path, params)
        return page


def _link_value(url: str, key: str) -> Any:
    match = _LINK_PARAM[key].search(url)
    if match is None:
        return None
    value = unquote(match.group(1))
    return int(value) if value.isdigit() else value


def _pagination_info(params: Dict[str, Any], method: str, path: str, drop: Tuple[str, ...]) -> Dict[str, Any]:
    info = {k: v for k, v in params.items() if k not in drop and v is not None}
    info["_pagination_method"] = method
    info["_pagination_endpoint"] = path
    return info
