"""A fake Discord on loopback: the REST routes and gateway events discord.py 2.7 uses, recording every call.

It is faithful where the bot's behaviour depends on it: JSON with Content-Type exactly
`application/json`, multipart bodies with `payload_json` and `files[n]`, HELLO/IDENTIFY/READY and
GUILD_CREATE on the gateway, heartbeats acknowledged, interaction callbacks and webhook follow-ups,
`enforce_nonce` answered with the earlier message, and injectable failures (429 with Discord's `Via`
header and `retry_after`, 403 Missing Access, 404 Unknown Channel) on any route.
"""
from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import WSMsgType, web
from aiohttp.test_utils import TestServer

DISCORD_EPOCH_MS = 1420070400000
APP_ID, BOT_ID, GUILD_ID, CHANNEL_ID = 1100000000000000001, 1100000000000000002, 1100000000000000100, 1100000000000000200
ADMIN_ROLE, EDITOR_ROLE = 1100000000000000300, 1100000000000000301
BOT_USER = {"id": str(BOT_ID), "username": "BorderDesk", "discriminator": "0", "global_name": None, "avatar": None,
            "bot": True}


@dataclass
class Call:
    method: str
    path: str
    json: Any = None
    files: dict[str, bytes] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    query: dict[str, str] = field(default_factory=dict)


@dataclass
class Failure:
    method: str
    pattern: str
    status: int
    body: dict[str, Any]
    headers: dict[str, str]
    times: int = 1


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """discord.py parses a body as JSON only when Content-Type is exactly application/json (no charset)."""
    return web.Response(body=json.dumps(data).encode(), status=status,
                        headers={"Content-Type": "application/json", **(headers or {})})


