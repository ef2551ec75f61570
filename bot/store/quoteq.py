"""Read verbs for /quotes: quotes by any form of a speaker's name, by words, with every source."""
from __future__ import annotations

import logging
from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.models import Quote, Source
from bot.store.base import QuoteRow
from bot.store.norm import name_tokens, same_person, search_words
from bot.store.queries import QueriesMixin
from bot.store.schema import items, quote_sources, quotes, speakers
from bot.store.search import search

log = logging.getLogger(__name__)


def _speaker_filter(norms: list[str], every_form: bool) -> Any:
    """One condition, so the planner walks one ordered index: the surname's when the names asked for
    are every speaker of that surname, else the names themselves (all forms share the surname)."""
    if every_form:
        return quotes.c.speaker_last == norms[0].split()[-1]
    return quotes.c.speaker_norm == norms[0] if len(norms) == 1 else quotes.c.speaker_norm.in_(norms)


class QuotesMixin(QueriesMixin):
    async def _speaker_norms(self, conn: AsyncConnection, speaker: str) -> tuple[list[str], bool]:
        """Stored speakers a typed name means ("carney", "PM Carney", "Mark Carney" → "mark carney"),
        and whether they are every speaker of that surname."""
        tokens = name_tokens(speaker)
        if not tokens:
            return [], False
        rows = list((await conn.execute(select(speakers.c.norm).where(speakers.c.last == tokens[-1]))).scalars())
        norms = [n for n in rows if same_person(speaker, n)]
        return norms, len(norms) == len(rows)

    async def find_quotes(
        self,
        speaker: str | None = None,
        about: str | None = None,
        since: datetime | None = None,
        limit: int = 10,
        offset: int = 0,
    ) -> tuple[list[QuoteRow], int]:
        """Distinct quotes newest first; `about` searches the quote and its sentence."""
        query, words = select(quotes), search_words(about)
        async with self._read() as conn:
            norms: list[str] | None = None
            filters: list[Any] = []
            if speaker and speaker.strip():
                norms, every_form = await self._speaker_norms(conn, speaker)
                if not norms:
                    return [], 0
                filters.append(_speaker_filter(norms, every_form))
            if words:
                page, total = await search(conn, quotes, words, filters, since, norms, limit, offset)
            else:
                if since is not None:
                    query = query.where(quotes.c.published >= since)
                query = query.where(*filters)
                page = (await conn.execute(query.order_by(quotes.c.published.desc(), quotes.c.id.desc())
                                           .limit(limit).offset(offset))).all()
                total = await self._total(conn, query.with_only_columns(quotes.c.id), len(page), limit, offset)
            sources = await self._quote_sources(conn, [r.id for r in page])
        rows = [
            QuoteRow(Quote(r.text, r.speaker, kind=r.kind, role=r.role, sentence=r.sentence),
                     r.published, tuple(sources.get(r.id, ())), r.story_id or 0)
            for r in page
        ]
        return rows, total

    async def _quote_sources(self, conn: AsyncConnection, quote_ids: list[int]) -> dict[int, list[Source]]:
        found: dict[int, list[Source]] = defaultdict(list)
        if not quote_ids:
            return found
        rows = await conn.execute(
            select(quote_sources.c.quote_id, items.c.feed, items.c.url, items.c.published)
            .join(items, items.c.id == quote_sources.c.item_id)
            .where(quote_sources.c.quote_id.in_(quote_ids)).order_by(items.c.published, items.c.id))
        for r in rows:
            found[r.quote_id].append(Source(r.feed, r.url, r.published))
        return found

    async def speakers(self, prefix: str = "", limit: int = 25) -> list[str]:
        """Speaker names for autocomplete, most quoted first; `prefix` may start any word of the name."""
        query = select(speakers.c.display)
        words = name_tokens(prefix) if search_words(prefix) else []
        if words:
            typed = " ".join(words)
            query = query.where(or_(speakers.c.norm.like(f"{typed}%"), speakers.c.norm.like(f"% {typed}%")))
        async with self._read() as conn:
            rows = await conn.execute(query.order_by(speakers.c.quotes.desc(), speakers.c.norm).limit(limit))
            return list(rows.scalars())
