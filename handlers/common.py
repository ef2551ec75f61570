"""Helpers every handler shares: time windows, paging, and turning store rows into reply lines."""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.replies import FactLine, Page, QuoteLine, StoryLine, TariffLine
from bot.store.base import TOTAL_CAP, FactRow, QuoteRow, StoryRow, TariffRow
from handlers.spec import ArgumentError

PAGE_SIZE = 10
_SPAN = re.compile(r"^(\d{1,4})\s*(m|min|h|hr|hours?|d|days?|w|weeks?)$", re.IGNORECASE)
_UNITS = {"m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400, "w": 7 * 86400}
SINCE_HELP = "write e.g. 24h, 7d, 2w, today, yesterday or a date like 2026-03-04"


def parse_since(value: Any, now: datetime) -> datetime | None:
    """'24h', '7d', '2w', 'today', 'yesterday', '2026-03-04' → a UTC datetime; None/'' → no limit."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    text = str(value).strip().lower()
    if text in ("all", "ever", "any"):
        return None
    midnight = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    if text == "today":
        return midnight
    if text == "yesterday":
        return midnight - timedelta(days=1)
    m = _SPAN.match(text)
    if m:
        unit = m.group(2).lower()
        key = "min" if unit in ("m", "min") else unit[0] if unit[0] in "hdw" else unit
        return now - timedelta(seconds=int(m.group(1)) * _UNITS[key])
    try:
        day = datetime.fromisoformat(text)
    except ValueError:
        raise ArgumentError(f"“{value}” is not a time I understand.", SINCE_HELP) from None
    return day if day.tzinfo else day.replace(tzinfo=UTC)


def page_of(args: dict[str, Any]) -> int:
    return max(1, int(args.get("page") or 1))


def make_page(args: dict[str, Any], total: int, page: int, size: int = PAGE_SIZE) -> Page:
    """Where this answer sits; `next_args` re-runs the command one page on, None on the last page."""
    pages = max(1, -(-total // size))
    more = page < pages or (total >= TOTAL_CAP and page * size < total)
    nxt = {**{k: v for k, v in args.items() if v not in (None, "")}, "page": page + 1} if more else None
    return Page(number=page, pages=pages, total=total, next_args=nxt)


def story_line(row: StoryRow) -> StoryLine:
    return StoryLine(title=row.title, url=row.url, summary=row.summary, published=row.published, sources=row.sources)


def quote_line(row: QuoteRow) -> QuoteLine:
    q = row.quote
    return QuoteLine(speaker=q.speaker, role=q.role, text=q.text, published=row.published,
                     sources=row.sources, kind=q.kind)


def tariff_line(row: TariffRow) -> TariffLine:
    return TariffLine(imposed_by=row.imposed_by, target=row.target, product=row.product, rate=row.rate,
                      previous_rate=row.previous_rate, status=row.status, effective=row.effective,
                      since=row.since, source=row.source)


def fact_line(row: FactRow) -> FactLine:
    f = row.fact
    return FactLine(value=f.value, about=f.about, published=row.published, source=row.source, sentence=f.sentence)


_TITLES = re.compile(
    r"^(?:(?:the|u\.?s\.?|canadian|american|former|deputy|acting|federal|provincial)\s+)*"
    r"(?:pm|p\.m\.|prime minister|president|premier|minister|secretary|senator|sen\.|rep\.|gov\.|governor|"
    r"mr\.?|mrs\.?|ms\.?|dr\.?|finance minister|trade minister|commerce secretary|ambassador)\s+", re.IGNORECASE)


def speaker_query(value: str | None) -> str | None:
    """'PM Carney', 'President Trump', 'mark carney' → the name part the store matches on."""
    if not value:
        return None
    name = value.strip()
    while True:
        stripped = _TITLES.sub("", name)
        if stripped == name:
            break
        name = stripped
    return name.strip() or value.strip()
