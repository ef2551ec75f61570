"""Fixtures: a fake Slack on loopback, and a running App whose only platform is the real Slack adapter.

The App polls the demo's sample news site through the real pipeline into a SQLite store; its Bolt app
is mounted on the bot's own web server (bot/web.py) on a free loopback port, exactly as `borderdesk run`
does, and talks to the fake Web API through SLACK_API_URL.
"""
from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest

from bot.app import App
from bot.clock import ManualClock
from bot.config import parse_config
from bot.demo.catalog import Catalog
from bot.demo.server import DemoNewsServer
from bot.platforms.slack import SlackAdapter, build_slack_adapter
from bot.store import open_store
from bot.web import build_web_app, start_web
from tests.platforms.slack.fake_slack import FakeSlack

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
ALERTS, OPS = "CALERTS", "COPS"


def sign(body: str, secret: str = SECRET, timestamp: int | None = None) -> dict[str, str]:
    """Slack's request signature: v0= HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}",
            "Content-Type": "application/x-www-form-urlencoded"}


def slack_config(server: DemoNewsServer, tmp_path: Path, prefix: str = "") -> Any:
    feeds = "\n".join(f'  - {{name: "{f.name}", url: "{server.feed_url(f.slug)}", topics: [us-canada-trade]}}'
                      for f in server.catalog.feeds)
    text = f"""\
defaults: {{interval: 1m, backfill: 0, failures_before_pause: 3}}
topics:
  us-canada-trade: {{}}
feeds:
{feeds}
routes:
  - {{topic: us-canada-trade, slack: [{ALERTS}]}}
operations: {{slack: {OPS}, console: false}}
slack: {{command_prefix: "{prefix}", admin_users: [UEDITOR]}}
security: {{allow_private_networks: true}}
"""
    path = tmp_path / "feeds.yaml"
    path.write_text(text, encoding="utf-8")
    return parse_config(text, str(path), env={})


@dataclass
class SlackDesk:
    app: App
    adapter: SlackAdapter
    fake: FakeSlack
    server: DemoNewsServer
    clock: ManualClock
    url: str  # the bot's /slack/events
    http: aiohttp.ClientSession
    dispatched: list[str] = field(default_factory=list)
    _n: int = 0

    async def post(self, body: str, headers: dict[str, str]) -> aiohttp.ClientResponse:
        async with self.http.post(self.url, data=body.encode(), headers=headers) as resp:
            await resp.read()
            return resp

    async def command(self, name: str, text: str = "", user: str = "UREADER", wait: bool = True,
                      **headers: Any) -> dict[str, Any] | None:
        """A signed slash command over HTTP; returns what the bot sent to its response URL."""
        self._n += 1
        form = {"token": "legacy", "team_id": "T1", "channel_id": "CNEWS", "channel_name": "newsroom",
                "user_id": user, "user_name": user.lower(), "command": f"/{name}", "text": text,
                "response_url": f"{self.fake.url}/response/{self._n}", "trigger_id": f"trig.{self._n}",
                "api_app_id": "A1"}
        body = urlencode(form)
        before = len(self.fake.responses)
        resp = await self.post(body, {**sign(body), **headers})
        assert resp.status == 200, resp.status
        if not wait:
            return None
        await self.fake.until(lambda: len(self.fake.responses) > before)
        return self.fake.responses[before]


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    slack = FakeSlack()
    await slack.start()
    try:
        yield slack
    finally:
        await slack.close()


@pytest.fixture
def news_catalog() -> Catalog | None:
    """The sample site's stories: the demo's own unless a test module overrides this fixture."""
    return None


@pytest.fixture
async def desk(fake: FakeSlack, tmp_path: Path, news_catalog: Catalog | None) -> AsyncIterator[SlackDesk]:
    server = DemoNewsServer(news_catalog)
    await server.start()
    config = slack_config(server, tmp_path)
    adapter = build_slack_adapter(config, {"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": SECRET,
                                           "SLACK_API_URL": f"{fake.url}/api/"})
    clock = ManualClock(datetime.now(UTC))
    app = App(config=config, store=open_store(f"sqlite:///{tmp_path / 'store.db'}"), adapters={"slack": adapter},
              config_path=config.path, clock=clock)
    await app.start()
    web_app = build_web_app(app.metrics, lambda: _ready(app))
    adapter.mount(web_app)
    runner = await start_web(web_app, "127.0.0.1", 0)
    host, port = runner.addresses[0][:2]
    http = aiohttp.ClientSession()
    d = SlackDesk(app, adapter, fake, server, clock, f"http://{host}:{port}/slack/events", http)
    dispatch = app.router.dispatch

    async def counting(name: str, invocation: Any) -> Any:  # records that a handler was reached
        d.dispatched.append(name)
        return await dispatch(name, invocation)

    app.router.dispatch = counting  # type: ignore[method-assign]
    try:
        yield d
    finally:
        await http.close()
        await app.stop()
        await runner.cleanup()
        await server.close()


async def _ready(app: App) -> dict[str, bool]:
    return {name: a.connected() for name, a in app.adapters.items()}


async def first_poll(desk: SlackDesk) -> None:
    """The first poll records what is already on the feeds without alerting (no flood on start-up)."""
    assert desk.app.ingestor is not None
    await desk.app.ingestor.poll_due(force=True)


async def next_phase(desk: SlackDesk, phase: int) -> None:
    """Stories of the next phase appear on the sample site; poll and deliver their alerts."""
    assert desk.app.ingestor is not None and desk.app.delivery is not None
    desk.server.publish(phase)
    await desk.app.ingestor.poll_due(force=True)
    await desk.app.delivery.drain()


async def fill(desk: SlackDesk) -> None:
    """The sample site's first poll, then its breaking stories, alerted."""
    await first_poll(desk)
    await next_phase(desk, 2)
