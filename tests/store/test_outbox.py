"""The outbox: each alert claimed by one instance at a time, leases expire, edits wait for their post."""
from __future__ import annotations

import asyncio

from bot.models import Analysis
from bot.store import Store, Subscription, Target
from tests.pg import MakeStore
from tests.store.conftest import TOPIC, analysis, at, item

DISCORD = Target("discord", "111", ("999", "998"))
SLACK = Target("slack", "C1")


async def _stories(store: Store, n: int, targets: list[Target]) -> list[int]:
    ids = []
    for i in range(n):
        result = await store.add_item(item(f"k{i}", minute=i / 10), analysis(), TOPIC, targets)
        ids.append(result.story_id)
    return ids


async def test_claims_carry_the_route_nonce_and_roles(store: Store) -> None:
    (story,) = await _stories(store, 1, [DISCORD])
    (d,) = await store.claim_deliveries("w1", at(1), 10, 60)
    assert (d.story_id, d.platform, d.channel, d.kind, d.attempts) == (story, "discord", "111", "post", 0)
    assert d.mention_roles == ("999", "998")
    assert 8 <= len(d.nonce) <= 25 and d.message_ref is None


async def test_nothing_is_claimed_before_it_is_due_and_order_is_oldest_first(store: Store) -> None:
    await _stories(store, 3, [SLACK])
    assert await store.claim_deliveries("w1", at(-5), 10, 60) == []
    claimed = await store.claim_deliveries("w1", at(1), 2, 60)
    assert [d.story_id for d in claimed] == [1, 2] or claimed[0].id < claimed[1].id
    assert len(await store.claim_deliveries("w2", at(1), 10, 60)) == 1  # the third, not the leased two


async def test_two_instances_claiming_at_once_never_get_the_same_row(make_store: MakeStore) -> None:
    one, two = await make_store(), await make_store()
    await _stories(one, 40, [DISCORD, SLACK])  # 80 rows

    async def worker(store: Store, owner: str) -> list[int]:
        got: list[int] = []
        while batch := await store.claim_deliveries(owner, at(10), 3, 300):
            got.extend(d.id for d in batch)
        return got

    results = await asyncio.gather(worker(one, "a"), worker(two, "b"), worker(one, "c"), worker(two, "d"))
    every = [i for r in results for i in r]
    assert len(every) == 80 and len(set(every)) == 80
    assert sum(1 for r in results if r) >= 2  # the work really was shared


async def test_an_expired_lease_is_claimable_again_with_the_same_nonce(make_store: MakeStore) -> None:
    one, two = await make_store(), await make_store()
    await _stories(one, 1, [DISCORD])
    (first,) = await one.claim_deliveries("dead", at(1), 10, 60)  # this instance then crashes
    assert await two.claim_deliveries("alive", at(1.5), 10, 60) == []  # lease still held
    (again,) = await two.claim_deliveries("alive", at(2.1), 10, 60)
    assert again.id == first.id and again.nonce == first.nonce
    assert not first.resumed and again.resumed  # the platform may already have the first attempt
    await two.delivery_done(again.id, "m-1", at(2.2))
    assert await one.claim_deliveries("dead", at(60), 10, 60) == []
    assert (await one.outbox_counts())["sent"] == 1


async def test_a_retry_waits_for_its_time_counts_the_attempt_and_keeps_the_nonce(store: Store) -> None:
    await _stories(store, 1, [SLACK])
    (d,) = await store.claim_deliveries("w", at(1), 10, 60)
    await store.delivery_failed(d.id, "HTTP 500", at(5))
    assert await store.claim_deliveries("w", at(4), 10, 60) == []
    (again,) = await store.claim_deliveries("w", at(5), 10, 60)
    assert again.attempts == 1 and again.nonce == d.nonce
    assert not again.resumed  # a recorded failure is a clean retry, not a crash
    await store.delivery_failed(again.id, "HTTP 500 again", None)  # give up
    assert await store.claim_deliveries("w", at(99), 10, 60) == []
    assert await store.outbox_counts() == {"pending": 0, "sent": 0, "failed": 1, "held": 0}


async def test_an_update_waits_for_its_post_and_carries_the_posts_message(store: Store) -> None:
    (story,) = await _stories(store, 1, [DISCORD])
    (post,) = await store.claim_deliveries("w", at(1), 10, 60)  # being sent right now...
    joined = await store.add_item(item("j1", feed="Prairie Post", minute=1.5), analysis(), TOPIC, [DISCORD],
                                  same_story_as=story)
    assert joined.deliveries == 1  # ...so the new outlet needs an edit
    assert await store.claim_deliveries("w2", at(1.6), 10, 60) == []  # the edit waits for the post
    await store.delivery_done(post.id, "discord-msg-77", at(1.7))
    (update,) = await store.claim_deliveries("w2", at(1.8), 10, 60)
    assert update.kind == "update" and update.message_ref == "discord-msg-77"
    assert update.nonce != post.nonce and update.mention_roles == DISCORD.mention_roles


