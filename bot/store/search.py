"""Full-text search, newest first, that stays fast whether the words are rare or in every row.

SQLite: the FTS5 rowid is the row's sort key (published second, then id), so FTS5 walks matches
newest first and stops after one page; the speaker is an indexed column too, so "quotes by X about
Y" is one index walk. PostgreSQL: a GIN index answers rare words; common words are found sooner by
reading the newest rows in order and testing each, so that is tried first (a bounded scan), and the
GIN bitmap is used when the newest rows hold less than a page.
"""
from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, func, literal_column, select, text
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.base import TOTAL_CAP
from bot.store.migrations import ID_BITS, MAX_SECONDS, SORT_EPOCH
from bot.store.norm import fts5_query

log = logging.getLogger(__name__)

RECENT_SCAN = 5000  # PostgreSQL: newest rows tested one by one before turning to the GIN index
_FTS_TEXT_COLUMNS = {"quotes": "{text sentence}", "facts": "{about sentence value}"}


def since_key(since: datetime) -> int:
    """The smallest sort key of a row published at or after `since` (naive times are UTC)."""
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    seconds = int(since.timestamp()) - SORT_EPOCH
    return max(min(seconds, MAX_SECONDS), -MAX_SECONDS) * 2**ID_BITS


def _phrase(norm: str) -> str:
    return '"' + norm.replace(" ", "").replace('"', "") + '"'


async def search(
    conn: AsyncConnection, table: Table, words: list[str], filters: list[Any], since: datetime | None,
    speaker_norms: list[str] | None, limit: int, offset: int,
) -> tuple[list[Any], int]:
    """Rows of `table` matching every word, newest first, with a capped total.

    The speaker filter comes twice: as `speaker_norms` for SQLite's index, and inside `filters` for
    PostgreSQL's, whichever runs.
    """
    if conn.dialect.name == "sqlite":
        return await _sqlite(conn, table, words, since, speaker_norms, limit, offset)
    if since is not None:
        filters = [*filters, table.c.published >= since]
    return await _postgres(conn, table, " ".join(words), filters, limit, offset)


async def _sqlite(
    conn: AsyncConnection, table: Table, words: list[str], since: datetime | None,
    speaker_norms: list[str] | None, limit: int, offset: int,
) -> tuple[list[Any], int]:
    name = table.name
    match = f"{_FTS_TEXT_COLUMNS[name]} : ({fts5_query(words)})"
    if speaker_norms:
        match += " AND speaker : (" + " OR ".join(_phrase(n) for n in speaker_norms) + ")"
    where = f"{name}_fts MATCH :m" + (" AND rowid >= :lo" if since is not None else "")
    params: dict[str, Any] = {"m": match, "lo": since_key(since) if since is not None else 0}
    keys = [r[0] for r in await conn.execute(text(
        f"SELECT rowid FROM {name}_fts WHERE {where} ORDER BY rowid DESC LIMIT :n OFFSET :o"),
        {**params, "n": limit, "o": offset})]
    if len(keys) < limit and (keys or offset == 0):  # a short page: nothing after it
        total = offset + len(keys)
    else:
        total = (await conn.execute(text(f"SELECT count(*) FROM (SELECT rowid FROM {name}_fts WHERE {where} "
                                         f"LIMIT {TOTAL_CAP})"), params)).scalar_one()
    if not keys:
        return [], int(total)
    rows = (await conn.execute(select(table).where(table.c.sort_key.in_(keys)))).all()
    return sorted(rows, key=lambda r: r.sort_key, reverse=True), int(total)


async def _postgres(
    conn: AsyncConnection, table: Table, words: str, filters: list[Any], limit: int, offset: int
) -> tuple[list[Any], int]:
    order = (table.c.published.desc(), table.c.id.desc())
    matches = text("tsv @@ plainto_tsquery('english', :w)").bindparams(w=words)
    recent = (select(table.c.id, table.c.published, literal_column("tsv")).where(*filters).order_by(*order)
              .limit(RECENT_SCAN).subquery())
    found = list((await conn.execute(
        select(recent.c.id).where(recent.c.tsv.op("@@")(func.plainto_tsquery("english", words)))
        .order_by(recent.c.published.desc(), recent.c.id.desc()).limit(max(TOTAL_CAP, offset + limit))
    )).scalars())
    if len(found) >= offset + limit:  # common words: the newest rows held the page
        ids = found[offset:offset + limit]
        if len(found) >= TOTAL_CAP:
            return await _rows_by_id(conn, table, ids), TOTAL_CAP
    else:  # rare words: let the GIN index find them all, then sort those few
        await conn.execute(text("SET LOCAL enable_seqscan = off"))
        await conn.execute(text("SET LOCAL enable_indexscan = off"))
        ids = list((await conn.execute(
            select(table.c.id).where(*filters, matches).order_by(*order).limit(limit).offset(offset))).scalars())
        if len(ids) < limit and (ids or offset == 0):
            return await _rows_by_id(conn, table, ids), offset + len(ids)
    capped = select(table.c.id).where(*filters, matches).limit(TOTAL_CAP).subquery()
    total = (await conn.execute(select(func.count()).select_from(capped))).scalar_one()
    return await _rows_by_id(conn, table, ids), int(total)


async def _rows_by_id(conn: AsyncConnection, table: Table, ids: list[int]) -> list[Any]:
    if not ids:
        return []
    by_id = {r.id: r for r in await conn.execute(select(table).where(table.c.id.in_(ids)))}
    return [by_id[i] for i in ids if i in by_id]
