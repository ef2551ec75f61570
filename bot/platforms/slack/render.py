"""Block Kit for alerts and command replies (pure: models in, JSON-ready dicts out).

Every piece of feed text goes through `mrkdwn.safe` (or `plain` for plain_text fields), so nothing a
feed says can ping a channel, mention a user or smuggle a link. Buttons carry the command and the
arguments to re-run (next page, share in channel, a tariff line's history), so no state is kept.
"""
from __future__ import annotations

import json
from typing import Any

from bot.models import AlertMessage, Tariff
from bot.platforms.slack.mrkdwn import (
    FALLBACK,
    MAX_BLOCKS,
    button,
    chunks,
    context,
    cut,
    header,
    link,
    plain,
    safe,
    section,
    sources,
    when,
)
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
    TariffLine,
    TariffTable,
    TextReply,
)

PAGE_ACTION, SHARE_ACTION, HISTORY_ACTION = "borderdesk_page", "borderdesk_share", "borderdesk_history"
ACTIONS = (PAGE_ACTION, SHARE_ACTION, HISTORY_ACTION)


def action_value(command: str, args: dict[str, Any]) -> str:
    return json.dumps({"command": command, "args": args}, separators=(",", ":"))


def alert_blocks(a: AlertMessage) -> tuple[str, list[dict[str, Any]]]:
    """An alert: headline, source and time, summary, then quotes, tariffs and figures; plus fallback text."""
    blocks = [header(a.title or "(untitled)"), context(f"{link(a.url, safe(a.source, 80))} · {when(a.published)}")]
    if a.summary:
        blocks.append(section(safe(a.summary, 1500)))
    if a.quotes:
        blocks.append(section("\n".join(_quote(q.text, q.speaker, q.role) for q in a.quotes[:3])))
    if a.tariffs:
        blocks.append(section("*Tariffs*\n" + "\n".join(_alert_tariff(t) for t in a.tariffs[:5])))
    if a.facts:
        blocks.append(section("*Key figures*\n" + "\n".join(f"• *{safe(f.value, 60)}* — {safe(f.about, 200)}"
                                                            for f in a.facts[:5])))
    if a.also_reported_by:
        blocks.append(context("Also reported by " + sources(a.also_reported_by)))
    fallback = f"{a.title} — {a.source}" + (f": {a.summary}" if a.summary else "")
    return safe(fallback, min(FALLBACK, 600)), blocks[:MAX_BLOCKS]


def _quote(text: str, speaker: str | None, role: str | None) -> str:
    who = safe(speaker or "unattributed", 80) + (f", {safe(role, 80)}" if role else "")
    return f"> “{safe(text, 400)}”\n> — *{who}*"


def _alert_tariff(t: Tariff) -> str:
    return _tariff(t.imposed_by, t.target, ", ".join(t.products), t.rate, t.previous_rate, t.status, t.effective)


def _tariff(imposer: str, target: str, products: str, rate: str, previous: str, status: str, effective: str) -> str:
    prev = f" (was {safe(previous, 20)})" if previous else ""
    eff = f", {safe(effective, 40)}" if effective else ""
    return (f"• {safe(imposer, 40)} → {safe(target, 40)}: {safe(products, 120)} *{safe(rate or 'rate n/a', 20)}*"
            f"{prev} _{safe(status.replace('_', ' '), 30)}{eff}_")


def _tariff_lines(lines: tuple[TariffLine, ...]) -> list[str]:
    out = []
    for t in lines:
        since = f" since {when(t.since)}" if t.since else ""
        src = f" — {link(t.source.url, safe(t.source.feed, 60))}" if t.source else ""
        out.append(_tariff(t.imposed_by, t.target, t.product, t.rate, t.previous_rate, t.status, t.effective) + since + src)
    return out


def reply_blocks(reply: Reply, command: str = "", args: dict[str, Any] | None = None,
                 shared: bool = False) -> dict[str, Any]:
    """A command's answer as a response payload. Ephemeral (only the asker sees it) unless `shared`;
    errors are always ephemeral. Buttons: next page, history of a tariff line, share in channel."""
    if isinstance(reply, ErrorReply):
        hint = f"\n_{safe(reply.hint, 500)}_" if reply.hint else ""
        return {"response_type": "ephemeral", "text": safe(reply.message, 500),
                "blocks": [section(f":warning: {safe(reply.message, 2000)}{hint}")]}
    title, lines, page, empty = _parts(reply)
    blocks = [header(title)] if title else []
    blocks += [section(text) for text in chunks(lines or ([safe(empty)] if empty else []))]
    if isinstance(reply, TariffHistory) and reply.chart is not None:
        where = "posted below" if shared else "posted with the answer when you share it in the channel"
        blocks.append(context(f"Chart: {safe(reply.chart.description or reply.chart.filename, 200)} ({where})"))
    buttons = _buttons(reply, command, dict(args or {}), page, shared)
    blocks = blocks[: MAX_BLOCKS - (1 if buttons else 0)]
    if buttons:
        blocks.append({"type": "actions", "elements": buttons})
    text = cut(plain(title, 150) if title else " ".join(lines)[:300], FALLBACK) or "BorderDesk"
    return {"response_type": "in_channel" if shared else "ephemeral", "text": text, "blocks": blocks}


