"""Small, fast text cleaners for feed fields: HTML to plain text, control characters, length caps."""
from __future__ import annotations

import html
import re

_DROP = re.compile(r"<(script|style|template|noscript)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BLOCK = re.compile(
    r"</?(p|div|br|li|ul|ol|h[1-6]|blockquote|tr|td|th|table|section|article)\b[^>]*>", re.IGNORECASE
)
_TAG = re.compile(r"<[^>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACE = re.compile(r"\s+")
_HTMLISH = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*\b[^<>]*>|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+\d*);")


def clean_line(text: str, limit: int) -> str:
    """One line of plain text: control and bidi-override characters removed, spaces collapsed, capped.

    Bidi overrides are removed because a hostile title could otherwise reorder what a reader
    sees in the chat client.
    """
    text = _SPACE.sub(" ", _CONTROL.sub("", text)).strip()
    if len(text) > limit:
        cut = text[:limit].rsplit(" ", 1)[0] if " " in text[: limit] else text[:limit]
        text = cut.rstrip(" ,;:") + "…"
    return text


def html_to_text(fragment: str, limit: int = 5000) -> str:
    """Readable plain text of an HTML fragment (scripts and styles dropped, entities decoded)."""
    if "<" in fragment:
        fragment = _DROP.sub(" ", fragment)
        fragment = _COMMENT.sub(" ", fragment)
        fragment = _BLOCK.sub(" ", fragment)
        fragment = _TAG.sub("", fragment)
    if "&" in fragment:
        fragment = html.unescape(fragment)
    return clean_line(fragment, limit)


def looks_like_html(text: str) -> bool:
    """True when a field declared as text carries tags or entities (common in RSS titles)."""
    return bool(_HTMLISH.search(text))
