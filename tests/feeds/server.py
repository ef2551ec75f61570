"""A real aiohttp feed server on 127.0.0.1 that serves written feeds and injects faults on request."""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import zlib
from dataclasses import dataclass, field
from typing import Self

from aiohttp import web
from aiohttp.test_utils import TestServer


@dataclass
class Feed:
    """One served feed; change `body` to publish, the ETag follows the body."""

    body: bytes
    content_type: str = "application/rss+xml"
    headers: dict[str, str] = field(default_factory=dict)
    conditional: bool = True
    gzip: bool = False
    deflate: str = ""  # "zlib" or "raw": Content-Encoding deflate, as specified or as seen in the wild

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'


class FaultyFeedServer:
    """Routes: /feed/{name}, /status/{code}, /stall, /trickle, /big, /bigdeclared, /bomb,
    /loop/{n}, /moved/{name} (301), /temp/{name} (302), /redirect?to=URL, /page (HTML)."""

    def __init__(self) -> None:
        self.feeds: dict[str, Feed] = {}
        self.hits: dict[str, int] = {}
        self.requests: list[web.Request] = []
        self.release = asyncio.Event()
        app = web.Application()
        app.router.add_get("/feed/{name}", self.feed)
        app.router.add_get("/status/{code}", self.status)
        app.router.add_get("/stall", self.stall)
        app.router.add_get("/trickle", self.trickle)
        app.router.add_get("/big", self.big)
        app.router.add_get("/bigdeclared", self.big_declared)
        app.router.add_get("/bomb", self.bomb)
        app.router.add_get("/loop/{n}", self.loop)
        app.router.add_get("/moved/{name}", self.moved)
        app.router.add_get("/temp/{name}", self.temp)
        app.router.add_get("/redirect", self.redirect)
        app.router.add_get("/page", self.page)
        self.server = TestServer(app, host="127.0.0.1")
        self._bomb: bytes | None = None

    async def __aenter__(self) -> Self:
        await self.server.start_server()
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.release.set()
        await self.server.close()

    def url(self, path: str) -> str:
        return str(self.server.make_url(path))

    def _count(self, request: web.Request) -> None:
        self.requests.append(request)
        self.hits[request.path] = self.hits.get(request.path, 0) + 1

    async def feed(self, request: web.Request) -> web.StreamResponse:
        self._count(request)
        feed = self.feeds.get(request.match_info["name"])
        if feed is None:
            raise web.HTTPNotFound()
        if feed.conditional and request.headers.get("If-None-Match") == feed.etag:
            return web.Response(status=304, headers={"ETag": feed.etag, **feed.headers})
        body = gzip.compress(feed.body) if feed.gzip else feed.body
        headers = {"ETag": feed.etag, "Content-Type": feed.content_type, **feed.headers}
        if feed.gzip:
            headers["Content-Encoding"] = "gzip"
        if feed.deflate:
            packer = zlib.compressobj(wbits=zlib.MAX_WBITS if feed.deflate == "zlib" else -zlib.MAX_WBITS)
            body = packer.compress(feed.body) + packer.flush()
            headers["Content-Encoding"] = "deflate"
        return web.Response(body=body, headers=headers)

    async def status(self, request: web.Request) -> web.Response:
        self._count(request)
        headers = {k: v for k, v in request.query.items() if k in ("Retry-After",)}
        return web.Response(status=int(request.match_info["code"]), text="no", headers=headers)

    async def stall(self, request: web.Request) -> web.Response:
        self._count(request)
        await self.release.wait()  # answers only when the server shuts down
        return web.Response(text="late")

    async def trickle(self, request: web.Request) -> web.StreamResponse:
        """Sends headers and a first byte, then goes silent."""
        self._count(request)
        resp = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        await resp.prepare(request)
        await resp.write(b"<")
        await self.release.wait()
        return resp

    async def big(self, request: web.Request) -> web.StreamResponse:
        """50 MB streamed without a Content-Length."""
        self._count(request)
        resp = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        await resp.prepare(request)
        chunk = b"x" * (1 << 20)
        try:
            for _ in range(50):
                await resp.write(chunk)
        except (ConnectionResetError, RuntimeError):
            pass  # the client hung up at its cap, as it should
        return resp

    async def big_declared(self, request: web.Request) -> web.StreamResponse:
        self._count(request)
        resp = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        resp.content_length = 50 * (1 << 20)
        await resp.prepare(request)
        return resp  # never sends the body: the client must refuse on the header alone

    async def bomb(self, request: web.Request) -> web.Response:
        """A ~50 KB gzip body that inflates to 50 MB of zeros."""
        self._count(request)
        if self._bomb is None:
            self._bomb = gzip.compress(b"\0" * (50 << 20), compresslevel=9)
        return web.Response(
            body=self._bomb, headers={"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"}
        )

    async def loop(self, request: web.Request) -> web.Response:
        self._count(request)
        n = int(request.match_info["n"])
        raise web.HTTPFound(f"/loop/{(n + 1) % 2}")

    async def moved(self, request: web.Request) -> web.Response:
        self._count(request)
        raise web.HTTPMovedPermanently(f"/feed/{request.match_info['name']}")

    async def temp(self, request: web.Request) -> web.Response:
        self._count(request)
        raise web.HTTPFound(f"/feed/{request.match_info['name']}")

    async def redirect(self, request: web.Request) -> web.Response:
        self._count(request)
        raise web.HTTPFound(request.query["to"])

    async def page(self, request: web.Request) -> web.Response:
        self._count(request)
        from tests.feeds.samples import HTML_PAGE

        return web.Response(body=HTML_PAGE, content_type="text/html")
