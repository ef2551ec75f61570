"""Feed state round-trips, health, and poll leases shared by several instances."""
from __future__ import annotations

import asyncio

from bot.models import FeedState
from bot.store import Store
from tests.pg import MakeStore
from tests.store.conftest import at

NAMES = ["CBC Business", "Globe Markets", "Wire Trade"]


async def test_unknown_feed_gets_fresh_state_and_saved_state_round_trips(store: Store) -> None:
    fresh = await store.load_feed_state("Wire Trade", "https://wire.example/rss")
    assert fresh == FeedState("Wire Trade", "https://wire.example/rss")
    fresh.etag, fresh.last_modified, fresh.body_hash = 'W/"abc"', "Mon, 02 Mar 2026 12:00:00 GMT", "f" * 64
    fresh.next_poll, fresh.last_success, fresh.first_poll_done, fresh.items_seen = at(5), at(0), True, 12
    fresh.response_ms, fresh.websub_hub, fresh.websub_lease_until = 81.5, "https://hub.example/", at(600)
    fresh.extra = {"moved_from": "http://old.example/rss"}
    await store.save_feed_state(fresh)
    assert await store.load_feed_state("Wire Trade", "https://wire.example/rss") == fresh


async def test_a_redirected_url_is_kept_but_a_config_edit_starts_afresh(store: Store) -> None:
    state = FeedState("Wire Trade", "https://wire.example/rss", etag="e1", items_seen=4, first_poll_done=True)
    await store.save_feed_state(state)
    state.url = "https://new.wire.example/rss"  # permanent redirect: the poller moves the stored URL
    await store.save_feed_state(state)
    kept = await store.load_feed_state("Wire Trade", "https://wire.example/rss")
    assert kept.url == "https://new.wire.example/rss" and kept.etag == "e1"
    edited = await store.load_feed_state("Wire Trade", "https://elsewhere.example/feed.xml")
    assert edited.url == "https://elsewhere.example/feed.xml" and edited.etag is None
    assert edited.first_poll_done and edited.items_seen == 4  # no re-alerting flood after the edit


async def test_feed_health_reports_status(store: Store) -> None:
    await store.save_feed_state(FeedState("A ok", "https://a/", last_success=at(0), items_seen=3))
    await store.save_feed_state(FeedState("B failing", "https://b/", consecutive_failures=2,
                                          last_error="HTTP 503", last_error_at=at(1)))
    await store.save_feed_state(FeedState("C paused", "https://c/", paused=True, consecutive_failures=10))
    await store.save_feed_state(FeedState("D new", "https://d/"))
    health = {h.name: h for h in await store.feed_health()}
    assert [health[n].status for n in ("A ok", "B failing", "C paused", "D new")] == ["ok", "failing", "paused",
                                                                                       "new"]
    assert health["B failing"].last_error == "HTTP 503" and health["B failing"].last_error_at == at(1)
    assert health["A ok"].items_seen == 3


async def test_due_feeds_are_leased_to_one_owner_until_release_or_expiry(make_store: MakeStore) -> None:
    one, two = await make_store(), await make_store()
    await one.save_feed_state(FeedState("Globe Markets", "https://g/", next_poll=at(30)))  # not due yet
    assert await one.claim_feeds(NAMES, "a", at(0), 300) == ["CBC Business", "Wire Trade"]
    assert await two.claim_feeds(NAMES, "b", at(1), 300) == []
    assert await one.claim_feeds(NAMES, "a", at(1), 300) == ["CBC Business", "Wire Trade"]  # renewal
    await one.release_feed("CBC Business", "a")
    await two.release_feed("Wire Trade", "b")  # not b's lease: nothing happens
    assert await two.claim_feeds(NAMES, "b", at(2), 300) == ["CBC Business"]
    assert await two.claim_feeds(NAMES, "b", at(6.5), 300) == ["CBC Business", "Wire Trade"]  # a's expired
    assert await two.claim_feeds(NAMES, "b", at(31), 300) == NAMES


async def test_concurrent_claims_poll_each_feed_once(make_store: MakeStore) -> None:
    stores = [await make_store(), await make_store()]
    names = [f"feed-{i:03d}" for i in range(60)]
    results = await asyncio.gather(*(stores[i % 2].claim_feeds(names, f"owner-{i}", at(0), 300)
                                     for i in range(6)))
    claimed = [n for r in results for n in r]
    assert sorted(claimed) == names  # every feed exactly once
