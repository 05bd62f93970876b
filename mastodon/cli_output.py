"""How the command line (:mod:`mastodon.cli`) shows what the server answered: one line
per status, notification or event for people, JSON for machines."""
from __future__ import annotations
import datetime
import html
import json
import re
from typing import Any, Iterable, Optional, TextIO

_BREAKS = re.compile(r"<\s*(br|/p)\s*/?\s*>", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def plain_text(content: Any) -> str:
    """The text of a status's HTML ``content``, on one line."""
    text = _TAGS.sub("", _BREAKS.sub(" ", str(content or "")))
    return _SPACE.sub(" ", html.unescape(text)).strip()


def _when(value: Any) -> str:
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value or "")


def _acct(account: Any) -> str:
    return "@" + str(account.get("acct", "?")) if isinstance(account, dict) else "@?"


def status_line(status: Any) -> str:
    """``id  date  @acct: [CW: spoiler] text`` (boosts name both accounts)."""
    if not isinstance(status, dict):
        return str(status)
    reblog = status.get("reblog")
    if isinstance(reblog, dict):
        return "%s  %s  %s boosted %s" % (status.get("id"), _when(status.get("created_at")),
                                          _acct(status.get("account")), status_line(reblog).split("  ", 2)[-1])
    spoiler = status.get("spoiler_text")
    text = ("[CW: %s] " % spoiler if spoiler else "") + plain_text(status.get("content"))
    media = status.get("media_attachments") or []
    if media:
        text += " [%d attachment%s]" % (len(media), "" if len(media) == 1 else "s")
    return "%s  %s  %s: %s" % (status.get("id"), _when(status.get("created_at")), _acct(status.get("account")), text)


def notification_line(notification: Any) -> str:
    """``id  date  type  @acct[: status text]``."""
    if not isinstance(notification, dict):
        return str(notification)
    line = "%s  %s  %s  %s" % (notification.get("id"), _when(notification.get("created_at")),
                               notification.get("type"), _acct(notification.get("account")))
    status = notification.get("status")
    if isinstance(status, dict):
        line += ": " + plain_text(status.get("content"))
    return line


def account_line(account: Any, instance: Optional[str] = None) -> str:
    """``@acct (display name) url``."""
    name = account.get("display_name") or account.get("username") or ""
    line = "%s (%s) %s" % (_acct(account), name, account.get("url") or "")
    return line.strip() + (" on %s" % instance if instance else "")


def _json_default(value: Any) -> Any:
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return value.decode("utf-8", "replace")
    return str(value)


def as_json(value: Any) -> str:
    """``value`` as one line of JSON (datetimes in ISO 8601)."""
    return json.dumps(value, default=_json_default, ensure_ascii=False)


def emit(out: TextIO, lines: Iterable[str]) -> None:
    for line in lines:
        out.write(line + "\n")
    out.flush()
