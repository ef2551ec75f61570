"""Command replies → Discord messages (pure): one renderer per reply model in bot/replies.py.

Handlers return platform-neutral models; this is the only place that knows how they look on Discord.
Lists become one embed whose description holds as many entries as fit, with the page in the footer
("page 1/3 · next: /quotes page:2"); a tariff history's chart is attached as a PNG and shown in the embed.
Errors are private (ephemeral) so a mistyped command does not clutter the channel.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.platforms.discord.render import (
    ANSWER_COLOUR,
    ERROR_COLOUR,
    Outgoing,
    embed_field,
    fact_line,
    fit_embed,
    quote_line,
    sources_line,
    tariff_text,
    when,
)
from bot.platforms.discord.safe import CONTENT, DESCRIPTION, FOOTER, TITLE, cut, link, safe, safe_url
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


def reply_message(reply: Reply, command: str = "") -> Outgoing:
    """The Discord message for any reply a handler returns."""
    render: Callable[[Any, str], Outgoing] = _RENDERERS.get(type(reply), _unknown)
    return render(reply, command)


def _embed(title: str, lines: list[str], *, page: Page | None = None, command: str = "", empty: str = "",
           url: str | None = None, colour: int = ANSWER_COLOUR) -> dict[str, Any]:
    embed: dict[str, Any] = {"type": "rich", "title": safe(title, TITLE), "color": colour,
                             "description": _join(lines, DESCRIPTION) if lines else safe(empty, DESCRIPTION)}
    if url:
        embed["url"] = url
    footer = page_footer(page, command) if page else ""
    if footer:
        embed["footer"] = {"text": cut(footer, FOOTER)}
    return embed


def _join(lines: list[str], limit: int) -> str:
    """Whole entries until the limit, then how many were left out: never half a quote or a broken link."""
    out: list[str] = []
    size = 0
    for n, line in enumerate(lines):
        more = f"…and {len(lines) - n} more"
        if size + len(line) + 2 + len(more) + 2 > limit:
            out.append(more if out else cut(line, limit))
            break
        out.append(line)
        size += len(line) + 2
    return "\n\n".join(out)


def page_footer(page: Page, command: str) -> str:
    """`page 1/3 · 42 results · next: /quotes page:2` (Discord has no state to keep, the args say it all)."""
    if page.pages <= 1 and not page.total:
        return ""
    parts = [f"page {page.number}/{max(page.pages, 1)}"]
    if page.total:
        parts.append(f"{page.total} results")
    if page.next_args is not None and command:
        args = " ".join(f"{k}:{v}" for k, v in page.next_args.items() if v not in (None, ""))
        parts.append(f"next: /{command} {args}".rstrip())
    return " · ".join(parts)


def _text(r: TextReply, command: str) -> Outgoing:
    return Outgoing(embeds=(fit_embed(_embed(r.title or f"/{command}", [safe(r.text, DESCRIPTION, one_line=False)])),))


def _error(r: ErrorReply, command: str) -> Outgoing:
    text = safe(r.message, 1500, one_line=False)
    if r.hint:
        text += f"\n-# {safe(r.hint, 400)}"
    return Outgoing(content=cut(text, CONTENT), ephemeral=True)


def _stories(r: StoryList, command: str) -> Outgoing:
    lines = [f"**{link(s.title, s.url, 200)}**\n{_outlets(s.sources)} · {when(s.published)}"
             + (f"\n{safe(s.summary, 300)}" if s.summary else "") for s in r.stories]
    return _list(_embed(r.title, lines, page=r.page, command=command, empty=r.empty_text))


def _outlets(sources: tuple[Any, ...]) -> str:
    return sources_line(sources) if sources else "source unknown"


def _quotes(r: QuoteList, command: str) -> Outgoing:
    lines = [quote_line(q) + f"\n-# {_outlets(q.sources)} · {when(q.published)}" for q in r.quotes]
    return _list(_embed(r.title, lines, page=r.page, command=command, empty=r.empty_text))


def _tariff_line(t: TariffLine) -> str:
    text = tariff_text(t.imposed_by, t.target, t.product, t.rate, t.previous_rate, t.status, t.effective)
    source = f" · {link(t.source.feed, t.source.url, 80)}" if t.source else ""
    return text + (f"\n-# since {when(t.since)}{source}" if t.since or source else "")


def _tariffs(r: TariffTable, command: str) -> Outgoing:
    lines = [_tariff_line(t) for t in r.lines]
    return _list(_embed(r.title, lines, page=r.page, command=command, empty=r.empty_text))


def _history(r: TariffHistory, command: str) -> Outgoing:
    embed = _embed(r.title, [_tariff_line(t) for t in r.lines], empty="No changes recorded yet.")
    files: tuple[Any, ...] = ()
    if r.chart is not None:
        embed["image"] = {"url": f"attachment://{r.chart.filename}"}
        files = (r.chart,)
    return Outgoing(embeds=(fit_embed(embed),), files=files)


def _facts(r: FactList, command: str) -> Outgoing:
    lines = [fact_line(f) + f"\n-# {link(f.source.feed, f.source.url, 80) if f.source else 'source unknown'}"
             f" · {when(f.published)}" for f in r.facts]
    return _list(_embed(r.title, lines, page=r.page, command=command, empty=r.empty_text))


def _summary(r: ArticleSummary, command: str) -> Outgoing:
    verdict = "On the beat" if r.relevant else "Not on the beat"
    reasons = f": {safe(', '.join(r.relevance_reasons), 300)}" if r.relevance_reasons else ""
    embed = _embed(r.title or "Summary", [safe(r.summary, 2500, one_line=False) or "No summary could be made."],
                   url=safe_url(r.url))
    fields = [embed_field("Relevance", [verdict + reasons])]
    if r.quotes:
        fields.append(embed_field("Quotes", [quote_line(q) for q in r.quotes[:4]]))
    if r.tariffs:
        fields.append(embed_field("Tariffs", [_tariff_line(t) for t in r.tariffs[:6]]))
    if r.facts:
        fields.append(embed_field("Key figures", [fact_line(f) for f in r.facts[:8]]))
    embed["fields"] = fields
    return Outgoing(embeds=(fit_embed(embed),))


def _feeds(r: FeedTable, command: str) -> Outgoing:
    lines = []
    for f in r.feeds:
        ok = f"last success {when(f.last_success)}" if f.last_success else "never fetched yet"
        speed = f" · {f.response_ms:.0f} ms" if f.response_ms is not None else ""
        line = f"**{link(f.name, f.url, 100)}** · {safe(f.status, 20)} · {ok} · {f.items_seen} items{speed}"
        if f.last_error:
            line += f"\n-# {f.consecutive_failures} failures; last error: {safe(f.last_error, 200)}"
        lines.append(line)
    return _list(_embed(r.title, lines, page=r.page, command=command, empty="No feeds configured."))


def _help(r: HelpReply, command: str) -> Outgoing:
    lines = [f"**{safe(e.usage or '/' + e.name, 200)}**{' (admins)' if e.admin_only else ''}\n{safe(e.description, 300)}"
             for e in r.entries]
    return _list(_embed(r.title, lines))


def _list(embed: dict[str, Any]) -> Outgoing:
    return Outgoing(embeds=(fit_embed(embed),))


def _unknown(reply: Any, command: str) -> Outgoing:
    return Outgoing(embeds=(fit_embed(_embed(f"/{command}", [safe(str(reply), 1000)], colour=ERROR_COLOUR)),))


_RENDERERS: dict[type, Callable[[Any, str], Outgoing]] = {
    TextReply: _text, ErrorReply: _error, StoryList: _stories, QuoteList: _quotes, TariffTable: _tariffs,
    TariffHistory: _history, FactList: _facts, ArticleSummary: _summary, FeedTable: _feeds, HelpReply: _help,
}
