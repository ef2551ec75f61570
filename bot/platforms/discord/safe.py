"""Untrusted text made safe for Discord markdown: no pings, no disguised links, no hidden characters.

Feed titles, summaries and quotes are written by strangers. Before any of it reaches an embed it is
cleaned here: invisible format characters (zero-width, bidi overrides) are stripped so nothing can hide
or reorder text, masked links `[text](url)` are shown with their real address, markdown and mentions
are escaped, and the result is cut to the field's limit at a word boundary with an ellipsis.
"""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, urlsplit

import discord

ELLIPSIS = "…"

# Discord's documented limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits)
TITLE, DESCRIPTION, FIELD_NAME, FIELD_VALUE = 256, 4096, 256, 1024
FIELDS, FOOTER, AUTHOR, EMBED_TOTAL = 25, 2048, 256, 6000
CONTENT, EMBEDS_PER_MESSAGE, URL_MAX = 2000, 10, 2000

_MASKED_LINK = re.compile(r"\[([^\[\]\n]{0,300})\]\(\s*<?([^()\s<>]{1,2000})>?\s*\)")
_SPACES = re.compile(r"\s+")
_LINE_START = re.compile(r"^([#>\-*+]|\d+\.)", re.MULTILINE)
_KEEP_CONTROLS = {"\n", "\t"}


def strip_invisible(text: str) -> str:
    """Drop format (Cf: zero-width, bidi controls, BOM) and control characters, keeping newlines and tabs."""
    return "".join(
        ch for ch in text
        if ch in _KEEP_CONTROLS or unicodedata.category(ch) not in ("Cf", "Cc", "Co", "Cs")
    )


def unmask_links(text: str) -> str:
    """`[Read more](https://x)` → `Read more (https://x)`: a reader sees where a link really goes."""
    return _MASKED_LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", text)


def cut(text: str, limit: int) -> str:
    """At most `limit` characters, cut at the last word boundary (unless that loses over half) with "…"."""
    if len(text) <= limit:
        return text
    if limit <= 1:
        return ELLIPSIS[:limit]
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space >= limit // 2:
        head = head[:space]
    head = head.rstrip()
    # never leave a dangling escape backslash that would swallow the ellipsis
    if head.endswith("\\") and (len(head) - len(head.rstrip("\\"))) % 2:
        head = head[:-1]
    return head + ELLIPSIS


def escape(text: str) -> str:
    """Markdown and mentions escaped so untrusted text shows literally and pings no one."""
    text = discord.utils.escape_markdown(text).replace("[", "\\[").replace("]", "\\]")
    text = discord.utils.escape_mentions(text)
    # escape_mentions keeps short ids; break every mention form, @everyone and @here once more
    text = re.sub(r"<(@[!&]?|#)(\d+)>", lambda m: f"<{m.group(1)}\u200b{m.group(2)}>", text)
    return _LINE_START.sub(lambda m: "\\" + m.group(1), text)


def safe(text: str | None, limit: int, *, one_line: bool = True) -> str:
    """Clean, escape and cut untrusted text for a field of `limit` characters."""
    text = unmask_links(strip_invisible(text or ""))
    text = _SPACES.sub(" ", text).strip() if one_line else _tidy_lines(text)
    # escaping can grow text; cut the raw text first so huge inputs stay cheap, then the escaped form
    text = cut(text, limit)
    escaped = escape(text)
    while len(escaped) > limit:
        shorter = len(text) - (len(escaped) - limit) - 1
        if shorter < 1:
            return ELLIPSIS[:limit]
        text = cut(text, shorter)
        escaped = escape(text)
    return escaped


def _tidy_lines(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def safe_url(url: str | None) -> str | None:
    """An http(s) URL Discord will accept in an embed or masked link, or None."""
    if not url:
        return None
    url = strip_invisible(url).strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or len(url) > URL_MAX:
        return None
    # spaces, brackets and parentheses would end a masked link early: percent-encode them
    return quote(url, safe=":/?#@!$&'*+,;=%~")


def link(text: str, url: str | None, limit: int = 200) -> str:
    """A masked link with escaped text, or just the escaped text when the URL is unusable."""
    label = safe(text, limit) or "link"
    target = safe_url(url)
    return f"[{label}]({target})" if target else label
