"""Alerts from the real pipeline reaching the fake Discord: embeds, mentions, nonces, edits, 429s, 403s."""
from __future__ import annotations

from dataclasses import replace

import pytest

from bot.demo.catalog import Catalog, load_catalog
from bot.models import Delivery
from bot.store.base import StoreError
from tests.platforms.discord.conftest import OPS_CHANNEL, DiscordDesk, fill, first_poll, next_phase
from tests.platforms.discord.embeds import check_message, shown_text
from tests.platforms.discord.fake_discord import CHANNEL_ID

LATE = "canada-strikes-back"  # Border Wire's take on Maple Ledger's counter-tariff story
POSTS = rf"/channels/{CHANNEL_ID}/messages"
RATE_LIMITED = {"message": "You are being rate limited.", "retry_after": 120.0, "global": False}
VIA = {"Via": "1.1 google"}  # discord.py treats a 429 without it as a Cloudflare ban


@pytest.fixture
def news_catalog() -> Catalog:
    """The demo's stories, with one outlet's version of a story arriving a poll later."""
    demo = load_catalog()
    return replace(demo, stories=tuple(replace(s, phase=3) if s.slug == LATE else s for s in demo.stories))


def channel_posts(desk: DiscordDesk, channel: int = CHANNEL_ID) -> list[dict]:
    return [c.json for c in desk.fake.calls_to("POST", rf"/channels/{channel}/messages")]


async def test_alerts_arrive_as_embeds_that_ping_nobody(desk: DiscordDesk) -> None:
    await fill(desk)
    posts = channel_posts(desk)
    assert len(posts) >= 4
    for post in posts:
        check_message(post)
        assert post["allowed_mentions"] == {"parse": []}  # no @everyone, no roles, no users
        assert not post.get("content") and len(post["embeds"]) == 1
        assert post["nonce"] and post["enforce_nonce"] is True
    nonces = [p["nonce"] for p in posts]
    assert len(set(nonces)) == len(nonces)
    titles = [p["embeds"][0]["title"] for p in posts]
    assert len(set(titles)) == len(titles)  # one message per story
    stories = await desk.app.store.outbox_counts()
    assert stories["pending"] == 0


async def test_each_embed_shows_what_the_pipeline_stored(desk: DiscordDesk) -> None:
    await fill(desk)
    messages = [m for m in desk.fake.messages.values() if m["channel_id"] == str(CHANNEL_ID)]
    seen_fields: set[str] = set()
    for story_id in range(1, 40):
        try:
            alert = await desk.app.store.alert_message(story_id)
        except StoreError:  # past the last story
            break
        embed = next((m["embeds"][0] for m in messages if m["embeds"][0].get("url") == alert.url), None)
        if embed is None:
            continue
        text = shown_text({"embeds": [embed]})
        assert embed["author"]["name"] == alert.source and alert.title.startswith(embed["title"].rstrip("…"))
        assert alert.published is None or f"<t:{int(alert.published.timestamp())}:f>" in embed["description"]
        assert all((q.speaker or "unattributed") in text for q in alert.quotes[:2])
        assert all(f"{t.imposed_by} → {t.target}" in text for t in alert.tariffs[:5])
        assert all(f.value in text for f in alert.facts[:6])
        seen_fields.update(f["name"] for f in embed.get("fields", []))
    assert {"Tariffs", "Key figures"} <= seen_fields and seen_fields & {"Key quote", "Key quotes"}


async def test_a_story_that_gains_an_outlet_is_edited_not_posted_again(desk: DiscordDesk) -> None:
    await fill(desk)
    posted = len(channel_posts(desk))
    await next_phase(desk, 3)
    assert len(channel_posts(desk)) == posted
    edits = desk.fake.calls_to("PATCH", rf"/channels/{CHANNEL_ID}/messages/\d+")
    assert len(edits) == 1
    check_message(edits[0].json)
    assert any(f["name"] == "Also reported by" for f in edits[0].json["embeds"][0]["fields"])


async def test_the_same_nonce_never_posts_twice(desk: DiscordDesk) -> None:
    await fill(desk)
    alert = await desk.app.store.alert_message(1)
    first_ids = {m for m in desk.fake.messages}
    row = Delivery(id=999, story_id=1, platform="discord", channel=str(CHANNEL_ID), nonce="retry-after-crash-1")
    one = await desk.adapter.deliver(row, alert)
    two = await desk.adapter.deliver(row, alert)  # a retry after a crash between send and record
    assert one.ok and two.ok and one.message_ref == two.message_ref
    assert len(set(desk.fake.messages) - first_ids) == 1


