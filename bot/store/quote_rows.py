"""Quotes → rows in a few statements per item: one row per (speaker, words), one source per outlet.

Outlets name the same speaker differently ("Mark Carney", "Carney"), so a quote row is keyed by the
speaker's last name and the words, and takes the fuller name when a later report gives one.
"""
from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.models import Quote
from bot.store.norm import quote_dedupe_key, speaker_key
from bot.store.schema import quote_sources, quotes, speakers


def _rows(found: tuple[Quote, ...], item_id: int, story_id: int, published: datetime) -> dict[str, dict]:
    rows: dict[str, dict] = {}
    for q in found:
        if not q.text.strip():
            continue
        norm, last = speaker_key(q.speaker)
        key = quote_dedupe_key(last, q.text)
        rows.setdefault(key, {
            "dedupe_key": key, "speaker": q.speaker, "speaker_norm": norm, "speaker_last": last, "role": q.role,
            "text": q.text, "kind": q.kind, "sentence": q.sentence, "item_id": item_id, "story_id": story_id,
            "published": published,
        })
    return rows


async def write_quotes(
    store: Any, conn: AsyncConnection, found: tuple[Quote, ...], item_id: int, story_id: int, published: datetime
) -> None:
    """Insert new quotes, merge known ones, link every one to this item, and count its speakers."""
    await write_quote_reports(store, conn, [_rows(found, item_id, story_id, published)])


async def write_quote_reports(store: Any, conn: AsyncConnection, per_item: list[dict[str, dict]]) -> None:
    """Quote rows of several new items (each dict keyed by dedupe key): the first report makes the row."""
    first: dict[str, dict] = {}
    for rows in per_item:
        for key, row in rows.items():
            first.setdefault(key, row)
    if not first:
        return
    insert = store._insert(quotes).on_conflict_do_nothing(index_elements=[quotes.c.dedupe_key])
    result = await conn.execute(insert.returning(quotes.c.id, quotes.c.dedupe_key), list(first.values()))
    ids = {r.dedupe_key: r.id for r in result}
    norms = {key: row["speaker_norm"] for key, row in first.items()}
    for rows in per_item:  # later reports: another outlet, maybe a fuller name
        known = {k: r for k, r in rows.items() if k not in ids or r is not first[k]}
        for key, (quote_id, norm) in (await _merge(conn, known)).items() if known else ():
            ids[key], norms[key] = quote_id, norm
    # the items are new in this transaction, so every (quote, item) pair is new too
    await conn.execute(quote_sources.insert(), [
        {"quote_id": ids[k], "item_id": r["item_id"]} for rows in per_item for k, r in rows.items()])
    await _count_speakers(store, conn, [(norms[k], r) for rows in per_item for k, r in rows.items()])


async def _merge(conn: AsyncConnection, new: dict[str, dict]) -> dict[str, tuple[int, str]]:
    """Existing rows for these words; each upgraded to this report's speaker name when that is fuller."""
    found = await conn.execute(
        select(quotes.c.id, quotes.c.dedupe_key, quotes.c.speaker_norm, quotes.c.role, quotes.c.sentence)
        .where(quotes.c.dedupe_key.in_(list(new))))
    merged = {}
    for row in found:
        report = new[row.dedupe_key]
        fuller = len(report["speaker_norm"].split()) > len(row.speaker_norm.split())
        changes: dict[str, Any] = {}
        if fuller:
            changes.update(speaker=report["speaker"], speaker_norm=report["speaker_norm"])
        if not row.role and report["role"]:
            changes["role"] = report["role"]
        if not row.sentence and report["sentence"]:
            changes["sentence"] = report["sentence"]
        if changes:
            await conn.execute(update(quotes).where(quotes.c.id == row.id).values(**changes))
        merged[row.dedupe_key] = (int(row.id), report["speaker_norm"] if fuller else row.speaker_norm)
    return merged


async def _count_speakers(store: Any, conn: AsyncConnection, reports: list[tuple[str, dict]]) -> None:
    """Speakers rank (for autocomplete) by how often outlets carry their words."""
    counts = Counter(norm for norm, _ in reports if norm)
    if not counts:
        return
    # a report that named the speaker less fully ("Carney" for "mark carney") does not name the row
    display = {norm: row["speaker"] if row["speaker_norm"] == norm else norm.title() for norm, row in reports if norm}
    latest = {norm: row["published"] for norm, row in sorted(reports, key=lambda r: r[1]["published"]) if norm}
    ins = store._insert(speakers)
    await conn.execute(ins.on_conflict_do_update(
        index_elements=[speakers.c.norm],
        set_={"quotes": speakers.c.quotes + ins.excluded.quotes, "last_quoted": ins.excluded.last_quoted,
              # the plainest form wins ("Mark Carney" over "Prime Minister Mark Carney")
              "display": case((func.length(ins.excluded.display) < func.length(speakers.c.display),
                               ins.excluded.display), else_=speakers.c.display)},
    ), [{"norm": n, "last": n.split()[-1], "display": display[n], "quotes": c, "last_quoted": latest[n]}
        for n, c in counts.items()])