async def test_a_post_given_up_on_takes_its_waiting_updates_with_it(store: Store) -> None:
    (story,) = await _stories(store, 1, [DISCORD])
    (post,) = await store.claim_deliveries("w", at(1), 10, 60)
    await store.add_item(item("j1", feed="Prairie Post", minute=1.5), analysis(), TOPIC, [], same_story_as=story)
    await store.delivery_failed(post.id, "HTTP 400 bad embed", None)
    assert await store.outbox_counts() == {"pending": 0, "sent": 0, "failed": 2, "held": 0}


async def test_a_broken_route_holds_its_alerts_and_others_flow(make_store: MakeStore) -> None:
    store, other = await make_store(), await make_store()
    await _stories(store, 2, [DISCORD, SLACK])
    first = await store.claim_deliveries("w", at(1), 1, 60)
    assert first[0].platform == "discord"
    await store.delivery_failed(first[0].id, "403 Missing Access", None, broken_route=True)
    assert await other.broken_routes() == [Target("discord", "111")]
    rest = await other.claim_deliveries("w", at(1), 10, 60)
    assert {(d.platform, d.channel) for d in rest} == {("slack", "C1")}
    assert (await store.outbox_counts())["held"] == 1
    assert await store.restore_route("discord", "111")
    assert not await store.restore_route("discord", "111")
    (held,) = await store.claim_deliveries("w", at(1.5), 10, 60)
    assert (held.platform, held.channel) == ("discord", "111")


async def test_subscribing_from_a_broken_channel_restores_it(store: Store) -> None:
    await _stories(store, 1, [DISCORD])
    (d,) = await store.claim_deliveries("w", at(1), 10, 60)
    await store.delivery_failed(d.id, "404 Unknown Channel", None, broken_route=True)
    assert await store.subscribe(Subscription(TOPIC, "discord", "111", "admin-1"))
    assert await store.broken_routes() == []


async def test_alert_message_reads_the_story_as_it_is_now(store: Store) -> None:
    from bot.models import Fact, Quote, Tariff

    a = analysis("Ottawa matched the duty.",
                 quotes=(Quote("We will respond in kind.", "Mark Carney", role="prime minister"),),
                 tariffs=(Tariff("Canada", "US", ("steel", "aluminum"), rate="25%", status="announced"),),
                 facts=(Fact("C$30 billion", "goods covered by the counter-tariffs", kind="money"),))
    first = await store.add_item(item("a1", title="Canada answers"), a, TOPIC, [DISCORD])
    await store.add_item(item("b1", feed="Prairie Post", minute=3), analysis(), TOPIC, [],
                         same_story_as=first.story_id)
    msg = await store.alert_message(first.story_id)  # type: ignore[arg-type]
    assert (msg.title, msg.source, msg.summary, msg.topic) == ("Canada answers", "Maple Wire",
                                                              "Ottawa matched the duty.", TOPIC)
    assert msg.quotes[0].speaker == "Mark Carney" and msg.quotes[0].role == "prime minister"
    assert msg.tariffs == (Tariff("Canada", "US", ("steel", "aluminum"), rate="25%", status="announced"),)
    assert msg.facts[0].value == "C$30 billion" and msg.facts[0].kind == "money"
    assert [s.feed for s in msg.also_reported_by] == ["Prairie Post"]
    assert msg.published == at(0)


async def test_alert_shows_a_measure_and_a_figure_two_outlets_report_once(store: Store) -> None:
    from bot.models import Fact, Tariff

    def report(sentence: str, figure: str) -> Analysis:
        return analysis(tariffs=(Tariff("Canada", "US", ("bourbon",), rate="25%", status="announced", sentence=sentence),),
                        facts=(Fact(figure, "counter-tariffs on … of goods", sentence, kind="percent"),))

    first = await store.add_item(item("a1"), report("Ottawa will tax bourbon at 25%.", "25%"), TOPIC, [DISCORD])
    await store.add_item(item("b1", feed="Prairie Post", minute=3), report("Bourbon faces a 25 per cent levy.", "25 per cent"),
                         TOPIC, [], same_story_as=first.story_id)
    msg = await store.alert_message(first.story_id)  # type: ignore[arg-type]
    assert [(t.products, t.rate, t.sentence) for t in msg.tariffs] == [(("bourbon",), "25%", "Ottawa will tax bourbon at 25%.")]
    assert [f.value for f in msg.facts] == ["25%"]


async def test_rows_handed_back_for_a_retry_after_wait_without_counting_an_attempt(store: Store) -> None:
    await _stories(store, 2, [SLACK])
    claimed = await store.claim_deliveries("w1", at(1), 10, 60)
    await store.delivery_deferred([d.id for d in claimed], at(3), "waiting for the platform's Retry-After")
    assert await store.claim_deliveries("w2", at(2.9), 10, 60) == []  # neither leased nor due
    again = await store.claim_deliveries("w2", at(3), 10, 60)
    assert sorted(d.id for d in again) == sorted(d.id for d in claimed)
    assert all(d.attempts == 0 and not d.resumed for d in again)
    assert (await store.outbox_counts())["pending"] == 2
