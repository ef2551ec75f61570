"""/feeds: feed health for everyone; add, remove, pause and resume feeds for admins (written to feeds.yaml)."""
from __future__ import annotations

from typing import Any

from bot.replies import FeedLine, FeedTable, Reply, TextReply
from handlers.common import PAGE_SIZE, make_page, page_of
from handlers.spec import ArgumentError, CommandSpec, Invocation, Option

ACTIONS = ("status", "add", "remove", "pause", "resume")


async def feeds(inv: Invocation, services: Any) -> Reply:
    action = inv.args.get("action") or "status"
    if action == "status":
        return await _status(inv, services)
    if not inv.is_admin:
        raise ArgumentError(f"Only admins may {action} feeds.", "ask someone with Manage Server (Discord) or a workspace admin (Slack)")
    name = (inv.args.get("name") or "").strip()
    if not name:
        raise ArgumentError(f"/feeds {action} needs a feed name.", "e.g. /feeds action:pause name:\"CBC Business\"")
    if action == "add":
        url = inv.args.get("url")
        if not url:
            raise ArgumentError("/feeds add needs a url.", "e.g. /feeds action:add name:Example url:https://example.com/feed.xml")
        text = await services.feed_admin("add", name, url=str(url), topic=inv.args.get("topic"), who=inv.user)
    else:
        text = await services.feed_admin(action, name, who=inv.user)
    return TextReply(text=text, title=f"Feeds: {action}")


async def _status(inv: Invocation, services: Any) -> Reply:
    health = {h.name: h for h in await services.store.feed_health()}
    lines = []
    for feed in services.feed_list():
        h = health.get(feed.name)
        status = "disabled" if not feed.enabled else (h.status if h else "new")
        lines.append(FeedLine(name=feed.name, url=feed.url, status=status,
                              last_success=h.last_success if h else None, last_error=h.last_error if h else "",
                              consecutive_failures=h.consecutive_failures if h else 0,
                              items_seen=h.items_seen if h else 0, response_ms=h.response_ms if h else None))
    order = {"failing": 0, "paused": 1, "disabled": 2, "new": 3, "ok": 4}
    lines.sort(key=lambda f: (order.get(f.status, 5), f.name.lower()))
    page = page_of(inv.args)
    shown = lines[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    failing = sum(1 for f in lines if f.status in ("failing", "paused"))
    title = f"Feeds: {len(lines)} watched" + (f", {failing} need attention" if failing else ", all healthy")
    return FeedTable(title=title, feeds=tuple(shown), page=make_page(inv.args, len(lines), page))


SPEC = CommandSpec(
    name="feeds",
    description="Feed health; admins can add, remove, pause or resume feeds",
    handler=feeds,
    options=(
        Option("action", "status (default), add, remove, pause or resume", choices=ACTIONS),
        Option("name", "Feed name", autocomplete="feeds", max_length=100),
        Option("url", "Feed address, for add", type="url", max_length=2000),
        Option("topic", "Topic for a new feed (default: the first topic)", autocomplete="topics"),
        Option("page", "Page number", type="integer", min_value=1, max_value=1000),
    ),
    usage="/feeds [status|add|remove|pause|resume] [name] [url] [topic]",
    examples=("/feeds", "/feeds action:pause name:\"CBC Business\""),
)
