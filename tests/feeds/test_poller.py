"""Poller end to end on the faulty server: each fault gives the right behaviour and a clear health record."""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, datetime, timedelta

import pytest

from bot.feeds.fetch import Fetcher
from bot.feeds.identity import identify
from bot.feeds.limits import HostLimiter
from bot.feeds.poller import Poller
from bot.feeds.schedule import ScheduleSettings
from bot.models import FeedState
from tests.feeds.samples import (
    HTML_PAGE,
    MALFORMED_HOPELESS,
    MALFORMED_RECOVERABLE,
    latin1_feed,
    rss,
    rss_feed,
    rss_item,
)
from tests.feeds.server import FaultyFeedServer, Feed

NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)


@pytest.fixture
def poller(fetcher: Fetcher) -> Poller:
    return Poller(fetcher, schedule=ScheduleSettings(pause_after=3), rng=random.Random(1), clock=lambda: NOW)


def state_for(server: FaultyFeedServer, path: str, name: str = "f") -> FeedState:
    return FeedState(name=name, url=server.url(path))


async def test_new_feed_then_304_then_changed(server: FaultyFeedServer, poller: Poller) -> None:
    server.feeds["a"] = Feed(rss_feed(3))
    first = await poller.poll(state_for(server, "/feed/a"), 300, NOW)
    assert first.ok and first.changed and first.first_poll and len(first.items) == 3
    s = first.state
    assert s.first_poll_done and s.etag == server.feeds["a"].etag and s.body_hash
    assert s.last_success == NOW and s.consecutive_failures == 0 and s.items_seen == 3
    assert s.response_ms is not None and s.response_ms > 0 and s.extra["version"] == "rss20"
    assert s.next_poll is not None and timedelta(seconds=270) <= s.next_poll - NOW <= timedelta(seconds=330)

    second = await poller.poll(s, 300, NOW + timedelta(minutes=5))
    assert second.ok and not second.changed and second.items == [] and second.status == 304
    assert poller.stats["not_modified"] == 1

    server.feeds["a"].body = rss_feed(4)
    third = await poller.poll(second.state, 300, NOW + timedelta(minutes=10))
    assert third.changed and not third.first_poll and len(third.items) == 4


async def test_same_body_without_validators_is_not_parsed_again(
    server: FaultyFeedServer, poller: Poller
) -> None:
    server.feeds["n"] = Feed(rss_feed(2), conditional=False)
    first = await poller.poll(state_for(server, "/feed/n"), None, NOW)
    second = await poller.poll(first.state, None, NOW + timedelta(minutes=5))
    assert first.changed and not second.changed and second.ok
    assert poller.stats["parsed"] == 1 and poller.stats["unchanged"] == 1


async def test_500_backs_off_and_records_the_reason(server: FaultyFeedServer, poller: Poller) -> None:
    out = await poller.poll(state_for(server, "/status/500"), 300, NOW)
    s = out.state
    assert not out.ok and not out.changed and out.status == 500
    assert s.consecutive_failures == 1 and "HTTP 500" in s.last_error and s.last_error_at == NOW
    assert s.last_success is None and s.next_poll is not None
    out2 = await poller.poll(s, 300, NOW + timedelta(minutes=5))
    assert out2.state.consecutive_failures == 2
    assert out2.state.next_poll - (NOW + timedelta(minutes=5)) > s.next_poll - NOW  # exponential


async def test_429_retry_after_is_respected(server: FaultyFeedServer, poller: Poller) -> None:
    out = await poller.poll(state_for(server, "/status/429?Retry-After=7200"), 300, NOW)
    assert out.state.next_poll == NOW + timedelta(seconds=7200) and "429" in out.state.last_error


@pytest.mark.parametrize(
    "path, words",
    [
        ("/stall", ("stalled", "timed out")),
        ("/big", ("too large",)),
        ("/bomb", ("over the size cap",)),
        ("/loop/0", ("redirect loop",)),
        ("/page", ("HTML page",)),
    ],
)
async def test_faults_become_clear_health_records(
    server: FaultyFeedServer, poller: Poller, path: str, words: tuple[str, ...]
) -> None:
    out = await poller.poll(state_for(server, path), 300, NOW)
    assert not out.ok and out.items == [] and out.state.consecutive_failures == 1
    assert any(w in out.state.last_error for w in words), out.state.last_error


async def test_301_updates_the_stored_url(server: FaultyFeedServer, poller: Poller) -> None:
    server.feeds["m"] = Feed(rss_feed(1))
    out = await poller.poll(state_for(server, "/moved/m"), 300, NOW)
    assert out.ok and out.state.url == server.url("/feed/m")
    assert out.notice is not None and "moved permanently" in out.notice
    again = await poller.poll(out.state, 300, NOW + timedelta(minutes=5))
    assert again.ok and server.hits.get("/moved/m") == 1  # the old URL is not asked again


async def test_html_served_in_place_of_a_feed(server: FaultyFeedServer, poller: Poller) -> None:
    server.feeds["h"] = Feed(HTML_PAGE, content_type="text/html")
    out = await poller.poll(state_for(server, "/feed/h"), 300, NOW)
    assert not out.ok and "not a feed" in out.state.last_error


