"""SqlStore: the Store contract on SQLAlchemy async, over a SQLite file or PostgreSQL."""
from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from bot.store.base import StoreError, Subscription
from bot.store.bulk import BulkMixin
from bot.store.engine import StoreURL, parse_url
from bot.store.feedstate import FeedStateMixin
from bot.store.items import ItemsMixin
from bot.store.migrations import apply_pending
from bot.store.outbox import OutboxMixin
from bot.store.quoteq import QuotesMixin
from bot.store.schema import broken_routes, subscriptions
from bot.store.tariffq import TariffsMixin

log = logging.getLogger(__name__)


class SqlStore(FeedStateMixin, ItemsMixin, BulkMixin, OutboxMixin, QuotesMixin, TariffsMixin):
    """One store object per process; it holds a connection pool, so share it across tasks."""

    def __init__(self, target: StoreURL | str) -> None:
        super().__init__(parse_url(target) if isinstance(target, str) else target)

    def __repr__(self) -> str:
        return f"SqlStore({self.target.redacted()!r})"

    async def open(self) -> None:
        """Connect and bring the schema up to date (idempotent; several instances may race safely)."""
        if self._engine is not None:
            return
        engine = self._make_engine()
        try:
            async with self._tx() as conn:
                applied = await conn.run_sync(apply_pending)
        except BaseException as exc:
            self._engine = None
            await engine.dispose()
            cause = exc.__cause__ if isinstance(exc, StoreError) else exc
            if isinstance(cause, (DBAPIError, OSError)):
                raise StoreError(f"cannot open the store {self.target.redacted()}: {cause}") from exc
            raise
        if applied:
            log.info("store %s: migrated to version %d", self.target.redacted(), applied[-1])

    async def close(self) -> None:
        if self._engine is not None:
            engine, self._engine = self._engine, None
            await engine.dispose()

    async def ping(self) -> bool:
        try:
            async with self._read() as conn:
                return (await conn.execute(text("SELECT 1"))).scalar_one() == 1
        except StoreError:
            return False

    async def optimize(self) -> None:
        """Refresh the query planner's statistics: after a large import, and now and then in service."""
        async with self._tx() as conn:
            await conn.execute(text("ANALYZE"))
            if self.dialect == "sqlite":
                await conn.execute(text("PRAGMA optimize"))

    async def schema_version(self) -> int:
        """The applied schema version (for `borderdesk check` and tests)."""
        from bot.store.migrations import current_version

        async with self._read() as conn:
            return await conn.run_sync(current_version)

    async def subscribe(self, sub: Subscription) -> bool:
        """Route a topic to a channel; a channel someone just subscribed from is reachable again."""
        now = datetime.now(UTC)
        async with self._tx() as conn:
            added = await conn.execute(
                self._insert(subscriptions).values(
                    topic=sub.topic, platform=sub.platform, channel=sub.channel, created_by=sub.created_by,
                    created_at=now).on_conflict_do_nothing())
            await conn.execute(broken_routes.delete().where(
                broken_routes.c.platform == sub.platform, broken_routes.c.channel == sub.channel))
        return bool(added.rowcount)

    async def unsubscribe(self, topic: str, platform: str, channel: str) -> bool:
        async with self._tx() as conn:
            gone = await conn.execute(subscriptions.delete().where(
                subscriptions.c.topic == topic, subscriptions.c.platform == platform,
                subscriptions.c.channel == channel))
        return bool(gone.rowcount)

    async def subscriptions(self, topic: str | None = None) -> list[Subscription]:
        query = select(subscriptions).order_by(subscriptions.c.topic, subscriptions.c.platform,
                                               subscriptions.c.channel)
        if topic is not None:
            query = query.where(subscriptions.c.topic == topic)
        async with self._read() as conn:
            rows = (await conn.execute(query)).all()
        return [Subscription(r.topic, r.platform, r.channel, r.created_by) for r in rows]
