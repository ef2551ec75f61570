"""The outbox worker: sends pending alerts through the platform adapters, exactly once, never lost.

Alerts are written to the store with their item before anything is sent; this worker only claims
rows (with a lease, so several instances share the work), sends, and records the outcome. A crash
between send and record is covered by the platform nonce (Discord) and by the lease expiring.
"""
from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from bot.clock import Clock
from bot.models import Delivery, DeliveryResult
from bot.platforms.base import PlatformAdapter
from bot.store.base import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeliveryPolicy:
    batch: int = 50
    lease_seconds: float = 60.0
    max_attempts: int = 8
    base_backoff: float = 2.0
    max_backoff: float = 900.0


@dataclass
class DeliveryStats:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    broken: int = 0
    deferred: int = 0  # rows handed back untried while their platform asked us to wait


class DeliveryWorker:
    """Claims due outbox rows and hands each to the adapter of its platform."""

    def __init__(
        self,
        store: Store,
        adapters: Mapping[str, PlatformAdapter],
        clock: Clock,
        owner: str,
        policy: DeliveryPolicy | None = None,
        notify_ops: OpsNotifier | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.store, self.adapters, self.clock, self.owner = store, adapters, clock, owner
        self.policy = policy or DeliveryPolicy()
        self.notify_ops = notify_ops
        self.rng = rng or random.Random()
        self.stats = DeliveryStats()
        self.latencies: list[float] = []
        self._hold: dict[tuple[str, str], datetime] = {}  # (platform, channel) -> when its Retry-After ends

    async def run_once(self) -> int:
        """Send one batch; returns how many rows were claimed (0 = nothing due)."""
        rows = await self.store.claim_deliveries(
            self.owner, self.clock.now(), self.policy.batch, self.policy.lease_seconds
        )
        now = self.clock.now()
        self._hold = {k: t for k, t in self._hold.items() if t > now}
        by_platform: dict[str, list[Delivery]] = {}
        for row in rows:
            by_platform.setdefault(row.platform, []).append(row)
        await asyncio.gather(*(self._send_all(p, ds) for p, ds in by_platform.items()))
        return len(rows)

    async def drain(self, max_rounds: int = 1000) -> None:
        """Send until nothing is due now (used by `run --once` and tests)."""
        for _ in range(max_rounds):
            if not await self.run_once():
                return

    async def _send_all(self, platform: str, rows: list[Delivery]) -> None:
        """One platform's rows in order: platforms rate-limit per channel, so no fan-out here.

        Once a channel answers 429, its other rows wait for the Retry-After instead of being refused one
        by one: a burst of alerts costs one 429 per channel and window, not one per alert.
        """
        held: dict[datetime, list[int]] = {}
        for row in rows:
            hold = self._hold.get((platform, row.channel))
            if hold is not None and hold > self.clock.now():
                held.setdefault(hold, []).append(row.id)
                continue
            await self._send(platform, row)
        for until, ids in held.items():
            await self.store.delivery_deferred(ids, until, "waiting for the platform's Retry-After")
            self.stats.deferred += len(ids)

    async def _send(self, platform: str, row: Delivery) -> None:
        adapter = self.adapters.get(platform)
        if adapter is None:
            await self._retry(row, "platform not running in this instance", 60.0)
            return
        try:
            alert = await self.store.alert_message(row.story_id)
            result = await adapter.deliver(row, alert)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # an adapter bug must not stop other deliveries
            log.exception("delivery %s to %s:%s raised", row.id, platform, row.channel)
            result = DeliveryResult(ok=False, error=f"{type(exc).__name__}: {exc}")
        await self._record(row, result)

    async def _record(self, row: Delivery, result: DeliveryResult) -> None:
        now = self.clock.now()
        if result.ok:
            await self.store.delivery_done(row.id, result.message_ref, now)
            self.stats.sent += 1
            return
        if result.broken_route:
            self.stats.broken += 1
            await self.store.delivery_failed(row.id, result.error or "route broken", None, broken_route=True)
            await self._ops(row.platform, f"Route {row.platform}:{row.channel} is broken ({result.error}); "
                            "alerts to it are stopped until it is fixed.")
            return
        if result.retry_after is not None:
            until = now + timedelta(seconds=max(0.0, result.retry_after))
            key = (row.platform, row.channel)
            self._hold[key] = max(until, self._hold.get(key, until))
            self.stats.retried += 1
            await self.store.delivery_deferred([row.id], until, result.error or "rate limited")
            return
        if row.attempts + 1 >= self.policy.max_attempts:
            self.stats.failed += 1
            await self.store.delivery_failed(row.id, result.error, None)
            await self._ops(row.platform, f"Gave up on alert {row.story_id} for {row.platform}:{row.channel} "
                            f"after {row.attempts + 1} attempts: {result.error}")
            return
        backoff = min(self.policy.max_backoff, self.policy.base_backoff * 2 ** row.attempts)
        await self._retry(row, result.error, backoff * (0.5 + self.rng.random() / 2))

    async def _retry(self, row: Delivery, error: str, delay: float) -> None:
        self.stats.retried += 1
        retry_at = self.clock.now() + timedelta(seconds=max(0.0, delay))
        await self.store.delivery_failed(row.id, error, retry_at)

    async def _ops(self, platform: str, text: str) -> None:
        log.warning("%s", text)
        if self.notify_ops is not None:
            try:
                await self.notify_ops(platform, text)
            except Exception:  # an ops notice failing must not hide the original problem
                log.exception("could not post an operations notice")


class OpsNotifier(Protocol):
    """Callable that posts an operations notice on a platform (type only; app.py supplies one)."""

    async def __call__(self, platform: str, text: str) -> None: ...
