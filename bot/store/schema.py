"""The store's tables (SQLAlchemy Core), shared by SQLite and PostgreSQL.

This is the schema at the newest migration; `migrations.py` creates it step by step, and later
steps must spell out their own DDL rather than rely on these definitions.
"""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC in and out: SQLite keeps naive UTC text, PostgreSQL `timestamptz`."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:  # naive means UTC everywhere in this project
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


metadata = MetaData()
TS = UTCDateTime

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("applied_at", TS, nullable=False),
)

feeds = Table(
    "feeds", metadata,
    Column("name", String(200), primary_key=True),
    Column("url", Text, nullable=False),  # effective URL (a permanent redirect moves it)
    Column("config_url", Text, nullable=False),  # as feeds.yaml gave it: a config edit resets `url`
    Column("etag", Text), Column("last_modified", Text), Column("body_hash", String(128)),
    Column("next_poll", TS), Column("consecutive_failures", Integer, nullable=False, server_default="0"),
    Column("paused", Boolean, nullable=False, server_default=text("false")),
    Column("first_poll_done", Boolean, nullable=False, server_default=text("false")),
    Column("last_success", TS), Column("last_error", Text, nullable=False, server_default=""),
    Column("last_error_at", TS), Column("items_seen", Integer, nullable=False, server_default="0"),
    Column("response_ms", Float), Column("websub_hub", Text), Column("websub_topic", Text),
    Column("websub_lease_until", TS), Column("extra", Text, nullable=False, server_default="{}"),
    Column("lease_owner", String(200)), Column("lease_until", TS),
)

stories = Table(
    "stories", metadata,
    Column("id", Integer, primary_key=True),
    Column("title", Text, nullable=False), Column("url", Text), Column("summary", Text, nullable=False),
    Column("topic", String(100), nullable=False), Column("signature", Text, nullable=False),
    Column("published", TS),  # first publication among its items
    Column("sort_at", TS, nullable=False),  # published, else created: what "newest first" sorts by
    Column("created_at", TS, nullable=False), Column("updated_at", TS, nullable=False),
    Index("ix_stories_topic_sort", "topic", "sort_at"),
    Index("ix_stories_sort", "sort_at"),
    Index("ix_stories_updated", "updated_at"),
)

items = Table(
    "items", metadata,
    Column("id", Integer, primary_key=True),
    Column("feed", String(200), nullable=False), Column("key", Text, nullable=False),
    Column("url", Text),  # canonical URL
    Column("guid", Text), Column("title", Text, nullable=False), Column("summary", Text, nullable=False),
    Column("published", TS), Column("fetched_at", TS, nullable=False), Column("topic", String(100)),
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="SET NULL")),
    UniqueConstraint("feed", "key", name="uq_items_feed_key"),
    Index("ix_items_feed_url", "feed", "url"),
    Index("ix_items_story", "story_id"),
)

speakers = Table(
    "speakers", metadata,
    Column("norm", String(300), primary_key=True),
    Column("last", String(200), nullable=False), Column("display", Text, nullable=False),
    Column("quotes", Integer, nullable=False, server_default="0"), Column("last_quoted", TS),
    Index("ix_speakers_last", "last"),
)

quotes = Table(
    "quotes", metadata,
    Column("id", Integer, primary_key=True),
    Column("dedupe_key", String(64), nullable=False, unique=True),  # sha256(speaker_norm | text_norm)
    Column("speaker", Text), Column("speaker_norm", String(300), nullable=False),
    Column("speaker_last", String(200), nullable=False), Column("role", Text),
    Column("text", Text, nullable=False), Column("kind", String(20), nullable=False),
    Column("sentence", Text, nullable=False),
    Column("item_id", Integer, ForeignKey("items.id", ondelete="CASCADE"), nullable=False),
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE")),
    Column("published", TS, nullable=False),
    Column("sort_key", BigInteger),  # SQLite: published-then-id order, the full-text index's rowid
    Index("ix_quotes_published", "published"),
    Index("ix_quotes_speaker_pub", "speaker_norm", "published"),
    Index("ix_quotes_last_pub", "speaker_last", "published"),
    Index("ix_quotes_story", "story_id"),
)

