"""Crash test: real `borderdesk run` processes killed with SIGKILL at random moments, over and over, while
news keeps arriving. Afterwards every on-beat story has reached Slack exactly once: none lost, none twice.

Each round starts `borderdesk run --once` (poll every feed, analyse, store, deliver, exit) against the
tests' feed server and the fake Slack Web API, and kills it at a random moment unless it finished first.
Alerts are written to the store's outbox with their item in one transaction; a send that was cut off
is found again by its nonce in the channel's history before anything is re-posted.
"""
from __future__ import annotations

import asyncio
import random
from collections import Counter
from pathlib import Path

from tests.platforms.slack.fake_slack import FakeSlack
from tests.reliability.procs import sigkill, slack_env, start_run, write_config
from tests.reliability.site import ProgressiveSite, make_stories

KILLS = 50


async def test_sigkill_at_random_moments_loses_nothing_and_sends_nothing_twice(tmp_path: Path) -> None:
    rng = random.Random(20261125)
    stories = make_stories(150)
    site, slack = ProgressiveSite(stories, feeds=3), FakeSlack()
    await site.start()
    await slack.start()
    config = write_config(tmp_path / "feeds.yaml", site.feed_urls(), backfill=100, console=False, lease="5s",
                          extra_routes=', slack: ["CDESK"]')
    env = slack_env(slack.url, "crash")
    store = f"sqlite:///{tmp_path / 'crash.db'}"
    kills = rounds = completed = 0
    try:
        while kills < KILLS:
            rounds += 1
            site.reveal(3)
            proc = await start_run(config, store, once=True, env=env, console="text")
            try:
                await asyncio.wait_for(proc.wait(), rng.uniform(0.4, 4.0))
                assert proc.returncode == 0, (await proc.stderr.read()).decode()[-3000:]  # type: ignore[union-attr]
                completed += 1
            except TimeoutError:
                if await sigkill(proc):
                    kills += 1
                else:  # it finished in the very moment the wait gave up
                    assert proc.returncode == 0, (await proc.stderr.read()).decode()[-3000:]  # type: ignore[union-attr]
                    completed += 1
        site.reveal(len(stories))
        await asyncio.sleep(6)  # leases held by killed processes run out
        for _ in range(2):  # a clean finish: poll the rest, deliver whatever is still owed
            proc = await start_run(config, store, once=True, env=env, console="text")
            _, err = await asyncio.wait_for(proc.communicate(), 180)
            assert proc.returncode == 0, err.decode()[-3000:]
    finally:
        await site.close()
        await slack.close()
    posted = [m["text"] for m in slack.messages.get("CDESK", [])]
    counts = Counter(posted)
    expected = {s.title for s in stories if s.on_beat}
    delivered = {t for t in counts if any(t.startswith(title) for title in expected)}
    lost = [title for title in expected if not any(t.startswith(title) for t in counts)]
    duplicates = sum(n - 1 for n in counts.values())
    print(f"\ncrash test: {rounds} rounds, {kills} SIGKILLs, {completed} runs finished on their own; "
          f"{len(expected)} on-beat stories, {len(posted)} alerts delivered, {duplicates} duplicates, {len(lost)} lost; "
          f"{len(stories) - len(expected)} off-beat items, none posted")
    assert not lost and duplicates == 0 and len(delivered) == len(expected) == len(posted)
