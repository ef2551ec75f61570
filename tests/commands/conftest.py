"""Fixtures: a running App whose store was filled by the real pipeline over the demo's sample feeds."""
from __future__ import annotations

import io
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.app import App
from bot.demo.run import demo_config
from bot.demo.server import DemoNewsServer
from bot.platforms.console import ConsoleAdapter
from bot.store import open_store
from handlers.spec import Invocation
from tests.pg import make_store, store, store_url  # noqa: F401  (fixtures)


@dataclass
class Desk:
    app: App
    server: DemoNewsServer
    console: ConsoleAdapter
    out: io.StringIO

    async def ask(self, command: str, admin: bool = False, platform: str = "console", channel: str = "C1", **args: object):
        inv = Invocation(platform=platform, user="u1", channel=channel, args=dict(args), is_admin=admin)
        return await self.app.router.dispatch(command, inv)

    async def type(self, line: str) -> str:
        """A command typed at the console prompt, rendered as the console shows it."""
        self.out.seek(0)
        self.out.truncate()
        self.console.show(await self.console.run_line(self.app.router, line))
        return self.out.getvalue()


@pytest.fixture
async def desk(store_url: str, tmp_path: Path) -> AsyncIterator[Desk]:
    server = DemoNewsServer()
    await server.start()
    out = io.StringIO()
    console = ConsoleAdapter(mode="text", out=out)
    config = demo_config(server, tmp_path)
    app = App(config=config, store=open_store(store_url), adapters={"console": console}, config_path=config.path)
    await app.start()
    try:
        assert app.ingestor is not None and app.delivery is not None
        await app.ingestor.poll_due(force=True)
        server.publish(2)
        await app.ingestor.poll_due(force=True)
        await app.delivery.drain()
        yield Desk(app, server, console, out)
    finally:
        await app.stop()
        await server.close()
