"""add_item: one transaction per item; duplicates change nothing; stories join; off-beat items kept quietly."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from bot.models import Quote
from bot.store import Store, StoreError, Target
from bot.store.schema import deliveries, items, quotes, stories
from tests.store.conftest import TOPIC, analysis, at, item

DISCORD = Target("discord", "111", ("999",))
SLACK = Target("slack", "C1")


async def _count(store: Store, table) -> int:  # type: ignore[no-untyped-def]
    async with store._read() as conn:  # type: ignore[attr-defined]
        return int((await conn.execute(select(func.count()).select_from(table))).scalar_one())


async def test_new_on_topic_item_makes_a_story_and_one_post_per_target(store: Store) -> None:
    result = await store.add_item(item("a1"), analysis("Steel talks resume."), TOPIC, [DISCORD, SLACK, DISCORD],
                                  story_signature="sig-a")
    assert result.item_id and result.story_id and result.new_story and not result.duplicate
    assert result.deliveries == 2  # the repeated target counts once
    rows, total = await store.latest()
    assert total == 1 and rows[0].summary == "Steel talks resume." and rows[0].topic == TOPIC
    assert await store.recent_stories(at(-1), TOPIC) == [(result.story_id, "sig-a")]
    assert await store.known_item("Maple Wire", "a1", None)


async def test_duplicate_by_key_or_canonical_url_changes_nothing(store: Store) -> None:
    first = await store.add_item(item("a1", url="https://wire.example/steel"), analysis(), TOPIC, [DISCORD])
    same_key = await store.add_item(item("a1", url="https://wire.example/other"), analysis(), TOPIC, [DISCORD])
    same_url = await store.add_item(item("guid-changed", url="https://wire.example/steel"), analysis(), TOPIC,
                                    [DISCORD])
    assert first.duplicate is False
    assert same_key.duplicate and same_url.duplicate
    assert same_key.item_id is None and same_key.deliveries == 0
    assert await _count(store, items) == 1
    assert await _count(store, deliveries) == 1
    assert await store.known_item("Maple Wire", "guid-changed", "https://wire.example/steel")
    assert not await store.known_item("Other Feed", "a1", "https://wire.example/steel")  # per feed


async def test_off_topic_item_is_kept_without_story_or_alert(store: Store) -> None:
    result = await store.add_item(item("x1"), None, None, [DISCORD], alert=True)
    assert result.item_id is not None and result.story_id is None and result.deliveries == 0
    assert await store.known_item("Maple Wire", "x1", None)
    assert (await store.latest())[1] == 0
    assert await _count(store, deliveries) == 0


async def test_recorded_without_alert_queues_nothing(store: Store) -> None:
    result = await store.add_item(item("b1"), analysis(), TOPIC, [DISCORD], alert=False)
    assert result.new_story and result.deliveries == 0
    assert (await store.outbox_counts())["pending"] == 0


async def test_joined_item_is_another_source_and_queues_no_edit_before_the_post_is_out(store: Store) -> None:
    first = await store.add_item(item("a1", title="Ottawa answers steel duty"), analysis("First."), TOPIC,
                                 [DISCORD])
    joined = await store.add_item(item("z9", feed="Prairie Post", minute=5), analysis("Second."), TOPIC,
                                  [DISCORD], same_story_as=first.story_id)
    assert joined.story_id == first.story_id and not joined.new_story
    assert joined.deliveries == 0  # the post has not been sent: it will show both outlets anyway
    rows, total = await store.latest()
    assert total == 1
    assert rows[0].title == "Ottawa answers steel duty" and rows[0].summary == "First."
    assert [s.feed for s in rows[0].sources] == ["Maple Wire", "Prairie Post"]


async def test_joined_item_after_the_post_queues_one_update_per_posted_route(store: Store) -> None:
    first = await store.add_item(item("a1"), analysis(), TOPIC, [DISCORD, SLACK])
    claimed = await store.claim_deliveries("w1", at(1), 10, 60)
    for d in claimed:
        await store.delivery_done(d.id, f"msg-{d.platform}", at(1))
    second = await store.add_item(item("b2", feed="Prairie Post", minute=2), analysis(), TOPIC, [DISCORD],
                                  same_story_as=first.story_id)
    third = await store.add_item(item("c3", feed="Harbour Daily", minute=3), analysis(), TOPIC, [DISCORD],
                                 same_story_as=first.story_id)
    assert second.deliveries == 2  # both routes that got the post, whatever this item's own targets
    assert third.deliveries == 0  # an edit is already waiting: it will carry the third outlet too
    no_alert = await store.add_item(item("d4", feed="Fourth", minute=4), analysis(), TOPIC, [DISCORD],
                                    same_story_as=first.story_id, alert=False)
    assert no_alert.deliveries == 0
    message = await store.alert_message(first.story_id)  # type: ignore[arg-type]
    assert [s.feed for s in message.also_reported_by] == ["Prairie Post", "Harbour Daily", "Fourth"]


async def test_joining_a_vanished_story_starts_a_new_one(store: Store) -> None:
    result = await store.add_item(item("a1"), analysis(), TOPIC, [DISCORD], same_story_as=424242)
    assert result.new_story and result.deliveries == 1


async def test_joining_with_an_earlier_publication_moves_the_story_first_published(store: Store) -> None:
    first = await store.add_item(item("a1", minute=30), analysis(), TOPIC, [])
    await store.add_item(item("b1", feed="Early Bird", minute=31, published=at(10)), analysis(), TOPIC, [],
                         same_story_as=first.story_id)
    rows, _ = await store.latest()
    assert rows[0].published == at(10)


async def test_a_failing_analysis_row_rolls_back_the_whole_item(store: Store) -> None:
    bad = analysis(quotes=(Quote("x" * 10, "Someone"),))
    object.__setattr__(bad.quotes[0], "kind", None)  # NOT NULL violated halfway through the transaction
    with pytest.raises((StoreError, IntegrityError)):
        await store.add_item(item("a1"), bad, TOPIC, [DISCORD])
    assert not await store.known_item("Maple Wire", "a1", None)
    assert await _count(store, stories) == 0 and await _count(store, deliveries) == 0
    assert await _count(store, quotes) == 0
    ok = await store.add_item(item("a1"), analysis(), TOPIC, [DISCORD])  # and it can be stored later
    assert not ok.duplicate


async def test_times_come_back_aware_utc(store: Store) -> None:
    await store.add_item(item("a1", minute=7), analysis(), TOPIC, [])
    rows, _ = await store.latest()
    assert rows[0].published == at(7) and rows[0].published.tzinfo is not None
    assert rows[0].sources[0].published.utcoffset().total_seconds() == 0  # type: ignore[union-attr]


async def test_import_items_keeps_a_batch_in_one_go_without_alerts(store: Store) -> None:
    from bot.models import Tariff

    await store.add_item(item("old"), analysis(), TOPIC, [DISCORD])
    said = Quote("Steel is not negotiable.", "Carney")
    batch = [
        (item("old"), analysis(), TOPIC),  # already known: skipped
        (item("n1", minute=1), analysis("One.", quotes=(said,),
                                        tariffs=(Tariff("US", "Canada", ("steel",), rate="25%"),)), TOPIC),
        (item("n2", feed="Prairie Post", minute=2),
         analysis("Two.", quotes=(Quote("Steel is not negotiable!", "Mark Carney"),)), TOPIC),
        (item("n3", minute=3), None, None),  # off-beat
        (item("n1", minute=1), analysis(), TOPIC),  # repeated inside the batch
    ]
    assert await store.import_items(batch) == 3
    assert await store.import_items(batch) == 0
    rows, total = await store.latest()
    assert total == 3 and [r.summary for r in rows] == ["Two.", "One.", "A summary."]
    (quote,), _ = await store.find_quotes(speaker="carney")
    assert quote.quote.speaker == "Mark Carney" and [s.feed for s in quote.sources] == ["Maple Wire", "Prairie Post"]
    assert [t.rate for t in await store.tariff_table()] == ["25%"]
    assert (await store.outbox_counts())["pending"] == 1  # only the add_item's post
    assert await store.known_item("Maple Wire", "n3", None)
