"""Load: sustained slash-command traffic through the real Slack HTTP endpoint of a running `borderdesk run`,
and a burst of 1,000 alerts delivered under a rate-limiting Slack without losing or repeating any.

Figures are printed (run with -s to see them); the assertions hold the platform limits (Slack wants
an acknowledgement within 3 s) and the integrity of the outbox, not a machine-dependent speed.
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import statistics
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.clock import SystemClock
from bot.delivery import DeliveryWorker
from bot.demo.server import DemoNewsServer
from bot.models import Analysis, Item, Relevance
from bot.platforms.slack import SlackAdapter
from bot.store import Target, open_store
from tests.platforms.slack.fake_slack import FakeSlack
from tests.reliability.procs import free_port, start_run, write_config

SECRET = "load-test-signing-secret"
RATE, SECONDS = 50, 60
MIX = [("latest", ""), ("latest", "count:5 since:7d"), ("quotes", "duval"), ("quotes", "about:mills"),
       ("tariffs", "steel"), ("tariffs", "country:US"), ("facts", "lumber"), ("feeds", ""), ("help", "")]


class Answers:
    """Where the bot posts its answers (each command's response_url), timestamped on arrival."""

    def __init__(self) -> None:
        self.arrived: dict[str, float] = {}
        self.url = ""

    async def start(self) -> TestServer:
        async def answer(request: web.Request) -> web.Response:
            self.arrived[request.match_info["n"]] = time.perf_counter()
            await request.read()
            return web.Response(text="ok")

        app = web.Application()
        app.router.add_post("/r/{n}", answer)
        server = TestServer(app, host="127.0.0.1")
        await server.start_server(access_log=None)
        self.url = f"http://127.0.0.1:{server.port}"
        return server


def signed(command: str, text: str, response_url: str) -> tuple[str, dict[str, str]]:
    body = urlencode({"command": f"/{command}", "text": text, "user_id": "U1", "channel_id": "C1", "team_id": "T1",
                      "response_url": response_url, "trigger_id": "t"})
    ts = str(int(time.time()))
    sig = "v0=" + hmac.new(SECRET.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return body, {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig,
                  "Content-Type": "application/x-www-form-urlencoded"}


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * q))] if values else float("nan")


async def test_sustained_signed_commands_through_the_slack_endpoint(tmp_path: Path) -> None:
    news, slack, answers = DemoNewsServer(), FakeSlack(), Answers()
    await news.start()
    news.publish(2)
    await slack.start()
    answers_server = await answers.start()
    port = free_port()
    config = write_config(tmp_path / "feeds.yaml", [news.feed_url(f.slug) for f in news.catalog.feeds], backfill=20,
                          console=False, extra_routes=', slack: ["CDESK"]')
    env = {"SLACK_BOT_TOKEN": "xoxb-load", "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": f"{slack.url}/api/"}
    proc = await start_run(config, f"sqlite:///{tmp_path / 'load.db'}", env=env, console="text", http_port=port)
    acks: list[float] = []
    statuses: Counter[int] = Counter()
    sent: dict[str, float] = {}
    try:
        await slack.until(lambda: len(slack.called("chat.postMessage")) >= 5, timeout=60)
        endpoint = f"http://127.0.0.1:{port}/slack/events"
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=200)) as http:
            async def one(n: int) -> None:
                command, text = MIX[n % len(MIX)]
                body, headers = signed(command, text, f"{answers.url}/r/{n}")
                t0 = time.perf_counter()
                sent[str(n)] = t0
                async with http.post(endpoint, data=body, headers=headers) as resp:
                    await resp.read()
                    statuses[resp.status] += 1
                acks.append(time.perf_counter() - t0)

            tasks, start = [], time.perf_counter()
            for n in range(RATE * SECONDS):  # open loop: 50 requests every second, whatever the answers do
                await asyncio.sleep(max(0.0, start + n / RATE - time.perf_counter()))
                tasks.append(asyncio.create_task(one(n)))
            await asyncio.gather(*tasks)
            elapsed = time.perf_counter() - start
            deadline = time.perf_counter() + 30
            while len(answers.arrived) < len(sent) and time.perf_counter() < deadline:
                await asyncio.sleep(0.2)
    finally:
        proc.terminate()
        await asyncio.wait_for(proc.wait(), 30)
        await answers_server.close()
        await slack.close()
        await news.close()
    answer_times = [answers.arrived[n] - sent[n] for n in answers.arrived]
    print(f"\nload: {len(sent)} signed commands in {elapsed:.1f} s ({len(sent) / elapsed:.1f}/s), statuses {dict(statuses)}; "
          f"acknowledgement p50 {statistics.median(acks) * 1000:.1f} ms, p99 {pct(acks, 0.99) * 1000:.1f} ms; "
          f"answer p50 {statistics.median(answer_times) * 1000:.1f} ms, p99 {pct(answer_times, 0.99) * 1000:.1f} ms; "
          f"{len(answers.arrived)} answers")
    assert statuses == {200: len(sent)} and len(sent) >= RATE * SECONDS
    assert pct(acks, 0.99) < 3.0  # Slack's limit for the acknowledgement
    assert len(answers.arrived) == len(sent)


