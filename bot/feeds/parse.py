"""Feed bytes → ParsedFeed of RawItems: a fast lxml path for well-formed feeds, feedparser for the rest.

Call `parse_feed` off the event loop (`asyncio.to_thread`). A feed is judged by its version and
entries, not by feedparser's `bozo` flag: recoverable XML errors still yield their entries, while an
HTML page yields no version and no entries and is reported as "not a feed".
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, TypeVar

import feedparser

from bot.feeds.entries import EntryFields, SkipEntry, build_item
from bot.feeds.fastparse import FastPathDeclined, fast_parse
from bot.feeds.httpmeta import media_type
from bot.models import RawItem

log = logging.getLogger(__name__)

E = TypeVar("E")
MAX_ENTRIES = 500  # a feed with more entries than this is truncated (newest first as served)


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """What a feed body contained. `error` is non-empty when the body is not a usable feed."""

    feed: str
    version: str = ""  # "rss20", "atom10", "rss10", "rss091u", ...; "" when not a feed
    title: str = ""
    items: tuple[RawItem, ...] = ()
    skipped: tuple[str, ...] = ()  # one reason per entry we could not use
    hub: str | None = None  # WebSub hub the feed advertises
    self_url: str | None = None  # the feed's own URL (WebSub topic)
    warning: str = ""  # a recoverable XML problem feedparser worked around
    error: str = ""
    fast: bool = False  # parsed by the lxml fast path
    parse_ms: float = 0.0
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.error


def parse_feed(
    body: bytes,
    headers: Mapping[str, str],
    feed_name: str,
    *,
    now: datetime | None = None,
    fast: bool = True,
) -> ParsedFeed:
    """Parse a feed body (already decompressed) with its lower-cased response headers."""
    started = time.perf_counter()
    base = headers.get("content-location")
    parsed: ParsedFeed | None = None
    if fast:
        try:
            parsed = fast_parse(body, headers, feed_name, base, now)
        except FastPathDeclined as why:
            log.debug("feed %s: fast path declined (%s)", feed_name, why)
        except Exception:  # a fast-path bug must cost speed, never the feed
            log.exception("feed %s: fast path failed; using feedparser", feed_name)
    if parsed is None:
        parsed = _slow_parse(body, headers, feed_name, base, now)
    for reason in parsed.skipped:
        log.warning("feed %s: skipped an entry: %s", feed_name, reason)
    return replace(parsed, parse_ms=round((time.perf_counter() - started) * 1000.0, 2))


def _slow_parse(
    body: bytes, headers: Mapping[str, str], feed: str, base: str | None, now: datetime | None
) -> ParsedFeed:
    d = feedparser.parse(body, response_headers=dict(headers))
    version = d.get("version", "") or ""
    warning = f"{type(d.bozo_exception).__name__}: {d.bozo_exception}" if d.get("bozo") else ""
    entries = d.get("entries", [])
    if not version and not entries:
        return ParsedFeed(feed=feed, error=_not_a_feed(body, headers, warning))
    items, skipped = collect(feed, entries[:MAX_ENTRIES], _fields, base, now)
    hub, self_url = _links(d.get("feed", {}).get("links", []))
    return ParsedFeed(
        feed=feed, version=version or "unknown", title=d.get("feed", {}).get("title", "")[:300],
        items=items, skipped=skipped, hub=hub, self_url=self_url, warning=warning,
    )


def collect(
    feed: str,
    entries: Iterable[E],
    to_fields: Callable[[E], EntryFields],
    base: str | None,
    now: datetime | None,
) -> tuple[tuple[RawItem, ...], tuple[str, ...]]:
    """Build items from entries; a bad entry is skipped with a reason, never raised."""
    items: list[RawItem] = []
    skipped: list[str] = []
    for index, entry in enumerate(entries):
        try:
            items.append(build_item(feed, to_fields(entry), base, now))
        except SkipEntry as exc:
            skipped.append(f"entry {index + 1}: {exc}")
        except Exception as exc:  # noqa: BLE001 - a hostile entry must never take the feed down
            skipped.append(f"entry {index + 1}: unreadable ({type(exc).__name__}: {exc})")
    return tuple(items), tuple(skipped)


def _not_a_feed(body: bytes, headers: Mapping[str, str], warning: str) -> str:
    kind = media_type(headers)
    head = body[:512].lstrip().lower()
    if kind in ("text/html", "application/xhtml+xml") or head.startswith((b"<!doctype html", b"<html")):
        return f"not a feed: the URL returned an HTML page ({kind or 'no content type'})"
    if not body.strip():
        return "not a feed: empty body"
    return f"not a feed: no RSS or Atom found ({warning or kind or 'unknown content'})"


def _fields(e: dict[str, Any]) -> EntryFields:
    content = e.get("content") or []
    title_detail = e.get("title_detail") or {}
    return EntryFields(
        title=e.get("title", "") or "",
        title_is_html=title_detail.get("type", "") in ("text/html", "application/xhtml+xml"),
        link=e.get("link", "") or "",
        guid=e.get("id", "") or "",
        summary_html=e.get("summary", "") or "",
        content_html=(content[0].get("value", "") if content else "") or "",
        published=_struct_time(dict.get(e, "published_parsed") or dict.get(e, "updated_parsed")),
        author=e.get("author", "") or "",
    )


def _struct_time(t: Any) -> datetime | None:
    if not t:
        return None
    try:
        year, month, day, hour, minute, second = (int(x) for x in t[:6])
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def _links(links: Any) -> tuple[str | None, str | None]:
    hub = self_url = None
    for link in links or []:
        rel, href = link.get("rel"), link.get("href")
        if rel == "hub" and href and hub is None:
            hub = href
        elif rel == "self" and href and self_url is None:
            self_url = href
    return hub, self_url
