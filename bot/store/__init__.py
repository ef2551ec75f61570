"""The store: `open_store(url)` gives a Store over a SQLite file or PostgreSQL (await `.open()` next)."""
from __future__ import annotations

from bot.store.base import (
    TOTAL_CAP,
    AddResult,
    FactRow,
    QuoteRow,
    Store,
    StoreError,
    StoryRow,
    Subscription,
    Target,
    TariffRow,
)
from bot.store.engine import parse_url


def open_store(url: str) -> Store:
    """A store for `url`, not yet connected: `sqlite:///path/file.db` or `postgresql://user@host/db`.

    `sqlite+aiosqlite://` and `postgresql+asyncpg://` are accepted too; `?schema=NAME` on a PostgreSQL
    URL keeps the tables in that schema. A bad URL raises StoreError saying what is allowed.
    """
    from bot.store.sql import SqlStore

    return SqlStore(parse_url(url))


__all__ = [
    "TOTAL_CAP",
    "AddResult",
    "FactRow",
    "QuoteRow",
    "Store",
    "StoreError",
    "StoryRow",
    "Subscription",
    "Target",
    "TariffRow",
    "open_store",
]
