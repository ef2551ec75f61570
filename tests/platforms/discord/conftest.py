"""Fixtures: a fake Discord on loopback, and a running App whose only platform is the real Discord adapter.

The App polls the demo's sample news site through the real pipeline into a SQLite store and talks to
the fake Discord through DISCORD_API_BASE and DISCORD_GATEWAY_URL, exactly as `borderdesk run` would
talk to Discord.
"""
from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import discord
import pytest

from bot.app import App
from bot.clock import ManualClock
from bot.config import parse_config
from bot.demo.catalog import Catalog
from bot.demo.server import DemoNewsServer
from bot.platforms.discord import DiscordAdapter, build_discord_adapter
from bot.store import open_store
from tests.platforms.discord.fake_discord import CHANNEL_ID, EDITOR_ROLE, GUILD_ID, FakeDiscord

OPS_CHANNEL = 1100000000000000201
PING_ROLE = 1100000000000000302


def discord_config(server: DemoNewsServer, tmp_path: Path, guilds: bool = True, roles: tuple[int, ...] = ()) -> Any:
    feeds = "\n".join(f'  - {{name: "{f.name}", url: "{server.feed_url(f.slug)}", topics: [us-canada-trade]}}'
                      for f in server.catalog.feeds)
    text = f"""\
defaults: {{interval: 1m, backfill: 0, failures_before_pause: 3}}
topics:
  us-canada-trade: {{}}
feeds:
{feeds}
routes:
  - {{topic: us-canada-trade, discord: ["{CHANNEL_ID}"], discord_mention_roles: [{", ".join(f'"{r}"' for r in roles)}]}}
operations: {{discord: "{OPS_CHANNEL}", console: false}}
discord: {{guilds: [{f'"{GUILD_ID}"' if guilds else ''}], admin_roles: ["{EDITOR_ROLE}"]}}
security: {{allow_private_networks: true}}
"""
    path = tmp_path / "feeds.yaml"
    path.write_text(text, encoding="utf-8")
    return parse_config(text, str(path), env={})


def discord_env(fake: FakeDiscord) -> dict[str, str]:
    return {"DISCORD_TOKEN": "test-token", "DISCORD_API_BASE": fake.api_base, "DISCORD_GATEWAY_URL": fake.gateway_url}


@pytest.fixture(autouse=True)
def _restore_discord_endpoints() -> Any:
    """Pointing discord.py at the fake is process-wide; put the real endpoints back after each test."""
    base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    yield
    discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord()
    await server.start()
    try:
        yield server
    finally:
        await server.close()


@pytest.fixture
def news_catalog() -> Catalog | None:
    """The sample site's stories: the demo's own unless a test module overrides this fixture."""
    return None


@pytest.fixture
def route_roles() -> tuple[int, ...]:
    """Role ids the alert route may ping: none unless a test module overrides this fixture."""
    return ()


@dataclass
class DiscordDesk:
    app: App
    adapter: DiscordAdapter
    fake: FakeDiscord
    server: DemoNewsServer
    clock: ManualClock
    dispatched: list[str] = field(default_factory=list)


@pytest.fixture
async def desk(fake: FakeDiscord, tmp_path: Path, news_catalog: Catalog | None,
               route_roles: tuple[int, ...]) -> AsyncIterator[DiscordDesk]:
    server = DemoNewsServer(news_catalog)
    await server.start()
    config = discord_config(server, tmp_path, roles=route_roles)
    adapter = build_discord_adapter(config, discord_env(fake))
    adapter.guild_ready_timeout = 0.05  # the fake sends every GUILD_CREATE at once; don't wait for more
    clock = ManualClock(datetime.now(UTC))
    app = App(config=config, store=open_store(f"sqlite:///{tmp_path / 'store.db'}"), adapters={"discord": adapter},
              config_path=config.path, clock=clock)
    await app.start()
    d = DiscordDesk(app, adapter, fake, server, clock)
    dispatch = app.router.dispatch

    async def counting(name: str, invocation: Any) -> Any:  # records that a handler was reached
        d.dispatched.append(name)
        return await dispatch(name, invocation)

    app.router.dispatch = counting  # type: ignore[method-assign]
    try:
        yield d
    finally:
        await app.stop()
        await server.close()


async def first_poll(desk: DiscordDesk) -> None:
    """The first poll records what is already on the feeds without alerting (no flood on start-up)."""
    assert desk.app.ingestor is not None
    await desk.app.ingestor.poll_due(force=True)


async def next_phase(desk: DiscordDesk, phase: int) -> None:
    """Stories of the next phase appear on the sample site; poll and deliver their alerts."""
    assert desk.app.ingestor is not None and desk.app.delivery is not None
    desk.server.publish(phase)
    await desk.app.ingestor.poll_due(force=True)
    await desk.app.delivery.drain()


async def fill(desk: DiscordDesk) -> None:
    """The sample site's first poll (recorded, not alerted), then its breaking stories, alerted."""
    await first_poll(desk)
    await next_phase(desk, 2)
