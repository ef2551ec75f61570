"""Restarts: run, stop, run again on the same store — nothing is alerted twice, and news published while
the bot was stopped is alerted once when it comes back."""
from __future__ import annotations

import asyncio
from pathlib import Path

from bot.demo.server import DemoNewsServer
from tests.reliability.procs import alerts, start_run, write_config


async def _run(config: Path, store: str) -> list[str]:
    proc = await start_run(config, store, once=True, console="json")
    out, err = await asyncio.wait_for(proc.communicate(), 120)
    assert proc.returncode == 0, err.decode()[-2000:]
    return [a["alert"]["title"] for a in alerts(out)]


async def test_restarts_never_repeat_alerts_and_catch_up_on_news(tmp_path: Path) -> None:
    news = DemoNewsServer()
    await news.start()
    config = write_config(tmp_path / "feeds.yaml", [news.feed_url(f.slug) for f in news.catalog.feeds], backfill=0)
    store = f"sqlite:///{tmp_path / 'restart.db'}"
    try:
        first = await _run(config, store)  # a new bot records what is already there
        again = await _run(config, store)
        news.publish(2)  # news breaks while the bot is stopped
        back = await _run(config, store)
        after = await _run(config, store)
    finally:
        await news.close()
    assert first == [] and again == [] and after == []
    assert len(back) == len(set(back)) == 6  # the six on-beat stories of phase 2, each once
    assert all("Leafs" not in t and "Beijing" not in t for t in back)
