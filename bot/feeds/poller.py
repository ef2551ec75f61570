"""Poll feeds: fetch, skip unchanged bodies, parse off the loop, update health and schedule.

`Poller.poll` never raises: whatever goes wrong becomes a failure in the feed's health record and
a backoff in its schedule, so one broken feed never costs the others anything.
"""
from __future__ import annotations

import asyncio
import hashlib
import logging
import random
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import zip_longest
from urllib.parse import urlsplit

from bot.feeds.fetch import Fetcher, FetchResult
from bot.feeds.identity import unique
from bot.feeds.parse import ParsedFeed, parse_feed
from bot.feeds.schedule import ScheduleSettings, after_failure, after_success
from bot.models import FeedState, RawItem

log = logging.getLogger(__name__)
FeedJob = tuple[FeedState, float | None]  # (state, interval in seconds or None for the default)


@dataclass(frozen=True, slots=True)
class PollOutcome:
    """The result of one poll. Save `state`; hand `items` to ingest when `changed`."""

    state: FeedState
    items: list[RawItem] = field(default_factory=list)
    changed: bool = False  # a new body was parsed (False for 304, same hash, or failure)
    notice: str | None = None  # for the operations channel: paused, recovered, moved
    first_poll: bool = False  # first good parse of this feed: its backlog, usually not alerted
    error: str = ""
    status: int = 0

    @property
    def ok(self) -> bool:
        return not self.error


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _join(*notices: str | None) -> str | None:
    text = " ".join(n for n in notices if n)
    return text or None


