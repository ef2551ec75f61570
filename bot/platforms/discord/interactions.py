"""Slash-command interactions → router → Discord answer, always inside Discord's 3-second window.

Discord drops an interaction that is not acknowledged within three seconds. Slow commands (`spec.slow`,
e.g. /summary fetching a page) are deferred at once; any other command gets `answer_within` seconds to
finish and is deferred if it has not, so a slow database never shows the user "The application did
not respond". The answer then goes out as the deferred message's follow-up.
"""
from __future__ import annotations

import asyncio
import io
import logging
from typing import Any

import discord
from discord import app_commands

from bot.platforms.base import CommandRouter
from bot.platforms.discord.answers import reply_message
from bot.platforms.discord.render import Outgoing
from bot.replies import ErrorReply
from handlers.spec import CommandSpec, Invocation, Option

log = logging.getLogger(__name__)


class InteractionHandler:
    """Turns one interaction into an Invocation, runs it, and answers with the rendered reply."""

    def __init__(self, router: CommandRouter, admin_roles: frozenset[str] = frozenset(),
                 answer_within: float = 2.0) -> None:
        self.router = router
        self.admin_roles = admin_roles
        self.answer_within = answer_within

    def invocation(self, interaction: discord.Interaction, args: dict[str, Any]) -> Invocation:
        user = interaction.user
        roles = tuple(str(r.id) for r in getattr(user, "roles", ()) if not r.is_default())
        return Invocation(platform="discord", user=str(user.id), channel=str(interaction.channel_id or ""),
                          args=args, is_admin=self.is_admin(interaction, roles), roles=roles,
                          user_name=getattr(user, "display_name", "") or user.name)

    def is_admin(self, interaction: discord.Interaction, roles: tuple[str, ...]) -> bool:
        """Manage Server (or Administrator) in this guild, or one of the configured admin roles."""
        if interaction.guild_id is None:
            return False
        perms = interaction.permissions
        return perms.manage_guild or perms.administrator or bool(self.admin_roles.intersection(roles))

    async def answer(self, spec: CommandSpec, interaction: discord.Interaction, args: dict[str, Any]) -> None:
        """Dispatch; defer when slow; send the rendered answer (or follow up on the deferral)."""
        invocation = self.invocation(interaction, args)
        work = asyncio.create_task(self.router.dispatch(spec.name, invocation))
        if spec.slow:
            await interaction.response.defer(thinking=True)
        else:
            done, _ = await asyncio.wait({work}, timeout=self.answer_within)
            if not done:
                log.info("discord: /%s is taking a while; deferring", spec.name)
                await interaction.response.defer(thinking=True)
        reply = await work
        await send(interaction, reply_message(reply, spec.name))

    async def suggest(self, spec: CommandSpec, option: Option, interaction: discord.Interaction,
                      current: str) -> list[str]:
        """Autocomplete through the router, which knows every option's suggestion source."""
        invocation = self.invocation(interaction, {})
        try:
            return await self.router.autocomplete(spec.name, option.name, current, invocation)
        except Exception:  # a failing suggestion must not break typing the command
            log.exception("discord: autocomplete /%s %s failed", spec.name, option.name)
            return []

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        """Whatever went wrong, the user gets a short private answer and the log gets the details."""
        name = interaction.command.name if interaction.command else "?"
        if isinstance(error, app_commands.TransformerError):
            message = ErrorReply(f"That value for /{name} is not valid: {error.value!r}.", "try /help")
        elif isinstance(error, app_commands.NoPrivateMessage):
            message = ErrorReply(f"/{name} works only in a server channel.")
        else:
            log.error("discord: /%s failed", name, exc_info=error)
            message = ErrorReply("Something went wrong answering that; it has been logged.", "try again in a moment")
        try:
            await send(interaction, reply_message(message, name))
        except discord.HTTPException as exc:
            log.warning("discord: could not tell the user about the error: %s", exc)


def files_of(out: Outgoing) -> list[discord.File]:
    return [discord.File(io.BytesIO(a.data), filename=a.filename, description=a.description or None)
            for a in out.files]


async def send(interaction: discord.Interaction, out: Outgoing) -> None:
    """The first response, or the follow-up when the interaction was already deferred."""
    kwargs: dict[str, Any] = {"embeds": [discord.Embed.from_dict(e) for e in out.embeds],
                              "files": files_of(out), "allowed_mentions": discord.AllowedMentions.none(),
                              "ephemeral": out.ephemeral}
    if out.content:
        kwargs["content"] = out.content
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)
