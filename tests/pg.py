"""Reusable store fixtures: a fresh store on a SQLite file and on the local PostgreSQL, per test.

Use them from any conftest.py:

    from tests.pg import make_store, store_url  # noqa: F401  (pytest finds fixtures by name)

`store_url` is parametrised over "sqlite" and "postgresql"; each PostgreSQL test gets its own schema
(dropped afterwards). `make_store()` opens a store on that URL (call it twice for two instances on
one database) and closes them all at the end. PostgreSQL is BORDERDESK_TEST_PG or
postgresql://postgres@127.0.0.1:5432/test; when that variable is set (`make test`) an unreachable server
fails the test, otherwise PostgreSQL tests are skipped.
"""
from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from bot.store import Store, open_store

DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"

MakeStore = Callable[..., Awaitable[Store]]


def pg_dsn() -> str:
    """A plain libpq-style DSN for asyncpg (no SQLAlchemy driver suffix)."""
    url = os.environ.get("BORDERDESK_TEST_PG", DEFAULT_PG)
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


async def _pg_connect():  # type: ignore[no-untyped-def]
    import asyncpg

    try:
        return await asyncpg.connect(pg_dsn(), timeout=5)
    except (OSError, asyncpg.PostgresError) as exc:
        message = f"PostgreSQL at {pg_dsn()} is not reachable ({exc}); start it with `make postgres`"
        if os.environ.get("BORDERDESK_TEST_PG"):
            pytest.fail(message)
        pytest.skip(message)


async def _pg_schema_url() -> AsyncIterator[str]:
    """A URL whose tables live in a new schema, dropped with everything in it afterwards."""
    schema = f"t_{secrets.token_hex(6)}"
    conn = await _pg_connect()
    try:
        await conn.execute(f'CREATE SCHEMA "{schema}"')
        sep = "&" if "?" in pg_dsn() else "?"
        yield f"{pg_dsn()}{sep}schema={schema}"
    finally:
        await conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        await conn.close()


@pytest.fixture(params=["sqlite", "postgresql"])
async def store_url(request: pytest.FixtureRequest, tmp_path) -> AsyncIterator[str]:  # type: ignore[no-untyped-def]
    """A URL to an empty database: a SQLite file in tmp_path, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    async for url in _pg_schema_url():
        yield url


@pytest.fixture
async def make_store(store_url: str) -> AsyncIterator[MakeStore]:
    """Factory: `await make_store()` opens another store on the test's database (closed at teardown)."""
    opened: list[Store] = []

    async def make(url: str | None = None) -> Store:
        store = open_store(url or store_url)
        await store.open()
        opened.append(store)
        return store

    yield make
    for store in opened:
        await store.close()


@pytest.fixture
async def store(make_store: MakeStore) -> Store:
    """One opened store on the test's database."""
    return await make_store()
