"""/help: the command list, built from the specs so it can never drift from what is registered."""
from __future__ import annotations

from typing import Any

from bot.replies import HelpEntry, HelpReply, Reply
from handlers.spec import CommandSpec, Invocation


def help_reply(commands: tuple[CommandSpec, ...], is_admin: bool) -> HelpReply:
    entries = []
    for spec in commands:
        usage = spec.usage or "/" + spec.name
        if spec.examples:
            usage += "  e.g. " + spec.examples[0]
        entries.append(HelpEntry(name=spec.name, usage=usage, description=spec.description, admin_only=spec.admin))
    return HelpReply(title="BorderDesk commands", entries=tuple(entries))


async def help_command(inv: Invocation, services: Any) -> Reply:
    from handlers import COMMANDS

    return help_reply(COMMANDS, inv.is_admin)
