"""Command latency on a full archive: each command's handler through the router (store query + reply).

Fills a store with 100,000 items, 300,000 quotes, 50,000 tariff reports and 300,000 facts at --scale 1
(the same generator as bench/commands_store.py), then dispatches every command many times with varied
arguments and prints p50/p99 per command, on SQLite and (with BORDERDESK_TEST_PG set, or --pg URL) on
PostgreSQL. /summary is left out: it fetches a page, so its time is the network's. The last line reads
`worst p99: <N> ms`.

    .venv/bin/python bench/commands.py [--scale 1] [--runs 200] [--backend sqlite|postgresql|both]
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from commands_store import FIRST, LAST, PRODUCTS, WORDS, fill

from bot.app import App
from bot.config import load_config
from bot.services import build_router
from bot.store import open_store
from handlers.spec import Invocation


def cases(rng: random.Random) -> dict[str, tuple[str, Any]]:
    speakers = [f"{f} {last}" for f in FIRST for last in LAST]
    return {
        "/latest": ("latest", dict),
        "/latest since page": ("latest", lambda: {"since": "90d", "page": rng.choice([1, 2, 5])}),
        "/quotes": ("quotes", dict),
        "/quotes speaker": ("quotes", lambda: {"speaker": rng.choice(speakers).split()[-1].lower()}),
        "/quotes PM full name": ("quotes", lambda: {"speaker": "PM " + rng.choice(speakers)}),
        "/quotes about": ("quotes", lambda: {"about": rng.choice(WORDS)}),
        "/quotes speaker about since": ("quotes", lambda: {"speaker": rng.choice(speakers), "about": rng.choice(WORDS), "since": "365d"}),
        "/tariffs": ("tariffs", dict),
        "/tariffs country product": ("tariffs", lambda: {"country": "Canada", "product": rng.choice(PRODUCTS)}),
        "/tariffs history (chart)": ("tariffs", lambda: {"product": rng.choice(PRODUCTS), "country": "US", "history": "true"}),
        "/facts": ("facts", dict),
        "/facts about": ("facts", lambda: {"about": rng.choice(WORDS)}),
        "/feeds": ("feeds", dict),
        "/help": ("help", dict),
        "autocomplete speaker": ("@speaker", lambda: rng.choice(speakers)[:2]),
    }


async def measure(router: Any, runs: int) -> dict[str, tuple[float, float]]:
    rng, found = random.Random(5), {}
    for label, (name, make) in cases(rng).items():
        times = []
        for _ in range(runs):
            args = make()
            inv = Invocation(platform="bench", user="u", channel="c", args=args if isinstance(args, dict) else {})
            t = time.perf_counter()
            if name == "@speaker":
                await router.autocomplete("quotes", "speaker", args, inv)
            else:
                reply = await router.dispatch(name, inv)
                assert type(reply).__name__ != "ErrorReply", (label, reply)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        found[label] = (statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))])
    return found


async def bench(backend: str, url: str, items: int, runs: int) -> dict[str, tuple[float, float]]:
    store = open_store(url)
    await store.open()
    try:
        seconds = await fill(store, items)
        await store.optimize()
        print(f"{backend}: filled {items:,} items ({items * 3:,} quotes, {items // 2:,} tariff reports, "
              f"{items * 3:,} facts) in {seconds:.0f} s", flush=True)
        app = App(config=load_config(str(ROOT / "feeds.yaml")), store=store, adapters={})
        return await measure(build_router(app), runs)
    finally:
        await store.close()


async def _pg_url(base: str) -> tuple[str, Any]:
    import secrets

    import asyncpg

    schema = f"bench_{secrets.token_hex(4)}"
    conn = await asyncpg.connect(base)
    await conn.execute(f'CREATE SCHEMA "{schema}"')

    async def drop() -> None:
        await conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
        await conn.close()

    return f"{base}{'&' if '?' in base else '?'}schema={schema}", drop


async def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    ap.add_argument("--pg", default=os.environ.get("BORDERDESK_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test"))
    args = ap.parse_args()
    items = int(100_000 * args.scale)
    worst = 0.0
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    for backend in backends:
        if backend == "sqlite":
            tmp = tempfile.mkdtemp(prefix="bd-bench-")
            results = await bench("sqlite", f"sqlite:///{tmp}/bench.db", items, args.runs)
        else:
            url, drop = await _pg_url(args.pg)
            try:
                results = await bench("postgresql", url, items, args.runs)
            finally:
                await drop()
        print(f"{'command':<30} {'p50 ms':>8} {'p99 ms':>8}   ({backend})")
        for label, (p50, p99) in results.items():
            print(f"{label:<30} {p50:8.2f} {p99:8.2f}")
            worst = max(worst, p99)
    print(f"worst p99: {worst:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
