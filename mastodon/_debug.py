"""The ``debug_requests`` output, with every secret masked."""
from __future__ import annotations
import re
from typing import Any, Dict, Mapping, Optional

MASK = "***"
#: Request parameters whose values are never shown.
SECRET_KEYS = frozenset((
    "access_token", "refresh_token", "client_secret", "password", "token", "code", "code_verifier",
    "subscription[keys][auth]",
))
#: Keys of response JSON whose values are never shown.
SECRET_JSON_KEYS = ("access_token", "refresh_token", "client_secret", "password", "token")
_SECRET_JSON = re.compile(
    r'("(?:%s)"\s*:\s*)"(?:[^"\\]|\\.)*"' % "|".join(SECRET_JSON_KEYS))


def mask_params(params: Any) -> Any:
    """A copy of request parameters (dict or list of pairs) with secret values masked."""
    if isinstance(params, Mapping):
        return {k: (MASK if k in SECRET_KEYS else v) for k, v in params.items()}
    if isinstance(params, (list, tuple)):
        return [(k, MASK if k in SECRET_KEYS else v) for k, v in params]
    return params


#: Headers whose values are never shown (Authorization keeps its scheme, "Bearer").
SECRET_HEADERS = frozenset(("authorization", "proxy-authorization", "cookie", "set-cookie"))


def _mask_header(name: str, value: str) -> str:
    if name.lower() not in SECRET_HEADERS:
        return value
    if name.lower().endswith("authorization"):
        return str(value).split(" ", 1)[0] + " " + MASK
    return MASK


def mask_headers(headers: Optional[Mapping[str, str]]) -> Dict[str, str]:
    """A copy of headers with the Authorization and cookie values masked."""
    if not headers:
        return {}
    return {k: _mask_header(k, v) for k, v in headers.items()}


def mask_text(text: str) -> str:
    """A response body with the values of secret JSON keys masked."""
    return _SECRET_JSON.sub(r'\1"%s"' % MASK, text)


def print_request(method: str, url: str, params: Any, headers: Mapping[str, str], files: Any) -> None:
    print('Mastodon: Request to endpoint "%s" using method "%s".' % (url, method))
    print("Parameters: %s" % (mask_params(params),))
    print("Headers: %s" % (mask_headers(headers),))
    print("Files: %s" % ({k: "<file>" for k in files} if files else files,))


def print_response(status_code: int, headers: Mapping[str, str], text: str) -> None:
    print("Mastodon: Response received with code %s." % status_code)
    print("response headers: %s" % (mask_headers(headers),))
    print("Response text content: %s" % mask_text(text))


#: Response bodies are logged up to this many characters.
LOG_BODY_LIMIT = 2000


def log_request(logger: Any, method: str, url: str, params: Any, headers: Mapping[str, str], files: Any) -> None:
    """Log a request at DEBUG on ``logger``, secrets masked."""
    logger.debug("Request: %s %s parameters=%s headers=%s files=%s", method, url, mask_params(params),
                 mask_headers(headers), sorted(files) if files else None)


def log_response(logger: Any, method: str, url: str, status: int, headers: Mapping[str, str], body: Any,
                 elapsed: float) -> None:
    """Log a response at DEBUG on ``logger``, secrets masked, the body shortened."""
    text = body.decode("utf-8", "replace") if isinstance(body, (bytes, bytearray)) else str(body)
    if len(text) > LOG_BODY_LIMIT:
        text = text[:LOG_BODY_LIMIT] + "... (%d characters)" % len(text)
    logger.debug("Response: %s %s -> %s in %.3fs headers=%s body=%s", method, url, status, elapsed,
                 mask_headers(headers), mask_text(text))
