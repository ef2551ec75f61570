"""Analysis speed: characters per second of the whole `borderdesk analyze --jsonl` run, start-up included.

The corpus is the demo's sample articles (this project's own text), repeated with varied numbers
and names so no cache can help. Prints whole-run throughput, per-stage cost in process, and peak memory.

    .venv/bin/python bench/analyze.py [--chars 2000000] [--workers 2]
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.demo.catalog import load_catalog

NAMES = ["Claire Duval", "Ravi Sandhu", "Tom Whitaker", "Annik Roy", "Dana Whitford", "Marc Gagnon"]


def corpus(target_chars: int, seed: int = 7) -> list[dict[str, str]]:
    rng = random.Random(seed)
    stories = [s for s in load_catalog().stories if len(s.body) > 1]
    out: list[dict[str, str]] = []
    size = 0
    while size < target_chars:
        s = rng.choice(stories)
        body = "\n".join(s.body * rng.randint(2, 4))
        body = body.replace("25 per cent", f"{rng.randint(5, 60)} per cent").replace("Claire Duval", rng.choice(NAMES))
        out.append({"id": f"b{len(out)}", "title": s.title, "text": body})
        size += len(body)
    return out


def whole_run(records: list[dict[str, str]], workers: int) -> tuple[float, int]:
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "bot.analysis", "--jsonl", "--workers", str(workers)],
                          input=data, capture_output=True, cwd=ROOT, check=True)
    wall = time.perf_counter() - start
    return wall, proc.stdout.count(b"\n")


def stages(records: list[dict[str, str]]) -> dict[str, float]:
    from bot.analysis.facts import extract_facts
    from bot.analysis.quotes import extract_quotes
    from bot.analysis.relevance import DEFAULT_TOPIC, score_relevance
    from bot.analysis.sentences import split_sentences
    from bot.analysis.summary import summarize
    from bot.analysis.tariffs import extract_tariffs
    from bot.analysis.text import clean_text

    cost = dict.fromkeys(["clean", "sentences", "quotes", "tariffs", "facts", "relevance", "summary"], 0.0)
    for r in records:
        t = time.perf_counter(); text = clean_text(r["text"]); cost["clean"] += time.perf_counter() - t
        t = time.perf_counter(); sents = split_sentences(text); cost["sentences"] += time.perf_counter() - t
        t = time.perf_counter(); extract_quotes(text, sents); cost["quotes"] += time.perf_counter() - t
        t = time.perf_counter(); extract_tariffs(text, sents); cost["tariffs"] += time.perf_counter() - t
        t = time.perf_counter(); facts = tuple(extract_facts(text, sents)); cost["facts"] += time.perf_counter() - t
        t = time.perf_counter(); score_relevance(r["title"], text, DEFAULT_TOPIC); cost["relevance"] += time.perf_counter() - t
        t = time.perf_counter(); summarize(r["title"], text, sents, facts); cost["summary"] += time.perf_counter() - t
    return cost


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--chars", type=int, default=2_000_000)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    records = corpus(args.chars)
    chars = sum(len(r["text"]) for r in records)
    wall, lines = whole_run(records, args.workers)
    print(f"whole run ({args.workers} workers, start-up included): {len(records)} articles, {chars:,} chars, "
          f"{wall:.2f} s, {chars / wall:,.0f} chars/s, {lines} outputs")
    sample = records[: max(1, len(records) // 4)]
    cost = stages(sample)
    sample_chars = sum(len(r["text"]) for r in sample)
    total = sum(cost.values())
    print(f"in process, one core: {sample_chars / total:,.0f} chars/s")
    for name, secs in cost.items():
        print(f"  {name:<10} {secs * 1e6 / sample_chars:6.2f} µs/char  {100 * secs / total:5.1f}%")
    print(f"peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print(f"chars/s: {chars / wall:,.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