class FakeDiscord:
    """REST under /api/v10 and a gateway at /gateway; `calls` records every REST request in order."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.identify: dict[str, Any] | None = None
        self.commands: dict[str, list[dict[str, Any]]] = {}  # "global" or guild id → synced commands
        self.messages: dict[int, dict[str, Any]] = {}
        self.failures: list[Failure] = []
        self.token_ok = True
        self._ids = 0
        self._seq = 0
        self._sockets: list[web.WebSocketResponse] = []
        self._changed = asyncio.Condition()
        self._server: TestServer | None = None
        self.url = ""

    # --- lifecycle -------------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._server = TestServer(app, host="127.0.0.1")
        await self._server.start_server()
        self.url = f"http://127.0.0.1:{self._server.port}"

    async def close(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._server is not None:
            await self._server.close()

    @property
    def api_base(self) -> str:
        return f"{self.url}/api/v10"

    @property
    def gateway_url(self) -> str:
        return self.url.replace("http://", "ws://") + "/gateway"

    def snowflake(self) -> int:
        self._ids += 1
        return ((int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22) + self._ids

    async def until(self, predicate: Callable[[], Any], timeout: float = 10.0) -> Any:
        """Wait (without sleeping) until something the fake recorded makes `predicate` true."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(predicate), timeout)
        return predicate()

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    def fail(self, method: str, pattern: str, status: int, body: dict[str, Any],
             headers: dict[str, str] | None = None, times: int = 1) -> None:
        """The next `times` requests matching method and path regex get this error."""
        self.failures.append(Failure(method, pattern, status, body, headers or {}, times))

    def calls_to(self, method: str, pattern: str) -> list[Call]:
        return [c for c in self.calls if c.method == method and re.fullmatch(pattern, c.path)]

    # --- REST ------------------------------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        call = await self._record(request)
        try:
            failure = self._failure(call)
            if failure is not None:
                return _json(failure.body, failure.status, failure.headers)
            if request.headers.get("Authorization") != "Bot test-token" and not call.path.startswith(
                    ("/interactions/", "/webhooks/")):
                return _json({"message": "401: Unauthorized", "code": 0}, 401)
            return await self._route(call)
        finally:
            await self._notify()

    async def _record(self, request: web.Request) -> Call:
        path = "/" + request.match_info["tail"]
        call = Call(request.method, path, headers=dict(request.headers), query=dict(request.query))
        if request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            async for part in reader:
                data = await part.read()  # type: ignore[union-attr]
                if part.name == "payload_json":
                    call.json = json.loads(data)
                else:
                    call.files[part.filename or part.name or ""] = bytes(data)
        elif request.can_read_body:
            call.json = await request.json()
        self.calls.append(call)
        return call

    def _failure(self, call: Call) -> Failure | None:
        for f in self.failures:
            if f.times > 0 and f.method == call.method and re.fullmatch(f.pattern, call.path):
                f.times -= 1
                return f
        return None

    async def _route(self, call: Call) -> web.Response:
        p, m = call.path, call.method
        if p == "/users/@me":
            return _json(BOT_USER)
        if p == "/oauth2/applications/@me":
            return _json(self.application())
        if p == "/gateway/bot":
            return _json({"url": self.gateway_url, "shards": 1,
                          "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0,
                                                  "max_concurrency": 1}})
        if match := re.fullmatch(r"/applications/\d+(?:/guilds/(\d+))?/commands", p):
            return self._sync(match.group(1) or "global", call.json)
        if match := re.fullmatch(r"/channels/(\d+)/messages", p):
            return self._post_message(int(match.group(1)), call.json or {}, call.files)
        if match := re.fullmatch(r"/channels/(\d+)/messages/(\d+)", p):
            return self._edit_message(int(match.group(2)), call.json or {})
        if re.fullmatch(r"/interactions/\d+/[^/]+/callback", p):
            return self._callback(call.json or {})
        if match := re.fullmatch(r"/webhooks/\d+/([^/]+)(/messages/@original)?", p):
            return _json(self._message(0, call.json or {}, call.files))
        return _json({"message": f"404: Not Found ({m} {p})", "code": 0}, 404)

    def application(self) -> dict[str, Any]:
        return {"id": str(APP_ID), "name": "BorderDesk", "description": "", "icon": None, "bot_public": False,
                "bot_require_code_grant": False, "owner": {**BOT_USER, "id": "1", "bot": False}, "verify_key": "00",
                "flags": 0, "bot": BOT_USER}

    def _sync(self, scope: str, commands: list[dict[str, Any]]) -> web.Response:
        stored = [{**c, "id": str(self.snowflake()), "application_id": str(APP_ID), "version": "1",
                   **({"guild_id": scope} if scope != "global" else {})} for c in commands]
        self.commands[scope] = stored
        return _json(stored)

    def _message(self, channel: int, payload: dict[str, Any], files: dict[str, bytes]) -> dict[str, Any]:
        mid = self.snowflake()
        attachments = [{"id": str(self.snowflake()), "filename": name, "size": len(data), "url": f"{self.url}/a/{name}",
                        "proxy_url": f"{self.url}/a/{name}"} for name, data in files.items()]
        message = {"id": str(mid), "channel_id": str(channel), "type": 0, "content": payload.get("content") or "",
                   "embeds": payload.get("embeds") or [], "attachments": attachments, "author": BOT_USER,
                   "timestamp": datetime.now(UTC).isoformat(), "edited_timestamp": None, "mentions": [],
                   "mention_roles": [], "mention_everyone": False, "pinned": False, "tts": False, "flags": 0,
                   "components": [], "nonce": payload.get("nonce")}
        self.messages[mid] = {**message, "_payload": payload, "_files": files}
        return message

    def _post_message(self, channel: int, payload: dict[str, Any], files: dict[str, bytes]) -> web.Response:
        nonce = payload.get("nonce")
        if nonce and payload.get("enforce_nonce"):
            for earlier in self.messages.values():
                if earlier["channel_id"] == str(channel) and earlier.get("nonce") == nonce:
                    return _json({k: v for k, v in earlier.items() if not k.startswith("_")})
        return _json(self._message(channel, payload, files))

    def _edit_message(self, mid: int, payload: dict[str, Any]) -> web.Response:
        if mid not in self.messages:
            return _json({"message": "Unknown Message", "code": 10008}, 404)
        message = self.messages[mid]
        message.update({"content": payload.get("content") or "", "embeds": payload.get("embeds") or [],
                        "edited_timestamp": datetime.now(UTC).isoformat(), "_payload": payload})
        return _json({k: v for k, v in message.items() if not k.startswith("_")})

    def _callback(self, body: dict[str, Any]) -> web.Response:
        interaction = {"id": str(self.snowflake()), "type": 2, "response_message_loading": body.get("type") == 5,
                       "response_message_ephemeral": bool((body.get("data") or {}).get("flags", 0) & 64)}
        return _json({"interaction": interaction})

    # --- gateway ---------------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_json({"op": 10, "d": {"heartbeat_interval": 45000}, "s": None, "t": None})
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                continue
            data = json.loads(msg.data)
            if data["op"] == 1:
                await ws.send_json({"op": 11, "d": None, "s": None, "t": None})
            elif data["op"] == 2:
                self.identify = data["d"]
                await self._ready(ws)
        self._sockets.remove(ws)
        return ws

    async def _ready(self, ws: web.WebSocketResponse) -> None:
        await self._dispatch(ws, "READY", {
            "v": 10, "user": BOT_USER, "guilds": [{"id": str(GUILD_ID), "unavailable": True}],
            "session_id": "fake-session", "resume_gateway_url": self.gateway_url, "shard": [0, 1],
            "application": {"id": str(APP_ID), "flags": 0}, "private_channels": [], "relationships": []})
        await self._dispatch(ws, "GUILD_CREATE", guild_payload())
        await self._notify()

    async def _dispatch(self, ws: web.WebSocketResponse, event: str, data: dict[str, Any]) -> None:
        self._seq += 1
        await ws.send_json({"op": 0, "t": event, "s": self._seq, "d": data})

    async def send_event(self, event: str, data: dict[str, Any]) -> None:
        """A gateway dispatch to every connected client (e.g. INTERACTION_CREATE)."""
        for ws in list(self._sockets):
            await self._dispatch(ws, event, data)


def guild_payload() -> dict[str, Any]:
    """One newsroom server: @everyone, an admin role, an editor role, and the #trade-desk channel."""
    def role(rid: int, name: str, perms: int, pos: int) -> dict[str, Any]:
        return {"id": str(rid), "name": name, "permissions": str(perms), "position": pos, "color": 0,
                "hoist": False, "managed": False, "mentionable": False, "flags": 0}

    return {"id": str(GUILD_ID), "name": "Newsroom", "owner_id": "1", "unavailable": False, "member_count": 3,
            "roles": [role(GUILD_ID, "@everyone", 0x400 | 0x800, 0), role(ADMIN_ROLE, "Desk chief", 0x20, 2),
                      role(EDITOR_ROLE, "Editor", 0x400 | 0x800, 1)],
            "channels": [{"id": str(CHANNEL_ID), "type": 0, "name": "trade-desk", "position": 0,
                          "permission_overwrites": [], "guild_id": str(GUILD_ID)}],
            "members": [], "threads": [], "emojis": [], "stickers": [], "features": [], "voice_states": [],
            "presences": [], "stage_instances": [], "guild_scheduled_events": [], "soundboard_sounds": [],
            "joined_at": datetime.now(UTC).isoformat(), "large": False, "mfa_level": 0,
            "verification_level": 0, "explicit_content_filter": 0, "default_message_notifications": 0,
            "premium_tier": 0, "preferred_locale": "en-US", "nsfw_level": 0}
