"""Read verbs for /tariffs: the living table (current state per line), a line's history, autocomplete."""
from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.models import Source
from bot.store.base import TariffRow
from bot.store.norm import country_key, product_key, product_words
from bot.store.schema import items, tariff_lines, tariffs
from bot.store.sqlbase import SqlBase

log = logging.getLogger(__name__)

TABLE_CACHE = 64  # tariff tables kept per filter (country, product)
HISTORY_CHANGES = 80  # changes returned, newest kept
HISTORY_LIMIT = 120  # newest reports read per line: a desk reads the recent changes
HISTORY_LINES = 50  # lines one history covers ("steel" alone, both ways, is a handful)


def _row(r: Any, since: Any, source: Source) -> TariffRow:
    return TariffRow(r.imposed_by, r.target, r.product, r.rate, r.previous_rate, r.status, r.effective,
                     since, source, r.sentence)


def _product_filter(column: Any, product: str) -> Any:
    """A product as typed or by its usual other name, anywhere in the stored name ("vehicles")."""
    words = {product_key(product), product_words(product)} - {""}
    return or_(*(column.like(f"%{w}%") for w in words))


class TariffsMixin(SqlBase):
    async def _item_sources(self, conn: AsyncConnection, rows: list[Any]) -> dict[int, Source]:
        return await self._sources(conn, [r.item_id for r in rows])

    async def tariff_table(self, country: str | None = None, product: str | None = None) -> list[TariffRow]:
        """Each (imposer, target, product) line as its newest report has it, dated from when it took that state.

        `country` matches the imposer or the target ("U.S." = "United States" = "US"). The table is
        read often and changes only when a tariff report arrives, so answers are cached and checked
        against the lines' change counter (one small query), which every instance's writes bump.
        """
        key = (country_key(country) if country and country.strip() else "",
               product.strip().lower() if product and product.strip() else "")
        async with self._read() as conn:
            version = tuple((await conn.execute(
                select(func.count(), func.coalesce(func.sum(tariff_lines.c.changes), 0)))).one())
            cached = self._table_cache.get(key)
            if cached is not None and cached[0] == version:
                self._table_cache.move_to_end(key)
                return list(cached[1])
            rows = await self._table_rows(conn, *key)
        self._table_cache[key] = (version, rows)
        while len(self._table_cache) > TABLE_CACHE:
            self._table_cache.popitem(last=False)
        return list(rows)

    async def _table_rows(self, conn: AsyncConnection, country: str, product: str) -> list[TariffRow]:
        query = (select(tariffs, tariff_lines.c.since, items.c.feed, items.c.url.label("item_url"),
                        items.c.published.label("item_published"))
                 .join(tariff_lines, tariff_lines.c.current_id == tariffs.c.id)
                 .join(items, items.c.id == tariffs.c.item_id))
        if country:
            query = query.where(or_(tariff_lines.c.imposer_norm == country, tariff_lines.c.target_norm == country))
        if product:
            query = query.where(_product_filter(tariff_lines.c.product_norm, product))
        query = query.order_by(tariff_lines.c.imposer_norm, tariff_lines.c.target_norm, tariff_lines.c.product_norm)
        return [_row(r, r.since, Source(r.feed, r.item_url, r.item_published)) for r in await conn.execute(query)]

    async def tariff_history(self, imposed_by: str | None, target: str | None, product: str) -> list[TariffRow]:
        """How the matching lines changed, oldest first: one row per change of rate or status."""
        lines = select(tariff_lines.c.imposer_norm, tariff_lines.c.target_norm, tariff_lines.c.product_norm).where(
            _product_filter(tariff_lines.c.product_norm, product))
        if imposed_by and imposed_by.strip():
            lines = lines.where(tariff_lines.c.imposer_norm == country_key(imposed_by))
        if target and target.strip():
            lines = lines.where(tariff_lines.c.target_norm == country_key(target))
        async with self._read() as conn:
            keys = [tuple(r) for r in await conn.execute(lines)]  # the small lines table, then its index
            if not keys:
                return []
            rows = []
            for imposer, target_key, product_key_ in keys[:HISTORY_LINES]:  # each line straight off its index
                rows.extend(await conn.execute(
                    select(tariffs).where(tariffs.c.imposer_norm == imposer, tariffs.c.target_norm == target_key,
                                          tariffs.c.product_norm == product_key_)
                    .order_by(tariffs.c.published.desc(), tariffs.c.id.desc()).limit(HISTORY_LIMIT)))  # the latest
            rows.sort(key=lambda r: (r.published, r.id))
            changes: list[Any] = []
            last_state: dict[tuple[str, str, str], tuple[str, str]] = {}
            for r in rows:
                line, state = (r.imposer_norm, r.target_norm, r.product_norm), (r.rate, r.status)
                if last_state.get(line) != state:
                    last_state[line] = state
                    changes.append(r)
            changes = changes[-HISTORY_CHANGES:]  # the recent changes are what a desk reads and charts
            sources = await self._item_sources(conn, changes)
        return [_row(r, r.published, sources[r.item_id]) for r in changes]

    async def tariff_products(self, prefix: str = "", limit: int = 25) -> list[str]:
        """Products in the table (from the cached full table), `prefix` starting any of their words."""
        key = product_key(prefix) if prefix.strip() else ""
        names = {r.product.lower() for r in await self.tariff_table()}
        return sorted(n for n in names if not key or n.startswith(key) or f" {key}" in n)[:limit]

    async def tariff_countries(self, prefix: str = "", limit: int = 25) -> list[str]:
        """Countries as coverage names them ("US", "Canada"), from the lines in the table."""
        want = prefix.strip().lower()
        names = {n for r in await self.tariff_table() for n in (r.imposed_by, r.target)}
        return sorted((n for n in names if n.lower().startswith(want) or country_key(n).startswith(want)),
                      key=str.lower)[:limit]