async def test_a_long_429_holds_the_channel_until_retry_after(desk: DiscordDesk) -> None:
    assert desk.app.delivery is not None
    await first_poll(desk)
    desk.fake.fail("POST", POSTS, 429, RATE_LIMITED, {**VIA, "Retry-After": "120"})
    posted = len(desk.fake.messages)
    await next_phase(desk, 2)
    due = (await desk.app.store.outbox_counts())["pending"]
    attempts = len(channel_posts(desk))
    # one refused post, and the channel's other alerts wait with it instead of being refused one by one
    assert due >= 5 and len(desk.fake.messages) == posted and attempts == 1
    desk.clock.advance(100)
    await desk.app.delivery.drain()
    assert len(channel_posts(desk)) == attempts  # not before retry_after
    desk.clock.advance(21)
    await desk.app.delivery.drain()
    assert len(desk.fake.messages) == posted + due and (await desk.app.store.outbox_counts())["pending"] == 0


async def test_a_short_429_is_waited_out_by_discord_py_and_retried(desk: DiscordDesk) -> None:
    await fill(desk)
    alert = await desk.app.store.alert_message(1)
    desk.fake.fail("POST", POSTS, 429, {**RATE_LIMITED, "retry_after": 0.01}, VIA)
    before = len(channel_posts(desk))
    row = Delivery(id=998, story_id=1, platform="discord", channel=str(CHANNEL_ID), nonce="short-429")
    result = await desk.adapter.deliver(row, alert)
    assert result.ok and result.message_ref
    retried = channel_posts(desk)[before:]
    assert len(retried) == 2 and retried[0]["nonce"] == retried[1]["nonce"] == "short-429"


async def test_a_429_without_discords_headers_still_means_wait(desk: DiscordDesk) -> None:
    await fill(desk)
    alert = await desk.app.store.alert_message(1)
    desk.fake.fail("POST", POSTS, 429, {"message": "rate limited", "retry_after": 7}, {"Retry-After": "7"})
    row = Delivery(id=997, story_id=1, platform="discord", channel=str(CHANNEL_ID), nonce="proxy-429")
    result = await desk.adapter.deliver(row, alert)
    assert not result.ok and not result.broken_route and result.retry_after == 7.0


async def test_a_403_breaks_the_route_and_tells_operations(desk: DiscordDesk) -> None:
    assert desk.app.delivery is not None
    await first_poll(desk)
    desk.fake.fail("POST", POSTS, 403, {"message": "Missing Access", "code": 50001}, times=1000)
    await next_phase(desk, 2)
    broken = await desk.app.store.broken_routes()
    assert [(t.platform, t.channel) for t in broken] == [("discord", str(CHANNEL_ID))]
    notices = channel_posts(desk, OPS_CHANNEL)
    assert notices and "broken" in notices[0]["content"] and "Missing Access" in notices[0]["content"]
    assert all(n["allowed_mentions"]["parse"] == [] for n in notices)
    assert (await desk.app.store.outbox_counts())["pending"] == 0  # nothing keeps hammering a lost channel


async def test_unknown_channel_is_broken_but_other_channels_still_get_alerts(desk: DiscordDesk) -> None:
    await fill(desk)
    alert = await desk.app.store.alert_message(1)
    gone = 1100000000000000666
    desk.fake.fail("POST", rf"/channels/{gone}/messages", 404, {"message": "Unknown Channel", "code": 10003})
    lost = await desk.adapter.deliver(Delivery(id=1, story_id=1, platform="discord", channel=str(gone), nonce="a"),
                                      alert)
    fine = await desk.adapter.deliver(Delivery(id=2, story_id=1, platform="discord", channel=str(CHANNEL_ID),
                                               nonce="b"), alert)
    assert lost.broken_route and "Unknown Channel" in lost.error and not lost.ok
    assert fine.ok and fine.message_ref


async def test_a_channel_name_instead_of_an_id_is_a_broken_route(desk: DiscordDesk) -> None:
    await fill(desk)
    alert = await desk.app.store.alert_message(1)
    result = await desk.adapter.deliver(Delivery(id=3, story_id=1, platform="discord", channel="#trade-desk",
                                                 nonce="c"), alert)
    assert result.broken_route and "not a Discord channel id" in result.error


async def test_an_edit_of_a_deleted_alert_posts_it_again(desk: DiscordDesk) -> None:
    await fill(desk)
    alert = await desk.app.store.alert_message(1)
    row = Delivery(id=4, story_id=1, platform="discord", channel=str(CHANNEL_ID), kind="update",
                   message_ref="1100000000000000777", nonce="d")
    result = await desk.adapter.deliver(row, alert)
    assert result.ok and result.message_ref != "1100000000000000777"
    assert int(result.message_ref or 0) in desk.fake.messages