class LimitedSlack(FakeSlack):
    """Slack that allows `per_second` posts a second and answers 429 with Retry-After beyond that."""

    def __init__(self, per_second: int) -> None:
        super().__init__()
        self.per_second, self.window, self.used, self.limited = per_second, 0, 0, 0

    async def _chat_postMessage(self, data: dict[str, Any]) -> web.Response:
        now = int(time.monotonic())
        if now != self.window:
            self.window, self.used = now, 0
        if self.used >= self.per_second:
            self.limited += 1
            return web.json_response({"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": "1"})
        self.used += 1
        return await super()._chat_postMessage(data)


async def test_a_burst_of_1000_alerts_under_rate_limits_loses_none(tmp_path: Path) -> None:
    slack = LimitedSlack(per_second=100)
    await slack.start()
    store = open_store(f"sqlite:///{tmp_path / 'burst.db'}")
    await store.open()
    now = datetime.now(UTC)
    channels = [Target("slack", f"C{n}") for n in range(4)]
    for i in range(250):  # 250 stories to 4 channels: 1,000 alerts at once
        item = Item(key=f"b{i}", feed="Burst Wire", title=f"Burst story {i}: ministers meet over {i}% duty",
                    url=f"https://burst.example/{i}", published=now, fetched_at=now)
        await store.add_item(item, Analysis(summary=f"Summary {i}.", relevance=Relevance(True, 0.9)),
                             "us-canada-trade", channels)
    adapter = SlackAdapter(token="xoxb-burst", signing_secret=SECRET, api_url=f"{slack.url}/api/")
    worker = DeliveryWorker(store, {"slack": adapter}, SystemClock(), "burst-worker")
    start = time.perf_counter()
    try:
        while (await store.outbox_counts())["pending"]:
            await worker.drain()
            await asyncio.sleep(0.1)
    finally:
        await store.close()
        await slack.close()
    elapsed = time.perf_counter() - start
    posted = [(ch, m["text"]) for ch, msgs in slack.messages.items() for m in msgs]
    counts = Counter(posted)
    print(f"\nburst: 1000 alerts to 4 channels in {elapsed:.1f} s under a 100/s limit; {slack.limited} answered 429, "
          f"{worker.stats.deferred} held back until Retry-After; {len(posted)} delivered, "
          f"{sum(c - 1 for c in counts.values())} duplicates")
    assert len(posted) == 1000 and max(counts.values()) == 1
    assert slack.limited > 0 and worker.stats.retried == slack.limited and worker.stats.deferred > 0
    # After a 429 a channel's other alerts wait for Retry-After: about one refusal per channel and one-second
    # window of the fake's limit (4 channels, 1,000 posts at 100/s), never one per alert.
    assert slack.limited <= 80, slack.limited
