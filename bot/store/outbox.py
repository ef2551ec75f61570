"""The outbox: leased claims (each alert to one instance at a time), outcomes, broken routes."""
from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Row, and_, exists, func, or_, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.orm import aliased

from bot.models import Delivery
from bot.store.base import Target
from bot.store.schema import broken_routes, deliveries
from bot.store.sqlbase import SqlBase

log = logging.getLogger(__name__)

_post = aliased(deliveries, name="post")
_d = deliveries


def _claimable(now: datetime) -> list:
    """Due, not leased by a live owner, on a working route; an edit only after its post went out."""
    route_broken = exists().where(broken_routes.c.platform == _d.c.platform, broken_routes.c.channel == _d.c.channel)
    post_sent = exists().where(
        _post.c.story_id == _d.c.story_id, _post.c.platform == _d.c.platform, _post.c.channel == _d.c.channel,
        _post.c.kind == "post", _post.c.status == "sent")
    return [
        _d.c.status == "pending",
        _d.c.next_attempt_at <= now,
        or_(_d.c.lease_owner.is_(None), _d.c.lease_until <= now),
        ~route_broken,
        or_(_d.c.kind == "post", post_sent),
    ]


class OutboxMixin(SqlBase):
    async def claim_deliveries(
        self, owner: str, now: datetime, limit: int, lease_seconds: float
    ) -> list[Delivery]:
        """Lease up to `limit` due rows to `owner`, oldest first; nobody else gets them until the lease ends.

        PostgreSQL skips rows another instance is claiming (FOR UPDATE SKIP LOCKED); SQLite runs the
        one conditional UPDATE under its write lock. Either way a row goes to one claimant.
        """
        if limit <= 0:
            return []
        pick = (select(_d.c.id).where(*_claimable(now)).order_by(_d.c.next_attempt_at, _d.c.id)
                .limit(limit).with_for_update(skip_locked=True))
        async with self._tx() as conn:
            # Rows whose earlier claimant vanished mid-send (a crash) may already be on the platform:
            # adapters check before posting again where the platform has no idempotency key.
            earlier = {r.id for r in (await conn.execute(
                select(_d.c.id).where(*_claimable(now), _d.c.lease_owner.is_not(None)).limit(limit * 4))).all()}
            rows = (await conn.execute(
                update(_d).where(_d.c.id.in_(pick.scalar_subquery()))
                .values(lease_owner=owner, lease_until=now + timedelta(seconds=lease_seconds))
                .returning(_d.c.id, _d.c.story_id, _d.c.platform, _d.c.channel, _d.c.kind, _d.c.attempts,
                           _d.c.message_ref, _d.c.nonce, _d.c.mention_roles)
            )).all()
            refs = await self._post_refs(conn, [r for r in rows if r.kind == "update"])
        claimed = [
            Delivery(id=r.id, story_id=r.story_id, platform=r.platform, channel=r.channel, kind=r.kind,
                     attempts=r.attempts, nonce=r.nonce, resumed=r.id in earlier,
                     message_ref=refs.get((r.story_id, r.platform, r.channel)) if r.kind == "update"
                     else r.message_ref,
                     mention_roles=tuple(x for x in (r.mention_roles or "").split(",") if x))
            for r in rows
        ]
        return sorted(claimed, key=lambda d: d.id)

    async def _post_refs(self, conn: AsyncConnection, updates: list[Row[Any]]) -> dict[tuple[int, str, str], str | None]:
        """The message each edit changes: the ref its post got when sent."""
        if not updates:
            return {}
        keys = {(u.story_id, u.platform, u.channel) for u in updates}
        rows = await conn.execute(
            select(_d.c.story_id, _d.c.platform, _d.c.channel, _d.c.message_ref).where(
                _d.c.kind == "post", tuple_(_d.c.story_id, _d.c.platform, _d.c.channel).in_(list(keys))))
        return {(r.story_id, r.platform, r.channel): r.message_ref for r in rows}

    async def delivery_done(self, delivery_id: int, message_ref: str | None, now: datetime) -> None:
        async with self._tx() as conn:
            await conn.execute(update(_d).where(_d.c.id == delivery_id).values(
                status="sent", sent_at=now, message_ref=message_ref, lease_owner=None, lease_until=None,
                error=""))

    async def delivery_deferred(self, delivery_ids: list[int], until: datetime, reason: str) -> None:
        """Give claimed rows back, due at `until`, without counting an attempt.

        A platform that answers "slow down" has refused the request before doing anything; counting it
        as a failed attempt would let a busy hour push alerts towards being given up.
        """
        if not delivery_ids:
            return
        async with self._tx() as conn:
            await conn.execute(update(_d).where(_d.c.id.in_(delivery_ids)).values(
                status="pending", next_attempt_at=until, lease_owner=None, lease_until=None, error=reason[:2000]))

    async def delivery_failed(
        self, delivery_id: int, error: str, retry_at: datetime | None, broken_route: bool = False
    ) -> None:
        """Retry at `retry_at`, or give up (None); a broken route holds every alert to it until restored.

        A post given up on takes its waiting edits with it: there is no message left to edit.
        """
        values = {"attempts": _d.c.attempts + 1, "error": error[:2000], "lease_owner": None, "lease_until": None}
        if retry_at is not None:
            values.update(status="pending", next_attempt_at=retry_at)
        else:
            values["status"] = "failed"
        async with self._tx() as conn:
            row = (await conn.execute(update(_d).where(_d.c.id == delivery_id).values(**values)
                                      .returning(_d.c.story_id, _d.c.platform, _d.c.channel, _d.c.kind))).first()
            if row is None:
                return
            if broken_route:
                marked = datetime.now(UTC)
                stmt = self._insert(broken_routes).values(
                    platform=row.platform, channel=row.channel, error=error[:2000], marked_at=marked)
                await conn.execute(stmt.on_conflict_do_update(
                    index_elements=[broken_routes.c.platform, broken_routes.c.channel],
                    set_={"error": error[:2000], "marked_at": marked}))
            if retry_at is None and row.kind == "post":
                await conn.execute(update(_d).where(
                    _d.c.story_id == row.story_id, _d.c.platform == row.platform, _d.c.channel == row.channel,
                    _d.c.kind == "update", _d.c.status == "pending",
                ).values(status="failed", error="its post was not delivered"))

    async def outbox_counts(self) -> dict[str, int]:
        """Rows by status; `held` counts pending rows waiting on a broken route (also in `pending`)."""
        async with self._read() as conn:
            rows = (await conn.execute(select(_d.c.status, func.count()).group_by(_d.c.status))).all()
            held = (await conn.execute(select(func.count()).select_from(_d).join(
                broken_routes, and_(broken_routes.c.platform == _d.c.platform,
                                    broken_routes.c.channel == _d.c.channel)).where(_d.c.status == "pending"))
                    ).scalar_one()
        counts = {"pending": 0, "sent": 0, "failed": 0}
        counts.update({status: int(n) for status, n in rows})
        counts["held"] = int(held)
        return counts

    async def broken_routes(self) -> list[Target]:
        async with self._read() as conn:
            rows = (await conn.execute(select(broken_routes.c.platform, broken_routes.c.channel)
                                       .order_by(broken_routes.c.platform, broken_routes.c.channel))).all()
        return [Target(r.platform, r.channel) for r in rows]

    async def restore_route(self, platform: str, channel: str) -> bool:
        """Clear a broken mark (access given back); alerts held for the route go out again."""
        async with self._tx() as conn:
            result = await conn.execute(broken_routes.delete().where(
                broken_routes.c.platform == platform, broken_routes.c.channel == channel))
        return bool(result.rowcount)
