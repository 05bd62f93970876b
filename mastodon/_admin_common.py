"""Helpers shared by the admin mixins (mastodon/admin_*.py)."""
from __future__ import annotations
from typing import Any
from urllib.parse import urlsplit


def bare_host(domain: Any) -> Any:
    """``https://example.org/about`` -> ``example.org``; other values unchanged."""
    if not isinstance(domain, str):
        return domain
    text = domain.strip()
    if "://" in text:
        text = urlsplit(text).netloc
    text = text.split("/", 1)[0]
    return text.rsplit("@", 1)[-1]
