"""What every part of the SQL store shares: the engine, transactions, dialect-aware upserts."""
from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.models import Source
from bot.store.base import TOTAL_CAP, StoreError
from bot.store.engine import StoreURL, make_engine
from bot.store.schema import items

log = logging.getLogger(__name__)


class SqlBase:
    """Engine and transaction helpers; the verb mixins build on these."""

    def __init__(self, target: StoreURL) -> None:
        self.target = target
        self.dialect = target.dialect
        self._engine: AsyncEngine | None = None
        self._table_cache: OrderedDict[tuple[str, str], tuple[tuple, list[Any]]] = OrderedDict()

    @property
    def engine(self) -> AsyncEngine:
        if self._engine is None:
            raise StoreError("the store is not open (await store.open() first)")
        return self._engine

    def _make_engine(self) -> AsyncEngine:
        self._engine = make_engine(self.target)
        return self._engine

    @asynccontextmanager
    async def _tx(self, write: bool = True) -> AsyncIterator[AsyncConnection]:
        """One transaction; SQLite writes take the write lock up front (BEGIN IMMEDIATE)."""
        try:
            async with self.engine.connect() as conn:
                if write and self.dialect == "sqlite":
                    await conn.execution_options(sqlite_begin="IMMEDIATE")
                async with conn.begin():
                    yield conn
        except IntegrityError:
            raise
        except (DBAPIError, OSError, ConnectionError) as exc:
            raise StoreError(f"store error ({self.target.redacted()}): {exc}") from exc

    def _read(self) -> Any:
        return self._tx(write=False)

    def _insert(self, table: Table) -> Any:
        """A dialect INSERT that knows ON CONFLICT (SQLite and PostgreSQL spell it the same way)."""
        return (sqlite.insert if self.dialect == "sqlite" else postgresql.insert)(table)

    async def _total(self, conn: AsyncConnection, query: Any, shown: int, limit: int, offset: int) -> int:
        """The total behind a page: known without counting when the page is short (nothing follows it)."""
        if shown < limit and (shown or offset == 0):
            return offset + shown
        return await self._count(conn, query)

    async def _count(self, conn: AsyncConnection, query: Any) -> int:
        """Rows a query would return, counted up to TOTAL_CAP so totals stay cheap on a big archive."""
        capped = query.limit(TOTAL_CAP).subquery()
        return int((await conn.execute(select(func.count()).select_from(capped))).scalar_one())

    async def _sources(self, conn: AsyncConnection, item_ids: Iterable[int]) -> dict[int, Source]:
        """Source (feed, url, published) of each item id."""
        ids = sorted(set(item_ids))
        if not ids:
            return {}
        rows = await conn.execute(
            select(items.c.id, items.c.feed, items.c.url, items.c.published).where(items.c.id.in_(ids)))
        return {r.id: Source(r.feed, r.url, r.published) for r in rows}
