"""/facts: key figures with what they measure and where they were reported."""
from __future__ import annotations

from typing import Any

from bot.replies import FactList, Reply
from handlers.common import PAGE_SIZE, fact_line, make_page, page_of, parse_since
from handlers.spec import CommandSpec, Invocation, Option


async def facts(inv: Invocation, services: Any) -> Reply:
    about = (inv.args.get("about") or "").strip() or None
    page = page_of(inv.args)
    since = parse_since(inv.args.get("since"), services.now())
    rows, total = await services.store.find_facts(about=about, since=since, limit=PAGE_SIZE,
                                                  offset=(page - 1) * PAGE_SIZE)
    title = f"Key figures on “{about}”" if about else "Key figures"
    return FactList(title=title, facts=tuple(fact_line(r) for r in rows), page=make_page(inv.args, total, page),
                    empty_text="No figures match. Try one word, e.g. lumber.")


SPEC = CommandSpec(
    name="facts",
    description="Key figures (money, percentages, quantities) with what they measure and their source",
    handler=facts,
    options=(
        Option("about", "Subject, e.g. lumber, dairy, steel"),
        Option("since", "Only figures since, e.g. 24h, 7d", type="since"),
        Option("page", "Page number", type="integer", min_value=1, max_value=1000),
    ),
    usage="/facts [about] [since]",
    examples=("/facts about:lumber since:30d",),
)
