"""The commands every platform registers, in the order /help lists them."""
from __future__ import annotations

from handlers import facts, feeds, latest, quotes, subscribe, summary, tariffs
from handlers.help import help_command
from handlers.spec import CommandSpec

HELP = CommandSpec(name="help", description="What BorderDesk can do, and how to ask", handler=help_command,
                   usage="/help")

COMMANDS: tuple[CommandSpec, ...] = (
    latest.SPEC,
    quotes.SPEC,
    tariffs.SPEC,
    facts.SPEC,
    summary.SPEC,
    feeds.SPEC,
    subscribe.SUBSCRIBE,
    subscribe.UNSUBSCRIBE,
    HELP,
)
