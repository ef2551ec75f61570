"""Stage types shared by every part of the pipeline: RawItem → Item → Analysis → Alert.

They are plain frozen dataclasses so that analysis stays pure, the store can map them to
rows, and platforms can render them without knowing where they came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

TariffStatus = Literal["in_force", "announced", "threatened", "removed", "paused", "exempted"]
QuoteKind = Literal["direct", "fragment"]
FactKind = Literal["money", "percent", "quantity", "count", "other"]


# --- analysis records -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted span and who said it; `start`/`end` index the analysed text."""

    text: str
    speaker: str | None
    start: int = 0
    end: int = 0
    kind: QuoteKind = "direct"
    role: str | None = None  # "prime minister", "U.S. commerce secretary", ...
    sentence: str = ""


@dataclass(frozen=True, slots=True)
class Tariff:
    """One tariff measure as coverage describes it, normalised so two articles compare equal.

    Countries are "US", "Canada", another country's English name, or "all".
    Rates are normalised to "25%" (from "25 per cent", "25 percent", "25%"), "" when none given.
    Products are lower-case nouns ("steel", "aluminum", "all goods").
    """

    imposed_by: str
    target: str
    products: tuple[str, ...]
    rate: str = ""
    previous_rate: str = ""
    status: TariffStatus = "announced"
    effective: str = ""
    sentence: str = ""

    def keys(self) -> list[tuple[str, str, str]]:
        """(imposer, target, product) lines this measure touches, one per product."""
        return [(self.imposed_by, self.target, p) for p in self.products]


@dataclass(frozen=True, slots=True)
class Fact:
    """A key figure exactly as written in the source, with what it measures."""

    value: str
    about: str
    sentence: str = ""
    kind: FactKind = "other"
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class Relevance:
    """Whether an item is on a topic's beat, with a score in 0..1 and human-readable reasons."""

    relevant: bool
    score: float
    reasons: tuple[str, ...] = ()
    topic: str = ""


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the analysis engine learned from one article."""

    summary: str
    relevance: Relevance
    quotes: tuple[Quote, ...] = ()
    tariffs: tuple[Tariff, ...] = ()
    facts: tuple[Fact, ...] = ()
    text: str = ""  # the cleaned main text that offsets refer to


# --- feed and item records --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RawItem:
    """One entry as a feed gives it, before identity and analysis."""

    feed: str  # feed name from feeds.yaml
    title: str
    link: str | None = None
    guid: str | None = None
    summary: str = ""  # plain text of the feed's description
    content: str = ""  # the feed's full content (HTML) when it carries one
    published: datetime | None = None
    author: str | None = None


@dataclass(frozen=True, slots=True)
class Item:
    """An identified item: `key` is stable across GUID changes and tracking parameters."""

    key: str
    feed: str
    title: str
    url: str | None
    published: datetime | None
    fetched_at: datetime
    guid: str | None = None
    summary: str = ""
    topics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Source:
    """One outlet that reported a story."""

    feed: str
    url: str | None
    published: datetime | None = None


@dataclass(frozen=True, slots=True)
class AlertMessage:
    """What a platform renders for one story: everything comes from the store, nothing live."""

    story_id: int
    title: str
    url: str | None
    source: str
    published: datetime | None
    summary: str
    quotes: tuple[Quote, ...] = ()
    tariffs: tuple[Tariff, ...] = ()
    facts: tuple[Fact, ...] = ()
    also_reported_by: tuple[Source, ...] = ()
    topic: str = ""
    mention_roles: tuple[str, ...] = ()  # role ids the route config allows pinging


@dataclass(frozen=True, slots=True)
class Delivery:
    """One outbox row: an alert for one channel on one platform."""

    id: int
    story_id: int
    platform: str  # "console" | "discord" | "slack"
    channel: str
    kind: Literal["post", "update"] = "post"
    attempts: int = 0
    message_ref: str | None = None  # platform message id once posted (used for edits)
    nonce: str = ""
    mention_roles: tuple[str, ...] = ()  # role ids this route may ping (from its Target)
    resumed: bool = False  # an earlier claim ended without an outcome (crash): it may already be posted


@dataclass(frozen=True, slots=True)
class DeliveryResult:
    """What an adapter reports back for one delivery."""

    ok: bool
    message_ref: str | None = None
    retry_after: float | None = None  # seconds, when rate-limited
    broken_route: bool = False  # channel gone or access lost: stop trying this route
    error: str = ""


@dataclass(frozen=True, slots=True)
class FeedHealth:
    """Per-feed health the desk can read with /feeds and `borderdesk feeds`."""

    name: str
    url: str
    status: Literal["ok", "failing", "paused", "new"] = "new"
    last_success: datetime | None = None
    last_error: str = ""
    last_error_at: datetime | None = None
    consecutive_failures: int = 0
    items_seen: int = 0
    response_ms: float | None = None
    next_poll: datetime | None = None


@dataclass(slots=True)
class FeedState:
    """Mutable per-feed poll state carried between polls (kept in the store)."""

    name: str
    url: str
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    next_poll: datetime | None = None
    consecutive_failures: int = 0
    paused: bool = False
    first_poll_done: bool = False
    last_success: datetime | None = None
    last_error: str = ""
    last_error_at: datetime | None = None
    items_seen: int = 0
    response_ms: float | None = None
    websub_hub: str | None = None
    websub_topic: str | None = None
    websub_lease_until: datetime | None = None
    extra: dict[str, str] = field(default_factory=dict)
