"""The ``Mastodon-Async-Refresh`` response header (Mastodon 4.4+).

Some answers (a status context whose replies are being fetched, a home timeline being
rebuilt, an annual report being generated) carry
``Mastodon-Async-Refresh: id="<id>", retry=<seconds>[, result_count=<n>]``: the server
is still working in the background. The core calls :func:`attach_async_refresh` on
every answer that has the header; the information is kept on the result as the
attribute ``_async_refresh_info`` (not a key, so the result still compares equal to the
same entity fetched elsewhere), together with the request that produced it so that
:meth:`Mastodon.await_async_refresh` can repeat it.
"""
from __future__ import annotations
import re
from typing import Any, Dict, Optional

#: The attribute of a result that holds its async refresh information.
INFO_ATTRIBUTE = "_async_refresh_info"

_PAIR = re.compile(r'\s*([A-Za-z_]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^,]*)\s*(?:,|$)')


def parse_async_refresh(value: str) -> Optional[Dict[str, Any]]:
    """The ``id``, ``retry`` (seconds, int) and ``result_count`` (int or None) of a
    header value, or None when it has no id."""
    found: Dict[str, str] = {}
    for key, raw in _PAIR.findall(value or ""):
        raw = raw.strip()
        if len(raw) >= 2 and raw[0] == raw[-1] == '"':
            raw = raw[1:-1]
        found[key.lower()] = raw
    if not found.get("id"):
        return None

    def number(key: str) -> Optional[int]:
        try:
            return int(found[key])
        except (KeyError, ValueError):
            return None

    retry = number("retry")
    return {"id": found["id"], "retry": retry if retry is not None and retry >= 0 else None,
            "result_count": number("result_count")}


def attach_async_refresh(result: Any, header: Any, method: str, path: str, params: Dict[str, Any]) -> None:
    """Keep the parsed header (and the request) on ``result``, when it can carry attributes."""
    if not isinstance(header, str) or result is None or isinstance(result, (str, int, float, bool)):
        return
    info = parse_async_refresh(header)
    if info is None:
        return
    info["_method"] = method
    info["_endpoint"] = path
    info["_params"] = dict(params)
    try:
        setattr(result, INFO_ATTRIBUTE, info)
    except AttributeError:  # a plain list or dict: nothing to attach to
        pass
