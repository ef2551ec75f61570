"""Item identity: GUID, else canonical link, else title+date; tracking noise never splits an item."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.feeds.identity import canonical_url, identify, item_key, unique
from bot.models import RawItem

WHEN = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "variant",
    [
        "https://News.Example.com/trade/steel-duties",
        "https://news.example.com/trade/steel-duties/",
        "https://news.example.com:443/trade/steel-duties#comments",
        "https://news.example.com/trade/steel-duties?utm_source=rss&utm_medium=feed",
        "https://news.example.com/trade/steel-duties?fbclid=abc&gclid=def&mc_cid=1",
        "https://NEWS.EXAMPLE.COM./trade/steel-duties/?utm_campaign=x#top",
    ],
)
def test_tracking_variants_share_one_canonical_link(variant: str) -> None:
    assert canonical_url(variant) == "https://news.example.com/trade/steel-duties"


def test_meaningful_query_parameters_stay_and_are_ordered() -> None:
    assert canonical_url("https://x.example/a?page=2&id=7&utm_term=q") == "https://x.example/a?id=7&page=2"
    assert canonical_url("https://x.example/a?id=7") != canonical_url("https://x.example/a?id=8")


@pytest.mark.parametrize(
    "bad", [None, "", "javascript:alert(1)", "mailto:desk@x.example", "https://", "http://[::1"]
)
def test_non_web_links_have_no_canonical_form(bad: str | None) -> None:
    assert canonical_url(bad) is None


def test_key_prefers_guid_then_link_then_title_and_date() -> None:
    with_guid = RawItem(feed="f", title="T", link="https://x.example/1", guid="abc")
    link_only = RawItem(feed="f", title="T", link="https://x.example/1?utm_source=a")
    same_link = RawItem(feed="f", title="Other title", link="https://x.example/1/")
    bare = RawItem(feed="f", title="Quota ruling", published=WHEN)
    assert item_key(with_guid).startswith("g:")
    assert item_key(link_only).startswith("u:") and item_key(link_only) == item_key(same_link)
    assert item_key(bare).startswith("h:")
    assert item_key(bare) == item_key(RawItem(feed="f", title="QUOTA RULING", published=WHEN))
    assert item_key(bare) != item_key(RawItem(feed="f", title="Quota ruling"))


def test_changed_guid_keeps_the_canonical_link_for_matching() -> None:
    before = identify(RawItem(feed="f", title="T", link="https://x.example/1?utm_source=a", guid="v1"), WHEN)
    after = identify(RawItem(feed="f", title="T", link="https://x.example/1", guid="v2"), WHEN)
    assert before.key != after.key
    assert before.url == after.url == "https://x.example/1"
    assert after.fetched_at == WHEN and after.guid == "v2"


def test_unique_drops_repeats_by_key_or_link() -> None:
    a = RawItem(feed="f", title="A", link="https://x.example/1", guid="g1")
    a_again = RawItem(feed="f", title="A (updated)", link="https://x.example/9", guid="g1")
    a_new_guid = RawItem(feed="f", title="A", link="https://x.example/1?utm_source=x", guid="g2")
    b = RawItem(feed="f", title="B", link="https://x.example/2")
    assert unique([a, a_again, a_new_guid, b]) == [a, b]
