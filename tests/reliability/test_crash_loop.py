"""Crash test of the long-running service: `borderdesk run` (no --once) killed with SIGKILL while it is in the
middle of posting a backlog of alerts to a slow Slack, restarted each time. In the end every on-beat story
has reached Slack exactly once: the restarted service takes over the dead one's leases, and a post that landed
just before the kill is found by its nonce in the channel history instead of being sent again."""
from __future__ import annotations

import asyncio
import random
import signal
import time
from collections import Counter
from pathlib import Path
from typing import Any

from aiohttp import web

from tests.platforms.slack.fake_slack import FakeSlack
from tests.reliability.procs import sigkill, slack_env, start_run, write_config
from tests.reliability.site import ProgressiveSite, make_stories

KILLS = 6


class SlowSlack(FakeSlack):
    """Each chat.postMessage takes a while, so a kill lands in the middle of a send now and then."""

    async def _chat_postMessage(self, data: dict[str, Any]) -> web.Response:
        await asyncio.sleep(0.12)
        return await super()._chat_postMessage(data)


async def test_the_running_service_killed_mid_delivery_loses_nothing_and_repeats_nothing(tmp_path: Path) -> None:
    rng = random.Random(112526)
    stories = make_stories(60)
    site, slack = ProgressiveSite(stories, feeds=3), SlowSlack()
    await site.start()
    await slack.start()
    site.reveal(len(stories))
    config = write_config(tmp_path / "feeds.yaml", site.feed_urls(), backfill=100, console=False, lease="5s",
                          extra_routes=', slack: ["CDESK"]')
    env = slack_env(slack.url, "loop")
    store = f"sqlite:///{tmp_path / 'loop.db'}"
    expected = {s.title for s in stories if s.on_beat}

    def posted() -> list[str]:
        return [m["text"] for m in slack.messages.get("CDESK", [])]

    progress: list[int] = []
    try:
        for _ in range(KILLS):
            proc = await start_run(config, store, env=env, console="text")
            started = len(posted())
            deadline = time.monotonic() + 60
            while len(posted()) < started + 2 and time.monotonic() < deadline:  # wait until it is posting
                await asyncio.sleep(0.05)
            await asyncio.sleep(rng.uniform(0.0, 0.6))
            assert await sigkill(proc), "the service ended on its own before it was killed"
            progress.append(len(posted()))
        proc = await start_run(config, store, env=env, console="text")
        deadline = time.monotonic() + 150  # a feed whose poll a kill cut short waits out its lease (60 s)
        while len({t for t in posted() if any(t.startswith(x) for x in expected)}) < len(expected):
            assert time.monotonic() < deadline, f"{len(posted())} of {len(expected)} delivered"
            await asyncio.sleep(0.2)
        await asyncio.sleep(2)  # anything still in flight would show up as a duplicate now
        proc.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(proc.communicate(), 30)
        assert proc.returncode == 0, err.decode()[-3000:]
    finally:
        await site.close()
        await slack.close()
    counts = Counter(posted())
    duplicates = sum(n - 1 for n in counts.values())
    lost = [title for title in expected if not any(t.startswith(title) for t in counts)]
    print(f"\ncrash test (running service): {KILLS} SIGKILLs mid-delivery, posted after each kill {progress}; "
          f"{len(expected)} on-beat stories, {len(posted())} alerts delivered, {duplicates} duplicates, {len(lost)} lost")
    assert progress == sorted(progress) and progress[-1] < len(expected)  # each run was cut off with work left
    assert not lost and duplicates == 0 and len(posted()) == len(expected)
