"""Versioned schema migrations: ordered steps, applied once each, recorded in `schema_version`.

`apply_pending` runs inside one transaction under a lock (an advisory lock on PostgreSQL, BEGIN
IMMEDIATE on SQLite), so several instances starting together migrate once and never half-way.
A new step is appended to STEPS with the next number; released steps never change.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, func, insert, select

from bot.store.base import StoreError
from bot.store.schema import V1_TABLES, schema_version

log = logging.getLogger(__name__)

MIGRATION_LOCK = 0x426F72646572  # "Border": the advisory lock id every instance agrees on


@dataclass(frozen=True)
class Step:
    version: int
    name: str
    run: Callable[[Connection], None]


def _create_core(conn: Connection) -> None:
    for table in V1_TABLES:
        table.create(conn)


# SQLite: the full-text rowid is a sort key (published second, then id), so a search walks the index
# newest first and stops after one page however common its words are.
SORT_EPOCH, ID_BITS, MAX_SECONDS = 946684800, 28, 2**34 - 1  # seconds since 2000; ids below 2^28


def sort_key_sql(row: str) -> str:
    seconds = f"CAST(strftime('%s', {row}.published) AS INTEGER) - {SORT_EPOCH}"
    return f"(max(min({seconds}, {MAX_SECONDS}), -{MAX_SECONDS}) * {2**ID_BITS} + ({row}.id % {2**ID_BITS}))"


def _fts5_statements(table: str, columns: dict[str, str]) -> list[str]:
    """A contentless FTS5 index over expressions of `table`'s rows, kept in step by triggers."""
    names = ", ".join(columns)
    watched = ", ".join(dict.fromkeys(re.findall(r"\{r\}\.(\w+)", " ".join(columns.values()))))

    def values(row: str) -> str:
        return ", ".join(e.format(r=row) for e in columns.values())

    add = f"INSERT INTO {table}_fts(rowid, {names}) VALUES (new.sort_key, {values('new')});"
    drop = f"INSERT INTO {table}_fts({table}_fts, rowid, {names}) VALUES ('delete', old.sort_key, {values('old')});"
    return [
        f"CREATE UNIQUE INDEX ux_{table}_sort_key ON {table} (sort_key)",
        (f"CREATE VIRTUAL TABLE {table}_fts USING fts5({names}, content='', "
         "tokenize='porter unicode61 remove_diacritics 2')"),
        (f"CREATE TRIGGER {table}_fts_ai AFTER INSERT ON {table} BEGIN UPDATE {table} SET sort_key = "
         f"{sort_key_sql('new')} WHERE id = new.id; INSERT INTO {table}_fts(rowid, {names}) VALUES "
         f"({sort_key_sql('new')}, {values('new')}); END"),
        f"CREATE TRIGGER {table}_fts_ad AFTER DELETE ON {table} BEGIN {drop} END",
        f"CREATE TRIGGER {table}_fts_au AFTER UPDATE OF {watched} ON {table} BEGIN {drop} {add} END",
    ]


def _tsvector_statements(table: str, columns: list[str]) -> list[str]:
    """A stored tsvector column over `table`'s columns with a GIN index (PostgreSQL keeps it current)."""
    document = " || ' ' || ".join(columns)
    return [
        f"ALTER TABLE {table} ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', {document})) STORED",
        f"CREATE INDEX ix_{table}_tsv ON {table} USING GIN (tsv)",
    ]


# FTS5 column → the row expression it indexes; the speaker is one token so a name matches exactly
FTS5_COLUMNS = {
    "quotes": {"text": "{r}.text", "sentence": "{r}.sentence", "speaker": "replace({r}.speaker_norm, ' ', '')"},
    "facts": {"about": "{r}.about", "sentence": "{r}.sentence", "value": "{r}.value"},
}
TSVECTOR_COLUMNS = {"quotes": ["text", "sentence"], "facts": ["about", "sentence", "value"]}


def _full_text(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        statements = [sql for table, cols in FTS5_COLUMNS.items() for sql in _fts5_statements(table, cols)]
    else:
        statements = [sql for table, cols in TSVECTOR_COLUMNS.items() for sql in _tsvector_statements(table, cols)]
    for sql in statements:
        conn.exec_driver_sql(sql)


STEPS: list[Step] = [
    Step(1, "core tables", _create_core),
    Step(2, "full-text search over quotes and facts", _full_text),
]


def latest_version() -> int:
    return STEPS[-1].version


def current_version(conn: Connection) -> int:
    """The schema's version (0 for an empty database)."""
    schema_version.create(conn, checkfirst=True)
    return int(conn.execute(select(func.coalesce(func.max(schema_version.c.version), 0))).scalar_one())


def apply_pending(conn: Connection, steps: list[Step] | None = None) -> list[int]:
    """Apply every step newer than the database, in order; returns the versions applied.

    Call inside a transaction: a failing step rolls back with everything before it in this run.
    """
    steps = STEPS if steps is None else steps
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
    have = current_version(conn)
    known = max((s.version for s in steps), default=0)
    if have > known:
        raise StoreError(f"the database schema is version {have}, newer than this BorderDesk knows ({known}); "
                         "upgrade BorderDesk or use another database")
    applied = []
    for step in sorted(steps, key=lambda s: s.version):
        if step.version <= have:
            continue
        log.info("store: applying migration %d (%s)", step.version, step.name)
        try:
            step.run(conn)
        except Exception as exc:
            raise StoreError(f"migration {step.version} ({step.name}) failed: {exc}") from exc
        conn.execute(insert(schema_version).values(
            version=step.version, name=step.name, applied_at=datetime.now(UTC)))
        applied.append(step.version)
    return applied
