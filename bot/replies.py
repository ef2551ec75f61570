"""Platform-neutral reply models: what handlers return and every platform renders its own way.

Handlers never build Discord embeds or Slack blocks; they return one of these. Text fields hold
untrusted text from feeds as it is: escaping is the renderer's job, because only it knows the markup.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.models import Source


@dataclass(frozen=True, slots=True)
class Page:
    """Where a long answer is: `next_args` re-runs the command for the next page (None = last page)."""

    number: int = 1
    pages: int = 1
    total: int = 0
    next_args: dict[str, object] | None = None


@dataclass(frozen=True, slots=True)
class TextReply:
    """Plain text (confirmations, short answers)."""

    text: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class ErrorReply:
    """A user error: what was wrong and how to ask instead. Never a stack trace."""

    message: str
    hint: str = ""


@dataclass(frozen=True, slots=True)
class StoryLine:
    title: str
    url: str | None
    summary: str
    published: datetime | None
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True, slots=True)
class StoryList:
    title: str
    stories: tuple[StoryLine, ...]
    page: Page = field(default_factory=Page)
    empty_text: str = "Nothing yet."


@dataclass(frozen=True, slots=True)
class QuoteLine:
    speaker: str | None
    role: str | None
    text: str
    published: datetime | None
    sources: tuple[Source, ...] = ()
    kind: str = "direct"


@dataclass(frozen=True, slots=True)
class QuoteList:
    title: str
    quotes: tuple[QuoteLine, ...]
    page: Page = field(default_factory=Page)
    empty_text: str = "No quotes found."


@dataclass(frozen=True, slots=True)
class TariffLine:
    imposed_by: str
    target: str
    product: str
    rate: str
    previous_rate: str
    status: str
    effective: str
    since: datetime | None
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class TariffTable:
    title: str
    lines: tuple[TariffLine, ...]
    page: Page = field(default_factory=Page)
    empty_text: str = "No tariff measures recorded yet."


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file sent with the reply where the platform shows files (e.g. a PNG chart)."""

    filename: str
    data: bytes
    content_type: str = "image/png"
    description: str = ""


@dataclass(frozen=True, slots=True)
class TariffHistory:
    title: str
    lines: tuple[TariffLine, ...]  # oldest first
    chart: Attachment | None = None


@dataclass(frozen=True, slots=True)
class FactLine:
    value: str
    about: str
    published: datetime | None
    source: Source | None = None
    sentence: str = ""


@dataclass(frozen=True, slots=True)
class FactList:
    title: str
    facts: tuple[FactLine, ...]
    page: Page = field(default_factory=Page)
    empty_text: str = "No figures found."


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """The on-demand `/summary` answer."""

    title: str
    url: str
    summary: str
    quotes: tuple[QuoteLine, ...] = ()
    tariffs: tuple[TariffLine, ...] = ()
    facts: tuple[FactLine, ...] = ()
    relevant: bool = False
    relevance_reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FeedLine:
    name: str
    url: str
    status: str
    last_success: datetime | None
    last_error: str
    consecutive_failures: int
    items_seen: int
    response_ms: float | None


@dataclass(frozen=True, slots=True)
class FeedTable:
    title: str
    feeds: tuple[FeedLine, ...]
    page: Page = field(default_factory=Page)


@dataclass(frozen=True, slots=True)
class HelpEntry:
    name: str
    usage: str
    description: str
    admin_only: bool = False


@dataclass(frozen=True, slots=True)
class HelpReply:
    title: str
    entries: tuple[HelpEntry, ...]


Reply = (
    TextReply | ErrorReply | StoryList | QuoteList | TariffTable | TariffHistory | FactList
    | ArticleSummary | FeedTable | HelpReply
)
