"""Security end to end: a real `borderdesk run --once` process against a hostile local site.

Feed URLs the operator wrote are trusted for their first hop only; every redirect and every article
link is checked, so a feed cannot steer the bot at internal addresses. Secrets from the environment
never reach the logs, even at debug level and even inside URLs.
"""
from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.store import open_store

SECRET = "feedkey-7d1c0b9a55e2"
ARTICLE_HITS: list[str] = []


def rss(base: str) -> str:
    items = "".join(
        f"<item><title>Canada slaps counter-tariffs on U.S. steel, item {i}</title>"
        f"<link>{base}/articles/{i}</link><guid>g{i}</guid>"
        f"<description>Ottawa answers Washington's steel tariffs with 25 per cent counter-tariffs on U.S. goods.</description></item>"
        for i in range(3)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'


async def hostile_site() -> tuple[TestServer, str]:
    app = web.Application()
    state: dict[str, str] = {}

    async def feed(request: web.Request) -> web.Response:
        return web.Response(text=rss(state["base"]), content_type="application/rss+xml")

    async def article(request: web.Request) -> web.Response:
        ARTICLE_HITS.append(request.path)
        return web.Response(text="<html><body><p>secret internal page</p></body></html>", content_type="text/html")

    def redirect(to: str):
        async def handler(request: web.Request) -> web.Response:
            raise web.HTTPFound(to.format(base=state["base"], port=state["port"]))
        return handler

    app.router.add_get("/feed.xml", feed)
    app.router.add_get("/articles/{n}", article)
    app.router.add_get("/to-metadata", redirect("http://169.254.169.254/latest/meta-data/"))
    app.router.add_get("/to-localhost", redirect("http://localhost:{port}/feed.xml"))
    app.router.add_get("/to-file", redirect("file:///etc/passwd"))
    app.router.add_get("/to-loopback-name", redirect("http://localtest.me:{port}/feed.xml"))
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    state["base"], state["port"] = f"http://127.0.0.1:{server.port}", str(server.port)
    return server, state["base"]


def config(base: str) -> str:
    feeds = "\n".join(
        f'  - {{name: "{name}", url: "{base}{path}", topics: [us-canada-trade]}}'
        for name, path in [("good", "/feed.xml?key=${FEED_API_KEY}"), ("metadata", "/to-metadata"),
                           ("localhost", "/to-localhost"), ("file", "/to-file"), ("dns", "/to-loopback-name")]
    )
    return f"""defaults: {{backfill: 3}}
topics:
  us-canada-trade: {{}}
feeds:
{feeds}
routes:
  - {{topic: us-canada-trade, console: true}}
"""


async def test_run_refuses_internal_targets_and_keeps_secrets_out_of_logs(tmp_path: Path) -> None:
    server, base = await hostile_site()
    try:
        (tmp_path / "feeds.yaml").write_text(config(base))
        env = {k: v for k, v in os.environ.items() if k != "BORDERDESK_ALLOW_PRIVATE_NETWORKS"}
        env.update(FEED_API_KEY=SECRET, BORDERDESK_WEBSUB_SECRET="websub-" + SECRET, PYTHONUNBUFFERED="1")
        db = tmp_path / "s.db"
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "-vv", "run", "--once", "--config", str(tmp_path / "feeds.yaml"),
            "--store", f"sqlite:///{db}", "--console", "json", env=env, cwd=tmp_path,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        out, err = await asyncio.wait_for(proc.communicate(), 120)
    finally:
        await server.close()
    logs = err.decode()
    assert proc.returncode == 0, logs[-2000:]
    assert SECRET not in logs and SECRET not in out.decode()
    assert ARTICLE_HITS == []  # article links pointing at loopback were refused, not fetched
    store = open_store(f"sqlite:///{db}")
    await store.open()
    try:
        health = {h.name: h.last_error for h in await store.feed_health()}
    finally:
        await store.close()
    assert not health["good"]  # the operator's own feed URL is trusted
    for name in ("metadata", "localhost", "file", "dns"):
        assert health[name], f"{name} should have failed"
    assert "169.254.169.254" in health["metadata"] or "metadata" in health["metadata"].lower()