def _buttons(reply: Reply, command: str, args: dict[str, Any], page: Page | None, shared: bool) -> list[dict[str, Any]]:
    out = []
    if page is not None and page.next_args:
        out.append(button(PAGE_ACTION, f"Next page ({page.number + 1}/{page.pages})",
                          action_value(command, dict(page.next_args))))
    if isinstance(reply, TariffTable):
        seen: list[tuple[str, str]] = []
        for line in reply.lines:
            key = (line.product, line.target)
            if line.product and key not in seen and len(seen) < 3:
                seen.append(key)
                out.append(button(HISTORY_ACTION, f"History: {line.product} ({line.target})",
                                  action_value("tariffs", {"product": line.product, "country": line.target,
                                                           "history": "true"})))
    if not shared and command:
        out.append(button(SHARE_ACTION, "Share in channel", action_value(command, args), style="primary"))
    return out[:5]


def _parts(reply: Reply) -> tuple[str, list[str], Page | None, str]:
    """Title, body lines (already safe mrkdwn), page and the text shown when there are no lines."""
    if isinstance(reply, TextReply):
        return reply.title, [safe(reply.text)], None, ""
    if isinstance(reply, StoryList):
        return reply.title, [f"• {link(s.url, '*' + safe(s.title, 200) + '*')} — {sources(s.sources)}, {when(s.published)}"
                             + (f"\n   {safe(s.summary, 300)}" if s.summary else "")
                             for s in reply.stories], reply.page, reply.empty_text
    if isinstance(reply, QuoteList):
        return reply.title, [_quote(q.text, q.speaker, q.role) + f" ({sources(q.sources)}, {when(q.published)})"
                             for q in reply.quotes], reply.page, reply.empty_text
    if isinstance(reply, TariffTable):
        return reply.title, _tariff_lines(reply.lines), reply.page, reply.empty_text
    if isinstance(reply, TariffHistory):
        return reply.title, _tariff_lines(reply.lines), None, "No history recorded yet."
    if isinstance(reply, FactList):
        return reply.title, [f"• *{safe(f.value, 60)}* — {safe(f.about, 200)}"
                             f" ({link(f.source.url, safe(f.source.feed, 60)) if f.source else 'n/a'})"
                             for f in reply.facts], reply.page, reply.empty_text
    if isinstance(reply, ArticleSummary):
        return _summary(reply)
    if isinstance(reply, FeedTable):
        return reply.title, [f"• *{safe(f.name, 80)}* [{safe(f.status, 20)}] last ok {when(f.last_success)},"
                             f" {f.items_seen} items" + (f" — {safe(f.last_error, 150)}" if f.last_error else "")
                             for f in reply.feeds], reply.page, "No feeds configured."
    if isinstance(reply, HelpReply):
        return reply.title, [f"• `{safe(e.usage, 200)}`{' _(admins)_' if e.admin_only else ''}\n   {safe(e.description, 200)}"
                             for e in reply.entries], None, ""
    return "", [safe(str(reply))], None, ""


def _summary(reply: ArticleSummary) -> tuple[str, list[str], Page | None, str]:
    verdict = "On topic" if reply.relevant else "Not about US–Canada trade"
    reasons = f" ({safe(', '.join(reply.relevance_reasons), 300)})" if reply.relevance_reasons else ""
    lines = [f"*{link(reply.url, safe(reply.title, 200))}*", safe(reply.summary, 1500), f"_{verdict}{reasons}_"]
    lines += [_quote(q.text, q.speaker, q.role) for q in reply.quotes]
    lines += [_tariff(t.imposed_by, t.target, t.product, t.rate, t.previous_rate, t.status, t.effective)
              for t in reply.tariffs]
    lines += [f"• *{safe(f.value, 60)}* — {safe(f.about, 200)}" for f in reply.facts]
    return "Summary", lines, None, ""
