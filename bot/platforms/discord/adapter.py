"""Discord through discord.py: slash commands in, alerts and operations notices out.

`start` logs in, registers one app command per CommandSpec, syncs them (to the configured guilds,
instantly, or globally) and connects to the gateway with minimal intents (no message content).
Interactions become `Invocation`s for the router; answers are rendered by answers.py. Alerts are
posted with the outbox nonce (`enforce_nonce`), so a retried post never appears twice.
"""
from __future__ import annotations

import asyncio
import logging
from contextlib import suppress
from typing import Any

import discord

from bot.models import AlertMessage, Delivery, DeliveryResult
from bot.platforms.base import CommandRouter
from bot.platforms.discord.commands import build_tree
from bot.platforms.discord.interactions import InteractionHandler
from bot.platforms.discord.render import NO_MENTIONS, Outgoing, alert_message
from bot.platforms.discord.safe import CONTENT, safe

log = logging.getLogger(__name__)

# JSON error codes that mean "this route will not work until a person fixes it"
BROKEN_CODES = {10003: "Unknown Channel", 50001: "Missing Access", 50013: "Missing Permissions",
                50008: "Cannot send messages in a non-text channel", 10004: "Unknown Guild"}
UNKNOWN_MESSAGE = 10008


class DiscordStartError(RuntimeError):
    """Discord refused the token: say so at start-up rather than failing every alert later."""


class DiscordAdapter:
    """The PlatformAdapter for Discord (see bot/platforms/base.py)."""

    name = "discord"

    def __init__(self, *, token: str, guilds: tuple[str, ...] = (), admin_roles: tuple[str, ...] = (),
                 shards: int | None = None, ready_timeout: float = 30.0, guild_ready_timeout: float = 2.0,
                 answer_within: float = 2.0) -> None:
        self.token = token
        self.guilds = tuple(int(g) for g in guilds)
        self.admin_roles = frozenset(admin_roles)
        self.shards = shards
        self.ready_timeout = ready_timeout
        self.guild_ready_timeout = guild_ready_timeout
        self.answer_within = answer_within  # seconds before a command is deferred (Discord allows 3)
        self.client: discord.Client | None = None
        self.tree: discord.app_commands.CommandTree[Any] | None = None
        self.synced: list[discord.app_commands.AppCommand] = []
        self._task: asyncio.Task[None] | None = None

    def _make_client(self) -> discord.Client:
        intents = discord.Intents.none()
        intents.guilds = True  # roles and channels for admin checks; no members, no message content
        options: dict[str, Any] = {"intents": intents, "max_ratelimit_timeout": 30.0,
                                   "guild_ready_timeout": self.guild_ready_timeout,
                                   "allowed_mentions": discord.AllowedMentions.none()}
        if self.shards:
            return discord.AutoShardedClient(shard_count=self.shards, **options)
        return discord.Client(**options)

    async def start(self, router: CommandRouter) -> None:
        """Log in, register and sync the commands, connect; returns once the gateway says READY."""
        self.client = client = self._make_client()
        handler = InteractionHandler(router, self.admin_roles, self.answer_within)
        self.tree = build_tree(client, list(router.commands), handler.answer, handler.suggest)
        self.tree.error(handler.on_error)
        try:
            await client.login(self.token)
        except discord.LoginFailure:
            await client.close()
            raise DiscordStartError("Discord refused DISCORD_TOKEN (401); check the bot token") from None
        await self._sync()
        self._task = asyncio.create_task(client.connect(reconnect=True), name="discord-gateway")
        await self._wait_ready(client)

    async def _sync(self) -> None:
        """Guild sync is instant (for development); global sync can take a while to show everywhere."""
        assert self.tree is not None
        targets: list[discord.Object | None] = [discord.Object(id=g) for g in self.guilds] or [None]
        for guild in targets:
            if guild is not None:
                self.tree.copy_global_to(guild=guild)
            try:
                self.synced = await self.tree.sync(guild=guild)
            except discord.HTTPException as exc:  # e.g. the app was invited without applications.commands
                where = f"guild {guild.id}" if guild else "globally"
                log.error("discord: could not sync commands %s: %s %s", where, exc.status, exc.text)
                continue
            log.info("discord: synced %d commands %s", len(self.synced), f"to guild {guild.id}" if guild else "globally")

    async def _wait_ready(self, client: discord.Client) -> None:
        assert self._task is not None
        ready = asyncio.create_task(client.wait_until_ready())
        done, _ = await asyncio.wait({ready, self._task}, timeout=self.ready_timeout,
                                     return_when=asyncio.FIRST_COMPLETED)
        if self._task in done:
            ready.cancel()
            self._task.result()  # raises what stopped the gateway (bad intents, bad token)
            raise DiscordStartError("the Discord gateway closed before the bot was ready")
        if not done:
            ready.cancel()
            log.warning("discord: not ready after %.0fs; carrying on, discord.py keeps reconnecting", self.ready_timeout)

    async def stop(self) -> None:
        if self.client is not None:
            await self.client.close()
        if self._task is not None:
            with suppress(Exception, asyncio.CancelledError):
                await asyncio.wait_for(self._task, 5)
            self._task = None

    def connected(self) -> bool:
        return self.client is not None and self.client.is_ready() and not self.client.is_closed()

    async def deliver(self, delivery: Delivery, alert: AlertMessage) -> DeliveryResult:
        """Post (or edit) one alert; Discord's answer decides retry, wait or broken route."""
        if self.client is None or self.client.is_closed():
            return DeliveryResult(ok=False, error="not connected to Discord")
        if not delivery.channel.strip().isdigit():
            return DeliveryResult(ok=False, broken_route=True, error=f"{delivery.channel!r} is not a Discord channel id")
        out = alert_message(alert, delivery.mention_roles or alert.mention_roles)
        channel = self.client.get_partial_messageable(int(delivery.channel))
        try:
            if delivery.kind == "update" and delivery.message_ref:
                try:
                    await channel.get_partial_message(int(delivery.message_ref)).edit(**_edit_kwargs(out))
                    return DeliveryResult(ok=True, message_ref=delivery.message_ref)
                except discord.NotFound as exc:
                    if exc.code != UNKNOWN_MESSAGE:
                        raise
                    log.info("discord: alert %s was deleted in %s; posting it again", delivery.message_ref,
                             delivery.channel)
            # discord.py's overloads type `nonce` as str | int, but send() takes None (its default) and
            # then draws a random nonce.
            message = await channel.send(**_edit_kwargs(out), nonce=delivery.nonce or None)  # type: ignore[arg-type]
            return DeliveryResult(ok=True, message_ref=str(message.id))
        except discord.RateLimited as exc:
            return DeliveryResult(ok=False, retry_after=float(exc.retry_after), error="rate limited by Discord")
        except discord.HTTPException as exc:
            return failure(exc)

    async def notify_ops(self, channel: str, text: str) -> None:
        """A plain-text operations notice; it pings nobody."""
        if self.client is None or not channel.strip().isdigit():
            log.warning("discord ops notice not sent (channel %r): %s", channel, text)
            return
        target = self.client.get_partial_messageable(int(channel))
        await target.send(safe(text, CONTENT, one_line=False), allowed_mentions=discord.AllowedMentions.none())


