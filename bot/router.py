"""Dispatch: validate a command's arguments against its spec, check who may run it, run the handler.

Every platform calls this one router, so a bad argument gets the same helpful answer on Discord,
Slack and the console, and no handler ever sees an unchecked value or leaks a stack trace.
"""
from __future__ import annotations

import logging
import shlex
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from bot.replies import ErrorReply, Reply
from handlers.spec import ArgumentError, CommandSpec, Invocation, Option, error_reply

log = logging.getLogger(__name__)
_TRUE, _FALSE = {"1", "true", "yes", "y", "on"}, {"0", "false", "no", "n", "off"}
MAX_SUGGESTIONS = 25


def coerce(option: Option, value: Any) -> Any:
    """One argument to its declared type, or ArgumentError saying what is allowed."""
    if option.type == "integer":
        try:
            number = int(str(value).strip())
        except ValueError:
            raise ArgumentError(f"{option.name} must be a whole number, not “{value}”.") from None
        if option.min_value is not None and number < option.min_value or \
           option.max_value is not None and number > option.max_value:
            raise ArgumentError(f"{option.name} must be between {option.min_value} and {option.max_value}.")
        return number
    if option.type == "boolean":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text not in _TRUE | _FALSE:
            raise ArgumentError(f"{option.name} must be true or false, not “{value}”.")
        return text in _TRUE
    text = str(value).strip()
    if len(text) > option.max_length:
        raise ArgumentError(f"{option.name} is too long ({len(text)} characters; at most {option.max_length}).")
    if option.choices and text.lower() not in option.choices:
        raise ArgumentError(f"{option.name} must be one of: {', '.join(option.choices)}.")
    if option.choices:
        return text.lower()
    if option.type == "url":
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ArgumentError(f"{option.name} must be an http(s) web address, not “{text[:80]}”.")
    return text


def validate(spec: CommandSpec, args: dict[str, Any]) -> dict[str, Any]:
    """Known options only, required ones present, each coerced to its type."""
    options = {o.name: o for o in spec.options}
    unknown = sorted(set(args) - set(options))
    if unknown:
        allowed = ", ".join(options) or "none"
        raise ArgumentError(f"/{spec.name} has no option {', '.join(unknown)}.", f"options: {allowed}")
    clean: dict[str, Any] = {}
    for name, option in options.items():
        value = args.get(name)
        if value is None or value == "":
            if option.required:
                raise ArgumentError(f"/{spec.name} needs {name}.", spec.usage)
            if option.default is not None:
                clean[name] = option.default
            continue
        clean[name] = coerce(option, value)
    return clean


class Router:
    """The CommandRouter every adapter uses (see bot/platforms/base.py)."""

    def __init__(self, commands: Sequence[CommandSpec], services: Any) -> None:
        self.commands = tuple(commands)
        self.services = services
        self._by_name = {c.name: c for c in self.commands}

    def spec(self, name: str) -> CommandSpec | None:
        return self._by_name.get(name.lstrip("/").lower())

    async def dispatch(self, name: str, invocation: Invocation) -> Reply:
        spec = self.spec(name)
        if spec is None:
            return ErrorReply(f"There is no command /{name}.", "try /help")
        if spec.admin and not invocation.is_admin:
            return ErrorReply(f"/{spec.name} is for admins only.", "ask someone who administers this server or workspace")
        try:
            args = validate(spec, dict(invocation.args))
            return await spec.handler(_with_args(invocation, args), self.services)
        except ArgumentError as exc:
            return error_reply(exc)
        except Exception:
            log.exception("/%s failed for %s on %s", spec.name, invocation.user, invocation.platform)
            return ErrorReply("Something went wrong answering that; it has been logged.", "try again in a moment")

    async def autocomplete(self, name: str, option: str, prefix: str, invocation: Invocation) -> list[str]:
        spec = self.spec(name)
        opt = next((o for o in spec.options if o.name == option), None) if spec else None
        if opt is None:
            return []
        if opt.choices:
            return [c for c in opt.choices if c.startswith(prefix.lower())][:MAX_SUGGESTIONS]
        if not opt.autocomplete:
            return []
        try:
            found = await self.services.suggest(opt.autocomplete, prefix.strip(), MAX_SUGGESTIONS)
        except Exception:
            log.exception("autocomplete %s.%s failed", name, option)
            return []
        return [s[:100] for s in found][:MAX_SUGGESTIONS]


def _with_args(inv: Invocation, args: dict[str, Any]) -> Invocation:
    return Invocation(platform=inv.platform, user=inv.user, channel=inv.channel, args=args, is_admin=inv.is_admin,
                      roles=inv.roles, user_name=inv.user_name)


def parse_command_line(line: str, spec_lookup: Any = None) -> tuple[str, dict[str, str]]:
    """`/quotes speaker:carney about:"steel tariffs"` → ("quotes", {...}); bare words fill options in order."""
    try:
        words = shlex.split(line.strip())
    except ValueError as exc:
        raise ArgumentError(f"Could not read that command: {exc}.", "close your quotation marks") from None
    if not words:
        raise ArgumentError("Type a command, e.g. /latest.", "try /help")
    name = words[0].lstrip("/").lower()
    args: dict[str, str] = {}
    positional: list[str] = []
    for word in words[1:]:
        key, sep, value = word.partition(":")
        if sep and key.isidentifier() and not value.startswith("//"):
            args[key.lower()] = value
        else:
            positional.append(word)
    if positional:
        from handlers import COMMANDS

        spec = next((c for c in COMMANDS if c.name == name), None)
        free = [o.name for o in spec.options if o.name not in args] if spec else []
        if len(positional) > len(free):
            raise ArgumentError(f"Too many words for /{name}: {' '.join(positional)}",
                                "name the options, e.g. speaker:carney about:steel")
        if name == "feeds" and positional and positional[0].lower() not in ("status", "add", "remove", "pause", "resume"):
            free = [f for f in free if f != "action"]
        args.update(zip(free, positional))
    return name, args
