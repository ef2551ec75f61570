"""The lxml fast path and feedparser must agree item for item on well-formed feeds."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.feeds.parse import parse_feed
from tests.feeds.samples import atom_feed, rss, rss_feed, rss_item

HEADERS = {"content-type": "application/rss+xml", "content-location": "https://ledger.example/feed"}
NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)

RICH_RSS = rss(
    [
        (
            "<item><title>Ottawa weighs &amp; answers &lt;b&gt;duties&lt;/b&gt;</title><link>/news/1?utm_source=x</link>"
            '<guid isPermaLink="false">rich-1</guid><description>&lt;p&gt;Officials met &lt;a href="/x"&gt;today'
            "&lt;/a&gt;.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description>"
            "<content:encoded><![CDATA[<p>Full <b>story</b></p><script>evil()</script>"
            '<img src="/a.png" onerror="x()">]]></content:encoded>'
            "<pubDate>Tue, 24 Nov 2026 14:05:00 -0500</pubDate><dc:creator>Ana Ruiz</dc:creator></item>"
        ),
        (
            "<item><title>No guid</title><link>https://ledger.example/news/2</link>"
            "<pubDate>Tue, 24 Nov 2026 15:00:00 GMT</pubDate><author>desk@ledger.example (Desk)</author></item>"
        ),
        "<item><guid>https://ledger.example/news/3</guid><description>Only text, no title.</description></item>",
    ]
).replace(
    '<rss version="2.0"',
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"',
)

RICH_ATOM = (
    "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Wire</title>"
    "<entry><title type='html'>Steel &lt;em&gt;talks&lt;/em&gt;</title><link href='https://wire.example/1'/>"
    "<link rel='related' href='https://elsewhere.example/'/><id>tag:wire.example,2026:1</id>"
    "<updated>2026-11-24T10:00:00Z</updated><published>2026-11-24T09:00:00-05:00</published>"
    "<summary type='html'>&lt;p&gt;Summary &amp;amp; more&lt;/p&gt;</summary>"
    "<content type='html'>&lt;p&gt;Body &lt;a href='/rel'&gt;link&lt;/a&gt;&lt;/p&gt;</content>"
    "<author><name>Li Wei</name><email>li@wire.example</email></author></entry>"
    "<entry><title>Plain</title><link rel='alternate' href='/a/2'/><id>tag:wire.example,2026:2</id>"
    "<updated>2026-11-24T11:00:00+00:00</updated></entry></feed>"
)


@pytest.mark.parametrize(
    "body",
    [
        rss_feed(30),
        atom_feed(5),
        RICH_RSS.encode(),
        RICH_ATOM.encode(),
        rss([rss_item(i, guid=None) for i in range(4)]).encode(),
    ],
    ids=["rss30", "atom5", "rich-rss", "rich-atom", "no-guids"],
)
def test_fast_path_matches_feedparser(body: bytes) -> None:
    fast = parse_feed(body, HEADERS, "f", now=NOW, fast=True)
    slow = parse_feed(body, HEADERS, "f", now=NOW, fast=False)
    assert fast.fast and not slow.fast
    assert (fast.version, fast.title, fast.hub, fast.self_url) == (
        slow.version,
        slow.title,
        slow.hub,
        slow.self_url,
    )
    assert fast.items == slow.items
    assert fast.skipped == slow.skipped


def test_fast_path_sanitises_content_like_feedparser() -> None:
    item = parse_feed(RICH_RSS.encode(), HEADERS, "f", fast=True).items[0]
    assert "<script" not in item.content and "onerror" not in item.content
    assert 'src="https://ledger.example/a.png"' in item.content
    assert item.summary == "Officials met today."


@pytest.mark.parametrize(
    "body, reason",
    [
        (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x "y">]><rss version="2.0"><channel/></rss>', "DTD"),
        (b'<rss version="0.92"><channel><title>t</title></channel></rss>', "0.92"),
        (rss([rss_item(1)]).replace("<pubDate>", "<pubDate>sometime ").encode(), "odd date"),
    ],
)
def test_unusual_feeds_fall_back_to_feedparser(body: bytes, reason: str) -> None:
    assert not parse_feed(body, HEADERS, "f").fast, reason
