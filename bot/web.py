"""The process's one HTTP server: /healthz, /readyz, /metrics, and the routes adapters mount (Slack, WebSub)."""
from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.metrics import Metrics

log = logging.getLogger(__name__)

ReadyCheck = Callable[[], Awaitable[dict[str, bool]]]


def build_web_app(metrics: Metrics, ready: ReadyCheck) -> web.Application:
    """Health endpoints only; the composition root adds the rest before starting it."""
    app = web.Application(client_max_size=1 << 20)

    async def healthz(_: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def readyz(_: web.Request) -> web.Response:
        checks = await ready()
        ok = all(checks.values())
        return web.json_response({"ready": ok, "checks": checks}, status=200 if ok else 503)

    async def metrics_view(_: web.Request) -> web.Response:
        return web.Response(body=metrics.render(), content_type="text/plain", charset="utf-8")

    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.router.add_get("/metrics", metrics_view)
    return app


async def start_web(app: web.Application, host: str, port: int) -> web.AppRunner:
    """Start serving; returns the runner so shutdown can close it. Port 0 picks a free port."""
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    log.info("HTTP server on %s", ", ".join(str(a) for a in runner.addresses))
    return runner
