"""Analysis records → rows: quotes (see quote_rows), tariff reports and their lines, facts."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.models import Analysis
from bot.store.norm import country_key, product_key
from bot.store.quote_rows import write_quotes
from bot.store.schema import facts, tariff_lines, tariffs

LINE_LOOKBACK = 200  # reports read to find since when a line has been in its current state


async def write_analysis(
    store: Any, conn: AsyncConnection, analysis: Analysis, item_id: int, story_id: int, published: datetime
) -> None:
    await write_quotes(store, conn, analysis.quotes, item_id, story_id, published)
    await _write_tariffs(store, conn, analysis, item_id, story_id, published)
    fact_rows = [
        {"value": f.value, "about": f.about, "sentence": f.sentence, "kind": f.kind, "item_id": item_id,
         "story_id": story_id, "published": published}
        for f in analysis.facts if f.value.strip()
    ]
    if fact_rows:
        await conn.execute(facts.insert(), fact_rows)


def tariff_rows(analysis: Analysis, item_id: int, story_id: int, published: datetime) -> list[dict]:
    """One row per product a measure names: the table's lines are per (imposer, target, product)."""
    rows = []
    for t in analysis.tariffs:
        for product in dict.fromkeys(p for p in t.products if p.strip()):
            rows.append({
                "imposed_by": t.imposed_by, "target": t.target, "product": product,
                "imposer_norm": country_key(t.imposed_by), "target_norm": country_key(t.target),
                "product_norm": product_key(product), "rate": t.rate, "previous_rate": t.previous_rate,
                "status": t.status, "effective": t.effective, "sentence": t.sentence, "item_id": item_id,
                "story_id": story_id, "published": published,
            })
    return rows


async def _write_tariffs(
    store: Any, conn: AsyncConnection, analysis: Analysis, item_id: int, story_id: int, published: datetime
) -> None:
    rows = tariff_rows(analysis, item_id, story_id, published)
    if not rows:
        return
    await conn.execute(tariffs.insert(), rows)
    for line in dict.fromkeys((r["imposer_norm"], r["target_norm"], r["product_norm"]) for r in rows):
        await refresh_line(store, conn, line)


async def refresh_line(store: Any, conn: AsyncConnection, line: tuple[str, str, str]) -> None:
    """Point the line at its newest report, and date it from the first report of that same state.

    Recomputed from the line's own history, so reports that arrive out of order still land right.
    """
    imposer, target, product = line
    reports = (await conn.execute(
        select(tariffs.c.id, tariffs.c.rate, tariffs.c.status, tariffs.c.published)
        .where(tariffs.c.imposer_norm == imposer, tariffs.c.target_norm == target,
               tariffs.c.product_norm == product)
        .order_by(tariffs.c.published.desc(), tariffs.c.id.desc()).limit(LINE_LOOKBACK)
    )).all()
    start = 0
    if not reports[0].rate and reports[0].status in ("in_force", "announced", "threatened"):
        # a later mention without a rate ("lift the tariffs on steel") adds nothing to the rate we know
        start = next((i for i, r in enumerate(reports) if r.rate), 0)
    current, since = reports[start], reports[start].published
    for r in reports[start + 1:]:
        if (r.rate, r.status) != (current.rate, current.status):
            break
        since = r.published
    stmt = store._insert(tariff_lines).values(
        imposer_norm=imposer, target_norm=target, product_norm=product, current_id=current.id, since=since)
    await conn.execute(stmt.on_conflict_do_update(
        index_elements=[tariff_lines.c.imposer_norm, tariff_lines.c.target_norm, tariff_lines.c.product_norm],
        set_={"current_id": current.id, "since": since, "changes": tariff_lines.c.changes + 1},
    ))
