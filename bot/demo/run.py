"""`borderdesk demo`: the whole bot, offline, on sample feeds served from loopback.

It shows what a desk would see on its first day: the first poll records what is already on the
feeds without flooding the channel, news that breaks afterwards is alerted once (the same story
from two outlets becomes one alert), off-beat items are dropped, a failing feed is reported without
stopping the others, and the slash commands answer from what was learned.
"""
from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path
from typing import Any, TextIO

from bot.app import App
from bot.config import Config, parse_config
from bot.demo.server import DemoNewsServer
from bot.store import open_store

DEMO_COMMANDS = (
    "/latest",
    "/quotes speaker:duval",
    "/quotes about:lumber",
    "/tariffs",
    "/tariffs product:steel history:true",
    "/facts about:steel",
    "/feeds",
    "/help",
)


def demo_config(server: DemoNewsServer, store_dir: Path) -> Config:
    """A feeds.yaml for the local sample site, validated like any other."""
    feeds = "\n".join(
        f'  - {{name: "{f.name}", url: "{server.feed_url(f.slug)}", topics: [us-canada-trade], interval: 1m}}'
        for f in server.catalog.feeds
    )
    text = f"""\
defaults: {{interval: 1m, backfill: 0, failures_before_pause: 3}}
topics:
  us-canada-trade: {{}}
feeds:
{feeds}
routes:
  - {{topic: us-canada-trade, console: true}}
operations: {{console: true}}
security: {{allow_private_networks: true}}
"""
    path = store_dir / "feeds.yaml"
    path.write_text(text, encoding="utf-8")
    return parse_config(text, str(path), env={})


def _say(out: TextIO, text: str = "") -> None:
    print(text, file=out, flush=True)


async def run_demo(console: str = "text", prompt: bool = True, out: TextIO | None = None,
                   workdir: str | None = None) -> int:
    """Run the demo; returns the exit code. `prompt` opens the command line when stdin is a terminal."""
    from bot.platforms.console import ConsoleAdapter

    out = out or sys.stdout
    tmp = tempfile.TemporaryDirectory(prefix="borderdesk-demo-") if workdir is None else None
    base = Path(workdir or tmp.name)  # type: ignore[union-attr]
    server = DemoNewsServer()
    await server.start()
    adapter = ConsoleAdapter(mode=console, out=out)
    app = App(config=demo_config(server, base), store=open_store(f"sqlite:///{base / 'demo.db'}"),
              adapters={"console": adapter})
    try:
        await app.start()
        await _story(app, server, out)
        for line in DEMO_COMMANDS:
            await _command(app, adapter, line, out)
        if prompt and sys.stdin.isatty():
            await _interactive(app, adapter, out)
        else:
            _say(out, "\nDemo finished. Run `borderdesk demo` in a terminal to type your own commands.")
    finally:
        await app.stop()
        await server.close()
        if tmp is not None:
            tmp.cleanup()
    return 0


async def _story(app: App, server: DemoNewsServer, out: TextIO) -> None:
    assert app.ingestor is not None and app.delivery is not None
    _say(out, f"BorderDesk demo — sample news site at {server.base_url} (outlets and people are fictional)\n")
    _say(out, "1. First poll: what is already on the feeds is recorded, not alerted (no flood).")
    first = await app.ingestor.poll_due(force=True)
    await app.delivery.drain()
    _say(out, f"   {first.polled} feeds polled, {first.failed} failing, {first.new_items} items recorded, {first.alerts} alerts.\n")
    _say(out, "2. News breaks: new stories appear on the feeds; the next poll alerts the ones on the beat.\n")
    server.publish(2)
    second = await app.ingestor.poll_due(force=True)
    await app.delivery.drain()
    dropped = second.verdicts.get("off-beat", 0)
    _say(out, f"\n   {second.new_items} new items: {second.alerts} alerted, {second.joined} joined a story already "
              f"alerted (another outlet), {dropped} off the beat and dropped.\n")
    _say(out, "3. Slash commands answer from what the bot learned:")


async def _command(app: App, adapter: Any, line: str, out: TextIO) -> None:
    _say(out, f"\n> {line}")
    adapter.show(await adapter.run_line(app.router, line))


async def _interactive(app: App, adapter: Any, out: TextIO) -> None:
    _say(out, "\nType commands such as /quotes speaker:whitaker or /tariffs country:canada; /help lists them; Ctrl-D ends.")
    stop = asyncio.Event()
    adapter.start_prompt(app.router, stop, stop_on_eof=True)
    await stop.wait()
