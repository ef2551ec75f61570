"""open_store: URL forms accepted, normalised to async drivers, and clear errors for bad ones."""
from __future__ import annotations

import pytest

from bot.store import StoreError, open_store
from bot.store.engine import parse_url


@pytest.mark.parametrize("raw", ["sqlite:///data/bd.db", "sqlite+aiosqlite:///data/bd.db"])
def test_sqlite_urls_use_aiosqlite(raw: str) -> None:
    parsed = parse_url(raw)
    assert parsed.url.drivername == "sqlite+aiosqlite"
    assert parsed.url.database == "data/bd.db"


@pytest.mark.parametrize("raw", [
    "postgresql://bd:secret@db.internal:5432/borderdesk",
    "postgresql+asyncpg://bd:secret@db.internal:5432/borderdesk",
    "postgres://bd:secret@db.internal:5432/borderdesk",
])
def test_postgres_urls_use_asyncpg_and_hide_the_password(raw: str) -> None:
    parsed = parse_url(raw)
    assert parsed.url.drivername == "postgresql+asyncpg"
    assert parsed.url.database == "borderdesk"
    assert "secret" not in parsed.redacted()


def test_schema_parameter_becomes_the_search_path() -> None:
    parsed = parse_url("postgresql://u@h/db?schema=tenant_a")
    assert parsed.schema == "tenant_a"
    assert "schema" not in parsed.url.query


@pytest.mark.parametrize("raw, says", [
    ("", "empty store URL"),
    ("mysql://u@h/db", "unsupported store URL scheme 'mysql'"),
    ("sqlite://", "no database file"),
    ("sqlite:///:memory:", "in-memory"),
    ("postgresql://u@h", "names no database"),
    ("postgresql://u@h/db?schema=x;drop", "bad schema name"),
    ("not a url", "bad store URL"),
])
def test_bad_urls_raise_store_error_saying_what_is_allowed(raw: str, says: str) -> None:
    with pytest.raises(StoreError) as err:
        open_store(raw)
    assert says in str(err.value)
    if raw:
        assert "sqlite:///" in str(err.value) or "schema" in str(err.value)


async def test_verbs_before_open_say_so(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = open_store(f"sqlite:///{tmp_path / 'x.db'}")
    with pytest.raises(StoreError, match="not open"):
        await store.latest()


async def test_unreachable_postgres_is_a_store_error() -> None:
    store = open_store("postgresql://nobody@127.0.0.1:1/nowhere")
    with pytest.raises(StoreError, match="cannot open the store"):
        await store.open()
    assert not await store.ping()


def test_the_sql_store_implements_every_verb_of_the_contract(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import inspect

    from bot.store.base import Store

    store = open_store(f"sqlite:///{tmp_path / 'x.db'}")
    verbs = [n for n, v in vars(Store).items() if inspect.iscoroutinefunction(v)]
    assert len(verbs) > 25
    for name in verbs:
        mine = getattr(type(store), name, None)
        assert mine is not None and inspect.iscoroutinefunction(mine), name
        want = list(inspect.signature(getattr(Store, name)).parameters)
        assert list(inspect.signature(mine).parameters) == want, name
