"""Feed poll state, health, and poll leases (so several instances poll each feed once per interval)."""
from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import fields
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select, update

from bot.models import FeedHealth, FeedState
from bot.store.schema import feeds
from bot.store.sqlbase import SqlBase

log = logging.getLogger(__name__)

_STATE_COLUMNS = [f.name for f in fields(FeedState) if f.name not in ("name", "extra")]


def _to_state(row: Any) -> FeedState:
    values = {c: getattr(row, c) for c in _STATE_COLUMNS}
    values["paused"], values["first_poll_done"] = bool(row.paused), bool(row.first_poll_done)
    return FeedState(name=row.name, extra=json.loads(row.extra or "{}"), **values)


def _status(row: Any) -> str:
    if row.paused:
        return "paused"
    if row.consecutive_failures:
        return "failing"
    return "ok" if row.last_success else "new"


class FeedStateMixin(SqlBase):
    async def load_feed_state(self, name: str, url: str) -> FeedState:
        """The feed's saved state; a fresh one when unknown or when feeds.yaml now gives another URL."""
        async with self._read() as conn:
            row = (await conn.execute(select(feeds).where(feeds.c.name == name))).first()
        if row is None:
            return FeedState(name=name, url=url)
        if row.config_url == url:
            return _to_state(row)
        if row.config_url:  # "" = a row claim_feeds made before the first save
            log.info("feed %s: URL changed in the config (%s → %s); starting its poll state afresh",
                     name, row.config_url, url)
        async with self._tx() as conn:
            await conn.execute(update(feeds).where(feeds.c.name == name).values(
                url=url, config_url=url, etag=None, last_modified=None, body_hash=None, next_poll=None,
                consecutive_failures=0, paused=False, websub_hub=None, websub_topic=None,
                websub_lease_until=None))
        return FeedState(name=name, url=url, first_poll_done=bool(row.first_poll_done),
                         items_seen=row.items_seen, last_success=row.last_success)

    async def save_feed_state(self, state: FeedState) -> None:
        values = {c: getattr(state, c) for c in _STATE_COLUMNS}
        values["extra"] = json.dumps(state.extra, sort_keys=True)
        stmt = self._insert(feeds).values(name=state.name, config_url=state.url, **values)
        stmt = stmt.on_conflict_do_update(index_elements=[feeds.c.name], set_=values)
        async with self._tx() as conn:
            await conn.execute(stmt)

    async def feed_health(self) -> list[FeedHealth]:
        async with self._read() as conn:
            rows = (await conn.execute(select(feeds).order_by(feeds.c.name))).all()
        return [
            FeedHealth(
                name=r.name, url=r.url, status=_status(r),  # type: ignore[arg-type]
                last_success=r.last_success, last_error=r.last_error or "", last_error_at=r.last_error_at,
                consecutive_failures=r.consecutive_failures, items_seen=r.items_seen,
                response_ms=r.response_ms, next_poll=r.next_poll,
            )
            for r in rows
        ]

    async def claim_feeds(
        self, names: Sequence[str], owner: str, now: datetime, lease_seconds: float
    ) -> list[str]:
        """Lease the due feeds among `names` to `owner`; a feed leased by a live other owner is skipped.

        One UPDATE over a locking sub-select: PostgreSQL skips rows another instance is claiming
        (FOR UPDATE SKIP LOCKED); SQLite runs it under the database write lock.
        """
        names = list(dict.fromkeys(names))
        if not names:
            return []
        until = now + timedelta(seconds=lease_seconds)
        async with self._tx() as conn:
            await conn.execute(
                self._insert(feeds).on_conflict_do_nothing(index_elements=[feeds.c.name]),
                [{"name": n, "url": "", "config_url": ""} for n in sorted(names)],  # one lock order for all
            )
            due = (
                select(feeds.c.name)
                .where(
                    feeds.c.name.in_(names),
                    or_(feeds.c.next_poll.is_(None), feeds.c.next_poll <= now),
                    or_(feeds.c.lease_owner.is_(None), feeds.c.lease_owner == owner, feeds.c.lease_until <= now),
                )
                .with_for_update(skip_locked=True)
            )
            rows = await conn.execute(
                update(feeds).where(feeds.c.name.in_(due.scalar_subquery()))
                .values(lease_owner=owner, lease_until=until).returning(feeds.c.name)
            )
            claimed = set(rows.scalars())
        return [n for n in names if n in claimed]

    async def release_feed(self, name: str, owner: str) -> None:
        async with self._tx() as conn:
            await conn.execute(
                update(feeds).where(and_(feeds.c.name == name, feeds.c.lease_owner == owner))
                .values(lease_owner=None, lease_until=None))
