"""Interactions as Discord sends them: INTERACTION_CREATE payloads over the fake gateway, answers read back.

`Member` says who runs the command (roles; permissions are computed from the fake guild's roles, as
Discord does). `run` waits for the interaction callback and, when the bot deferred, for its follow-up.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from tests.platforms.discord.fake_discord import (
    APP_ID,
    CHANNEL_ID,
    GUILD_ID,
    Call,
    FakeDiscord,
    guild_payload,
)

CALLBACK_MESSAGE, CALLBACK_DEFER, CALLBACK_AUTOCOMPLETE = 4, 5, 8
EPHEMERAL = 64


@dataclass(frozen=True)
class Member:
    user_id: int = 1100000000000000900
    name: str = "reporter"
    roles: tuple[int, ...] = ()

    def permissions(self) -> int:
        """@everyone's permissions OR'd with each of the member's roles, like Discord computes them."""
        perms = 0
        for role in guild_payload()["roles"]:
            if int(role["id"]) == GUILD_ID or int(role["id"]) in self.roles:
                perms |= int(role["permissions"])
        return perms

    def payload(self) -> dict[str, Any]:
        user = {"id": str(self.user_id), "username": self.name, "discriminator": "0", "global_name": self.name,
                "avatar": None}
        return {"user": user, "roles": [str(r) for r in self.roles], "permissions": str(self.permissions()),
                "joined_at": "2025-01-01T00:00:00+00:00", "deaf": False, "mute": False, "flags": 0, "nick": None}


@dataclass
class Answer:
    callback: Call
    followup: Call | None = None

    @property
    def deferred(self) -> bool:
        return self.callback.json["type"] == CALLBACK_DEFER

    @property
    def message(self) -> dict[str, Any]:
        """What the user sees: the follow-up after a deferral, else the callback's message."""
        if self.followup is not None:
            return self.followup.json
        return self.callback.json.get("data") or {}

    @property
    def files(self) -> dict[str, bytes]:
        return (self.followup or self.callback).files

    @property
    def ephemeral(self) -> bool:
        return bool(self.message.get("flags", 0) & EPHEMERAL)


def _option_types(fake: FakeDiscord, command: str) -> dict[str, int]:
    synced = fake.commands.get(str(GUILD_ID)) or fake.commands.get("global") or []
    spec = next(c for c in synced if c["name"] == command)
    return {o["name"]: o["type"] for o in spec.get("options", [])}


def interaction(fake: FakeDiscord, kind: int, command: str, args: dict[str, Any], member: Member,
                focused: str | None = None) -> dict[str, Any]:
    """An INTERACTION_CREATE payload for a guild channel (kind 2: command, 4: autocomplete)."""
    synced = fake.commands.get(str(GUILD_ID)) or fake.commands.get("global") or []
    command_id = next(c["id"] for c in synced if c["name"] == command)
    types = _option_types(fake, command)
    options = [{"name": k, "type": types[k], "value": v, **({"focused": True} if k == focused else {})}
               for k, v in args.items()]
    return {
        "id": str(fake.snowflake()), "application_id": str(APP_ID), "type": kind, "token": secrets.token_urlsafe(24),
        "version": 1, "guild_id": str(GUILD_ID), "channel_id": str(CHANNEL_ID),
        "channel": {"id": str(CHANNEL_ID), "type": 0, "guild_id": str(GUILD_ID), "name": "trade-desk",
                    "position": 0, "permission_overwrites": []},
        "member": member.payload(), "app_permissions": str(0x4C00 | 0x8000 | 0x10000), "locale": "en-US",
        "guild_locale": "en-US", "attachment_size_limit": 10 * 1024 * 1024, "entitlements": [],
        "authorizing_integration_owners": {"0": str(GUILD_ID)}, "context": 0,
        "data": {"id": command_id, "name": command, "type": 1, "options": options, "guild_id": str(GUILD_ID)},
    }


async def run(fake: FakeDiscord, command: str, args: dict[str, Any] | None = None,
              member: Member = Member(), timeout: float = 20.0) -> Answer:
    """Send a slash command and return the bot's answer as Discord received it."""
    payload = interaction(fake, 2, command, args or {}, member)
    callback = await _callback(fake, payload, timeout)
    if callback.json["type"] != CALLBACK_DEFER:
        return Answer(callback)
    path = f"/webhooks/{APP_ID}/{payload['token']}"
    await fake.until(lambda: fake.calls_to("POST", path), timeout)
    return Answer(callback, fake.calls_to("POST", path)[0])


async def autocomplete(fake: FakeDiscord, command: str, option: str, typed: str,
                       member: Member = Member()) -> list[dict[str, Any]]:
    """What the bot suggests while `typed` is being entered into `option`."""
    payload = interaction(fake, 4, command, {option: typed}, member, focused=option)
    callback = await _callback(fake, payload, 10.0)
    assert callback.json["type"] == CALLBACK_AUTOCOMPLETE
    return list(callback.json["data"]["choices"])


async def _callback(fake: FakeDiscord, payload: dict[str, Any], timeout: float) -> Call:
    path = f"/interactions/{payload['id']}/{payload['token']}/callback"
    await fake.send_event("INTERACTION_CREATE", payload)
    await fake.until(lambda: fake.calls_to("POST", path), timeout)
    return fake.calls_to("POST", path)[0]
