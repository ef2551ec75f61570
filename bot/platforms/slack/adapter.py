"""Slack through slack-bolt: slash commands over signed HTTP or Socket Mode, alerts through the Web API.

HTTP mode serves `/slack/events` on the bot's own aiohttp server (bot/web.py, via `mount`), next to
/healthz, so one port and one TLS-terminating proxy cover everything. Socket Mode opens an outbound
WebSocket instead and needs no public URL. Alerts go out with chat.postMessage and are edited in place
with chat.update when a story gains another outlet.
"""
from __future__ import annotations

import logging
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.models import AlertMessage, Delivery, DeliveryResult
from bot.platforms.base import CommandRouter
from bot.platforms.slack.commands import SlackCommands
from bot.platforms.slack.errors import failure, slack_error
from bot.platforms.slack.mrkdwn import safe
from bot.platforms.slack.render import alert_blocks

log = logging.getLogger(__name__)
EVENTS_PATH = "/slack/events"


class SlackStartError(RuntimeError):
    """The bot token was refused: say so at start-up rather than failing every alert later."""


class SlackAdapter:
    """The PlatformAdapter for Slack (see bot/platforms/base.py)."""

    name = "slack"

    def __init__(self, *, token: str, signing_secret: str | None = None, app_token: str | None = None,
                 api_url: str | None = None, prefix: str = "", admin_users: tuple[str, ...] = ()) -> None:
        base = (api_url.rstrip("/") + "/") if api_url else AsyncWebClient.BASE_URL
        self.client = AsyncWebClient(token=token, base_url=base)
        # in Socket Mode requests arrive over our own authenticated WebSocket, so there is nothing to sign
        self.app = AsyncApp(client=self.client, signing_secret=signing_secret or "",
                            request_verification_enabled=signing_secret is not None, process_before_response=False)
        self.app_token = app_token
        self.commands = SlackCommands(self.client, prefix, admin_users)
        self._socket: Any = None
        self._connected = False
        self.bot_user: str = ""

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)

    async def start(self, router: CommandRouter) -> None:
        """Register the commands, check the token, and in Socket Mode connect before returning."""
        self.commands.register(self.app, router)
        await self._check_token()
        if self.app_token:
            from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

            self._socket = AsyncSocketModeHandler(self.app, self.app_token, web_client=self.client)
            await self._socket.connect_async()
            log.info("slack: connected in Socket Mode as %s", self.bot_user or "the bot")
        else:
            log.info("slack: HTTP mode, serving %s on the bot's web server", EVENTS_PATH)
        self._connected = True

    async def _check_token(self) -> None:
        try:
            resp = await self.client.auth_test()
        except SlackApiError as exc:
            error = slack_error(exc)
            if error in ("invalid_auth", "not_authed", "token_revoked", "account_inactive"):
                raise SlackStartError(f"Slack refused SLACK_BOT_TOKEN ({error}); check the token") from None
            log.warning("slack: auth.test failed (%s); carrying on", error)
            return
        except OSError as exc:  # Slack unreachable right now: commands and alerts will retry
            log.warning("slack: auth.test could not reach Slack (%s); carrying on", exc)
            return
        self.bot_user = str(resp.get("user_id") or "")

    async def stop(self) -> None:
        self._connected = False
        if self._socket is not None:
            await self._socket.close_async()
            self._socket = None

    def connected(self) -> bool:
        return self._connected

    def mount(self, web_app: web.Application) -> None:
        """HTTP mode: serve Slack's signed requests at /slack/events on the bot's web server."""
        if not self.socket_mode:
            web_app.router.add_post(EVENTS_PATH, self.handle)

    async def handle(self, request: web.Request) -> web.Response:
        """One signed request; Bolt checks the signature and timestamp (401 when either is wrong)."""
        return await to_aiohttp_response(await self.app.async_dispatch(await to_bolt_request(request)))

    async def deliver(self, delivery: Delivery, alert: AlertMessage) -> DeliveryResult:
        """Post the alert (or edit the earlier post); map Slack's errors to retry or broken route."""
        text, blocks = alert_blocks(alert)
        try:
            if delivery.kind == "update" and delivery.message_ref:
                resp = await self.client.chat_update(channel=delivery.channel, ts=delivery.message_ref,
                                                     text=text, blocks=blocks)
                return DeliveryResult(ok=True, message_ref=resp.get("ts") or delivery.message_ref)
            if delivery.resumed:
                earlier = await self._already_posted(delivery)
                if earlier:
                    return DeliveryResult(ok=True, message_ref=earlier)
            resp = await self.client.chat_postMessage(
                channel=delivery.channel, text=text, blocks=blocks, unfurl_links=False, unfurl_media=False,
                metadata={"event_type": "borderdesk_alert",
                          "event_payload": {"nonce": delivery.nonce, "story": alert.story_id}})
            return DeliveryResult(ok=True, message_ref=resp.get("ts"))
        except SlackApiError as exc:
            return failure(exc)

    async def _already_posted(self, delivery: Delivery) -> str | None:
        """After a crash mid-send, find our own earlier post by its nonce before posting again."""
        try:
            resp = await self.client.conversations_history(channel=delivery.channel, limit=50,
                                                           include_all_metadata=True)
        except SlackApiError as exc:
            log.info("slack: could not check %s for an earlier post: %s", delivery.channel, slack_error(exc))
            return None
        for message in resp.get("messages") or []:
            payload = (message.get("metadata") or {}).get("event_payload") or {}
            if payload.get("nonce") == delivery.nonce:
                return str(message.get("ts"))
        return None

    async def notify_ops(self, channel: str, text: str) -> None:
        await self.client.chat_postMessage(channel=channel, text=safe(text, 3000), unfurl_links=False)
