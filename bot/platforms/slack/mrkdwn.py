"""Slack mrkdwn safety and Block Kit primitives (pure): untrusted feed text made inert and kept in limits.

Feed text is untrusted. Escaping `&`, `<` and `>` is what Slack itself asks for, and it is enough to stop
`<!channel>`, `<!here>`, `<@U123>`, `<#C123>` or `<https://evil|harmless label>` from a feed being read
as markup: they arrive as visible text. Invisible and bidi control characters are removed so a
title cannot hide or reorder what a reader sees. Every field is cut at a word, with "…", within
Slack's limits, and never in the middle of an escape.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from bot.models import Source

SECTION, HEADER, BUTTON, MAX_BLOCKS, FALLBACK, CONTEXT_ELEMENTS = 3000, 150, 75, 50, 40_000, 10
INVISIBLE = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f"
                       r"\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]")
_PARTIAL_ESCAPE = re.compile(r"&[a-z]{0,3}$")
_URL = re.compile(r"^https?://[^\s<>|\"]+$")


def clean(text: str | None) -> str:
    """Normalised text without control, zero-width or bidi characters (newlines and tabs kept)."""
    return INVISIBLE.sub("", unicodedata.normalize("NFC", text or ""))


def cut(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary with an ellipsis when it had to be cut."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = max(head.rfind(" "), head.rfind("\n"))
    head = head[:space] if space > limit // 2 else head
    return _PARTIAL_ESCAPE.sub("", head).rstrip() + "…"


def safe(text: str | None, limit: int = SECTION) -> str:
    """Untrusted text made inert for mrkdwn and trimmed to `limit` characters."""
    escaped = clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return cut(escaped, limit)


def plain(text: str | None, limit: int) -> str:
    """Untrusted text for plain_text fields (never parsed for markup): cleaned and trimmed, never empty."""
    return cut(" ".join(clean(text).split()), limit) or "—"


def link(url: str | None, label: str) -> str:
    """A mrkdwn link to an http(s) URL, or just the (already safe) label when the URL is unusable."""
    if url and _URL.match(url) and not INVISIBLE.search(url) and len(url) < 2000:
        return f"<{url.replace('&', '&amp;')}|{label}>"
    return label


def when(dt: datetime | None) -> str:
    """A date each reader sees in their own time zone, with a UTC fallback."""
    if dt is None:
        return "undated"
    return f"<!date^{int(dt.timestamp())}^{{date_short_pretty}} {{time}}|{dt:%Y-%m-%d %H:%M} UTC>"


def sources(items: Iterable[Source]) -> str:
    return ", ".join(link(s.url, safe(s.feed, 80)) for s in items) or "unknown source"


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": cut(text, SECTION) or " "}}


def header(text: str) -> dict[str, Any]:
    return {"type": "header", "text": {"type": "plain_text", "text": plain(text, HEADER), "emoji": False}}


def context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": cut(text, SECTION)}]}


def button(action_id: str, label: str, value: str, style: str | None = None) -> dict[str, Any]:
    b: dict[str, Any] = {"type": "button", "action_id": action_id, "value": value[:2000],
                         "text": {"type": "plain_text", "text": plain(label, BUTTON), "emoji": False}}
    if style:
        b["style"] = style
    return b


def chunks(lines: list[str], size: int = SECTION - 50) -> list[str]:
    """Lines packed into section-sized texts, never splitting a line that fits."""
    out, current = [], ""
    for line in lines:
        line = cut(line, size)
        if current and len(current) + len(line) + 1 > size:
            out.append(current)
            current = ""
        current += ("\n" if current else "") + line
    return out + ([current] if current else [])
