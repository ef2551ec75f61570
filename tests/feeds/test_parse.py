"""parse_feed: versions, HTML pages, malformed XML, encodings, hostile entries, dates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.feeds.parse import parse_feed
from tests.feeds.samples import (
    HTML_PAGE,
    MALFORMED_HOPELESS,
    MALFORMED_RECOVERABLE,
    RSS091,
    RSS10,
    atom_feed,
    latin1_feed,
    rss,
    rss_feed,
    rss_item,
)

XML = {"content-type": "application/rss+xml", "content-location": "https://ledger.example/feed"}
NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize("fast", [True, False])
def test_rss20(fast: bool) -> None:
    parsed = parse_feed(rss_feed(3), XML, "ledger", now=NOW, fast=fast)
    assert parsed.ok and parsed.version == "rss20" and parsed.fast is fast
    assert [i.guid for i in parsed.items] == ["ledger.example-0", "ledger.example-1", "ledger.example-2"]
    first = parsed.items[0]
    assert first.feed == "ledger" and first.link == "https://ledger.example/news/0"
    assert first.summary == "Officials met for round 0 of talks on softwood duties."
    assert first.published == datetime(2026, 11, 24, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize("fast", [True, False])
def test_atom10(fast: bool) -> None:
    parsed = parse_feed(atom_feed(2), {"content-type": "application/atom+xml"}, "wire", fast=fast)
    assert parsed.ok and parsed.version == "atom10" and parsed.title == "Prairie Wire"
    assert parsed.items[1].title == "Dairy quota ruling 1"
    assert parsed.items[1].guid == "tag:wire.example,2026:1"
    assert parsed.items[1].published == datetime(2026, 11, 24, 11, 0, tzinfo=UTC)


def test_rss091_and_rss10_go_through_feedparser() -> None:
    old = parse_feed(RSS091, XML, "old")
    rdf = parse_feed(RSS10, XML, "rdf")
    assert old.ok and old.version == "rss091u" and not old.fast and old.items[0].title == "Quota talks"
    assert rdf.ok and rdf.version == "rss10" and not rdf.fast
    assert rdf.items[0].published == datetime(2026, 11, 24, 14, 30, tzinfo=UTC)


def test_html_page_is_not_a_feed() -> None:
    parsed = parse_feed(HTML_PAGE, {"content-type": "text/html; charset=utf-8"}, "ledger")
    assert not parsed.ok and "HTML page" in parsed.error and parsed.items == ()


def test_html_page_served_as_xml_is_still_not_a_feed() -> None:
    parsed = parse_feed(HTML_PAGE, XML, "ledger")
    assert not parsed.ok and "not a feed" in parsed.error


def test_recoverable_malformed_xml_keeps_entries_with_a_warning() -> None:
    parsed = parse_feed(MALFORMED_RECOVERABLE, XML, "broken")
    assert parsed.ok and not parsed.fast and parsed.warning
    assert {i.guid for i in parsed.items} >= {"ledger.example-1", "ledger.example-2"}


def test_hopeless_body_is_an_error() -> None:
    parsed = parse_feed(MALFORMED_HOPELESS, XML, "junk")
    assert not parsed.ok and "not a feed" in parsed.error


def test_empty_body_is_an_error() -> None:
    assert "empty body" in parse_feed(b"", XML, "empty").error


def test_latin1_feed_is_decoded() -> None:
    parsed = parse_feed(latin1_feed(), {"content-type": "application/rss+xml"}, "courrier")
    assert parsed.ok and not parsed.fast
    assert parsed.items[0].title == "Québec: les droits de douane sur l'acier à 25 % ? réaction"


def test_header_charset_overrides_and_declines_fast_path() -> None:
    body = rss([rss_item(1, title="Montréal")], encoding="windows-1252").encode("cp1252")
    parsed = parse_feed(body, {"content-type": "text/xml; charset=windows-1252"}, "mtl")
    assert parsed.ok and parsed.items[0].title == "Montréal"


@pytest.mark.parametrize("fast", [True, False])
def test_future_date_is_clamped_to_now(fast: bool) -> None:
    body = rss([rss_item(1, when=NOW + timedelta(days=400)), rss_item(2, when=NOW + timedelta(minutes=5))])
    items = parse_feed(body.encode(), XML, "f", now=NOW, fast=fast).items
    assert items[0].published == NOW
    assert items[1].published == NOW + timedelta(minutes=5)  # small clock skew is left alone


@pytest.mark.parametrize("fast", [True, False])
def test_hostile_entries_are_skipped_or_neutralised(fast: bool) -> None:
    hostile = [
        "<item><title></title><description></description></item>",  # nothing at all
        '<item><title>Click me</title><link>javascript:alert(1)</link><guid isPermaLink="false">h-1</guid></item>',
        "<item><title>" + "A" * 5000 + '</title><guid isPermaLink="false">h-2</guid></item>',
        '<item><title>Bidi \u202etxt.exe\u202c trick\x01</title><guid isPermaLink="false">h-3</guid></item>',
        (
            "<item><title>&lt;script&gt;alert(1)&lt;/script&gt;Tariff &lt;b&gt;news&lt;/b&gt;</title>"
            '<guid isPermaLink="false">h-4</guid></item>'
        ),
        rss_item(9),
    ]
    parsed = parse_feed(rss(hostile).encode(), XML, "hostile", now=NOW, fast=fast)
    assert parsed.ok
    by_guid = {i.guid: i for i in parsed.items}
    assert len(parsed.skipped) == 1 and "no title" in parsed.skipped[0]
    assert by_guid["h-1"].link is None
    assert len(by_guid["h-2"].title) <= 401 and by_guid["h-2"].title.endswith("…")
    assert by_guid["h-3"].title == "Bidi txt.exe trick"
    assert by_guid["h-4"].title == "Tariff news"
    assert "ledger.example-9" in by_guid


def test_items_without_guid_keep_their_link() -> None:
    body = rss([rss_item(1, guid=None), rss_item(2, guid=None, link=None, title="Only a title")])
    items = parse_feed(body.encode(), XML, "f", now=NOW).items
    assert items[0].guid is None and items[0].link == "https://ledger.example/news/1"
    assert items[1].guid is None and items[1].link is None and items[1].published is not None


def test_relative_links_resolve_against_the_feed_url() -> None:
    body = rss([rss_item(1, link="/news/relative-1")]).encode()
    for fast in (True, False):
        assert parse_feed(body, XML, "f", fast=fast).items[0].link == "https://ledger.example/news/relative-1"


def test_websub_hub_and_self_are_found() -> None:
    extra = (
        '<atom:link rel="hub" href="https://hub.example/"/>'
        '<atom:link rel="self" href="https://ledger.example/feed"/>'
    )
    for fast in (True, False):
        parsed = parse_feed(rss([rss_item(1)], extra=extra).encode(), XML, "f", fast=fast)
        assert (parsed.hub, parsed.self_url) == ("https://hub.example/", "https://ledger.example/feed")
