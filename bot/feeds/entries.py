"""The rules that turn one feed entry's fields into a RawItem, shared by both parsing paths.

Keeping the rules here means the fast path and feedparser cannot drift apart on what a title,
link or date may be, and a hostile entry is skipped with a reason instead of crashing a poll.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urljoin, urlsplit

from bot.feeds.textutil import clean_line, html_to_text, looks_like_html
from bot.models import RawItem

log = logging.getLogger(__name__)

TITLE_MAX = 400
SUMMARY_MAX = 4000
CONTENT_MAX = 400_000
GUID_MAX = 2000
URL_MAX = 2000
FUTURE_GRACE = timedelta(minutes=15)
OLDEST = datetime(1990, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class EntryFields:
    """The raw strings one entry carried, before any of our rules ran."""

    title: str = ""
    title_is_html: bool = False
    link: str = ""
    guid: str = ""
    summary_html: str = ""
    content_html: str = ""
    published: datetime | None = None
    author: str = ""


class SkipEntry(Exception):
    """This entry cannot become an item; the message says why."""


def clean_link(link: str, base: str | None) -> str | None:
    """An absolute http(s) URL or None: javascript:, data: and garbage links are dropped."""
    link = clean_line(link, URL_MAX + 1)
    if not link or len(link) > URL_MAX:
        return None
    if base:
        try:
            link = urljoin(base, link)
        except ValueError:
            return None
    try:
        parts = urlsplit(link)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return link


def clean_date(when: datetime | None, now: datetime | None, feed: str) -> datetime | None:
    """Aware UTC; a date far in the future is clamped to `now` so it cannot pin an item on top."""
    if when is None:
        return None
    when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    if when < OLDEST:
        return None
    if now is not None and when > now + FUTURE_GRACE:
        log.info("feed %s: entry dated %s is in the future; using fetch time", feed, when.isoformat())
        return now
    return when


def build_item(feed: str, f: EntryFields, base: str | None, now: datetime | None) -> RawItem:
    """A RawItem from an entry's fields, or SkipEntry with the reason."""
    as_html = f.title_is_html or looks_like_html(f.title)
    title = html_to_text(f.title, TITLE_MAX) if as_html else clean_line(f.title, TITLE_MAX)
    summary = html_to_text(f.summary_html, SUMMARY_MAX) if f.summary_html else ""
    content = f.content_html if len(f.content_html) <= CONTENT_MAX else ""
    if not summary and content:
        summary = html_to_text(content, SUMMARY_MAX)
    link = clean_link(f.link, base) if f.link else None
    guid = clean_line(f.guid, GUID_MAX + 1) or None
    if guid and len(guid) > GUID_MAX:
        guid = None
    if not title:
        title = clean_line(summary, 120)
    if not title:
        raise SkipEntry("entry has no title and no text")
    if not (link or guid or summary or f.published):
        raise SkipEntry(f"entry {title[:60]!r} has no link, id, text or date to identify it by")
    return RawItem(
        feed=feed, title=title, link=link, guid=guid, summary=summary, content=content,
        published=clean_date(f.published, now, feed), author=clean_line(f.author, 200) or None,
    )
