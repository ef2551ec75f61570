"""Archive import: many items in one transaction (a back-catalogue, a benchmark), without alerts.

The per-item path (`add_item`) spends most of its time on round trips; an import of thousands of
items batches every table into a few statements, through the same row builders.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, tuple_

from bot.models import Analysis, Item
from bot.store.analysis_rows import refresh_line, tariff_rows
from bot.store.quote_rows import _rows as quote_rows
from bot.store.quote_rows import write_quote_reports
from bot.store.schema import facts, items, stories, tariffs
from bot.store.sqlbase import SqlBase

log = logging.getLogger(__name__)

ImportRow = tuple[Item, "Analysis | None", "str | None"]  # item, its analysis, its topic (None: off-beat)


class BulkMixin(SqlBase):
    async def import_items(self, batch: Sequence[ImportRow]) -> int:
        """Keep many items at once, each on-topic one as its own story, queuing no alerts.

        Items already known by (feed, key) are skipped; returns how many were added.
        """
        async with self._tx() as conn:
            known = await self._known_keys(conn, batch)
            fresh, seen = [], set(known)
            for entry in batch:
                if (entry[0].feed, entry[0].key) not in seen:
                    seen.add((entry[0].feed, entry[0].key))
                    fresh.append(entry)
            if not fresh:
                return 0
            story_ids = await self._import_stories(conn, fresh)
            item_ids = (await conn.execute(items.insert().returning(items.c.id, sort_by_parameter_order=True), [
                {"feed": it.feed, "key": it.key, "url": it.url, "guid": it.guid, "title": it.title,
                 "summary": it.summary, "published": it.published, "fetched_at": it.fetched_at, "topic": topic,
                 "story_id": sid} for (it, _, topic), sid in zip(fresh, story_ids)])).scalars().all()
            await self._import_analyses(conn, fresh, list(item_ids), story_ids)
        return len(fresh)

    async def _known_keys(self, conn: Any, batch: Sequence[ImportRow]) -> set[tuple[str, str]]:
        pairs = list({(it.feed, it.key) for it, _, _ in batch})
        known: set[tuple[str, str]] = set()
        for i in range(0, len(pairs), 400):
            rows = await conn.execute(select(items.c.feed, items.c.key)
                                      .where(tuple_(items.c.feed, items.c.key).in_(pairs[i:i + 400])))
            known.update((r.feed, r.key) for r in rows)
        return known

    async def _import_stories(self, conn: Any, fresh: list[ImportRow]) -> list[int | None]:
        on_topic = [(it, a, t) for it, a, t in fresh if t is not None]
        rows = [
            {"title": it.title, "url": it.url, "summary": (a.summary if a and a.summary else it.summary) or "",
             "topic": t, "signature": "", "published": it.published, "sort_at": it.published or it.fetched_at,
             "created_at": it.fetched_at, "updated_at": it.fetched_at}
            for it, a, t in on_topic
        ]
        insert = stories.insert().returning(stories.c.id, sort_by_parameter_order=True)
        ids = iter((await conn.execute(insert, rows)).scalars().all() if rows else [])
        return [next(ids) if t is not None else None for _, _, t in fresh]

    async def _import_analyses(
        self, conn: Any, fresh: list[ImportRow], item_ids: list[int], story_ids: list[int | None]
    ) -> None:
        per_item: list[dict[str, dict]] = []
        tariff_batch: list[dict] = []
        fact_batch: list[dict] = []
        for (it, analysis, _), item_id, story_id in zip(fresh, item_ids, story_ids):
            if analysis is None or story_id is None:
                continue
            when = it.published or it.fetched_at
            per_item.append(quote_rows(analysis.quotes, item_id, story_id, when))
            tariff_batch.extend(tariff_rows(analysis, item_id, story_id, when))
            fact_batch.extend(
                {"value": f.value, "about": f.about, "sentence": f.sentence, "kind": f.kind, "item_id": item_id,
                 "story_id": story_id, "published": when} for f in analysis.facts if f.value.strip())
        await write_quote_reports(self, conn, per_item)
        if fact_batch:
            await conn.execute(facts.insert(), fact_batch)
        if tariff_batch:
            await conn.execute(tariffs.insert(), tariff_batch)
            for line in dict.fromkeys((r["imposer_norm"], r["target_norm"], r["product_norm"]) for r in tariff_batch):
                await refresh_line(self, conn, line)
