"""Composition root: builds the store, poller, ingest, delivery and platform adapters, and runs them.

Only this module (and `bot/demo/run.py`, which reuses it) wires the pieces together; everything else
receives what it needs. The lifecycle: start → loops (poll, deliver, watch config) → graceful stop.
"""
from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import uuid
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.clock import Clock, SystemClock
from bot.config import Config, ConfigError, load_config
from bot.delivery import DeliveryPolicy, DeliveryWorker
from bot.feeds.fetch import Fetcher, FetchSettings
from bot.feeds.poller import Poller
from bot.feeds.schedule import ScheduleSettings
from bot.feeds.websub import WebSubManager, websub_routes
from bot.ingest import Ingestor
from bot.metrics import Metrics
from bot.platforms.base import PlatformAdapter
from bot.routing import ops_channel
from bot.store import open_store
from bot.store.base import Store

log = logging.getLogger(__name__)

POLL_TICK = 5.0  # seconds between looks for due feeds
DELIVERY_TICK = 1.0
CONFIG_TICK = 5.0
ADAPTER_START_TIMEOUT = 60.0
SHUTDOWN_BUDGET = 10.0


def allow_private(config: Config) -> bool:
    return config.settings.security.allow_private_networks or os.environ.get("BORDERDESK_ALLOW_PRIVATE_NETWORKS") == "1"


def fetch_settings(config: Config) -> FetchSettings:
    d = config.settings.defaults
    return FetchSettings(
        user_agent=d.user_agent, connect_timeout=min(10.0, d.timeout), read_timeout=d.timeout,
        total_timeout=d.timeout * 2, max_bytes=d.max_bytes, max_redirects=d.max_redirects,
        per_host=d.per_host, global_limit=d.concurrency, allow_private=allow_private(config),
    )


def schedule_settings(config: Config) -> ScheduleSettings:
    d = config.settings.defaults
    return ScheduleSettings(default_interval_s=d.interval, pause_after=d.failures_before_pause)


