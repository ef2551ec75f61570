"""Declarative command specs: one list of commands that every platform registers and dispatches.

A spec says what a command takes (typed options with choices and bounds, autocomplete sources) and
who may run it; `dispatch` validates arguments before any handler runs, so handlers get clean values
and users get a helpful message instead of a stack trace.
"""
from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, Protocol

from bot.replies import ErrorReply, Reply

if TYPE_CHECKING:
    from bot.store.base import Store

log = logging.getLogger(__name__)

OptionType = Literal["string", "integer", "boolean", "url", "since"]


@dataclass(frozen=True, slots=True)
class Option:
    """One typed argument. `autocomplete` names a Services method that suggests values."""

    name: str
    description: str
    type: OptionType = "string"
    required: bool = False
    choices: tuple[str, ...] = ()
    min_value: int | None = None
    max_value: int | None = None
    max_length: int = 200
    autocomplete: str | None = None  # "speakers" | "tariff_products" | "tariff_countries" | "topics" | "feeds"
    default: Any = None


@dataclass(frozen=True, slots=True)
class Invocation:
    """Who ran what, where: the platform-neutral view of a slash command."""

    platform: str  # "console" | "discord" | "slack"
    user: str
    channel: str
    args: dict[str, Any] = field(default_factory=dict)
    is_admin: bool = False
    roles: tuple[str, ...] = ()
    user_name: str = ""


class Services(Protocol):
    """What handlers may use besides the store: the clock, config, on-demand fetch, feed admin."""

    store: Store

    def now(self) -> datetime: ...


Handler = Callable[[Invocation, Any], Awaitable[Reply]]


@dataclass(frozen=True, slots=True)
class CommandSpec:
    """A slash command. `subcommands` share the command name (e.g. /feeds add); `admin` gates use."""

    name: str
    description: str
    handler: Handler
    options: tuple[Option, ...] = ()
    admin: bool = False
    slow: bool = False  # platforms defer and follow up (e.g. /summary fetches a page)
    usage: str = ""
    examples: tuple[str, ...] = ()


class ArgumentError(ValueError):
    """A user gave a bad argument; the message is shown to them as is."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


def error_reply(exc: ArgumentError) -> ErrorReply:
    return ErrorReply(message=str(exc), hint=exc.hint)
