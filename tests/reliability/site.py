"""A news site for reliability tests: many distinct on-beat stories (and some off-beat ones) revealed bit by bit.

Each on-beat story has its own actors, place, product and figures, so that same-story merging keeps
them apart and every one must be alerted exactly once.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape

from aiohttp import web
from aiohttp.test_utils import TestServer

PEOPLE = ["Aline Boucher", "Victor Osei", "Mina Park", "Jonas Lindqvist", "Priya Raman", "Hugo Lemaire",
          "Tess Calloway", "Omar Haddad", "Ruth Ellison", "Kenji Mori", "Sofia Marquez", "Liam Fraser"]
PLACES = ["Thunder Bay", "Trois-Rivières", "Kamloops", "Moncton", "Lethbridge", "Sarnia", "Brandon",
          "Nanaimo", "Sherbrooke", "Red Deer", "Timmins", "Saint John", "Kingston", "Prince Albert"]
PRODUCTS = ["maple syrup", "canola oil", "frozen fries", "hockey equipment", "plywood", "copper wire",
            "farm tractors", "aircraft parts", "salmon", "blueberries", "fertilizer", "bus chassis",
            "newsprint", "rail cars", "window glass", "pork", "snowmobiles", "solar panels"]
OFF_BEAT = ["Curling club opens new rink in {place}", "Heat warning for {place} this weekend",
            "{place} council approves bike lanes", "Library in {place} extends hours"]


@dataclass(frozen=True, slots=True)
class Story:
    key: str
    title: str
    summary: str
    body: str
    on_beat: bool


def make_stories(n: int) -> list[Story]:
    """`n` stories, roughly one in five off the beat, in publication order."""
    out = []
    for i in range(n):
        place = PLACES[i % len(PLACES)]
        if i % 5 == 4:
            title = OFF_BEAT[i % len(OFF_BEAT)].format(place=place) + f" (No. {i})"
            out.append(Story(f"s{i}", title, f"Residents of {place} reacted on day {i}.", "", False))
            continue
        person, product = PEOPLE[i % len(PEOPLE)], PRODUCTS[(i * 7) % len(PRODUCTS)]
        rate, value = 5 + i % 150, 100 + i * 37
        title = f"{person} warns {place} {product} makers over {rate}% U.S. tariff on Canada (item {i})"
        summary = (f"Washington's {rate} per cent tariff on Canadian {product} threatens ${value} million of exports "
                   f"from {place}, {person} said.")
        body = summary + f" “We cannot wait for Ottawa,” {person} told reporters in {place}."
        out.append(Story(f"s{i}", title, summary, body, True))
    return out


class ProgressiveSite:
    """Feeds `/feed/{n}.xml` list the revealed stories assigned to them; `/a/{key}` serves each article."""

    def __init__(self, stories: list[Story], feeds: int = 3, hub: str = "") -> None:
        self.stories, self.feeds, self.hub = stories, feeds, hub  # hub: a WebSub hub the feeds advertise
        self.revealed = 0
        self.base = ""
        self.hits: dict[str, int] = {}
        self._server: TestServer | None = None
        self._t0 = datetime.now(UTC) - timedelta(days=1)

    def reveal(self, count: int) -> None:
        self.revealed = min(len(self.stories), self.revealed + count)

    def feed_urls(self) -> list[str]:
        return [f"{self.base}/feed/{n}.xml" for n in range(self.feeds)]

    async def start(self) -> str:
        app = web.Application()
        app.router.add_get("/feed/{n}.xml", self._feed)
        app.router.add_get("/a/{key}", self._article)
        self._server = TestServer(app, host="127.0.0.1")
        await self._server.start_server(access_log=None)
        self.base = f"http://127.0.0.1:{self._server.port}"
        return self.base

    async def close(self) -> None:
        if self._server is not None:
            await self._server.close()

    async def _feed(self, request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        self.hits[f"feed{n}"] = self.hits.get(f"feed{n}", 0) + 1
        return web.Response(body=self.feed_xml(n), content_type="application/rss+xml")

    def feed_xml(self, n: int) -> bytes:
        """Feed `n` as it stands: what a poll gets, and what a hub pushes."""
        mine = [(i, s) for i, s in enumerate(self.stories[: self.revealed]) if i % self.feeds == n]
        items = "".join(
            f"<item><title>{escape(s.title)}</title><link>{self.base}/a/{s.key}</link><guid>{s.key}</guid>"
            f"<pubDate>{format_datetime(self._t0 + timedelta(minutes=i))}</pubDate>"
            f"<description>{escape(s.summary)}</description></item>"
            for i, s in reversed(mine[-100:])
        )
        links = (f'<atom:link rel="hub" href="{escape(self.hub)}"/><atom:link rel="self" href="{self.feed_urls()[n]}"/>'
                 if self.hub else "")
        return (f'<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
                f"<title>Feed {n}</title>{links}{items}</channel></rss>").encode()

    async def _article(self, request: web.Request) -> web.Response:
        story = next((s for s in self.stories if s.key == request.match_info["key"]), None)
        if story is None:
            raise web.HTTPNotFound()
        page = f"<html><body><article><h1>{escape(story.title)}</h1><p>{escape(story.body or story.summary)}</p></article></body></html>"
        return web.Response(text=page, content_type="text/html")
