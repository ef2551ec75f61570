"""Alerts from the real pipeline reaching a fake Slack Web API: blocks, edits, 429s and missing channels."""
from __future__ import annotations

from dataclasses import replace

import pytest

from bot.demo.catalog import Catalog, load_catalog
from bot.models import Delivery
from tests.platforms.slack.blockkit import check_blocks, texts
from tests.platforms.slack.conftest import ALERTS, OPS, SlackDesk, fill, first_poll, next_phase

LATE = "canada-strikes-back"  # Border Wire's take on Maple Ledger's counter-tariff story


@pytest.fixture
def news_catalog() -> Catalog:
    """The demo's stories, with one outlet's version of a story arriving a poll later."""
    demo = load_catalog()
    return replace(demo, stories=tuple(replace(s, phase=3) if s.slug == LATE else s for s in demo.stories))


async def test_alerts_arrive_as_block_kit_once_per_story(desk: SlackDesk) -> None:
    await fill(desk)
    posts = [p for p in desk.fake.called("chat.postMessage") if p["channel"] == ALERTS]
    assert len(posts) >= 5
    for post in posts:
        check_blocks(post)
        assert post["unfurl_links"] is False and post["unfurl_media"] is False
        assert post["blocks"][0]["type"] == "header" and post["metadata"]["event_payload"]["nonce"]
    nonces = [p["metadata"]["event_payload"]["nonce"] for p in posts]
    assert len(set(nonces)) == len(nonces)
    titles = [p["blocks"][0]["text"]["text"] for p in posts]
    assert len(set(titles)) == len(titles)  # one message per story
    for post in posts:  # each message shows what the pipeline stored for its story
        alert = await desk.app.store.alert_message(int(post["metadata"]["event_payload"]["story"]))
        shown = texts(post)
        assert post["blocks"][0]["text"]["text"] == alert.title[:150].strip() or alert.title.startswith(
            post["blocks"][0]["text"]["text"].rstrip("…"))
        assert all(f"{t.imposed_by} → {t.target}" in shown for t in alert.tariffs[:5])
        assert all((q.speaker or "unattributed") in shown for q in alert.quotes[:3])
        assert all(f.value in shown for f in alert.facts[:5])
        assert alert.source in shown and (alert.url or "") in shown
    assert any("*Tariffs*" in texts(p) for p in posts) and any("> “" in texts(p) for p in posts)
    assert (await desk.app.store.outbox_counts())["pending"] == 0


async def test_a_story_that_gains_an_outlet_is_edited_not_posted_again(desk: SlackDesk) -> None:
    await fill(desk)
    posted = len(desk.fake.messages[ALERTS])
    await next_phase(desk, 3)
    assert len(desk.fake.messages[ALERTS]) == posted
    updates = desk.fake.called("chat.update")
    assert len(updates) == 1
    for update in updates:
        check_blocks(update)
        edited = next(m for m in desk.fake.messages[ALERTS] if m["ts"] == update["ts"])
        assert edited.get("edited") and "Also reported by" in texts(update)


async def test_rate_limit_holds_the_channel_until_retry_after(desk: SlackDesk) -> None:
    assert desk.app.ingestor is not None and desk.app.delivery is not None
    await first_poll(desk)
    desk.fake.rate_limit_next = 1  # the first chat.postMessage gets 429, Retry-After: 2
    await next_phase(desk, 2)
    due = (await desk.app.store.outbox_counts())["pending"]
    attempts = len(desk.fake.called("chat.postMessage"))
    # one refused post; the channel's other alerts wait with it instead of being refused one by one
    assert due >= 5 and attempts == 1 and not desk.fake.messages.get(ALERTS)
    desk.clock.advance(1)
    await desk.app.delivery.drain()
    assert len(desk.fake.called("chat.postMessage")) == attempts  # not before Retry-After
    desk.clock.advance(1.5)
    await desk.app.delivery.drain()
    assert len(desk.fake.messages[ALERTS]) == due
    assert (await desk.app.store.outbox_counts())["pending"] == 0


async def test_a_missing_channel_marks_the_route_broken_and_tells_operations(desk: SlackDesk) -> None:
    assert desk.app.ingestor is not None and desk.app.delivery is not None
    await first_poll(desk)
    desk.fake.missing_channels.add(ALERTS)
    await next_phase(desk, 2)
    broken = await desk.app.store.broken_routes()
    assert [(t.platform, t.channel) for t in broken] == [("slack", ALERTS)]
    notices = [p["text"] for p in desk.fake.called("chat.postMessage") if p["channel"] == OPS]
    assert notices and "broken" in notices[0] and "channel_not_found" in notices[0]
    assert (await desk.app.store.outbox_counts())["pending"] == 0  # nothing keeps hammering a gone channel


async def test_after_a_crash_an_alert_already_posted_is_found_not_posted_twice(desk: SlackDesk) -> None:
    await fill(desk)
    first = desk.fake.messages[ALERTS][0]
    nonce = first["metadata"]["event_payload"]["nonce"]
    story = first["metadata"]["event_payload"]["story"]
    alert = await desk.app.store.alert_message(int(story))
    before = len(desk.fake.messages[ALERTS])
    result = await desk.adapter.deliver(Delivery(999, int(story), "slack", ALERTS, nonce=nonce, resumed=True), alert)
    assert result.ok and result.message_ref == first["ts"]
    assert len(desk.fake.messages[ALERTS]) == before
