"""Store contract tests run on both backends: a SQLite file and a fresh PostgreSQL schema per test."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.models import Analysis, Fact, Item, Quote, Relevance, Tariff
from tests.pg import make_store, store, store_url  # noqa: F401  (fixtures)

T0 = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
TOPIC = "us-canada-trade"


def at(minutes: float) -> datetime:
    """A moment `minutes` after T0 (aware UTC), so tests read as a timeline."""
    return T0 + timedelta(minutes=minutes)


def item(key: str, feed: str = "Maple Wire", minute: float = 0, url: str | None = None,
         title: str | None = None, published: datetime | None = None) -> Item:
    """An identified item; published and fetched at T0 + minute unless told otherwise."""
    return Item(
        key=key, feed=feed, title=title or f"Story {key}",
        url=url if url is not None else f"https://{feed.lower().replace(' ', '')}.example/{key}",
        published=published if published is not None else at(minute), fetched_at=at(minute),
        guid=key, summary=f"Feed summary of {key}.",
    )


def analysis(summary: str = "A summary.", quotes: tuple[Quote, ...] = (), tariffs: tuple[Tariff, ...] = (),
             facts: tuple[Fact, ...] = ()) -> Analysis:
    return Analysis(summary=summary, relevance=Relevance(True, 0.9, ("test",), TOPIC),
                    quotes=quotes, tariffs=tariffs, facts=facts)
