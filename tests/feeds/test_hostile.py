"""Property tests: no body and no entry text, however hostile, makes parse_feed raise."""

from __future__ import annotations

from datetime import UTC, datetime
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.feeds.entries import FUTURE_GRACE
from bot.feeds.parse import parse_feed
from tests.feeds.samples import rss

HEADERS = {"content-type": "application/rss+xml", "content-location": "https://ledger.example/feed"}
NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
RELAXED = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@RELAXED
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_never_raise(body: bytes) -> None:
    parsed = parse_feed(body, HEADERS, "fuzz", now=NOW)
    assert parsed.ok or parsed.error


@RELAXED
@given(
    title=st.text(max_size=300),
    text=st.text(max_size=600),
    link=st.text(max_size=80),
    date=st.text(max_size=40),
    guid=st.text(max_size=60),
)
def test_hostile_entry_fields_never_raise(title: str, text: str, link: str, date: str, guid: str) -> None:
    item = (
        f"<item><title>{escape(title)}</title><link>{escape(link)}</link><guid>{escape(guid)}</guid>"
        f"<description>{escape(text)}</description><pubDate>{escape(date)}</pubDate></item>"
    )
    body = rss([item]).encode("utf-8", "surrogatepass")
    for fast in (True, False):
        parsed = parse_feed(body, HEADERS, "fuzz", now=NOW, fast=fast)
        for raw in parsed.items:
            assert raw.link is None or raw.link.startswith(("http://", "https://"))
            assert raw.published is None or NOW - raw.published >= -FUTURE_GRACE
            assert "\x00" not in raw.title and len(raw.title) <= 401
