"""Two `borderdesk run` processes on one PostgreSQL database and one feed set: each feed is polled once
per interval (not once per instance), and each alert is delivered once (not once per instance)."""
from __future__ import annotations

import asyncio
import signal
from collections import Counter
from pathlib import Path

import pytest

from tests.pg import store_url  # noqa: F401  (fixture)
from tests.reliability.procs import alerts, start_run, write_config
from tests.reliability.site import ProgressiveSite, make_stories


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
async def test_two_instances_share_feeds_and_alerts(store_url: str, tmp_path: Path) -> None:
    stories = make_stories(40)
    site = ProgressiveSite(stories, feeds=4)
    await site.start()
    site.reveal(len(stories))
    config = write_config(tmp_path / "feeds.yaml", site.feed_urls(), backfill=100)
    procs = [await start_run(config, store_url) for _ in range(2)]
    expected = {s.title for s in stories if s.on_beat}
    outs: list[bytes] = [b"", b""]
    try:
        readers = [asyncio.create_task(p.stdout.read()) for p in procs]  # type: ignore[union-attr]
        await asyncio.sleep(25)  # several poll ticks of both, well inside one 60 s interval
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        codes = [await asyncio.wait_for(p.wait(), 30) for p in procs]
        outs = [await r for r in readers]
        errs = [(await p.stderr.read()).decode() for p in procs]  # type: ignore[union-attr]
        await site.close()
    assert codes == [0, 0], errs
    polls = {name: n for name, n in site.hits.items()}
    assert polls == {f"feed{i}": 1 for i in range(4)}, polls  # one poll per feed per interval, across both
    delivered = [a["alert"]["title"] for out in outs for a in alerts(out)]
    per_instance = [len(alerts(out)) for out in outs]
    counts = Counter(delivered)
    print(f"\ntwo instances: {len(expected)} on-beat stories, {len(delivered)} alerts "
          f"({per_instance[0]} + {per_instance[1]}), duplicates {sum(c - 1 for c in counts.values())}, "
          f"missing {len(expected - set(counts))}, feed polls {sum(polls.values())} for {len(polls)} feeds")
    assert set(counts) == expected and max(counts.values()) == 1
