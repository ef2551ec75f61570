"""Discord platform: `build_discord_adapter(config, env)` reads its token from the environment."""
from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import discord
import yarl

from bot.platforms.discord.adapter import DiscordAdapter, DiscordStartError

__all__ = ["DiscordAdapter", "DiscordStartError", "build_discord_adapter", "point_at"]
log = logging.getLogger(__name__)


def point_at(api_base: str | None, gateway: str | None) -> None:
    """Send discord.py's REST calls and gateway connection elsewhere (a fake Discord in tests).

    discord.py keeps both as class attributes, so this is process-wide; production never sets them.
    """
    if api_base:
        discord.http.Route.BASE = api_base.rstrip("/")
        log.warning("discord: REST API at %s", discord.http.Route.BASE)
    if gateway:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)
        log.warning("discord: gateway at %s", gateway)


def build_discord_adapter(config: Any, env: Mapping[str, str]) -> DiscordAdapter:
    """DISCORD_TOKEN (required); DISCORD_API_BASE and DISCORD_GATEWAY_URL only to point at a fake Discord.

    Guild ids, admin roles and the shard count come from the `discord:` section of feeds.yaml.
    """
    token = (env.get("DISCORD_TOKEN") or "").strip()
    if not token:
        raise ValueError("Discord needs DISCORD_TOKEN (the bot token from the Developer Portal, Bot page)")
    point_at((env.get("DISCORD_API_BASE") or "").strip() or None, (env.get("DISCORD_GATEWAY_URL") or "").strip() or None)
    section = config.settings.discord
    bad = [g for g in section.guilds if not str(g).strip().isdigit()]
    if bad:
        raise ValueError(f"discord.guilds must be numeric guild ids, not {', '.join(map(repr, bad))}")
    return DiscordAdapter(token=token, guilds=tuple(str(g).strip() for g in section.guilds),
                          admin_roles=tuple(str(r).strip() for r in section.admin_roles), shards=section.shards)