class Poller:
    """Polls feeds through one Fetcher under its global and per-host limits."""

    def __init__(
        self,
        fetcher: Fetcher,
        *,
        schedule: ScheduleSettings | None = None,
        rng: random.Random | None = None,
        clock: Callable[[], datetime] = _utcnow,
        fast_parse: bool = True,
    ) -> None:
        self.fetcher = fetcher
        self.schedule = schedule or ScheduleSettings()
        self.rng = rng or random.Random()
        self.clock = clock
        self.fast_parse = fast_parse
        self.stats: Counter[str] = Counter()  # polls, not_modified, unchanged, parsed, fast, failed

    async def poll(
        self, state: FeedState, interval_s: float | None = None, now: datetime | None = None,
        *, trusted: bool = True,
    ) -> PollOutcome:
        """Poll one feed; `trusted` feeds (from feeds.yaml) skip the SSRF check on their own URL."""
        now = now or self.clock()
        try:
            result = await self.fetcher.fetch(state.url, state.etag, state.last_modified, trusted=trusted)
            return await self._judge(replace(state), result, interval_s, now)
        except Exception as exc:  # never let one feed's surprise escape into the others
            log.exception("feed %s: poll failed unexpectedly", state.name)
            return self._failed(replace(state), f"internal error: {type(exc).__name__}: {exc}",
                                interval_s, now)

    async def accept_push(
        self, state: FeedState, body: bytes, headers: Mapping[str, str], now: datetime | None = None,
        interval_s: float | None = None,
    ) -> PollOutcome:
        """Treat a WebSub push like a poll that returned `body` (same dedup, parse and health)."""
        now = now or self.clock()
        result = FetchResult(url=state.url, status=200, body=body, headers=dict(headers))
        try:
            return await self._judge(replace(state), result, interval_s, now, keep_schedule=True)
        except Exception as exc:
            log.exception("feed %s: push failed unexpectedly", state.name)
            return self._failed(replace(state), f"internal error: {type(exc).__name__}: {exc}",
                                interval_s, now)

    async def _judge(
        self, s: FeedState, result: FetchResult, interval_s: float | None, now: datetime,
        keep_schedule: bool = False,
    ) -> PollOutcome:
        self.stats["polls"] += 1
        if result.elapsed_ms:
            s.response_ms = result.elapsed_ms
        if not result.ok:
            return self._failed(s, result.error, interval_s, now, result.retry_after, result.status)
        moved = None
        if result.moved_to and result.moved_to != s.url:
            moved = f"Feed {s.name} moved permanently from {s.url} to {result.moved_to}; URL updated."
            log.info("feed %s: %s", s.name, moved)
            s.url = result.moved_to
        digest = _digest(result.body) if result.body else None
        if result.not_modified or (digest and digest == s.body_hash):
            self.stats["not_modified" if result.not_modified else "unchanged"] += 1
            s.etag = result.etag or s.etag
            s.last_modified = result.last_modified or s.last_modified
            return self._succeeded(s, [], interval_s, now, result, moved, changed=False,
                                   keep_schedule=keep_schedule)
        parsed = await asyncio.to_thread(
            parse_feed, result.body, result.headers, s.name, now=now, fast=self.fast_parse
        )
        self.stats["parsed"] += 1
        self.stats["fast"] += parsed.fast
        if not parsed.ok and keep_schedule:  # a bad push is logged, but polling carries on as planned
            log.warning("feed %s: pushed body rejected: %s", s.name, parsed.error)
            s.last_error, s.last_error_at = f"push: {parsed.error}", now
            return PollOutcome(state=s, error=parsed.error, status=result.status)
        if not parsed.ok:
            return self._failed(s, parsed.error, interval_s, now, None, result.status, moved)
        first = not s.first_poll_done
        self._absorb(s, parsed, result)
        s.body_hash = digest
        items = unique(list(parsed.items))
        s.items_seen = len(items)
        outcome = self._succeeded(s, items, interval_s, now, result, moved, changed=True,
                                  keep_schedule=keep_schedule)
        return replace(outcome, first_poll=first)

    def _absorb(self, s: FeedState, parsed: ParsedFeed, result: FetchResult) -> None:
        """Remember what this body told us: validators, hash, WebSub hub, warnings."""
        s.etag, s.last_modified = result.etag, result.last_modified
        s.first_poll_done = True
        s.websub_hub = parsed.hub
        s.websub_topic = (parsed.self_url or s.url) if parsed.hub else None
        extra = {k: v for k, v in s.extra.items() if k not in ("warning", "skipped", "version")}
        extra["version"] = parsed.version
        if parsed.warning:
            extra["warning"] = parsed.warning[:300]
        if parsed.skipped:
            extra["skipped"] = f"{len(parsed.skipped)} entries: {parsed.skipped[0]}"[:300]
        s.extra = extra

    def _succeeded(
        self, s: FeedState, items: list[RawItem], interval_s: float | None, now: datetime,
        result: FetchResult, moved: str | None, *, changed: bool, keep_schedule: bool,
    ) -> PollOutcome:
        if keep_schedule:  # a push does not move the polling schedule
            s.last_success, s.consecutive_failures, s.paused = now, 0, False
            return PollOutcome(state=s, items=items, changed=changed, notice=moved, status=result.status)
        new, notice = after_success(s, now, interval_s, self.rng, self.schedule, result.max_age)
        return PollOutcome(state=new, items=items, changed=changed, notice=_join(moved, notice),
                           status=result.status)

    def _failed(
        self, s: FeedState, reason: str, interval_s: float | None, now: datetime,
        retry_after: float | None = None, status: int = 0, moved: str | None = None,
    ) -> PollOutcome:
        log.warning("feed %s: %s", s.name, reason)
        self.stats["failed"] += 1
        new, notice = after_failure(s, now, interval_s, self.rng, self.schedule, reason, retry_after)
        return PollOutcome(state=new, notice=_join(moved, notice), error=reason, status=status)

    async def poll_many(
        self, feeds: Iterable[FeedJob], *, trusted: bool = True, workers: int | None = None,
    ) -> AsyncIterator[PollOutcome]:
        """Poll many feeds concurrently, yielding each outcome as soon as it is ready.

        Outcomes stream out (nothing accumulates), feeds are interleaved by host so one slow host
        cannot occupy every worker, and a consumer that stops early cancels the rest.
        """
        pending = iter(_interleave_by_host(list(feeds)))
        out: asyncio.Queue[PollOutcome | None] = asyncio.Queue(maxsize=256)
        count = workers or self.fetcher.settings.global_limit + 8

        async def work() -> None:
            try:
                for state, interval in pending:
                    await out.put(await self.poll(state, interval, trusted=trusted))
            except Exception:  # poll() does not raise; this only guards the queue plumbing
                log.exception("poll worker failed")
            await out.put(None)

        tasks = [asyncio.create_task(work()) for _ in range(count)]
        try:
            running = len(tasks)
            while running:
                outcome = await out.get()
                if outcome is None:
                    running -= 1
                else:
                    yield outcome
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)


def _digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def _interleave_by_host(feeds: list[FeedJob]) -> list[FeedJob]:
    """Round-robin over hosts: a, b, c, a, b, a … instead of a, a, a, b, b, c."""
    by_host: dict[str, list[FeedJob]] = {}
    for job in feeds:
        by_host.setdefault((urlsplit(job[0].url).hostname or "").lower(), []).append(job)
    rounds = zip_longest(*by_host.values())
    return [job for row in rounds for job in row if job is not None]
