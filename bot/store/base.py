"""The store's contract: domain verbs that ingest, handlers and delivery use, whatever the backend.

Every method is a coroutine. Handlers see only the query verbs; ingest and delivery use the rest.
Implementations: `bot.store.sql.SqlStore` (SQLite file by default, PostgreSQL for several instances).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.models import (
    AlertMessage,
    Analysis,
    Delivery,
    Fact,
    FeedHealth,
    FeedState,
    Item,
    Quote,
    Source,
    Tariff,
)

TOTAL_CAP = 1000  # paged verbs count their total up to here: a total equal to it reads "1000 or more"


class StoreError(Exception):
    """The store could not do what was asked (connection lost, bad URL, migration failed)."""


@dataclass(frozen=True, slots=True)
class Target:
    """One channel on one platform that an alert goes to."""

    platform: str  # "console" | "discord" | "slack"
    channel: str
    mention_roles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AddResult:
    """What `add_item` did: `duplicate` items were already known and changed nothing."""

    item_id: int | None
    story_id: int | None
    duplicate: bool = False
    new_story: bool = False  # False when the item joined an existing story
    deliveries: int = 0  # outbox rows written (posts for a new story, updates for a joined one)


@dataclass(frozen=True, slots=True)
class StoryRow:
    """A story (one or more outlets' items on the same news) for /latest."""

    id: int
    title: str
    url: str | None
    summary: str
    topic: str
    published: datetime | None
    sources: tuple[Source, ...]


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """A quote with every outlet that reported it (same speaker + same words = one row)."""

    quote: Quote
    published: datetime | None
    sources: tuple[Source, ...]
    story_id: int


@dataclass(frozen=True, slots=True)
class TariffRow:
    """One line of the living tariff table, or one point of a line's history."""

    imposed_by: str
    target: str
    product: str
    rate: str
    previous_rate: str
    status: str
    effective: str
    since: datetime | None  # when coverage first reported this state of the line
    source: Source
    sentence: str = ""


@dataclass(frozen=True, slots=True)
class FactRow:
    """A key figure with its source."""

    fact: Fact
    published: datetime | None
    source: Source
    story_id: int


@dataclass(frozen=True, slots=True)
class Subscription:
    """A topic routed to a channel from a chat command (kept beside the routes in feeds.yaml)."""

    topic: str
    platform: str
    channel: str
    created_by: str = ""


class Store(Protocol):
    """Domain verbs. Offsets/limits page results; `since` filters by publication time."""

    # lifecycle
    async def open(self) -> None: ...  # connect and run pending migrations
    async def close(self) -> None: ...
    async def ping(self) -> bool: ...
    async def optimize(self) -> None: ...  # refresh planner statistics (after an import; daily in service)

    # feed state and health
    async def load_feed_state(self, name: str, url: str) -> FeedState: ...  # new state when unknown
    async def save_feed_state(self, state: FeedState) -> None: ...
    async def feed_health(self) -> list[FeedHealth]: ...
    async def claim_feeds(
        self, names: Sequence[str], owner: str, now: datetime, lease_seconds: float
    ) -> list[str]: ...  # names whose poll lease this owner now holds (due ones only)
    async def release_feed(self, name: str, owner: str) -> None: ...

    # items, stories, analyses: one transaction per item, outbox rows included
    async def known_item(self, feed: str, key: str, url: str | None) -> bool: ...
    async def add_item(
        self,
        item: Item,
        analysis: Analysis | None,
        topic: str | None,
        targets: Sequence[Target],
        story_signature: str = "",
        same_story_as: int | None = None,
        alert: bool = True,
    ) -> AddResult: ...
    async def import_items(
        self, batch: Sequence[tuple[Item, Analysis | None, str | None]]
    ) -> int: ...  # archive import: (item, analysis, topic) each its own story, no alerts; returns added
    async def recent_stories(self, since: datetime, topic: str | None = None) -> list[tuple[int, str]]: ...
    # (story_id, story_signature) pairs for clustering new items into existing stories

    # outbox
    async def claim_deliveries(
        self, owner: str, now: datetime, limit: int, lease_seconds: float
    ) -> list[Delivery]: ...
    async def alert_message(self, story_id: int) -> AlertMessage: ...
    async def delivery_done(self, delivery_id: int, message_ref: str | None, now: datetime) -> None: ...
    async def delivery_failed(
        self, delivery_id: int, error: str, retry_at: datetime | None, broken_route: bool = False
    ) -> None: ...  # retry_at None = give up
    async def delivery_deferred(self, delivery_ids: list[int], until: datetime, reason: str) -> None: ...
    # hand rows back untried (a platform asked us to wait): no attempt is counted
    async def outbox_counts(self) -> dict[str, int]: ...  # {"pending": n, "sent": n, "failed": n}
    async def broken_routes(self) -> list[Target]: ...
    async def restore_route(self, platform: str, channel: str) -> bool: ...  # False when it was not broken

    # queries behind the slash commands
    async def latest(
        self, topic: str | None = None, since: datetime | None = None, limit: int = 10, offset: int = 0
    ) -> tuple[list[StoryRow], int]: ...  # rows, total
    async def find_quotes(
        self,
        speaker: str | None = None,
        about: str | None = None,
        since: datetime | None = None,
        limit: int = 10,
        offset: int = 0,
    ) -> tuple[list[QuoteRow], int]: ...
    async def speakers(self, prefix: str = "", limit: int = 25) -> list[str]: ...
    async def tariff_table(
        self, country: str | None = None, product: str | None = None
    ) -> list[TariffRow]: ...  # current state of each (imposer, target, product) line
    async def tariff_history(
        self, imposed_by: str | None, target: str | None, product: str
    ) -> list[TariffRow]: ...  # oldest first
    async def tariff_products(self, prefix: str = "", limit: int = 25) -> list[str]: ...
    async def tariff_countries(self, prefix: str = "", limit: int = 25) -> list[str]: ...
    async def find_facts(
        self, about: str | None = None, since: datetime | None = None, limit: int = 10, offset: int = 0
    ) -> tuple[list[FactRow], int]: ...

    # subscriptions from chat
    async def subscribe(self, sub: Subscription) -> bool: ...  # False when it already existed
    async def unsubscribe(self, topic: str, platform: str, channel: str) -> bool: ...
    async def subscriptions(self, topic: str | None = None) -> list[Subscription]: ...


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
    "Tariff",
    "TariffRow",
]