async def test_malformed_xml(server: FaultyFeedServer, poller: Poller) -> None:
    server.feeds["ok"] = Feed(MALFORMED_RECOVERABLE)
    server.feeds["bad"] = Feed(MALFORMED_HOPELESS)
    kept = await poller.poll(state_for(server, "/feed/ok"), 300, NOW)
    lost = await poller.poll(state_for(server, "/feed/bad"), 300, NOW)
    assert kept.ok and len(kept.items) >= 2 and "warning" in kept.state.extra
    assert not lost.ok and "not a feed" in lost.state.last_error


async def test_items_without_guids_get_link_keys(server: FaultyFeedServer, poller: Poller) -> None:
    server.feeds["g"] = Feed(rss([rss_item(i, guid=None) for i in range(3)]).encode())
    out = await poller.poll(state_for(server, "/feed/g"), 300, NOW)
    keys = {identify(i, NOW).key for i in out.items}
    assert len(keys) == 3 and all(k.startswith("u:") for k in keys)


async def test_changed_guids_keep_the_same_canonical_link(server: FaultyFeedServer, poller: Poller) -> None:
    server.feeds["c"] = Feed(rss([rss_item(1, guid="first-guid")]).encode())
    before = await poller.poll(state_for(server, "/feed/c"), 300, NOW)
    server.feeds["c"].body = rss(
        [rss_item(1, guid="second-guid", link="https://ledger.example/news/1?utm_source=feed")]
    ).encode()
    after = await poller.poll(before.state, 300, NOW + timedelta(minutes=5))
    old, new = identify(before.items[0], NOW), identify(after.items[0], NOW)
    assert after.changed and old.key != new.key and old.url == new.url


async def test_repeated_items_are_returned_once(server: FaultyFeedServer, poller: Poller) -> None:
    server.feeds["r"] = Feed(rss([rss_item(1), rss_item(1), rss_item(2), rss_item(1)]).encode())
    out = await poller.poll(state_for(server, "/feed/r"), 300, NOW)
    assert [i.guid for i in out.items] == [
        "ledger.example-1",
        "ledger.example-2",
    ] and out.state.items_seen == 2


async def test_future_dates_and_latin1(server: FaultyFeedServer, poller: Poller) -> None:
    server.feeds["fut"] = Feed(rss([rss_item(1, when=NOW + timedelta(days=30))]).encode())
    server.feeds["lat"] = Feed(latin1_feed(), content_type="application/rss+xml")
    fut = await poller.poll(state_for(server, "/feed/fut"), 300, NOW)
    lat = await poller.poll(state_for(server, "/feed/lat"), 300, NOW)
    assert fut.items[0].published == NOW
    assert lat.ok and lat.items[0].title.startswith("Québec: les droits de douane sur l'acier")


async def test_pause_notice_then_recovery_notice(server: FaultyFeedServer, poller: Poller) -> None:
    server.feeds["p"] = Feed(rss_feed(1))
    state, notices = state_for(server, "/status/503"), []
    for i in range(4):
        out = await poller.poll(state, 300, NOW + timedelta(days=i))
        state, _ = out.state, notices.append(out.notice)
    assert state.paused and notices[2] is not None and "paused" in notices[2] and notices[3] is None
    state.url = server.url("/feed/p")  # the outlet fixes its feed
    back = await poller.poll(state, 300, NOW + timedelta(days=5))
    assert back.ok and not back.state.paused and back.notice is not None and "back" in back.notice


async def test_poll_many_one_bad_feed_costs_the_others_nothing(
    server: FaultyFeedServer, poller: Poller
) -> None:
    for i in range(6):
        server.feeds[f"good{i}"] = Feed(rss([rss_item(j, host=f"o{i}.example") for j in range(5)]).encode())
    jobs = [(state_for(server, f"/feed/good{i}", f"good{i}"), 300.0) for i in range(6)]
    jobs += [(state_for(server, p, p), 300.0) for p in ("/stall", "/status/500", "/bomb", "/page")]
    outcomes = {o.state.name: o async for o in poller.poll_many(jobs)}
    assert len(outcomes) == 10
    for i in range(6):
        good = outcomes[f"good{i}"]
        assert good.ok and len(good.items) == 5 and good.state.last_success == NOW
    for bad in ("/stall", "/status/500", "/bomb", "/page"):
        assert not outcomes[bad].ok and outcomes[bad].state.last_error


async def test_poll_many_consumer_can_stop_early(server: FaultyFeedServer, poller: Poller) -> None:
    server.feeds["x"] = Feed(rss_feed(1))
    jobs = [(state_for(server, "/feed/x", f"x{i}"), None) for i in range(20)]
    stream = poller.poll_many(jobs)
    async for _ in stream:
        break
    await stream.aclose()  # the remaining workers are cancelled, nothing left running


async def test_host_limiter_caps_concurrency_per_host() -> None:
    limiter, inside, peak, gate = HostLimiter(2), 0, 0, asyncio.Event()

    async def use(host: str) -> None:
        nonlocal inside, peak
        async with limiter.limit(host):
            inside += 1
            peak = max(peak, inside)
            await gate.wait()
            inside -= 1

    tasks = [asyncio.create_task(use("a")) for _ in range(5)] + [asyncio.create_task(use("b"))]
    for _ in range(5):
        await asyncio.sleep(0)  # let every task reach the semaphore (a yield, not a timed wait)
    assert inside == 3 and limiter.active_hosts() == 2
    gate.set()
    await asyncio.gather(*tasks)
    assert peak == 3 and limiter.active_hosts() == 0
