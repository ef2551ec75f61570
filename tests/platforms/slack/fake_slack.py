"""A fake Slack Web API, response URLs and Socket Mode endpoint on loopback, recording every call the bot makes.

It answers like Slack where the bot depends on it: `ok`/`error` bodies, 429 with Retry-After,
channel_not_found, the two-step external file upload, and a Socket Mode WebSocket that sends
`hello`, then whatever envelopes a test queues, and records the bot's acknowledgements.
Tests wait on `until(...)` (a condition notified on every recorded event), never on sleeps.
"""
from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import WSMsgType, web
from aiohttp.test_utils import TestServer


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.tokens: list[str] = []
        self.responses: list[dict[str, Any]] = []  # posts to response_url
        self.messages: dict[str, list[dict[str, Any]]] = {}
        self.uploads: list[bytes] = []
        self.missing_channels: set[str] = set()
        self.rate_limit_next = 0
        self.admins: set[str] = set()
        self.envelopes: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.acks: list[dict[str, Any]] = []
        self.url = ""
        self._ts = 1700000000
        self._server: TestServer | None = None
        self._changed = asyncio.Condition()

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        app.router.add_get("/api/{method}", self._api)
        app.router.add_post("/response/{n}", self._response)
        app.router.add_post("/upload/{n}", self._upload)
        app.router.add_get("/ws", self._ws)
        self._server = TestServer(app, host="127.0.0.1")
        await self._server.start_server(access_log=None)
        self.url = f"http://127.0.0.1:{self._server.port}"
        return self.url

    async def close(self) -> None:
        if self._server is not None:
            await self._server.close()

    def called(self, method: str) -> list[dict[str, Any]]:
        return [data for m, data in self.calls if m == method]

    async def until(self, check: Callable[[], Any], timeout: float = 10.0) -> Any:
        """Wait until `check()` is truthy (re-checked whenever the fake records something)."""
        async def wait() -> Any:
            async with self._changed:
                while not (result := check()):
                    await self._changed.wait()
                return result

        return await asyncio.wait_for(wait(), timeout)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def _payload(self, request: web.Request) -> dict[str, Any]:
        raw = await request.text()
        if request.content_type == "application/json" and raw:
            return json.loads(raw)
        data: dict[str, Any] = dict(parse_qsl(raw))
        data.update(request.query)
        return data

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        data = await self._payload(request)
        self.calls.append((method, data))
        self.tokens.append(request.headers.get("Authorization", ""))
        handler = getattr(self, "_" + method.replace(".", "_"), None)
        try:
            if handler is None:
                return web.json_response({"ok": False, "error": "unknown_method"})
            return await handler(data)
        finally:
            await self._notify()

    async def _auth_test(self, data: dict[str, Any]) -> web.Response:
        return web.json_response({"ok": True, "url": "https://fake.slack.com/", "team": "Desk", "user": "borderdesk",
                                  "team_id": "T1", "user_id": "UBOT", "bot_id": "BBOT"})

    async def _apps_connections_open(self, data: dict[str, Any]) -> web.Response:
        return web.json_response({"ok": True, "url": self.url.replace("http", "ws") + "/ws"})

    async def _users_info(self, data: dict[str, Any]) -> web.Response:
        user = data.get("user", "")
        return web.json_response({"ok": True, "user": {"id": user, "is_admin": user in self.admins, "is_owner": False}})

    async def _chat_postMessage(self, data: dict[str, Any]) -> web.Response:
        if self.rate_limit_next > 0:
            self.rate_limit_next -= 1
            return web.json_response({"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": "2"})
        channel = data.get("channel", "")
        if channel in self.missing_channels:
            return web.json_response({"ok": False, "error": "channel_not_found"})
        self._ts += 1
        blocks, metadata = data.get("blocks"), data.get("metadata")
        blocks = json.loads(blocks) if isinstance(blocks, str) else blocks  # form-encoded calls send JSON strings
        metadata = json.loads(metadata) if isinstance(metadata, str) else metadata
        data["blocks"], data["metadata"] = blocks, metadata
        message = {"ts": f"{self._ts}.000100", "text": data.get("text"), "blocks": blocks, "metadata": metadata}
        self.messages.setdefault(channel, []).append(message)
        return web.json_response({"ok": True, "channel": channel, "ts": message["ts"], "message": message})

    async def _chat_update(self, data: dict[str, Any]) -> web.Response:
        channel = data.get("channel", "")
        for message in self.messages.get(channel, []):
            if message["ts"] == data.get("ts"):
                message.update(text=data.get("text"), blocks=data.get("blocks"), edited=True)
                return web.json_response({"ok": True, "channel": channel, "ts": data.get("ts")})
        return web.json_response({"ok": False, "error": "message_not_found"})

    async def _conversations_history(self, data: dict[str, Any]) -> web.Response:
        return web.json_response({"ok": True, "messages": list(reversed(self.messages.get(data.get("channel", ""), [])))})

    async def _files_getUploadURLExternal(self, data: dict[str, Any]) -> web.Response:
        n = len(self.uploads)
        return web.json_response({"ok": True, "upload_url": f"{self.url}/upload/{n}", "file_id": f"F{n}"})

    async def _files_completeUploadExternal(self, data: dict[str, Any]) -> web.Response:
        return web.json_response({"ok": True, "files": [{"id": "F0"}]})

    async def _upload(self, request: web.Request) -> web.Response:
        self.uploads.append(await request.read())
        await self._notify()
        return web.Response(text="OK")

    async def _response(self, request: web.Request) -> web.Response:
        self.responses.append(json.loads(await request.text()))
        await self._notify()
        return web.Response(text="ok")

    async def _ws(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_str(json.dumps({"type": "hello", "num_connections": 1}))

        async def pump() -> None:
            while True:
                await ws.send_str(json.dumps(await self.envelopes.get()))

        task = asyncio.create_task(pump())
        try:
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    self.acks.append(json.loads(msg.data))
                    await self._notify()
        finally:
            task.cancel()
        return ws
