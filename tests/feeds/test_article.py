"""fetch_article: HTML only, decoded right, with the same caps and the SSRF guard."""

from __future__ import annotations

import dataclasses

import pytest

from bot.feeds.article import decode_html, fetch_article
from bot.feeds.fetch import Fetcher
from tests.feeds.conftest import TEST_SETTINGS
from tests.feeds.samples import rss_feed
from tests.feeds.server import FaultyFeedServer, Feed

PAGE = "<html><head><meta charset='windows-1252'></head><body><p>Montréal port reopens</p></body></html>"


async def test_returns_html_text(server: FaultyFeedServer, fetcher: Fetcher) -> None:
    server.feeds["art"] = Feed(PAGE.encode("cp1252"), content_type="text/html")
    html = await fetch_article(fetcher, server.url("/feed/art"))
    assert html is not None and "Montréal port reopens" in html


async def test_header_charset_wins(server: FaultyFeedServer, fetcher: Fetcher) -> None:
    server.feeds["u"] = Feed("<p>Québec</p>".encode(), content_type="text/html; charset=utf-8")
    assert await fetch_article(fetcher, server.url("/feed/u")) == "<p>Québec</p>"


async def test_non_html_and_failures_give_none(server: FaultyFeedServer, fetcher: Fetcher) -> None:
    server.feeds["x"] = Feed(rss_feed(1))
    assert await fetch_article(fetcher, server.url("/feed/x")) is None  # a feed, not a page
    assert await fetch_article(fetcher, server.url("/status/404")) is None
    assert await fetch_article(fetcher, server.url("/big")) is None
    assert await fetch_article(fetcher, server.url("/bomb")) is None


async def test_article_links_are_never_trusted(
    server: FaultyFeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BORDERDESK_ALLOW_PRIVATE_NETWORKS", raising=False)
    server.feeds["art"] = Feed(PAGE.encode("cp1252"), content_type="text/html")
    async with Fetcher(dataclasses.replace(TEST_SETTINGS, allow_private=False)) as strict:
        assert await fetch_article(strict, server.url("/feed/art")) is None
    assert server.hits.get("/feed/art") is None  # refused before any request was sent


def test_decode_html_handles_boms_and_unknown_charsets() -> None:
    assert decode_html("\ufeff<p>é</p>".encode("utf-8"), None) == "<p>é</p>"
    assert decode_html("<p>é</p>".encode(), "no-such-charset") == "<p>é</p>"
