"""CommandSpecs → discord.py app commands: typed options, choices, bounds, autocomplete, admin permissions.

discord.py reads a slash command's options from its callback's signature. Our commands are data
(handlers.COMMANDS), so each callback gets a signature built from its spec; everything else goes
through discord.py's public decorators (describe, choices, autocomplete, default_permissions), so the
sync payload is exactly what discord.py would send for a hand-written command.
"""
from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord
from discord import app_commands

from handlers.spec import CommandSpec, Option

log = logging.getLogger(__name__)

Answer = Callable[[CommandSpec, discord.Interaction, dict[str, Any]], Awaitable[None]]
Suggest = Callable[[CommandSpec, Option, discord.Interaction, str], Awaitable[list[str]]]

DESCRIPTION_MAX, CHOICES_MAX, STRING_MAX = 100, 25, 6000


def _short(text: str, limit: int = DESCRIPTION_MAX) -> str:
    text = " ".join(text.split()) or "…"
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def annotation(option: Option) -> Any:
    """The Python type discord.py turns into the option's Discord type and bounds."""
    if option.type == "integer":
        if option.min_value is None and option.max_value is None:
            return int
        return app_commands.Range[int, option.min_value, option.max_value]
    if option.type == "boolean":
        return bool
    # "url" and "since" are strings on Discord; the router checks their form and answers helpfully
    return app_commands.Range[str, None, min(option.max_length, STRING_MAX)]


def _signature(spec: CommandSpec) -> inspect.Signature:
    params = [inspect.Parameter("interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=discord.Interaction)]
    ordered = sorted(spec.options, key=lambda o: not o.required)  # Discord wants required options first
    for option in ordered:
        default = inspect.Parameter.empty if option.required else None
        params.append(inspect.Parameter(option.name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation(option),
                                        default=default))
    return inspect.Signature(params)


def build_command(spec: CommandSpec, answer: Answer, suggest: Suggest) -> app_commands.Command[Any, Any, Any]:
    """One app command whose callback hands the interaction and its arguments to `answer`."""

    async def callback(interaction: discord.Interaction, **kwargs: Any) -> None:
        await answer(spec, interaction, {k: v for k, v in kwargs.items() if v is not None})

    callback.__signature__ = _signature(spec)  # type: ignore[attr-defined]
    callback.__name__ = callback.__qualname__ = f"{spec.name}_command"
    app_commands.describe(**{o.name: _short(o.description) for o in spec.options})(callback)
    choices = {o.name: [app_commands.Choice(name=_short(c), value=c) for c in o.choices[:CHOICES_MAX]]
               for o in spec.options if o.choices}
    if choices:
        app_commands.choices(**choices)(callback)
    completers = {o.name: _completer(spec, o, suggest) for o in spec.options if o.autocomplete and not o.choices}
    if completers:
        app_commands.autocomplete(**completers)(callback)
    if spec.admin:
        # a hint to Discord's UI only: server admins can override it, so the router checks again on use
        app_commands.default_permissions(manage_guild=True)(callback)
        app_commands.guild_only()(callback)
    return app_commands.Command(name=spec.name, description=_short(spec.description), callback=callback,
                                extras={"spec": spec})


def _completer(spec: CommandSpec, option: Option, suggest: Suggest) -> Any:
    async def complete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        values = await suggest(spec, option, interaction, current or "")
        return [app_commands.Choice(name=_short(v), value=v[:100]) for v in values[:CHOICES_MAX] if v]

    complete.__qualname__ = complete.__name__ = f"{spec.name}_{option.name}_complete"
    return complete


def build_tree(client: discord.Client, specs: tuple[CommandSpec, ...] | list[CommandSpec], answer: Answer,
               suggest: Suggest) -> app_commands.CommandTree[Any]:
    """A CommandTree holding one global command per spec (sync decides guild or global)."""
    tree: app_commands.CommandTree[Any] = app_commands.CommandTree(client)
    for spec in specs:
        tree.add_command(build_command(spec, answer, suggest))
    log.debug("discord: %d commands built", len(specs))
    return tree