@dataclass
class App:
    """Everything one BorderDesk process runs."""

    config: Config
    store: Store
    adapters: dict[str, PlatformAdapter]
    clock: Clock = field(default_factory=SystemClock)
    metrics: Metrics = field(default_factory=Metrics)
    owner: str = field(default_factory=lambda: f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}")
    config_path: str | None = None
    fetcher: Fetcher | None = None
    ingestor: Ingestor | None = None
    delivery: DeliveryWorker | None = None
    router: Any = None
    websub: WebSubManager | None = None
    _tasks: list[asyncio.Task[Any]] = field(default_factory=list)
    _config_mtime: float = 0.0

    async def start(self) -> None:
        """Open the store and the shared HTTP session, build the pipeline, connect platforms."""
        await self.store.open()
        self.fetcher = Fetcher(fetch_settings(self.config))
        await self.fetcher.__aenter__()
        self._build_pipeline()
        await self._restore_websub()
        self.router = self._build_router()
        for name, adapter in list(self.adapters.items()):
            await self._start_adapter(name, adapter)
        if self.config_path:
            self._config_mtime = _mtime(self.config_path)

    async def _start_adapter(self, name: str, adapter: PlatformAdapter) -> None:
        """A platform that cannot be reached now must not stop the others: its alerts wait in the outbox.

        A refused credential (the adapters raise `…StartError`) is the operator's to fix and stops start-up.
        """
        try:
            await asyncio.wait_for(adapter.start(self.router), ADAPTER_START_TIMEOUT)
        except Exception as exc:
            if type(exc).__name__.endswith("StartError"):
                raise
            log.error("%s: could not connect (%s: %s); its alerts stay queued until it can be reached",
                      name, type(exc).__name__, exc)
            with suppress(Exception):
                await asyncio.wait_for(adapter.stop(), 5)

    def _build_pipeline(self) -> None:
        assert self.fetcher is not None
        poller = Poller(self.fetcher, schedule=schedule_settings(self.config), clock=self.clock.now)
        self.ingestor = Ingestor(
            self.config, self.store, poller, self.fetcher, self.clock, owner=self.owner,
            platforms=self.adapters, metrics=self.metrics, notify=self.notify_ops,
        )
        self.websub = self._build_websub()
        self.ingestor.websub = self.websub
        self.delivery = DeliveryWorker(
            self.store, self.adapters, self.clock, self.owner, notify_ops=self._notify_platform,
            policy=DeliveryPolicy(lease_seconds=self.config.settings.defaults.delivery_lease),
        )

    def _build_websub(self) -> WebSubManager | None:
        """Real-time pushes where feeds offer a hub, when a public callback URL and secret are configured."""
        url = self.config.settings.websub.callback_url
        secret = os.environ.get("BORDERDESK_WEBSUB_SECRET", "")
        if not url:
            return None
        if not secret:
            log.warning("websub.callback_url is set but BORDERDESK_WEBSUB_SECRET is not; WebSub stays off")
            return None
        assert self.fetcher is not None and self.ingestor is not None
        return WebSubManager(self.fetcher, url, secret, self.ingestor.absorb_push, clock=self.clock.now,
                             lease_seconds=int(self.config.settings.websub.lease))

    async def _restore_websub(self) -> None:
        if self.websub is None:
            return
        for feed in self.config.settings.feeds:
            self.websub.restore(await self.store.load_feed_state(feed.name, feed.url))

    def _build_router(self) -> Any:
        from bot.services import build_router

        return build_router(self)

    async def notify_ops(self, text: str) -> None:
        """An operations notice on every platform that has an operations channel."""
        for name in self.adapters:
            await self._notify_platform(name, text)

    async def _notify_platform(self, platform: str, text: str) -> None:
        channel = ops_channel(self.config, platform)
        adapter = self.adapters.get(platform)
        if adapter is None or channel is None:
            log.warning("ops notice (%s): %s", platform, text)
            return
        try:
            await adapter.notify_ops(channel, text)
        except Exception:
            log.exception("could not post an ops notice on %s", platform)

    async def run_once(self) -> None:
        """Poll every feed now, process everything, deliver everything that is due."""
        assert self.ingestor is not None and self.delivery is not None
        await self.ingestor.poll_due(force=True)
        await self.delivery.drain()

    async def run_forever(self, stop: asyncio.Event) -> None:
        """Loops until `stop` is set; each loop survives its own errors."""
        self._tasks = [
            asyncio.create_task(self._loop("poll", self._poll_tick, POLL_TICK, stop)),
            asyncio.create_task(self._loop("deliver", self._deliver_tick, DELIVERY_TICK, stop)),
            asyncio.create_task(self._loop("config", self._config_tick, CONFIG_TICK, stop)),
        ]
        await stop.wait()

    async def _loop(self, name: str, tick: Any, every: float, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await tick()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("%s loop: tick failed; carrying on", name)
            with suppress(asyncio.TimeoutError):
                await asyncio.wait_for(stop.wait(), every)

    async def _poll_tick(self) -> None:
        assert self.ingestor is not None
        await self.ingestor.poll_due()
        if self.websub is not None:
            await self.websub.renew_due()

    async def _deliver_tick(self) -> None:
        assert self.delivery is not None
        await self.delivery.drain(max_rounds=20)
        counts = await self.store.outbox_counts()
        for status, n in counts.items():
            self.metrics.alerts.labels(status).set(n)

    async def _config_tick(self) -> None:
        if self.config_path and _mtime(self.config_path) != self._config_mtime:
            self.reload_config()

    def reload_config(self) -> bool:
        """Re-read feeds.yaml; a bad edit is rejected and the running config kept."""
        if not self.config_path:
            return False
        self._config_mtime = _mtime(self.config_path)
        try:
            new = load_config(self.config_path)
        except ConfigError as exc:
            log.error("feeds.yaml reload rejected, keeping the running config:\n%s", exc)
            return False
        self.config = new
        if self.ingestor is not None:
            self.ingestor.config = new
        log.warning("feeds.yaml reloaded: %d feeds, %d routes", len(new.settings.feeds), len(new.settings.routes))
        return True

    async def stop(self) -> None:
        """Stop loops, let in-flight work finish within the budget, close connections."""
        for task in self._tasks:
            task.cancel()
        with suppress(Exception):
            await asyncio.wait_for(asyncio.gather(*self._tasks, return_exceptions=True), SHUTDOWN_BUDGET / 2)
        if self.websub is not None:
            await self.websub.settle(timeout=SHUTDOWN_BUDGET / 4)
        for adapter in self.adapters.values():
            with suppress(Exception):
                await asyncio.wait_for(adapter.stop(), 3)
        if self.fetcher is not None:
            await self.fetcher.close()
        await self.store.close()


def _mtime(path: str) -> float:
    try:
        return Path(path).stat().st_mtime
    except OSError:
        return 0.0


class StartupError(Exception):
    """A platform cannot start with what the environment gives it (missing secret, refused token)."""


def build_adapters(config: Config, env: Mapping[str, str], console: str = "text") -> dict[str, PlatformAdapter]:
    """Every platform whose credentials are present; the console when there are none."""
    adapters: dict[str, PlatformAdapter] = {}
    try:
        if env.get("DISCORD_TOKEN"):
            from bot.platforms.discord import build_discord_adapter

            adapters["discord"] = build_discord_adapter(config, env)
        if env.get("SLACK_BOT_TOKEN"):
            from bot.platforms.slack import build_slack_adapter

            adapters["slack"] = build_slack_adapter(config, env)
    except ValueError as exc:
        raise StartupError(str(exc)) from None
    if not adapters:
        from bot.platforms.console import ConsoleAdapter

        adapters["console"] = ConsoleAdapter(mode=console)
    return adapters


async def run_service(config: Config, store_url: str, *, once: bool, console: str, http_port: int) -> int:
    """`borderdesk run`: start, loop until SIGTERM/SIGINT (or one round with --once), stop cleanly."""
    from bot.web import build_web_app, start_web

    app = App(config=config, store=open_store(store_url), adapters=build_adapters(config, os.environ, console),
              config_path=config.path)
    try:
        await app.start()
    except RuntimeError as exc:
        if not type(exc).__name__.endswith("StartError"):
            raise
        await app.stop()
        raise StartupError(str(exc)) from None
    if once:
        try:
            await app.run_once()
        finally:
            await app.stop()
        return 0
    web_app = build_web_app(app.metrics, lambda: readiness(app))
    if app.websub is not None:
        web_app.add_routes(websub_routes(app.websub))
    for adapter in app.adapters.values():
        mount = getattr(adapter, "mount", None)
        if mount is not None:
            mount(web_app)
    runner = await start_web(web_app, os.environ.get("BORDERDESK_HTTP_HOST", "0.0.0.0"), http_port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    loop.add_signal_handler(signal.SIGHUP, app.reload_config)
    console_adapter = app.adapters.get("console")
    prompt = getattr(console_adapter, "start_prompt", None)
    if prompt is not None:
        prompt(app.router, stop)
    try:
        await app.run_forever(stop)
    finally:
        await asyncio.wait_for(app.stop(), SHUTDOWN_BUDGET)
        await runner.cleanup()
    return 0


async def readiness(app: App) -> dict[str, bool]:
    checks = {"store": await _safe_ping(app.store)}
    for name, adapter in app.adapters.items():
        checks[name] = adapter.connected()
    return checks


async def _safe_ping(store: Store) -> bool:
    try:
        return await asyncio.wait_for(store.ping(), 2)
    except Exception:  # noqa: BLE001 - any failure of the store means "not ready", which is the answer
        return False


async def print_feed_health(config: Config, store_url: str) -> int:
    """`borderdesk feeds`: every configured feed's health as a table."""
    from bot.ui import print_table

    store = open_store(store_url)
    await store.open()
    try:
        health = {h.name: h for h in await store.feed_health()}
    finally:
        await store.close()
    rows = []
    for feed in config.settings.feeds:
        h = health.get(feed.name)
        rows.append((
            feed.name, (h.status if h else "new") if feed.enabled else "disabled",
            _when(h.last_success) if h else "-", h.consecutive_failures if h else 0,
            h.items_seen if h else 0, f"{h.response_ms:.0f} ms" if h and h.response_ms is not None else "-",
            (h.last_error[:60] if h and h.last_error else ""),
        ))
    print_table("Feeds", ["feed", "status", "last success", "failures", "items", "response", "last error"], rows)
    return 0


def _when(dt: Any) -> str:
    return dt.strftime("%Y-%m-%d %H:%M UTC") if dt else "never"
