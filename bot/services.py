"""What handlers may use besides the store: the clock, the topics and feeds, on-demand reading, feed admin.

Built by the app for its router. Handlers only see this object, so they stay platform-neutral and
testable with a real store and no chat platform at all.
"""
from __future__ import annotations

import asyncio
import html
import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.replies import ArticleSummary, FactLine, QuoteLine, TariffLine
from handlers.spec import ArgumentError

if TYPE_CHECKING:
    from bot.app import App
    from bot.router import Router

_TITLE = re.compile(r"<meta[^>]+property=[\"']og:title[\"'][^>]+content=[\"']([^\"']+)|<title[^>]*>(.*?)</title>",
                    re.IGNORECASE | re.DOTALL)
SUMMARY_TIMEOUT = 25.0


def page_title(markup: str) -> str:
    m = _TITLE.search(markup[:200_000])
    if not m:
        return ""
    return html.unescape(re.sub(r"\s+", " ", m.group(1) or m.group(2) or "")).strip()[:300]


class AppServices:
    """The Services handlers get (see handlers/spec.py), over one running App."""

    def __init__(self, app: App) -> None:
        self.app = app

    @property
    def store(self) -> Any:
        return self.app.store

    def now(self) -> datetime:
        return self.app.clock.now()

    def topics(self) -> list[str]:
        return list(self.app.config.topics)

    def feed_list(self) -> list[Any]:
        return list(self.app.config.settings.feeds)

    async def suggest(self, source: str, prefix: str, limit: int) -> list[str]:
        """Autocomplete values from the store or the config, by the option's `autocomplete` name."""
        if source == "speakers":
            return await self.store.speakers(prefix, limit)
        if source == "tariff_products":
            return await self.store.tariff_products(prefix, limit)
        if source == "tariff_countries":
            return await self.store.tariff_countries(prefix, limit)
        pool = self.topics() if source == "topics" else [f.name for f in self.feed_list()] if source == "feeds" else []
        low = prefix.lower()
        return [v for v in pool if low in v.lower()][:limit]

    async def feed_admin(self, action: str, name: str, *, url: str | None = None, topic: str | None = None,
                         who: str = "") -> str:
        from bot.feed_admin import apply_feed_change
        from bot.netguard import UnsafeURL, check_url

        if action == "add" and self.app.config.feed(name) is not None:
            raise ArgumentError(f"A feed named “{name}” already exists.", "pick another name, or remove it first")
        if action == "add" and url:  # a chat user's URL is untrusted, like /summary's
            try:
                await check_url(url, allow_private=self.app.config.settings.security.allow_private_networks)
            except UnsafeURL as exc:
                raise ArgumentError(f"That feed address is not allowed: {exc.reason}.") from None
        path = self.app.config_path or self.app.config.path
        message = await asyncio.to_thread(apply_feed_change, path, action, name, url=url, topic=topic)
        if not self.app.reload_config():
            raise ArgumentError("feeds.yaml was written but could not be reloaded; the running feeds are unchanged.")
        return message

    async def summarize_url(self, url: str) -> ArticleSummary:
        """Fetch a page anyone in chat named (untrusted: the SSRF guard applies) and read it."""
        from bot.analysis import analyze

        fetcher = self.app.fetcher
        if fetcher is None:
            raise ArgumentError("The bot is still starting; try again in a moment.")
        result = await asyncio.wait_for(fetcher.fetch(url, trusted=False), SUMMARY_TIMEOUT)
        if not result.ok:
            raise ArgumentError(f"Could not read that page: {result.error}.", "check the address, or try another copy")
        markup = result.body.decode("utf-8", errors="replace")
        title = page_title(markup) if "<" in markup[:2000] else ""
        rules = next(iter(self.app.config.topics.values()), None)
        a = await asyncio.to_thread(analyze, title, markup, rules, summary_chars=self.app.config.settings.summary_chars)
        if not a.summary:
            raise ArgumentError("That page has no article text I can read.", "is it a paywall or an index page?")
        return ArticleSummary(
            title=title or result.url, url=result.url, summary=a.summary,
            quotes=tuple(QuoteLine(q.speaker, q.role, q.text, None, (), q.kind) for q in a.quotes[:8]),
            tariffs=tuple(TariffLine(t.imposed_by, t.target, p, t.rate, t.previous_rate, t.status, t.effective, None)
                          for t in a.tariffs[:8] for p in t.products),
            facts=tuple(FactLine(f.value, f.about, None, None, f.sentence) for f in a.facts[:8]),
            relevant=a.relevance.relevant, relevance_reasons=a.relevance.reasons,
        )


def build_router(app: App) -> Router:
    from bot.router import Router
    from handlers import COMMANDS

    return Router(COMMANDS, AppServices(app))
