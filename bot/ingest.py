"""The ingest step: a poll's new items → beat filter → article text → analysis → store (with outbox rows).

Feed state is saved only after the poll's items are in the store, so a crash in between re-reads the
same items next time (and the store's identity check drops the ones already kept): nothing is lost
and nothing is alerted twice.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from bot.analysis import analyze
from bot.analysis.relevance import score_relevance
from bot.clock import Clock
from bot.config import Config, Feed
from bot.feeds.article import fetch_article
from bot.feeds.fetch import Fetcher
from bot.feeds.identity import identify
from bot.feeds.poller import Poller, PollOutcome
from bot.feeds.stories import same_story, story_signature
from bot.feeds.websub import WebSubManager
from bot.metrics import Metrics
from bot.models import Analysis, FeedState, RawItem
from bot.routing import targets_for
from bot.store.base import Store

log = logging.getLogger(__name__)

Notify = Callable[[str], Awaitable[None]]
PREFILTER_FLOOR = 0.5  # share of a topic's threshold that earns an article fetch for a closer look


@dataclass
class IngestStats:
    polled: int = 0
    failed: int = 0
    new_items: int = 0
    on_beat: int = 0
    alerts: int = 0
    joined: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)


class Ingestor:
    """Runs polls and turns their items into stored stories and pending alerts."""

    def __init__(
        self, config: Config, store: Store, poller: Poller, fetcher: Fetcher, clock: Clock, *,
        owner: str, platforms: Iterable[str], metrics: Metrics | None = None, notify: Notify | None = None,
    ) -> None:
        self.config, self.store, self.poller, self.fetcher, self.clock = config, store, poller, fetcher, clock
        self.owner, self.platforms = owner, set(platforms)
        self.metrics, self.notify = metrics or Metrics(), notify
        self.websub: WebSubManager | None = None  # set by the app when websub.callback_url is configured
        self._story_lock = asyncio.Lock()

    def feeds(self) -> list[Feed]:
        return [f for f in self.config.settings.feeds if f.enabled]

    async def poll_due(self, *, force: bool = False, lease_seconds: float | None = None) -> IngestStats:
        """Poll the feeds that are due (all of them with `force`), one lease per feed across instances.

        The lease outlives a normal poll (fetch within its timeout, then the new items) but not by much: a
        crashed instance's feeds are polled again by the others a minute later, not five. Should a poll outlast
        its lease, a second poller finds the items already stored (the store keeps one of each).
        """
        if lease_seconds is None:
            lease_seconds = max(60.0, 3 * self.config.settings.defaults.timeout)
        now, stats = self.clock.now(), IngestStats()
        feeds = {f.name: f for f in self.feeds()}
        names = list(feeds) if force else await self.store.claim_feeds(list(feeds), self.owner, now, lease_seconds)
        jobs = []
        for name in names:
            state = await self.store.load_feed_state(name, feeds[name].url)
            if force:
                state.paused, state.next_poll = False, None
            jobs.append((state, self.config.interval(feeds[name])))
        async for outcome in self.poller.poll_many(jobs):
            await self._absorb(feeds[outcome.state.name], outcome, stats)
        return stats

    async def _absorb(self, feed: Feed, outcome: PollOutcome, stats: IngestStats) -> None:
        stats.polled += 1
        self.metrics.polls.labels("ok" if outcome.ok else "error").inc()
        if not outcome.ok:
            stats.failed += 1
        try:
            if outcome.changed and outcome.items:
                await self._items(feed, outcome, stats)
            await self.store.save_feed_state(await self._with_websub(outcome.state))
        finally:
            await self.store.release_feed(feed.name, self.owner)
        if outcome.notice and self.notify is not None:
            await self.notify(outcome.notice)

    async def _with_websub(self, state: FeedState) -> FeedState:
        """Subscribe to a hub the feed advertises; the store keeps the confirmed lease."""
        if self.websub is None:
            return state
        try:
            await self.websub.ensure(state)
        except Exception:  # a hub that misbehaves must not cost us the poll's state
            log.exception("feed %s: WebSub subscription failed", state.name)
        return self.websub.with_lease(state)

    async def absorb_push(self, feed_name: str, body: bytes, headers: dict[str, str]) -> IngestStats:
        """A WebSub push is handled like a poll that returned `body`."""
        stats = IngestStats()
        feed = self.config.feed(feed_name)
        if feed is None or not feed.enabled:
            return stats
        state = await self.store.load_feed_state(feed.name, feed.url)
        outcome = await self.poller.accept_push(state, body, headers, interval_s=self.config.interval(feed))
        await self._absorb(feed, outcome, stats)
        return stats

    async def _items(self, feed: Feed, outcome: PollOutcome, stats: IngestStats) -> None:
        items = sorted(outcome.items, key=_published_key)  # oldest first, so alerts come in order
        alert_from = len(items) - self.config.backfill(feed) if outcome.first_poll else 0
        for i, raw in enumerate(items):
            verdict = await self.process(feed, raw, alert=i >= alert_from)
            stats.verdicts[verdict] = stats.verdicts.get(verdict, 0) + 1
            self.metrics.items.labels(verdict).inc()
            stats.new_items += verdict != "known"
            stats.on_beat += verdict in ("alerted", "joined", "recorded")
            stats.alerts += verdict == "alerted"
            stats.joined += verdict == "joined"

    async def process(self, feed: Feed, raw: RawItem, *, alert: bool = True) -> str:
        """One item: 'known', 'off-beat', 'alerted', 'joined' (another outlet's story) or 'recorded'."""
        item = identify(raw, self.clock.now())
        if await self.store.known_item(feed.name, item.key, item.url):
            return "known"
        topic, analysis = await self._understand(feed, raw, item.url)
        if topic is None:
            await self.store.add_item(item, analysis, None, (), alert=False)
            return "off-beat"
        item = replace(item, topics=(topic,))
        async with self._story_lock:
            signature = story_signature(raw.title, analysis.summary if analysis else raw.summary)
            joined = await self._same_story(signature, topic)
            subs = await self.store.subscriptions(topic)
            targets = targets_for(self.config, subs, topic, feed.name, self.platforms)
            result = await self.store.add_item(item, analysis, topic, targets, signature, joined, alert=alert)
        if result.duplicate:
            return "known"
        if not alert:
            return "recorded"
        return "joined" if joined is not None else "alerted"

    async def _understand(self, feed: Feed, raw: RawItem, url: str | None) -> tuple[str | None, Analysis | None]:
        """Cheap verdict on the feed's own text first; the article page only for items that may be on it."""
        feed_text = raw.content or raw.summary
        rules = [self.config.topics[t] for t in feed.topics if t in self.config.topics]
        if not rules:
            return None, None
        pre = [score_relevance(raw.title, feed_text, r) for r in rules]
        if not any(p.relevant or p.score >= PREFILTER_FLOOR * _threshold(r) for p, r in zip(pre, rules)):
            return None, None
        text = feed_text
        if feed.fetch_articles and url:
            html = await fetch_article(self.fetcher, url)
            if html:
                text = html
        best: tuple[str | None, Analysis | None] = (None, None)
        for r in rules:
            analysis = await asyncio.to_thread(
                analyze, raw.title, text, r, summary_chars=self.config.settings.summary_chars)
            if analysis.relevance.relevant:
                return r.name, analysis
            best = (None, best[1] or analysis)
        return best

    async def _same_story(self, signature: str, topic: str) -> int | None:
        window = timedelta(seconds=self.config.settings.defaults.story_window)
        for story_id, other in await self.store.recent_stories(self.clock.now() - window, topic):
            if other and same_story(signature, other):
                return story_id
        return None


def _threshold(rules: object) -> float:
    return float(getattr(rules, "threshold", 0.5) or 0.5)


def _published_key(raw: RawItem) -> tuple[int, datetime | str]:
    return (0, raw.published) if raw.published else (1, "")
