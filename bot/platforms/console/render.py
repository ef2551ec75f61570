"""Plain-text rendering of replies and alerts for a terminal or a log (pure: values in, text out)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, is_dataclass
from datetime import datetime
from typing import Any

from bot.models import AlertMessage, Source
from bot.replies import (
    ArticleSummary,
    ErrorReply,
    FactList,
    FeedTable,
    HelpReply,
    Page,
    QuoteList,
    Reply,
    StoryList,
    TariffHistory,
    TariffTable,
    TextReply,
)

_CONTROL = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
WIDTH = 100


def clean(text: str | None, limit: int = 2000) -> str:
    """Feed text is untrusted: no terminal escapes, no bidi tricks, bounded length."""
    t = _CONTROL.sub("", unicodedata.normalize("NFC", text or "")).replace("\r", " ")
    return t if len(t) <= limit else t[: limit - 1].rsplit(" ", 1)[0] + "…"


def when(dt: datetime | None) -> str:
    return dt.strftime("%Y-%m-%d %H:%M UTC") if dt else "undated"


def sources(items: tuple[Source, ...]) -> str:
    return ", ".join(clean(s.feed, 80) for s in items) or "unknown source"


def _page(page: Page) -> list[str]:
    if page.pages <= 1 and not page.next_args:
        return []
    more = "  (next: " + " ".join(f"{k}:{v}" for k, v in page.next_args.items()) + ")" if page.next_args else ""
    return [f"  page {page.number}/{page.pages}, {page.total} in all{more}"]


def render_alert(a: AlertMessage) -> str:
    lines = [f"■ {clean(a.title, 300)}", f"  {clean(a.source, 80)} · {when(a.published)}" + (f" · {clean(a.url, 300)}" if a.url else "")]
    if a.summary:
        lines.append(f"  {clean(a.summary, 600)}")
    for q in a.quotes[:3]:
        lines.append(f"  “{clean(q.text, 300)}” — {clean(q.speaker or 'unattributed', 80)}")
    for t in a.tariffs[:4]:
        prev = f" (was {t.previous_rate})" if t.previous_rate else ""
        lines.append(f"  tariff: {t.imposed_by} → {t.target}: {clean(', '.join(t.products), 120)} {t.rate or 'rate n/a'}{prev} [{t.status}]")
    for f in a.facts[:4]:
        lines.append(f"  figure: {clean(f.value, 60)} — {clean(f.about, 160)}")
    if a.also_reported_by:
        lines.append(f"  also reported by: {sources(a.also_reported_by)}")
    return "\n".join(lines)


def render_reply(reply: Reply) -> str:
    """Every reply model as readable lines."""
    renderer = _RENDERERS.get(type(reply))
    return renderer(reply) if renderer else clean(str(reply))


def _text(r: TextReply) -> str:
    return (f"{clean(r.title)}\n  " if r.title else "") + clean(r.text)


def _error(r: ErrorReply) -> str:
    return f"✗ {clean(r.message)}" + (f"\n  hint: {clean(r.hint)}" if r.hint else "")


def _stories(r: StoryList) -> str:
    if not r.stories:
        return f"{r.title}\n  {r.empty_text}"
    out = [r.title]
    for s in r.stories:
        out.append(f"• {clean(s.title, 200)} — {sources(s.sources)}, {when(s.published)}")
        if s.summary:
            out.append(f"  {clean(s.summary, 300)}")
    return "\n".join(out + _page(r.page))


def _quotes(r: QuoteList) -> str:
    if not r.quotes:
        return f"{r.title}\n  {r.empty_text}"
    out = [r.title]
    for q in r.quotes:
        role = f", {clean(q.role, 80)}" if q.role else ""
        out.append(f"• “{clean(q.text, 400)}” — {clean(q.speaker or 'unattributed', 80)}{role} ({sources(q.sources)}, {when(q.published)})")
    return "\n".join(out + _page(r.page))


def _tariff_rows(lines: tuple[Any, ...]) -> list[str]:
    out = []
    for t in lines:
        prev = f" (was {t.previous_rate})" if t.previous_rate else ""
        eff = f", effective {clean(t.effective, 40)}" if t.effective else ""
        src = f" — {clean(t.source.feed, 60)}" if t.source else ""
        out.append(f"• {t.imposed_by} → {t.target} · {clean(t.product, 60)}: {t.rate or 'rate n/a'}{prev} "
                   f"[{t.status.replace('_', ' ')}{eff}] since {when(t.since)}{src}")
    return out


def _tariffs(r: TariffTable) -> str:
    if not r.lines:
        return f"{r.title}\n  {r.empty_text}"
    return "\n".join([r.title] + _tariff_rows(r.lines) + _page(r.page))


def _history(r: TariffHistory) -> str:
    if not r.lines:
        return f"{r.title}\n  No history recorded yet."
    chart = f"\n  chart: {r.chart.filename} ({len(r.chart.data):,} bytes, shown as an image on Discord and Slack)" if r.chart else ""
    return "\n".join([r.title] + _tariff_rows(r.lines)) + chart


def _facts(r: FactList) -> str:
    if not r.facts:
        return f"{r.title}\n  {r.empty_text}"
    out = [r.title] + [f"• {clean(f.value, 60)} — {clean(f.about, 200)} ({clean(f.source.feed, 60) if f.source else 'source n/a'}, {when(f.published)})"
                       for f in r.facts]
    return "\n".join(out + _page(r.page))


def _summary(r: ArticleSummary) -> str:
    out = [clean(r.title, 300), f"  {clean(r.url, 300)}", f"  {clean(r.summary, 800)}"]
    out += [f"  “{clean(q.text, 300)}” — {clean(q.speaker or 'unattributed', 80)}" for q in r.quotes]
    out += [f"  tariff: {t.imposed_by} → {t.target}: {clean(t.product, 60)} {t.rate or 'rate n/a'} [{t.status}]" for t in r.tariffs]
    out += [f"  figure: {clean(f.value, 60)} — {clean(f.about, 160)}" for f in r.facts]
    out.append(f"  on the beat: {'yes' if r.relevant else 'no'}")
    return "\n".join(out)


def _feeds(r: FeedTable) -> str:
    out = [r.title]
    for f in r.feeds:
        ms = f"{f.response_ms:.0f} ms" if f.response_ms is not None else "-"
        err = f" — last error: {clean(f.last_error, 120)}" if f.last_error else ""
        out.append(f"• {clean(f.name, 80)} [{f.status}] last ok {when(f.last_success)}, {f.items_seen} items, {ms}{err}")
    return "\n".join(out + _page(r.page))


def _help(r: HelpReply) -> str:
    return "\n".join([r.title] + [f"• {e.usage}{'  (admins)' if e.admin_only else ''}\n    {e.description}" for e in r.entries])


_RENDERERS: dict[type, Any] = {
    TextReply: _text, ErrorReply: _error, StoryList: _stories, QuoteList: _quotes, TariffTable: _tariffs,
    TariffHistory: _history, FactList: _facts, ArticleSummary: _summary, FeedTable: _feeds, HelpReply: _help,
}


def to_json(value: Any) -> Any:
    """Reply or alert as JSON-ready data (datetimes as ISO strings, charts as their size)."""
    if is_dataclass(value) and not isinstance(value, type):
        data = asdict(value)
    else:
        data = value
    return _jsonable(data)


def _jsonable(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, datetime):
        return v.isoformat()
    if isinstance(v, bytes):
        return f"<{len(v)} bytes>"
    return v
