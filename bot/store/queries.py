"""Read verbs for /latest, /facts and the alert text a delivery renders."""
from __future__ import annotations

import logging
import re
from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.models import AlertMessage, Fact, Quote, Source, Tariff
from bot.store.base import FactRow, StoreError, StoryRow
from bot.store.norm import search_words
from bot.store.schema import facts, items, quote_sources, quotes, stories, tariffs
from bot.store.search import search
from bot.store.sqlbase import SqlBase

log = logging.getLogger(__name__)

ALERT_LIMIT = 20  # quotes / tariff lines / facts read for one alert; renderers cut further


class QueriesMixin(SqlBase):
    async def _story_sources(self, conn: AsyncConnection, story_ids: list[int]) -> dict[int, list[Source]]:
        found: dict[int, list[Source]] = defaultdict(list)
        if not story_ids:
            return found
        rows = await conn.execute(
            select(items.c.story_id, items.c.feed, items.c.url, items.c.published)
            .where(items.c.story_id.in_(story_ids)).order_by(items.c.id))
        for r in rows:
            found[r.story_id].append(Source(r.feed, r.url, r.published))
        return found

    async def latest(
        self, topic: str | None = None, since: datetime | None = None, limit: int = 10, offset: int = 0
    ) -> tuple[list[StoryRow], int]:
        """Stories newest first (by first publication), each with every outlet that carried it."""
        query = select(stories)
        if topic:
            query = query.where(stories.c.topic == topic)
        if since is not None:
            query = query.where(stories.c.sort_at >= since)
        async with self._read() as conn:
            page = (await conn.execute(query.order_by(stories.c.sort_at.desc(), stories.c.id.desc())
                                       .limit(limit).offset(offset))).all()
            sources = await self._story_sources(conn, [r.id for r in page])
            total = await self._total(conn, query.with_only_columns(stories.c.id), len(page), limit, offset)
        rows = [StoryRow(r.id, r.title, r.url, r.summary, r.topic, r.published or r.sort_at,
                         tuple(sources.get(r.id, ()))) for r in page]
        return rows, total

    async def find_facts(
        self, about: str | None = None, since: datetime | None = None, limit: int = 10, offset: int = 0
    ) -> tuple[list[FactRow], int]:
        """Key figures newest first; `about` searches what they measure, their sentence and value."""
        query = select(facts)
        words = search_words(about)
        async with self._read() as conn:
            if words:
                page, total = await search(conn, facts, words, [], since, None, limit, offset)
            else:
                if since is not None:
                    query = query.where(facts.c.published >= since)
                page = (await conn.execute(query.order_by(facts.c.published.desc(), facts.c.id.desc())
                                           .limit(limit).offset(offset))).all()
                total = await self._total(conn, query.with_only_columns(facts.c.id), len(page), limit, offset)
            sources = await self._sources(conn, [r.item_id for r in page])
        rows = [FactRow(Fact(r.value, r.about, r.sentence, r.kind), r.published,
                        sources[r.item_id], r.story_id or 0) for r in page]
        return rows, total

    async def alert_message(self, story_id: int) -> AlertMessage:
        """Everything an alert shows, read at send time so an edit carries every outlet so far."""
        async with self._read() as conn:
            story = (await conn.execute(select(stories).where(stories.c.id == story_id))).first()
            if story is None:
                raise StoreError(f"no story {story_id}")
            srcs = (await self._story_sources(conn, [story_id])).get(story_id, [])
            qrows = (await conn.execute(
                select(quotes).where(quotes.c.id.in_(
                    select(quote_sources.c.quote_id).join(items, items.c.id == quote_sources.c.item_id)
                    .where(items.c.story_id == story_id)))
                .order_by(quotes.c.id).limit(ALERT_LIMIT))).all()
            trows = (await conn.execute(select(tariffs).where(tariffs.c.story_id == story_id)
                                        .order_by(tariffs.c.id).limit(ALERT_LIMIT * 4))).all()
            frows = (await conn.execute(select(facts).where(facts.c.story_id == story_id)
                                        .order_by(facts.c.id).limit(ALERT_LIMIT))).all()
        first = srcs[0] if srcs else Source("", story.url, story.published)
        return AlertMessage(
            story_id=story_id, title=story.title, url=story.url, source=first.feed,
            published=story.published or first.published, summary=story.summary,
            quotes=tuple(Quote(q.text, q.speaker, kind=q.kind, role=q.role, sentence=q.sentence) for q in qrows),
            tariffs=_merge_tariffs(trows), facts=_distinct_facts(frows),
            also_reported_by=tuple(s for s in srcs[1:] if s.feed != first.feed or s.url != first.url),
            topic=story.topic,
        )


def _merge_tariffs(rows: list[Any]) -> tuple[Tariff, ...]:
    """Per-product rows back into measures: same imposer, target, rate, status and date = one measure."""
    merged: dict[tuple, list[str]] = {}
    for r in rows:
        key = (r.imposed_by, r.target, r.rate, r.previous_rate, r.status, r.effective, r.sentence)
        products = merged.setdefault(key, [])
        if r.product not in products:
            products.append(r.product)
    seen: set[tuple] = set()
    out: list[Tariff] = []
    for k, p in merged.items():  # two outlets reporting one measure: shown once, as the first reported it
        same = (k[0], k[1], tuple(p), k[2], k[3], k[4])
        if same not in seen:
            seen.add(same)
            out.append(Tariff(k[0], k[1], tuple(p), rate=k[2], previous_rate=k[3], status=k[4], effective=k[5],
                              sentence=k[6]))
    return tuple(out[:ALERT_LIMIT])


def _distinct_facts(rows: list[Any]) -> tuple[Fact, ...]:
    """A figure several outlets give ('25%', '25 per cent') is one fact: the first wording is kept."""
    seen: set[tuple[str, str]] = set()
    out: list[Fact] = []
    for f in rows:
        key = (re.sub(r"[^\d.]", "", f.value), f.kind)
        if key not in seen:
            seen.add(key)
            out.append(Fact(f.value, f.about, f.sentence, f.kind))
    return tuple(out)
