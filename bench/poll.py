"""Poller benchmark: N loopback feeds of 30 items; a cold round (all new) and a steady round (20% changed).

    .venv/bin/python bench/poll.py --feeds 1000
    .venv/bin/python bench/poll.py --feeds 10000

The feed server runs in a child process so its CPU does not count against the poller. Printed per
round: feeds/s (wall clock), CPU ms per feed (user+sys of the poller process, parse threads
included) and peak RSS of the poller process. Targets on 2 cores: cold >= 80 feeds/s, steady >= 500
feeds/s, peak RSS < 300 MB at 10,000 feeds.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import random
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiohttp import web

from bot.feeds.fetch import Fetcher, FetchSettings
from bot.feeds.poller import Poller
from bot.models import FeedState

ITEMS = 30
BASE = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
WORDS = ("lumber", "dairy", "steel", "aluminum", "autos", "quota", "duty", "border", "port", "energy")


# --- the feed server (child process) -------------------------------------------------------


def feed_body(i: int, version: int) -> bytes:
    """Feed i at a version: each new version adds one item on top and drops the oldest."""
    items = []
    for k in range(version, version + ITEMS):
        n = 10_000 - k
        word = WORDS[(i + n) % len(WORDS)]
        when = format_datetime(BASE - timedelta(minutes=k), usegmt=True)
        items.append(
            f"<item><title>Outlet {i}: talks on {word} resume, round {n}</title>"
            f"<link>https://outlet{i % 500}.example/news/{i}/{n}?utm_source=rss</link>"
            f'<guid isPermaLink="false">outlet{i}-{n}</guid>'
            f"<description>&lt;p&gt;Negotiators met again on {word} access and duties; officials "
            f"described round {n} as constructive but said gaps remain.&lt;/p&gt;</description>"
            f"<pubDate>{when}</pubDate></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Outlet {i}</title><link>https://outlet{i}.example/</link>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def serve(feeds: int) -> None:
    versions = [0] * feeds
    cache: dict[int, tuple[int, bytes]] = {}

    async def feed(request: web.Request) -> web.Response:
        i = int(request.match_info["i"])
        etag = f'"{i}-{versions[i]}"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        cached = cache.get(i)
        if cached is None or cached[0] != versions[i]:
            cached = cache[i] = (versions[i], gzip.compress(feed_body(i, versions[i]), compresslevel=1))
        return web.Response(
            body=cached[1],
            headers={"ETag": etag, "Content-Type": "application/rss+xml", "Content-Encoding": "gzip"},
        )

    async def bump(request: web.Request) -> web.Response:
        rng = random.Random(int(request.query.get("seed", "1")))
        chosen = rng.sample(range(feeds), int(feeds * float(request.query["fraction"])))
        for i in chosen:
            versions[i] += 1
        return web.Response(text=str(len(chosen)))

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/f/{i}", feed)
        app.router.add_post("/bump", bump)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0, backlog=4096)
        await site.start()
        port = runner.addresses[0][1]
        print(f"READY {port}", flush=True)
        await asyncio.Event().wait()

    asyncio.run(main())


# --- the poller side --------------------------------------------------------------------


@dataclass
class Round:
    name: str
    feeds: int
    seconds: float
    cpu_s: float
    items: int
    changed: int
    failed: int

    def line(self) -> str:
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return (
            f"{self.name:7s} {self.feeds:6d} feeds in {self.seconds:6.2f} s = "
            f"{self.feeds / self.seconds:7.1f} feeds/s | CPU {self.cpu_s * 1000 / self.feeds:5.2f} ms/feed | "
            f"peak RSS {rss_mb:6.1f} MB | changed {self.changed}, items {self.items}, failed {self.failed}"
        )


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


async def run_round(name: str, poller: Poller, states: list[FeedState]) -> Round:
    cpu0, t0 = _cpu(), time.perf_counter()
    items = changed = failed = 0
    index = {s.name: n for n, s in enumerate(states)}
    async for outcome in poller.poll_many([(s, 300.0) for s in states]):
        states[index[outcome.state.name]] = outcome.state
        items += len(outcome.items)
        changed += outcome.changed
        failed += not outcome.ok
    return Round(name, len(states), time.perf_counter() - t0, _cpu() - cpu0, items, changed, failed)


async def bench(feeds: int, port: int, concurrency: int, fast: bool) -> None:
    settings = FetchSettings(
        global_limit=concurrency, per_host=concurrency, allow_private=True, total_timeout=60, read_timeout=30
    )
    base = f"http://127.0.0.1:{port}"
    states = [FeedState(name=f"feed{i}", url=f"{base}/f/{i}") for i in range(feeds)]
    async with Fetcher(settings) as fetcher:
        poller = Poller(fetcher, rng=random.Random(1), fast_parse=fast)
        print(
            f"poller: {feeds} feeds x {ITEMS} items, global limit {concurrency} "
            f"(all feeds share one loopback host, so per-host = global)"
        )
        print((await run_round("cold", poller, states)).line())
        async with fetcher.session.post(f"{base}/bump", params={"fraction": "0.2"}) as resp:
            await resp.read()
        print((await run_round("steady", poller, states)).line())
        print(
            f"parsed {poller.stats['parsed']} bodies ({poller.stats['fast']} by the fast path), "
            f"{poller.stats['not_modified']} x 304"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--feeds", type=int, default=1000)
    ap.add_argument("--concurrency", type=int, default=64)
    ap.add_argument("--no-fast", action="store_true", help="parse with feedparser only (for comparison)")
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        serve(args.feeds)
        return
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve", "--feeds", str(args.feeds)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        port = int(child.stdout.readline().split()[1])
        asyncio.run(bench(args.feeds, port, args.concurrency, not args.no_fast))
    finally:
        child.terminate()
        child.wait(timeout=10)


if __name__ == "__main__":
    main()
