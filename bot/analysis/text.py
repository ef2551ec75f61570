"""Article text as the analysis reads it: main text from HTML, page furniture dropped, spacing tidied.

Everything downstream (quotes, facts, summary) indexes into the string this returns, so it is
computed once per article. Extraction from HTML uses trafilatura, imported lazily because it costs
about half a second to import and plain-text input never needs it.
"""
from __future__ import annotations

import html
import re
import unicodedata

_HTML_HINT = re.compile(r"<(?:html|body|p|div|article|br|span|h[1-6])\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_BLOCK_TAG = re.compile(r"</?(?:p|div|br|li|h[1-6]|blockquote|article|section|tr)\b[^>]*>", re.IGNORECASE)
_SCRIPT = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

# Lines that are page furniture rather than reporting. Each must match the whole (short) line.
_FURNITURE = re.compile(
    r"""^(?:
        (?:follow|read|watch|listen\ to|see|get)\b.{0,60}\b(?:coverage|here|live|updates|more|latest|app|podcast)\b.{0,20}
      | (?:sign\ up|subscribe|register)\b.{0,120}
      | .{0,80}\bnewsletters?\b.{0,80}
      | (?:related|recommended|more\ from|also\ read|read\ more|read\ also|more\ on\ this|trending)\b.{0,150}
      | (?:watch|listen|video|audio|photos|gallery|must\ read|see\ also|more|opinion)\s*:\s*.{0,150}
      | (?:advertisement|story\ continues\ below.{0,40}|sponsored(?:\ content)?|ad)
      | (?:photo|photograph|image|file\ photo|video|graphic)(?:\ credit)?s?\s*[:(|].{0,150}
      | .{0,150}\((?:photo|image|file\ photo)[^)]{0,80}\)
      | .{0,60}(?:/|\(|credit:?|photo:?)\s*(?:getty\ images|the\ canadian\ press|associated\ press|reuters|afp|bloomberg)\b.{0,30}
      | by\ (?-i:[A-Z][\w.'’-]+(?:\ [A-Z][\w.'’-]+){0,3})(?:\s*(?:,|\band\b|&|·|\|)\s*.{0,80})?(?<![.!?”"])
      | (?:reporting|writing|editing|additional\ reporting)\ by\b.{0,150}
      | (?:updated|published|posted|last\ updated)\b.{0,60}
      | (?:share|share\ this\ (?:article|story)|copy\ link|print|email|comments?)(?:\s*[:|].{0,40})?
      | (?:copyright|©).{0,150}
      | (?:click|tap)\ here\b.{0,120}
      | this\ (?:article|story)\ (?:was|has\ been)\ (?:updated|corrected|produced)\b.{0,150}
      | (?:listen|watch)\s*\|?\s*\d+:\d\d.{0,40}
      | \d+\ min(?:ute)?\ read
      | video\ player\ is\ loading.{0,20} | (?:current|remaining)\ time\ [\d:]+ | duration\ [\d:]+
      | loaded:\ [\d.]+\ ?% | stream\ type\ \w+ | [\d.]+x | chapters | descriptions?\ off.{0,20} | captions?\ .{0,30}
      | .{0,30},\ selected | up\ next:? | .{0,60}\bcookies\b.{0,40} | latest\ stories:? | share\ this\ story.{0,5}
      | .{0,80}\b\d{4},?\ \d{1,2}:\d\d\ ?(?:am|pm|a\.m\.|p\.m\.)?(?:\ [a-z]{2,4})?
      | (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\ )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\ \d{1,2},?\ \d{4}
      | (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\ )?\d{1,2}\ (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\ \d{4}
      | .{0,200}[a-z.)](?-i:[A-Z][a-z]+(?:\ [A-Z][a-z'’-]+){0,2})/(?:the\ canadian\ press|reuters|ap|afp|getty\ images|bloomberg|postmedia).{0,20}
      | (?:\w+\ ?){1,3}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


# A dateline or wire tag opening a paragraph: "WINDSOR, Ont. —", "THUNDER BAY —", "Site.com --", "(Reuters) -".
DATELINE = re.compile(r"^(?:[A-Z][A-Z.,'’ -]{1,40}(?:,\s*[A-Z][\w.]+)?\s*(?:\([^)]{1,30}\))?\s*[—–-]+\s*"
                      r"|(?:[\w-]+\.(?:com|ca|org|net)|\((?:Reuters|Bloomberg|AP|CP|AFP)\))\s*[—–-]+\s*)")


def looks_like_html(text: str) -> bool:
    return bool(_HTML_HINT.search(text[:5000]))


def _strip_tags(markup: str) -> str:
    """A plain fallback when trafilatura finds no main text: keep block breaks, drop tags."""
    body = _SCRIPT.sub(" ", markup)
    body = _BLOCK_TAG.sub("\n", body)
    return html.unescape(_TAG.sub("", body))


def extract_main_text(markup: str) -> str:
    """Main article text of an HTML page; slow on big pages, so the service calls it in a thread."""
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - trafilatura is a dependency
        return _strip_tags(markup)
    try:
        found = trafilatura.extract(markup, include_comments=False, include_tables=False, favor_precision=True, fast=True)
    except Exception:  # noqa: BLE001 - trafilatura raises many kinds on malformed pages; fall back, keep the item
        found = None
    return found or _strip_tags(markup)


def is_furniture(line: str) -> bool:
    """Bylines, credits, player controls, section labels and prompts that must never reach a summary.

    A line of one to three bare words is a label ("National", "ADVT"), never a paragraph of reporting.
    """
    line = line.strip().lstrip("•·*-– ").strip()
    return len(line) <= 260 and bool(_FURNITURE.match(line))


def tidy(text: str) -> str:
    """Normalise spacing and invisible characters, keep one paragraph per line, drop furniture."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE).replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for raw in text.split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if line and not is_furniture(line):
            lines.append(line)
    return "\n".join(lines)


def clean_text(text: str) -> str:
    """Plain text or a page's HTML in, the article's paragraphs out (one per line)."""
    if looks_like_html(text):
        text = extract_main_text(text)
    elif "&" in text and re.search(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+);", text, re.IGNORECASE):
        text = html.unescape(text)
    return tidy(text)
