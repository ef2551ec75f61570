"""/latest: the newest stories on the beat, one line each with summary, sources and time."""
from __future__ import annotations

from typing import Any

from bot.replies import Reply, StoryList
from handlers.common import PAGE_SIZE, make_page, page_of, parse_since, story_line
from handlers.spec import ArgumentError, CommandSpec, Invocation, Option


async def latest(inv: Invocation, services: Any) -> Reply:
    topic = inv.args.get("topic") or None
    known = services.topics()
    if topic and topic not in known:
        raise ArgumentError(f"There is no topic “{topic}”.", f"topics: {', '.join(known)}")
    count = int(inv.args.get("count") or PAGE_SIZE)
    page = page_of(inv.args)
    since = parse_since(inv.args.get("since"), services.now())
    rows, total = await services.store.latest(topic=topic, since=since, limit=count, offset=(page - 1) * count)
    title = f"Latest on {topic}" if topic else "Latest stories"
    return StoryList(title=title, stories=tuple(story_line(r) for r in rows),
                     page=make_page(inv.args, total, page, count),
                     empty_text="No stories yet for that window." if since else "No stories yet.")


SPEC = CommandSpec(
    name="latest",
    description="Newest stories on the beat, with summaries and sources",
    handler=latest,
    options=(
        Option("topic", "Only this topic", autocomplete="topics"),
        Option("count", "How many stories per page (1-25)", type="integer", min_value=1, max_value=25),
        Option("since", "Only stories since, e.g. 24h, 7d, 2026-03-04", type="since"),
        Option("page", "Page number", type="integer", min_value=1, max_value=1000),
    ),
    usage="/latest [topic] [count] [since]",
    examples=("/latest", "/latest count:5 since:24h"),
)
