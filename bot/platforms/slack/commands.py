"""Slash commands and buttons on a Bolt app: acknowledge at once, run the command, answer via respond().

Slack wants an acknowledgement within 3 seconds; `ack()` comes first, so a slow store or `/summary`
fetching a page never times out. Slack slash commands have no typed options or autocomplete, so the
text after the command is parsed like the console's (`speaker:carney steel`), and when a search with
an autocompleted option finds nothing, the answer suggests values the bot knows.
"""
from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.platforms.base import CommandRouter
from bot.platforms.slack.errors import slack_error
from bot.platforms.slack.mrkdwn import MAX_BLOCKS, context, safe
from bot.platforms.slack.render import ACTIONS, PAGE_ACTION, SHARE_ACTION, reply_blocks
from bot.replies import FactList, QuoteList, Reply, StoryList, TariffHistory, TariffTable
from handlers.spec import ArgumentError, Invocation, error_reply

log = logging.getLogger(__name__)
ADMIN_TTL = 600.0  # seconds a workspace admin check is trusted before users.info is asked again
Respond = Callable[..., Awaitable[Any]]


class SlackCommands:
    """Registers one listener per command spec (named `/{prefix}{name}`) and the button actions."""

    def __init__(self, client: AsyncWebClient, prefix: str, admin_users: tuple[str, ...]) -> None:
        self.client, self.prefix, self.admin_users = client, prefix, set(admin_users)
        self.router: CommandRouter | None = None
        self._admins: dict[str, tuple[bool, float]] = {}

    def register(self, app: AsyncApp, router: CommandRouter) -> None:
        self.router = router
        for spec in router.commands:
            app.command(f"/{self.prefix}{spec.name}")(self.on_command)
        for action in ACTIONS:
            app.action(action)(self.on_action)

    async def is_admin(self, user: str) -> bool:
        """Configured admin users, or workspace admins and owners (users.info, cached for a while)."""
        if user in self.admin_users:
            return True
        cached = self._admins.get(user)
        if cached and time.monotonic() - cached[1] < ADMIN_TTL:
            return cached[0]
        try:
            info = (await self.client.users_info(user=user)).get("user") or {}
            admin = bool(info.get("is_admin") or info.get("is_owner"))
        except SlackApiError as exc:
            log.warning("slack: users.info for %s failed: %s", user, slack_error(exc))
            admin = False
        self._admins[user] = (admin, time.monotonic())
        return admin

    async def on_command(self, ack: Any, command: dict[str, Any], respond: Respond) -> None:
        name = str(command.get("command", "")).lstrip("/")[len(self.prefix):]
        spec = next((s for s in self.router.commands if s.name == name), None) if self.router else None
        if spec is not None and spec.slow:  # say something now; the answer follows through respond()
            await ack(response_type="ephemeral", text=f"Working on /{self.prefix}{name}…")
        else:
            await ack()
        try:
            _, args = _parse(name, str(command.get("text") or ""))
        except ArgumentError as exc:
            await respond(**reply_blocks(error_reply(exc)))
            return
        await self._run(name, args, command.get("user_id", ""), command.get("channel_id", ""), respond, shared=False)

    async def on_action(self, ack: Any, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        await ack()
        try:
            value = json.loads(action.get("value") or "")
            name, args = str(value["command"]), dict(value.get("args") or {})
        except (ValueError, KeyError, TypeError):
            log.warning("slack: unreadable button value %r", action.get("value"))
            return
        ephemeral = bool((body.get("container") or {}).get("is_ephemeral", True))
        shared = action.get("action_id") == SHARE_ACTION
        # a page of an answer only the asker sees replaces it; under a shared answer it comes to the clicker alone
        replace = action.get("action_id") == PAGE_ACTION and ephemeral
        await self._run(name, args, (body.get("user") or {}).get("id", ""), (body.get("channel") or {}).get("id", ""),
                        respond, shared=shared, replace=replace)

    async def _run(self, name: str, args: dict[str, Any], user: str, channel: str, respond: Respond, *,
                   shared: bool, replace: bool = False) -> None:
        assert self.router is not None, "register() first"
        inv = Invocation(platform="slack", user=user, channel=channel, args=args,
                         is_admin=await self.is_admin(user), user_name=user)
        reply = await self.router.dispatch(name, inv)
        payload = reply_blocks(reply, name, args, shared=shared)
        hint = await self._suggestions(name, args, reply, inv)
        if hint:
            blocks = payload["blocks"]
            at = len(blocks) - 1 if blocks and blocks[-1]["type"] == "actions" else len(blocks)
            blocks.insert(at, context(hint))
            del blocks[MAX_BLOCKS:]
        try:
            await respond(replace_original=replace, **payload)
        except Exception:
            log.exception("slack: could not answer /%s for %s", name, user)
            return
        await self._attach(reply, channel, shared)

    async def _suggestions(self, name: str, args: dict[str, Any], reply: Reply, inv: Invocation) -> str:
        """Slack has no autocomplete: when a search by a known kind of value finds nothing, list some."""
        if not _empty(reply) or self.router is None:
            return ""
        spec = next((s for s in self.router.commands if s.name == name), None)
        for option in spec.options if spec else ():
            given = str(args.get(option.name) or "")
            if option.autocomplete and given:
                found = await self.router.autocomplete(name, option.name, given[:2], inv)
                if found:
                    return f"Known {option.name} values like “{safe(given[:2], 10)}…”: " + ", ".join(safe(f, 60) for f in found[:10])
        return ""

    async def _attach(self, reply: Reply, channel: str, shared: bool) -> None:
        """A tariff history's chart, uploaded to the channel when the answer is shared there."""
        if not shared or not isinstance(reply, TariffHistory) or reply.chart is None or not channel:
            return
        try:
            await self.client.files_upload_v2(channel=channel, content=reply.chart.data, filename=reply.chart.filename,
                                              title=reply.title[:200] or reply.chart.filename)
        except SlackApiError as exc:
            log.warning("slack: chart upload to %s failed: %s", channel, slack_error(exc))


def _parse(name: str, text: str) -> tuple[str, dict[str, str]]:
    from bot.router import parse_command_line

    return parse_command_line(f"/{name} {text}")


def _empty(reply: Reply) -> bool:
    if isinstance(reply, StoryList):
        return not reply.stories
    if isinstance(reply, QuoteList):
        return not reply.quotes
    if isinstance(reply, FactList):
        return not reply.facts
    if isinstance(reply, TariffTable):
        return not reply.lines
    return False
