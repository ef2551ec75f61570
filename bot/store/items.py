"""Writing an item: item row, story (new or joined), analysis rows and outbox rows in one transaction."""
from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.models import Analysis, Item
from bot.store.analysis_rows import write_analysis
from bot.store.base import AddResult, StoreError, Target
from bot.store.schema import deliveries, items, stories
from bot.store.sqlbase import SqlBase

log = logging.getLogger(__name__)

RECENT_LIMIT = 2000  # stories offered to the same-story matcher; a story window never holds more


def new_nonce() -> str:
    """A delivery's idempotency token: random, fixed at enqueue time, so retries reuse it (Discord ≤ 25)."""
    return secrets.token_hex(10)


class _Duplicate(Exception):
    """Raised inside the transaction to roll it back when the item is already known."""


class ItemsMixin(SqlBase):
    async def known_item(self, feed: str, key: str, url: str | None) -> bool:
        async with self._read() as conn:
            return await self._find_item(conn, feed, key, url) is not None

    async def _find_item(self, conn: AsyncConnection, feed: str, key: str, url: str | None) -> int | None:
        same = items.c.key == key if not url else or_(items.c.key == key, items.c.url == url)
        row = (await conn.execute(select(items.c.id).where(and_(items.c.feed == feed, same)).limit(1))).first()
        return None if row is None else int(row.id)

    async def recent_stories(self, since: datetime, topic: str | None = None) -> list[tuple[int, str]]:
        """(story id, signature) of stories that gained an item since `since`, newest first, for clustering."""
        query = select(stories.c.id, stories.c.signature).where(stories.c.updated_at >= since)
        if topic is not None:
            query = query.where(stories.c.topic == topic)
        async with self._read() as conn:
            rows = await conn.execute(query.order_by(stories.c.updated_at.desc(), stories.c.id.desc())
                                      .limit(RECENT_LIMIT))
            return [(int(r.id), r.signature) for r in rows]

    async def add_item(
        self,
        item: Item,
        analysis: Analysis | None,
        topic: str | None,
        targets: Sequence[Target],
        story_signature: str = "",
        same_story_as: int | None = None,
        alert: bool = True,
    ) -> AddResult:
        """Keep one item and everything that follows from it, all or nothing.

        Off-topic items (topic None) are kept only so they are not fetched again.
        """
        try:
            async with self._tx() as conn:
                return await self._add(conn, item, analysis, topic, targets, story_signature, same_story_as, alert)
        except _Duplicate:
            return AddResult(None, None, duplicate=True)
        except IntegrityError as exc:  # another instance kept the same item a moment ago
            if await self.known_item(item.feed, item.key, item.url):
                return AddResult(None, None, duplicate=True)
            raise StoreError(f"could not store item {item.key!r} of {item.feed}: {exc.orig}") from exc

    async def _add(
        self, conn: AsyncConnection, item: Item, analysis: Analysis | None, topic: str | None,
        targets: Sequence[Target], signature: str, same_story_as: int | None, alert: bool,
    ) -> AddResult:
        if await self._find_item(conn, item.feed, item.key, item.url) is not None:
            raise _Duplicate
        item_id = (await conn.execute(items.insert().values(
            feed=item.feed, key=item.key, url=item.url, guid=item.guid, title=item.title,
            summary=item.summary, published=item.published, fetched_at=item.fetched_at, topic=topic,
        ).returning(items.c.id))).scalar_one()
        if topic is None:
            return AddResult(item_id, None)
        story_id = await self._join_story(conn, same_story_as, item) if same_story_as is not None else None
        new_story = story_id is None
        if story_id is None:
            story_id = await self._new_story(conn, item, analysis, topic, signature)
        await conn.execute(update(items).where(items.c.id == item_id).values(story_id=story_id))
        if analysis is not None:
            await write_analysis(self, conn, analysis, item_id, story_id, item.published or item.fetched_at)
        queued = 0
        if alert:
            now = item.fetched_at
            queued = (await self._queue_posts(conn, story_id, targets, now) if new_story
                      else await self._queue_updates(conn, story_id, now))
        return AddResult(item_id, story_id, new_story=new_story, deliveries=queued)

    async def _new_story(
        self, conn: AsyncConnection, item: Item, analysis: Analysis | None, topic: str, signature: str
    ) -> int:
        summary = (analysis.summary if analysis and analysis.summary else item.summary) or ""
        return int((await conn.execute(stories.insert().values(
            title=item.title, url=item.url, summary=summary, topic=topic, signature=signature,
            published=item.published, sort_at=item.published or item.fetched_at,
            created_at=item.fetched_at, updated_at=item.fetched_at,
        ).returning(stories.c.id))).scalar_one())

    async def _join_story(self, conn: AsyncConnection, story_id: int, item: Item) -> int | None:
        """Add the item to an existing story as another source; None when that story is gone."""
        row = (await conn.execute(select(stories.c.published, stories.c.sort_at)
                                  .where(stories.c.id == story_id))).first()
        if row is None:
            log.warning("story %s to join is gone; %s starts a new one", story_id, item.key)
            return None
        values: dict[str, Any] = {"updated_at": item.fetched_at}
        if item.published and (row.published is None or item.published < row.published):
            values.update(published=item.published, sort_at=min(item.published, row.sort_at))
        await conn.execute(update(stories).where(stories.c.id == story_id).values(**values))
        return story_id

    async def _queue_posts(
        self, conn: AsyncConnection, story_id: int, targets: Sequence[Target], now: datetime
    ) -> int:
        unique = {(t.platform, t.channel): t for t in targets if t.platform and t.channel}
        if not unique:
            return 0
        await conn.execute(deliveries.insert(), [
            {"story_id": story_id, "platform": t.platform, "channel": t.channel, "kind": "post",
             "status": "pending", "next_attempt_at": now, "nonce": new_nonce(),
             "mention_roles": ",".join(t.mention_roles), "created_at": now}
            for t in unique.values()
        ])
        return len(unique)

    async def _queue_updates(self, conn: AsyncConnection, story_id: int, now: datetime) -> int:
        """An edit for each route the story was posted to, unless one is already waiting to be sent.

        A post not yet picked up renders the story as it is when sent, so it needs no edit either.
        """
        routes = (await conn.execute(
            select(deliveries.c.platform, deliveries.c.channel, deliveries.c.kind, deliveries.c.status,
                   deliveries.c.lease_owner, deliveries.c.mention_roles)
            .where(deliveries.c.story_id == story_id, deliveries.c.status != "failed"))).all()
        waiting = {(r.platform, r.channel) for r in routes if r.status == "pending" and r.lease_owner is None}
        posts = [r for r in routes if r.kind == "post" and (r.platform, r.channel) not in waiting]
        rows = [
            {"story_id": story_id, "platform": p.platform, "channel": p.channel, "kind": "update",
             "status": "pending", "next_attempt_at": now, "nonce": new_nonce(),
             "mention_roles": p.mention_roles, "created_at": now}
            for p in posts
        ]
        if rows:
            await conn.execute(deliveries.insert(), rows)
        return len(rows)
