"""Versioned migrations: applied from empty, once each, in order, all-or-nothing, never downgraded."""
from __future__ import annotations

import pytest
from sqlalchemy import Connection, text

from bot.models import FeedState
from bot.store import StoreError, open_store
from bot.store.migrations import STEPS, Step, apply_pending, latest_version
from tests.pg import MakeStore


async def _versions(store) -> list[int]:  # type: ignore[no-untyped-def]
    async with store._read() as conn:
        return list((await conn.execute(text("SELECT version FROM schema_version ORDER BY version"))).scalars())


async def test_open_on_an_empty_database_applies_every_step(make_store: MakeStore) -> None:
    store = await make_store()
    assert await store.schema_version() == latest_version()
    assert await _versions(store) == [s.version for s in STEPS]
    assert await store.ping()


async def test_reopening_is_idempotent_and_keeps_data(make_store: MakeStore) -> None:
    first = await make_store()
    await first.save_feed_state(FeedState("Wire", "https://w/f"))
    await first.close()
    again = await make_store()
    also = await make_store()  # a second instance opening the same database at the same time
    assert await _versions(again) == [s.version for s in STEPS]
    assert [h.name for h in await also.feed_health()] == ["Wire"]


async def test_a_new_step_is_applied_once_on_the_next_open(make_store: MakeStore) -> None:
    store = await make_store()

    def add_column(conn: Connection) -> None:
        conn.exec_driver_sql("ALTER TABLE feeds ADD COLUMN note TEXT")

    steps = [*STEPS, Step(latest_version() + 1, "feed notes", add_column)]
    async with store._tx() as conn:
        assert await conn.run_sync(apply_pending, steps) == [latest_version() + 1]
    async with store._tx() as conn:
        assert await conn.run_sync(apply_pending, steps) == []
        await conn.execute(text("UPDATE feeds SET note = 'x'"))  # the column is there
    assert (await _versions(store))[-1] == latest_version() + 1


async def test_a_failing_step_rolls_back_and_says_which(make_store: MakeStore) -> None:
    store = await make_store()

    def good(conn: Connection) -> None:
        conn.exec_driver_sql("CREATE TABLE scratch (x INTEGER)")

    def bad(conn: Connection) -> None:
        conn.exec_driver_sql("ALTER TABLE no_such_table ADD COLUMN y TEXT")

    n = latest_version()
    steps = [*STEPS, Step(n + 1, "scratch", good), Step(n + 2, "broken step", bad)]
    with pytest.raises(StoreError, match=f"migration {n + 2} \\(broken step\\) failed"):
        async with store._tx() as conn:
            await conn.run_sync(apply_pending, steps)
    assert await store.schema_version() == n  # the good step went with the bad one
    async with store._read() as conn:
        exists = await conn.run_sync(lambda c: c.dialect.has_table(c, "scratch"))
    assert not exists


async def test_a_database_from_a_newer_version_is_refused(make_store: MakeStore, store_url: str) -> None:
    store = await make_store()
    async with store._tx() as conn:
        await conn.execute(text(
            "INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'future', CURRENT_TIMESTAMP)"))
    newer = open_store(store_url)
    with pytest.raises(StoreError, match="version 999, newer than this BorderDesk knows"):
        await newer.open()