quote_sources = Table(
    "quote_sources", metadata,
    Column("quote_id", Integer, ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True),
    Column("item_id", Integer, ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_quote_sources_item", "item_id"),
)

tariffs = Table(
    "tariffs", metadata,
    Column("id", Integer, primary_key=True),
    Column("imposed_by", String(100), nullable=False), Column("target", String(100), nullable=False),
    Column("product", String(200), nullable=False),
    Column("imposer_norm", String(100), nullable=False), Column("target_norm", String(100), nullable=False),
    Column("product_norm", String(200), nullable=False),
    Column("rate", String(50), nullable=False), Column("previous_rate", String(50), nullable=False),
    Column("status", String(20), nullable=False), Column("effective", Text, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("item_id", Integer, ForeignKey("items.id", ondelete="CASCADE"), nullable=False),
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE")),
    Column("published", TS, nullable=False),
    Index("ix_tariffs_line", "imposer_norm", "target_norm", "product_norm", "published"),
    Index("ix_tariffs_story", "story_id"),
)

# One row per (imposer, target, product): the line's current report, kept in step by add_item.
tariff_lines = Table(
    "tariff_lines", metadata,
    Column("imposer_norm", String(100), primary_key=True), Column("target_norm", String(100), primary_key=True),
    Column("product_norm", String(200), primary_key=True),
    Column("current_id", Integer, ForeignKey("tariffs.id", ondelete="CASCADE"), nullable=False),
    Column("since", TS, nullable=False),
    Column("changes", Integer, nullable=False, server_default="1"),  # bumped on every refresh: cache check
)

facts = Table(
    "facts", metadata,
    Column("id", Integer, primary_key=True),
    Column("value", Text, nullable=False), Column("about", Text, nullable=False),
    Column("sentence", Text, nullable=False), Column("kind", String(20), nullable=False),
    Column("item_id", Integer, ForeignKey("items.id", ondelete="CASCADE"), nullable=False),
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE")),
    Column("published", TS, nullable=False),
    Column("sort_key", BigInteger),  # as quotes.sort_key
    Index("ix_facts_published", "published"),
    Index("ix_facts_story", "story_id"),
)

deliveries = Table(
    "deliveries", metadata,
    Column("id", Integer, primary_key=True),
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    Column("platform", String(20), nullable=False), Column("channel", String(200), nullable=False),
    Column("kind", String(10), nullable=False), Column("status", String(10), nullable=False),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_attempt_at", TS, nullable=False),
    Column("lease_owner", String(200)), Column("lease_until", TS),
    Column("message_ref", Text), Column("nonce", String(32), nullable=False, unique=True),
    Column("mention_roles", Text, nullable=False, server_default=""),  # comma-separated role ids
    Column("error", Text, nullable=False, server_default=""),
    Column("created_at", TS, nullable=False), Column("sent_at", TS),
    Index("ix_deliveries_due", "status", "next_attempt_at"),
    Index("ix_deliveries_route", "story_id", "platform", "channel", "kind"),
    Index(
        "uq_deliveries_post", "story_id", "platform", "channel", unique=True,
        sqlite_where=text("kind = 'post'"), postgresql_where=text("kind = 'post'"),
    ),
)

broken_routes = Table(
    "broken_routes", metadata,
    Column("platform", String(20), primary_key=True), Column("channel", String(200), primary_key=True),
    Column("error", Text, nullable=False, server_default=""), Column("marked_at", TS, nullable=False),
)

subscriptions = Table(
    "subscriptions", metadata,
    Column("topic", String(100), primary_key=True), Column("platform", String(20), primary_key=True),
    Column("channel", String(200), primary_key=True),
    Column("created_by", Text, nullable=False, server_default=""), Column("created_at", TS, nullable=False),
)

V1_TABLES = [
    feeds, stories, items, speakers, quotes, quote_sources, tariffs, tariff_lines, facts, deliveries,
    broken_routes, subscriptions,
]
