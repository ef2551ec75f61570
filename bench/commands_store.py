"""Store query latency on a full archive: fills 100,000 items (300,000 quotes, 50,000 tariff reports,
300,000 facts at --scale 1) through `import_items`, then times every query verb behind the commands.

    .venv/bin/python bench/commands_store.py [--scale 0.1] [--backend sqlite|postgresql|both] [--runs 200]

Prints p50/p99 per query and backend; the last line reads `worst p99: <N> ms`. The texts are
generated from a small made-up vocabulary (no real articles).
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
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.models import Analysis, Fact, Item, Quote, Relevance, Tariff
from bot.store import open_store

FIRST = ["Avery", "Blake", "Casey", "Dana", "Ellis", "Frankie", "Gale", "Harper", "Indra", "Jules", "Kai", "Lane", "Morgan", "Noor", "Oakley", "Parker"]
LAST = ["Ashgrove", "Birchall", "Copperfield", "Dunmore", "Elmsworth", "Fairbanks", "Glenholm", "Hartwell", "Ironside", "Juniper"]
TITLES = ["Prime Minister", "Premier", "Secretary", "Senator", "Minister", ""]
WORDS = ["steel", "aluminum", "lumber", "dairy", "autos", "energy", "potash", "canola", "border", "tariff", "duty", "quota", "exports", "imports", "jobs", "plants", "mills", "farmers", "workers", "talks", "deal", "review", "deadline", "retaliation", "market", "prices", "supply", "investment", "trucks", "rail", "ports", "pipeline", "uranium", "fisheries", "wheat", "beef", "pork"]
COUNTRIES = ["US", "Canada", "Mexico", "China", "Japan", "Germany", "Brazil", "India"]
PRODUCTS = ["steel", "aluminum", "softwood lumber", "dairy", "autos", "auto parts", "energy", "potash",
            "canola", "beef", "pork", "wheat", "copper", "nickel", "electric vehicles", "solar panels",
            "semiconductors", "fertilizer", "seafood", "furniture"]
STATUSES = ["in_force", "announced", "threatened", "removed", "paused", "exempted"]
START = datetime(2024, 1, 1, tzinfo=UTC)
TOPICS = ["us-canada-trade", "us-canada-trade", "us-canada-trade", "energy"]


def _sentence(rng: random.Random, n: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def make_batch(rng: random.Random, start: int, count: int, total: int, tariff_every: int) -> list[Any]:
    """`count` items from index `start`: 3 quotes and 3 facts each, a tariff report every few items."""
    speakers = [f"{f} {last}" for f in FIRST for last in LAST]
    batch = []
    for i in range(start, start + count):
        when = START + timedelta(minutes=i * (2 * 365 * 24 * 60) / total)
        item = Item(key=f"k{i}", feed=f"Feed {i % 40}", title=_sentence(rng, 8), url=f"https://news{i % 40}.example/a/{i}",
                    published=when, fetched_at=when + timedelta(minutes=2), summary=_sentence(rng))
        quotes = tuple(
            Quote(_sentence(rng, 14), (rng.choice(TITLES) + " " + rng.choice(speakers)).strip(),
                  sentence=_sentence(rng, 20)) for _ in range(3))
        facts = tuple(Fact(f"{rng.randint(1, 900)} {rng.choice(['million', 'billion', 'tonnes', 'per cent'])}",
                           " ".join(rng.sample(WORDS, 3)), _sentence(rng, 16), "quantity") for _ in range(3))
        tariffs = ()
        if i % tariff_every == 0:
            imposer, target = rng.sample(COUNTRIES[:3], 2) if rng.random() < 0.8 else rng.sample(COUNTRIES, 2)
            tariffs = (Tariff(imposer, target, (rng.choice(PRODUCTS),), rate=f"{rng.choice([10, 25, 35, 50])}%",
                              status=rng.choice(STATUSES), sentence=_sentence(rng)),)  # type: ignore[arg-type]
        analysis = Analysis(_sentence(rng, 30), Relevance(True, 0.9), quotes=quotes, tariffs=tariffs, facts=facts)
        batch.append((item, analysis, TOPICS[i % len(TOPICS)]))
    return batch


async def fill(store: Any, items: int, seed: int = 7) -> float:
    rng, started, step = random.Random(seed), time.perf_counter(), 1000
    for start in range(0, items, step):
        await store.import_items(make_batch(rng, start, min(step, items - start), items, tariff_every=2))
    return time.perf_counter() - started


def queries(rng: random.Random, stories: int) -> dict[str, Callable[[Any], Awaitable[Any]]]:
    speakers = [f"{f} {last}" for f in FIRST for last in LAST]
    since = START + timedelta(days=600)
    return {
        "latest": lambda s: s.latest(limit=10),
        "latest topic+page": lambda s: s.latest(topic="energy", limit=10, offset=rng.choice([0, 10, 50])),
        "latest since": lambda s: s.latest(since=since, limit=10),
        "quotes": lambda s: s.find_quotes(limit=10),
        "quotes speaker": lambda s: s.find_quotes(speaker=rng.choice(speakers).split()[-1], limit=10),
        "quotes full name": lambda s: s.find_quotes(speaker="PM " + rng.choice(speakers), limit=10),
        "quotes about": lambda s: s.find_quotes(about=rng.choice(WORDS), limit=10),
        "quotes speaker+about": lambda s: s.find_quotes(speaker=rng.choice(speakers), about=rng.choice(WORDS)),
        "quotes about since": lambda s: s.find_quotes(about=rng.choice(WORDS), since=since),
        "speakers": lambda s: s.speakers(rng.choice(speakers)[:2]),
        "tariffs": lambda s: s.tariff_table(),
        "tariffs country": lambda s: s.tariff_table(country=rng.choice(COUNTRIES)),
        "tariffs country+product": lambda s: s.tariff_table(country="Canada", product=rng.choice(PRODUCTS)),
        "tariff history": lambda s: s.tariff_history("US", "Canada", rng.choice(PRODUCTS)),
        "tariff products": lambda s: s.tariff_products(rng.choice(PRODUCTS)[:2]),
        "tariff countries": lambda s: s.tariff_countries(),
        "facts": lambda s: s.find_facts(limit=10),
        "facts about": lambda s: s.find_facts(about=rng.choice(WORDS), limit=10),
        "facts about two words": lambda s: s.find_facts(about=" ".join(rng.sample(WORDS, 2)), limit=10),
        "alert message": lambda s: s.alert_message(rng.randint(1, stories)),
    }


async def measure(store: Any, runs: int, stories: int) -> dict[str, tuple[float, float]]:
    rng, found = random.Random(11), {}
    for name, run in queries(rng, stories).items():
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            await run(store)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        found[name] = (statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))])
    return found


async def bench(backend: str, url: str, items: int, runs: int) -> dict[str, tuple[float, float]]:
    store = open_store(url)
    await store.open()
    try:
        seconds = await fill(store, items)
        await store.optimize()
        print(f"{backend}: filled {items:,} items in {seconds:.0f} s ({items / seconds:,.0f} items/s)", flush=True)
        return await measure(store, runs, stories=items)
    finally:
        await store.close()


async def pg_url(base: str) -> tuple[str, Callable[[], Awaitable[None]]]:
    import asyncpg

    conn = await asyncpg.connect(base.replace("postgresql+asyncpg", "postgresql"))
    schema = f"bench_{os.getpid()}"
    await conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}")

    async def drop() -> None:
        await conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        await conn.close()

    return f"{base}{'&' if '?' in base else '?'}schema={schema}", drop


async def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scale", type=float, default=1.0, help="1.0 = 100,000 items")
    ap.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--pg", default=os.environ.get("BORDERDESK_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test"))
    args = ap.parse_args()
    items, worst = int(100_000 * args.scale), 0.0
    results = {}
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as tmp:
            results["sqlite"] = await bench("sqlite", f"sqlite:///{tmp}/bench.db", items, args.runs)
    if args.backend in ("postgresql", "both"):
        url, drop = await pg_url(args.pg)
        try:
            results["postgresql"] = await bench("postgresql", url, items, args.runs)
        finally:
            await drop()
    for backend, found in results.items():
        print(f"\n{backend} ({items:,} items, {args.runs} runs each)   p50 ms   p99 ms")
        for name, (p50, p99) in found.items():
            print(f"  {name:<28} {p50:8.1f} {p99:8.1f}")
            worst = max(worst, p99)
    print(f"worst p99: {worst:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
