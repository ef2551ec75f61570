"""Two real processes on one database share the outbox and the feeds: every row to exactly one of them."""
from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from bot.store import Store, Target
from tests.store.conftest import TOPIC, analysis, at, item

ROOT = Path(__file__).resolve().parents[2]
WORKER = """
import asyncio, json, sys
from datetime import datetime
from bot.store import open_store

async def main(url, owner, now):
    store = open_store(url)
    await store.open()
    now = datetime.fromisoformat(now)
    feeds = await store.claim_feeds([f"feed-{i}" for i in range(40)], owner, now, 300)
    got = []
    while batch := await store.claim_deliveries(owner, now, 2, 300):
        got += [d.id for d in batch]
        for d in batch:
            await store.delivery_done(d.id, f"{owner}-{d.id}", now)
    await store.close()
    print(json.dumps({"deliveries": got, "feeds": feeds}))

asyncio.run(main(*sys.argv[1:]))
"""


async def _run(url: str, owner: str) -> dict:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", WORKER, url, owner, at(10).isoformat(), cwd=ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await proc.communicate()
    assert proc.returncode == 0, err.decode()
    return json.loads(out.decode().strip().splitlines()[-1])


async def test_two_processes_deliver_each_alert_once_and_poll_each_feed_once(store: Store, store_url: str) -> None:
    for i in range(30):
        await store.add_item(item(f"p{i}", minute=i / 10), analysis(), TOPIC,
                             [Target("discord", "111"), Target("slack", "C1")])
    one, two = await asyncio.gather(_run(store_url, "proc-a"), _run(store_url, "proc-b"))
    sent = one["deliveries"] + two["deliveries"]
    assert len(sent) == 60 and len(set(sent)) == 60
    feeds = one["feeds"] + two["feeds"]
    assert sorted(feeds) == sorted(f"feed-{i}" for i in range(40))
    assert await store.outbox_counts() == {"pending": 0, "sent": 60, "failed": 0, "held": 0}
