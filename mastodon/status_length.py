"""Counting the length of a status as the Mastodon server does.

Mastodon (``StatusLengthValidator``) counts the content warning plus the text, in which
every URL (with ``http://`` or ``https://``) counts as 23 characters and every remote
mention ``@user@domain`` as ``@user``; it counts grapheme clusters (what a reader sees
as one character: an emoji with skin tone or a family emoji joined with zero-width
joiners, a letter with combining accents, a flag made of two regional indicators), not
code points.

Grapheme clusters are found with the ``regex`` module (``\\X``) when it is installed;
otherwise a built-in approximation of the Unicode rules is used that handles combining
marks, variation selectors, emoji modifiers, zero-width-joiner sequences, regional
indicator pairs, Hangul syllable jamo and CR LF, which covers what statuses contain in
practice.
"""
from __future__ import annotations
import importlib
import re
import unicodedata
from typing import Any, Optional

from mastodon.errors import MastodonIllegalArgumentError

#: How many characters a URL counts for (``characters_reserved_per_url`` on Mastodon).
URL_LENGTH = 23

# A URL as Mastodon's entity extractor finds it: a scheme, then anything up to white
# space; trailing punctuation is not part of it (see _url_end).
_URL = r"(?<![\w@$#/])https?://[^\s<>\"]+"
# A mention: @user or @user@domain, not preceded by a word character (so e-mail
# addresses are not mentions).
_MENTION = r"(?<![\w/@])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)(@[a-z0-9.-]+[a-z0-9]+)?"
_ENTITIES = re.compile("(%s)|%s" % (_URL, _MENTION), re.IGNORECASE)
_TRAILING = ".,:;!?'\""

_regex_module: Any = None
_REGEX_LOADED = False


def _grapheme_regex() -> Optional[Any]:
    global _regex_module, _REGEX_LOADED
    if not _REGEX_LOADED:
        try:
            _regex_module = importlib.import_module("regex").compile(r"\X")
        except ImportError:
            _regex_module = None
        _REGEX_LOADED = True
    return _regex_module


def _url_end(url: str) -> str:
    """Strip trailing punctuation (and a closing parenthesis without its opener)."""
    while url:
        if url[-1] in _TRAILING:
            url = url[:-1]
        elif url[-1] == ")" and url.count("(") < url.count(")"):
            url = url[:-1]
        else:
            break
    return url


def countable_text(text: str) -> str:
    """``text`` with every URL replaced by 23 characters and every ``@user@domain`` by ``@user``."""
    def replace(match: "re.Match[str]") -> str:
        if match.group(1):
            url = _url_end(match.group(1))
            return "x" * URL_LENGTH + match.group(1)[len(url):]
        return "@" + match.group(2)
    return _ENTITIES.sub(replace, text)


def _extends(char: str) -> bool:
    """Whether ``char`` joins the grapheme cluster before it (approximation)."""
    code = ord(char)
    return (unicodedata.category(char) in ("Mn", "Me", "Mc") or code == 0x200D
            or 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F)


def _is_regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def _hangul_kind(char: str) -> str:
    code = ord(char)
    if 0x1100 <= code <= 0x115F or 0xA960 <= code <= 0xA97C:
        return "L"
    if 0x1160 <= code <= 0x11A7 or 0xD7B0 <= code <= 0xD7C6:
        return "V"
    if 0x11A8 <= code <= 0x11FF or 0xD7CB <= code <= 0xD7FB:
        return "T"
    if 0xAC00 <= code <= 0xD7A3:
        return "LV" if (code - 0xAC00) % 28 == 0 else "LVT"
    return ""


_HANGUL_JOINS = {("L", "L"), ("L", "V"), ("L", "LV"), ("L", "LVT"), ("LV", "V"), ("LV", "T"),
                 ("V", "V"), ("V", "T"), ("LVT", "T"), ("T", "T")}


def _count_graphemes_builtin(text: str) -> int:
    count = 0
    previous = ""
    regional_run = 0
    after_zwj = False
    for char in text:
        joins = False
        if count and previous:
            if previous == "\r" and char == "\n":
                joins = True
            elif _extends(char):
                joins = True
            elif after_zwj and unicodedata.category(char) == "So":
                joins = True
            elif _is_regional(char) and _is_regional(previous) and regional_run % 2 == 1:
                joins = True
            elif (_hangul_kind(previous), _hangul_kind(char)) in _HANGUL_JOINS:
                joins = True
        if not joins:
            count += 1
        regional_run = regional_run + 1 if _is_regional(char) else 0
        after_zwj = ord(char) == 0x200D
        previous = char
    return count


def count_graphemes(text: str) -> int:
    """The number of grapheme clusters in ``text``."""
    pattern = _grapheme_regex()
    if pattern is not None:
        return len(pattern.findall(text))
    return _count_graphemes_builtin(text)


def status_length(text: str, spoiler_text: str = "") -> int:
    """The length of a status with ``text`` and ``spoiler_text``, as the server counts it."""
    for name, value in (("text", text), ("spoiler_text", spoiler_text)):
        if value is not None and not isinstance(value, str):
            raise MastodonIllegalArgumentError("%s must be a string, got %r" % (name, value))
    return count_graphemes((spoiler_text or "") + countable_text(text or ""))


class StatusLengthMixin:
    """:meth:`get_status_length`."""

    @staticmethod
    def get_status_length(text: str, spoiler_text: str = "") -> int:
        """Count the length of a status as the Mastodon server does when it checks it
        against its character limit (``configuration.statuses.max_characters`` of the
        instance, 500 by default). No request is made.

        The content warning ``spoiler_text`` counts too. Every URL starting with
        ``http://`` or ``https://`` counts as 23 characters, whatever its length, and a
        remote mention ``@user@domain`` counts as ``@user``. Characters are counted as
        the reader sees them (grapheme clusters): an emoji with a skin tone, a family
        emoji or a flag counts as one. The ``regex`` module is used for this when
        installed; without it a built-in approximation of the Unicode rules is used
        (see :mod:`mastodon.status_length`).

        Returns the length as an int.

        *Added: counts as Mastodon v4.x does; makes no request*
        """
        return status_length(text, spoiler_text)
