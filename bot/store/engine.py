"""Store URLs → SQLAlchemy async engines, with the SQLite settings a shared file needs.

SQLite: WAL (readers never wait for the writer), foreign keys on, a busy timeout, and write
transactions that start with BEGIN IMMEDIATE so two processes never deadlock upgrading a read lock.
PostgreSQL: asyncpg; `?schema=NAME` in the URL sets the search_path (tests isolate themselves with it).
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.store.base import StoreError

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 15000
_SCHEMA_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")
_SQLITE_DRIVERS = {"sqlite", "sqlite+aiosqlite", "sqlite+pysqlite"}
_PG_DRIVERS = {"postgresql", "postgres", "postgresql+asyncpg", "postgresql+psycopg", "postgresql+psycopg2"}


@dataclass(frozen=True)
class StoreURL:
    """A validated store URL, normalised to an async driver."""

    url: URL
    schema: str | None = None

    @property
    def dialect(self) -> str:
        return self.url.get_backend_name()

    def redacted(self) -> str:
        return self.url.render_as_string(hide_password=True)


def parse_url(raw: str) -> StoreURL:
    """Check a store URL and pick the async driver; a bad one raises StoreError saying what is allowed."""
    allowed = "use sqlite:///path/to/file.db or postgresql://user@host:5432/dbname"
    if not raw or not raw.strip():
        raise StoreError(f"empty store URL: {allowed}")
    try:
        url = make_url(raw.strip().replace("postgres://", "postgresql://", 1))
    except ArgumentError as exc:
        raise StoreError(f"bad store URL {raw!r}: {exc}; {allowed}") from exc
    if url.drivername in _SQLITE_DRIVERS:
        if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
            raise StoreError(f"store URL {raw!r} has no database file; {allowed} (in-memory SQLite is not "
                             "supported because the store uses several connections)")
        return StoreURL(url.set(drivername="sqlite+aiosqlite"))
    if url.drivername in _PG_DRIVERS:
        if not url.database:
            raise StoreError(f"store URL {url.render_as_string()!r} names no database; {allowed}")
        schema = url.query.get("schema")
        if isinstance(schema, tuple):
            schema = schema[-1]
        if schema is not None and not _SCHEMA_RE.match(schema):
            raise StoreError(f"bad schema name {schema!r} in the store URL (letters, digits, _)")
        return StoreURL(url.set(drivername="postgresql+asyncpg").difference_update_query(["schema"]), schema)
    raise StoreError(f"unsupported store URL scheme {url.drivername!r}; {allowed}")


def make_engine(target: StoreURL) -> AsyncEngine:
    """The async engine for a parsed URL (no connection is made until first use)."""
    if target.dialect == "sqlite":
        assert target.url.database is not None
        Path(target.url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(target.url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
                                     pool_reset_on_return=None)
        _sqlite_events(engine)
        return engine
    connect_args: dict[str, Any] = {}
    if target.schema:
        connect_args["server_settings"] = {"search_path": target.schema}
    # Every transaction ends in commit or rollback (SqlBase._tx), so the pool's reset is a wasted round
    # trip; a dropped server connection invalidates the pool on the first error instead of a pre-ping.
    return create_async_engine(target.url, connect_args=connect_args, pool_reset_on_return=None,
                               pool_size=10, max_overflow=10, pool_recycle=1800)


def _sqlite_events(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", f"busy_timeout={BUSY_TIMEOUT_MS}",
                       "synchronous=NORMAL"):
            cur.execute(f"PRAGMA {pragma}")
        cur.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")
