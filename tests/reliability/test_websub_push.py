"""WebSub end to end: a real `borderdesk run` subscribes at a hub its feeds advertise, the hub verifies the
intent, and a signed push turns into alerts at once, long before the next poll; a forged push changes nothing."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import secrets
import signal
from pathlib import Path

import aiohttp
from aiohttp import web
from aiohttp.test_utils import TestServer

from tests.reliability.procs import free_port, start_run, write_config
from tests.reliability.site import ProgressiveSite, make_stories


class FakeHub:
    """A WebSub hub on loopback: takes subscriptions, verifies them with the subscriber, delivers pushes."""

    def __init__(self) -> None:
        self.subscriptions: dict[str, dict[str, str]] = {}  # topic -> the subscriber's form
        self.verified: set[str] = set()
        self.url = ""
        app = web.Application()
        app.router.add_post("/hub", self._subscribe)
        self._server = TestServer(app, host="127.0.0.1")
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        await self._server.start_server()
        self.url = str(self._server.make_url("/hub"))

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        await self._server.close()

    async def _subscribe(self, request: web.Request) -> web.Response:
        form = {k: str(v) for k, v in (await request.post()).items()}
        self.subscriptions[form["hub.topic"]] = form
        task = asyncio.create_task(self._verify(form))  # the spec: accept now, verify the intent afterwards
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return web.Response(status=202)

    async def _verify(self, form: dict[str, str]) -> None:
        challenge = secrets.token_hex(8)
        params = {"hub.mode": form["hub.mode"], "hub.topic": form["hub.topic"], "hub.challenge": challenge,
                  "hub.lease_seconds": "3600"}
        async with aiohttp.ClientSession() as s, s.get(form["hub.callback"], params=params) as resp:
            if resp.status == 200 and await resp.text() == challenge:
                self.verified.add(form["hub.topic"])

    async def push(self, topic: str, body: bytes, *, secret: str | None = None) -> int:
        """Deliver `body` to the topic's subscriber, signed with its secret (or with `secret`, to forge)."""
        form = self.subscriptions[topic]
        key = (secret or form["hub.secret"]).encode()
        signature = "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()
        headers = {"Content-Type": "application/rss+xml", "X-Hub-Signature": signature}
        async with aiohttp.ClientSession() as s, s.post(form["hub.callback"], data=body, headers=headers) as resp:
            return resp.status


async def _until(check, timeout: float) -> bool:
    deadline = asyncio.get_running_loop().time() + timeout
    while not check():
        if asyncio.get_running_loop().time() > deadline:
            return False
        await asyncio.sleep(0.1)
    return True


async def test_a_signed_push_alerts_without_waiting_for_the_next_poll(tmp_path: Path) -> None:
    hub = FakeHub()
    await hub.start()
    stories = make_stories(20)
    site = ProgressiveSite(stories, feeds=2, hub=hub.url)
    await site.start()
    site.reveal(10)  # already on the feeds at the first poll: recorded, not alerted
    port = free_port()
    config = write_config(tmp_path / "feeds.yaml", site.feed_urls())
    config.write_text(config.read_text() + f'websub: {{callback_url: "http://127.0.0.1:{port}"}}\n')
    proc = await start_run(config, f"sqlite:///{tmp_path / 'push.db'}", http_port=port,
                           env={"BORDERDESK_WEBSUB_SECRET": "push-test-secret"})
    lines: list[dict] = []

    async def read() -> None:
        assert proc.stdout is not None
        async for raw in proc.stdout:
            if raw.startswith(b"{"):
                lines.append(json.loads(raw))

    reader = asyncio.create_task(read())
    topics = site.feed_urls()
    try:
        assert await _until(lambda: hub.verified == set(topics), 60), (hub.subscriptions, hub.verified)
        polls_before = dict(site.hits)
        site.reveal(10)
        forged = await hub.push(topics[0], site.feed_xml(0), secret="not-the-secret")
        await asyncio.sleep(1)
        assert forged == 202 and not [m for m in lines if m.get("type") == "alert"]  # ignored, quietly
        assert {await hub.push(t, site.feed_xml(n)) for n, t in enumerate(topics)} == {202}
        expected = {s.title for s in stories[10:] if s.on_beat}
        posted = lambda: {m["alert"]["title"] for m in lines if m.get("type") == "alert" and m.get("kind") == "post"}
        assert await _until(lambda: posted() >= expected, 40), posted()
        polls_after = dict(site.hits)
    finally:
        proc.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(proc.wait(), 30)
        await asyncio.wait_for(reader, 10)
        err = (await proc.stderr.read()).decode()  # type: ignore[union-attr]
        await site.close()
        await hub.close()
    assert code == 0, err[-2000:]
    titles = [m["alert"]["title"] for m in lines if m.get("type") == "alert" and m.get("kind") == "post"]
    assert sorted(titles) == sorted(expected)  # each new on-beat story once, nothing from before, nothing off-beat
    assert polls_after == polls_before == {"feed0": 1, "feed1": 1}  # the alerts came by push, not by a poll
