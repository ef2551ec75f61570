"""Fetch an article page's HTML for the caller to extract text from (feeds never import analysis)."""
from __future__ import annotations

import codecs
import logging
import re

from bot.feeds.fetch import Fetcher
from bot.feeds.httpmeta import charset, media_type

log = logging.getLogger(__name__)

HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
HTML_TYPES = ("text/html", "application/xhtml+xml")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(body: bytes, header_charset: str | None) -> str:
    """Text of an HTML page: BOM, then the HTTP charset, then <meta charset>, then UTF-8 (lenient)."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return body.decode(name, errors="replace")
    meta = _META_CHARSET.search(body[:4096])
    name = _codec(header_charset) or _codec(meta.group(1).decode("ascii") if meta else None) or "utf-8"
    return body.decode(name, errors="replace")


async def fetch_article(fetcher: Fetcher, url: str) -> str | None:
    """The page's HTML, or None when it cannot or may not be fetched, or is not HTML.

    Article links come from feeds, so they are never trusted: the SSRF guard checks the first
    URL and every redirect, and the same size cap, timeouts and host limits as feeds apply.
    """
    result = await fetcher.fetch(url, trusted=False, accept=HTML_ACCEPT)
    if not result.ok or result.not_modified:
        log.info("article %s not fetched: %s", url, result.error or "not modified")
        return None
    kind = media_type(result.headers)
    if kind not in HTML_TYPES:
        log.info("article %s is %s, not HTML", url, kind or "untyped")
        return None
    return decode_html(result.body, charset(result.headers))
