"""The demo's sample coverage (samples/stories.yaml), loaded into typed records."""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class SampleFeed:
    name: str
    slug: str
    format: str  # "rss" | "atom" | "broken"


@dataclass(frozen=True, slots=True)
class SampleStory:
    feed: str
    slug: str
    phase: int
    minutes_ago: int
    title: str
    summary: str
    body: tuple[str, ...]
    article: str = "ok"  # "missing": the page answers 404


@dataclass(frozen=True, slots=True)
class Catalog:
    feeds: tuple[SampleFeed, ...]
    stories: tuple[SampleStory, ...]

    def stories_for(self, feed_slug: str, phase: int) -> list[SampleStory]:
        """Newest first, as feeds list them."""
        found = [s for s in self.stories if s.feed == feed_slug and s.phase <= phase]
        return sorted(found, key=lambda s: s.minutes_ago)

    def story(self, slug: str) -> SampleStory | None:
        return next((s for s in self.stories if s.slug == slug), None)


def _story(raw: dict[str, Any]) -> SampleStory:
    return SampleStory(
        feed=raw["feed"], slug=raw["slug"], phase=int(raw["phase"]), minutes_ago=int(raw["minutes_ago"]),
        title=raw["title"], summary=raw["summary"], body=tuple(raw.get("body") or ()), article=raw.get("article", "ok"),
    )


def load_catalog(text: str | None = None) -> Catalog:
    """The bundled catalog, or one given as YAML text (tests write their own)."""
    if text is None:
        text = resources.files("bot.demo").joinpath("samples/stories.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    feeds = tuple(SampleFeed(**f) for f in data["feeds"])
    return Catalog(feeds=feeds, stories=tuple(_story(s) for s in data["stories"]))