def _edit_kwargs(out: Outgoing) -> dict[str, Any]:
    return {"content": out.content or None, "embeds": [discord.Embed.from_dict(e) for e in out.embeds],
            "allowed_mentions": allowed_mentions(out.allowed_mentions)}


def allowed_mentions(spec: dict[str, Any]) -> discord.AllowedMentions:
    """The renderer's allowed_mentions dict as discord.py's object (roles listed = only those)."""
    if spec == NO_MENTIONS or not spec.get("roles"):
        return discord.AllowedMentions.none()
    return discord.AllowedMentions(everyone=False, users=False, replied_user=False,
                                   roles=[discord.Object(id=int(r)) for r in spec["roles"]])


def failure(exc: discord.HTTPException) -> DeliveryResult:
    """An HTTP error as a delivery outcome: wait on 429, stop on a broken route, retry otherwise."""
    error = f"{exc.status} {exc.text or BROKEN_CODES.get(exc.code, '')}".strip()
    if exc.status == 429:  # a 429 discord.py did not wait out itself (e.g. without Discord's headers)
        retry = getattr(exc, "retry_after", None)
        try:
            seconds = float(retry or exc.response.headers.get("Retry-After") or 5.0)
        except (TypeError, ValueError):
            seconds = 30.0
        return DeliveryResult(ok=False, retry_after=max(1.0, seconds), error="rate limited by Discord")
    broken = exc.code in BROKEN_CODES or exc.status in (403, 404)
    return DeliveryResult(ok=False, broken_route=broken, error=error)
