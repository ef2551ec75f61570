"""A local news site for the demo and the tests: RSS and Atom feeds plus article pages, on loopback.

It behaves like a real publisher where it matters to the bot: ETags and 304s, article pages with
page furniture around the text, a feed that fails, an article that is gone. `publish(phase)` makes
later stories appear, so a demo or test can show what happens when news breaks after the first poll.
"""
from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape

from aiohttp import web

from bot.demo.catalog import Catalog, SampleStory, load_catalog

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {outlet}</title>
<script>window.dataLayer = [];</script></head>
<body><nav><a href="/">Home</a> <a href="/business">Business</a> <a href="/politics">Politics</a></nav>
<main><article>
<h1>{title}</h1>
<p class="byline">By Staff Reporter, {outlet}</p>
{paragraphs}
</article>
<aside><h2>Most read</h2><ul><li><a href="/x">Ten recipes for a long weekend</a></li></ul></aside></main>
<footer><p>Copyright 2026 {outlet}. Sample content written for the BorderDesk demo.</p></footer>
</body></html>"""


class DemoNewsServer:
    """Serves the catalog; start with `await server.start()`, read `server.base_url`."""

    def __init__(self, catalog: Catalog | None = None, now: datetime | None = None) -> None:
        self.catalog = catalog or load_catalog()
        self.phase = 1
        self.now = now or datetime.now(UTC)
        self.requests: list[str] = []
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    def publish(self, phase: int) -> None:
        self.phase = phase

    def feed_url(self, slug: str) -> str:
        return f"{self.base_url}/feeds/{slug}.xml"

    def article_url(self, slug: str) -> str:
        return f"{self.base_url}/articles/{slug}"

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        app = web.Application()
        app.router.add_get("/feeds/{slug}.xml", self._feed)
        app.router.add_get("/articles/{slug}", self._article)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        bound = self._runner.addresses[0]
        self.base_url = f"http://{bound[0]}:{bound[1]}"
        return self.base_url

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def _when(self, story: SampleStory) -> datetime:
        return self.now - timedelta(minutes=story.minutes_ago)

    async def _feed(self, request: web.Request) -> web.StreamResponse:
        slug = request.match_info["slug"]
        self.requests.append(f"feed:{slug}")
        feed = next((f for f in self.catalog.feeds if f.slug == slug), None)
        if feed is None:
            raise web.HTTPNotFound()
        if feed.format == "broken":
            return web.Response(status=500, text="internal error")
        stories = self.catalog.stories_for(slug, self.phase)
        body = (self._atom if feed.format == "atom" else self._rss)(feed.name, slug, stories).encode()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        ctype = "application/atom+xml" if feed.format == "atom" else "application/rss+xml"
        return web.Response(body=body, headers={"ETag": etag, "Content-Type": f"{ctype}; charset=utf-8"})

    def _rss(self, name: str, slug: str, stories: list[SampleStory]) -> str:
        items = "".join(
            f"<item><title>{escape(s.title)}</title><link>{self.article_url(s.slug)}?utm_source=rss</link>"
            f"<guid isPermaLink=\"false\">{slug}-{s.slug}</guid><pubDate>{format_datetime(self._when(s))}</pubDate>"
            f"<description>{escape(s.summary)}</description></item>"
            for s in stories
        )
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(name)}</title>'
                f"<link>{self.base_url}/</link><description>Sample feed</description>{items}</channel></rss>")

    def _atom(self, name: str, slug: str, stories: list[SampleStory]) -> str:
        entries = "".join(
            f"<entry><title>{escape(s.title)}</title><link href=\"{self.article_url(s.slug)}\"/>"
            f"<id>urn:demo:{slug}:{s.slug}</id><updated>{self._when(s).isoformat()}</updated>"
            f"<summary>{escape(s.summary)}</summary></entry>"
            for s in stories
        )
        updated = self.now.isoformat()
        return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                f"<title>{escape(name)}</title><id>urn:demo:{slug}</id><updated>{updated}</updated>{entries}</feed>")

    async def _article(self, request: web.Request) -> web.StreamResponse:
        slug = request.match_info["slug"]
        self.requests.append(f"article:{slug}")
        story = self.catalog.story(slug)
        if story is None or story.article == "missing" or story.phase > self.phase:
            raise web.HTTPNotFound()
        outlet = next(f.name for f in self.catalog.feeds if f.slug == story.feed)
        paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in story.body)
        page = _PAGE.format(title=escape(story.title), outlet=escape(outlet), paragraphs=paragraphs)
        return web.Response(text=page, content_type="text/html")
