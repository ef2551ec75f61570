"""/summary <url>: read any article on demand — summary, quotes, tariffs and figures (the slow path)."""
from __future__ import annotations

from typing import Any

from bot.replies import Reply
from handlers.spec import CommandSpec, Invocation, Option


async def summary(inv: Invocation, services: Any) -> Reply:
    return await services.summarize_url(str(inv.args["url"]))


SPEC = CommandSpec(
    name="summary",
    description="Fetch an article and summarise it: quotes, tariffs and key figures",
    handler=summary,
    options=(Option("url", "The article's web address (http or https)", type="url", required=True, max_length=2000),),
    slow=True,
    usage="/summary <url>",
    examples=("/summary url:https://example.com/news/steel-tariffs",),
)
