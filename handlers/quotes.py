"""/quotes: who said what, newest first; one line per quote however many outlets carried it."""
from __future__ import annotations

from typing import Any

from bot.replies import QuoteList, Reply
from handlers.common import PAGE_SIZE, make_page, page_of, parse_since, quote_line, speaker_query
from handlers.spec import CommandSpec, Invocation, Option


async def quotes(inv: Invocation, services: Any) -> Reply:
    speaker = speaker_query(inv.args.get("speaker"))
    about = (inv.args.get("about") or "").strip() or None
    page = page_of(inv.args)
    since = parse_since(inv.args.get("since"), services.now())
    rows, total = await services.store.find_quotes(
        speaker=speaker, about=about, since=since, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    parts = ["Quotes"] + ([f"by {inv.args['speaker']}"] if speaker else []) + ([f"about “{about}”"] if about else [])
    return QuoteList(title=" ".join(parts), quotes=tuple(quote_line(r) for r in rows),
                     page=make_page(inv.args, total, page),
                     empty_text="No quotes match. Try a surname alone, or a wider window (since:30d).")


SPEC = CommandSpec(
    name="quotes",
    description="Direct quotes by speaker or subject, with every outlet that carried them",
    handler=quotes,
    options=(
        Option("speaker", "Who said it (any form of the name: carney, Mark Carney, PM Carney)", autocomplete="speakers"),
        Option("about", "Words in the quote or its sentence, e.g. steel"),
        Option("since", "Only quotes since, e.g. 24h, 7d", type="since"),
        Option("page", "Page number", type="integer", min_value=1, max_value=1000),
    ),
    usage="/quotes [speaker] [about] [since]",
    examples=("/quotes speaker:carney about:steel since:7d",),
)
