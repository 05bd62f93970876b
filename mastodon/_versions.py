"""Reading the Mastodon API level from the ``version`` a server reports.

Servers report versions in many shapes: ``4.2.0-rc2``, ``4.1.4+glitch``,
``1.0.7+3.5.5`` (Hometown), ``2.7.2 (compatible; Pleroma 2.5.0)``,
``3.5.3+0.17.3+git-6f4cb2f`` (GoToSocial), ``takahe/0.11.0``, ... The reader never
raises: for a string that claims no Mastodon level it returns ``None``.
"""
from __future__ import annotations
import re
from typing import Optional, Tuple

_TRIPLE = re.compile(r"(\d+)\.(\d+)\.(\d+)")

# Mastodon's major versions so far are 1 to 4. A major of 0 (GoToSocial, Hollo, ...)
# or a year (Sharkey, Friendica, ...) is a server's own version, not a Mastodon level.
_PLAUSIBLE_MAJORS = range(1, 10)


def _leading_triple(text: str) -> Optional[Tuple[int, int, int]]:
    match = _TRIPLE.match(text)
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2)), int(match.group(3))


def mastodon_level(version: object) -> Optional[Tuple[int, int, int]]:
    """Return the Mastodon level ``(major, minor, patch)`` a version string claims, or None.

    Rules: cut at the first space; of the part before the first ``+`` and the part
    after it, take those that start with ``digits.digits.digits``; the higher one wins
    (``1.0.7+3.5.5`` is Hometown on Mastodon 3.5.5, ``3.5.3+0.17.3`` is GoToSocial
    claiming 3.5.3); pre-release tails are ignored. A result whose major version is not
    a plausible Mastodon major gives None.
    """
    if not isinstance(version, str):
        return None
    head = version.strip().split(" ", 1)[0]
    if not head:
        return None
    parts = head.split("+", 2)
    candidates = [t for t in (_leading_triple(p) for p in parts[:2]) if t is not None]
    if not candidates:
        return None
    level = max(candidates)
    if level[0] not in _PLAUSIBLE_MAJORS:
        return None
    return level


def normalize_version_string(version: object) -> Optional[str]:
    """The part of a version string that carries the Mastodon level (``"4.0.0rc1"``),
    or None when it carries none."""
    level = mastodon_level(version)
    if level is None:
        return None
    head = str(version).strip().split(" ", 1)[0]
    for part in head.split("+", 2)[:2]:
        if _leading_triple(part) == level:
            return part
    return "%d.%d.%d" % level
