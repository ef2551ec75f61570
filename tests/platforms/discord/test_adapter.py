"""The adapter on its own: a small command list of our own, global sync, sharding, start-up errors, deferral."""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from types import SimpleNamespace
from typing import Any

import pytest

from bot.platforms.discord import DiscordAdapter, DiscordStartError, build_discord_adapter
from bot.replies import Reply, TextReply
from bot.router import Router
from handlers.spec import CommandSpec, Invocation, Option
from tests.platforms.discord.conftest import discord_env
from tests.platforms.discord.fake_discord import APP_ID, CHANNEL_ID, EDITOR_ROLE, FakeDiscord
from tests.platforms.discord.interact import CALLBACK_DEFER, Member, autocomplete, run


class Desk:
    """Services for the small command list: records invocations, lets a test hold a command open."""

    def __init__(self) -> None:
        self.seen: list[Invocation] = []
        self.release = asyncio.Event()

    async def suggest(self, source: str, prefix: str, limit: int) -> list[str]:
        return [c for c in ("aluminum", "autos", "steel") if c.startswith(prefix)][:limit]


async def echo(inv: Invocation, services: Desk) -> Reply:
    services.seen.append(inv)
    return TextReply(f"{inv.args}", title="echo")


async def held(inv: Invocation, services: Desk) -> Reply:
    await services.release.wait()  # answers only when the test says so
    return TextReply("finally", title="held")


SPECS = (
    CommandSpec("echo", "Repeat the arguments", echo, options=(
        Option("product", "A product", autocomplete="tariff_products", required=True),
        Option("count", "How many", type="integer", min_value=1, max_value=5),
        Option("chart", "With a chart", type="boolean"))),
    CommandSpec("held", "Answers late", held),
    CommandSpec("admin-echo", "Admins only", echo, admin=True),
)


def config(guilds: tuple[str, ...] = (), shards: int | None = None) -> Any:
    section = SimpleNamespace(guilds=guilds, admin_roles=(str(EDITOR_ROLE),), shards=shards)
    return SimpleNamespace(settings=SimpleNamespace(discord=section))


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord()
    await server.start()
    yield server
    await server.close()


async def started(fake: FakeDiscord, **kwargs: Any) -> tuple[DiscordAdapter, Desk]:
    adapter = build_discord_adapter(config(**kwargs), discord_env(fake))
    adapter.guild_ready_timeout, adapter.answer_within = 0.05, 0.05
    desk = Desk()
    await adapter.start(Router(SPECS, desk))
    return adapter, desk


async def test_global_sync_when_no_guilds_are_configured(fake: FakeDiscord) -> None:
    adapter, desk = await started(fake)
    try:
        assert [c.path for c in fake.calls if c.method == "PUT"] == [f"/applications/{APP_ID}/commands"]
        assert [c["name"] for c in fake.commands["global"]] == ["echo", "held", "admin-echo"]
        echo_options = fake.commands["global"][0]["options"]
        assert [(o["name"], o["type"], o["required"]) for o in echo_options] == [
            ("product", 3, True), ("count", 4, False), ("chart", 5, False)]
        answer = await run(fake, "echo", {"product": "steel", "count": 2, "chart": True})
        assert answer.message["embeds"][0]["title"] == "echo"
        (inv,) = desk.seen
        assert inv.args == {"product": "steel", "count": 2, "chart": True}
        assert (inv.platform, inv.channel, inv.user, inv.is_admin) == ("discord", str(CHANNEL_ID), str(Member().user_id),
                                                                       False)
        assert [c["value"] for c in await autocomplete(fake, "echo", "product", "a")] == ["aluminum", "autos"]
    finally:
        await adapter.stop()
    assert not adapter.connected()


async def test_admin_role_from_config_makes_an_admin(fake: FakeDiscord) -> None:
    adapter, desk = await started(fake)
    try:
        await run(fake, "admin-echo", {}, Member(roles=(EDITOR_ROLE,)))
        assert desk.seen[-1].is_admin and desk.seen[-1].roles == (str(EDITOR_ROLE),)
    finally:
        await adapter.stop()


async def test_a_command_that_runs_long_is_deferred_then_followed_up(fake: FakeDiscord) -> None:
    adapter, desk = await started(fake)
    try:
        task = asyncio.create_task(run(fake, "held"))
        await fake.until(lambda: fake.calls_to("POST", r"/interactions/\d+/[^/]+/callback"))
        (callback,) = fake.calls_to("POST", r"/interactions/\d+/[^/]+/callback")
        assert callback.json["type"] == CALLBACK_DEFER  # acknowledged inside Discord's 3 seconds
        desk.release.set()
        answer = await task
        assert answer.followup is not None and answer.message["embeds"][0]["title"] == "held"
    finally:
        await adapter.stop()


async def test_sharded_client_identifies_with_its_shard(fake: FakeDiscord) -> None:
    adapter, _ = await started(fake, shards=1)
    try:
        assert fake.identify is not None and fake.identify["shard"] == [0, 1]
        assert adapter.connected()
    finally:
        await adapter.stop()


async def test_a_refused_token_stops_start_up_with_a_clear_error(fake: FakeDiscord) -> None:
    adapter = build_discord_adapter(config(), {**discord_env(fake), "DISCORD_TOKEN": "wrong"})
    with pytest.raises(DiscordStartError, match="DISCORD_TOKEN"):
        await adapter.start(Router(SPECS, Desk()))
    assert not adapter.connected()


def test_configuration_errors_are_explained() -> None:
    with pytest.raises(ValueError, match="DISCORD_TOKEN"):
        build_discord_adapter(config(), {})
    with pytest.raises(ValueError, match="numeric guild ids"):
        build_discord_adapter(config(guilds=("newsroom",)), {"DISCORD_TOKEN": "t"})
