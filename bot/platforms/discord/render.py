"""Alerts → Discord messages (pure: models in, JSON-ready embed dicts out; no client needed to test).

Every piece of feed text goes through `safe.safe`, every URL through `safe.safe_url`, and every embed
through `fit_embed`, so an alert is always accepted by Discord whatever a feed sends. `allowed_mentions`
is always explicit: nobody is pinged except the roles the route in feeds.yaml names.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.models import AlertMessage, Fact, Quote, Source, Tariff
from bot.platforms.discord.safe import (
    AUTHOR,
    CONTENT,
    DESCRIPTION,
    EMBED_TOTAL,
    EMBEDS_PER_MESSAGE,
    FIELD_NAME,
    FIELD_VALUE,
    FIELDS,
    FOOTER,
    TITLE,
    cut,
    link,
    safe,
    safe_url,
)
from bot.replies import Attachment

ALERT_COLOUR = 0xC8102E  # a newsroom red: alerts stand out from command answers
ANSWER_COLOUR = 0x2B6CB0
ERROR_COLOUR = 0x6B7280
NO_MENTIONS: dict[str, Any] = {"parse": [], "replied_user": False}
_SNOWFLAKE = re.compile(r"^\d{5,20}$")


@dataclass(frozen=True)
class Outgoing:
    """One Discord message as data: the adapter turns it into a send/edit call."""

    content: str = ""
    embeds: tuple[dict[str, Any], ...] = ()
    files: tuple[Attachment, ...] = ()
    allowed_mentions: dict[str, Any] = field(default_factory=lambda: dict(NO_MENTIONS))
    ephemeral: bool = False


def when(moment: datetime | None) -> str:
    """A Discord timestamp: every reader sees it in their own time zone, plus 'x minutes ago'."""
    if moment is None:
        return "time unknown"
    unix = int(moment.timestamp())
    return f"<t:{unix}:f> (<t:{unix}:R>)"


def role_mentions(roles: Iterable[str]) -> tuple[str, ...]:
    """Only well-formed role ids: a typo in feeds.yaml must never turn into free text in the content."""
    return tuple(dict.fromkeys(r.strip() for r in roles if _SNOWFLAKE.match(r.strip())))


def alert_message(alert: AlertMessage, mention_roles: Iterable[str] = ()) -> Outgoing:
    """One embed per story; the content pings the route's roles and nobody else."""
    roles = role_mentions(mention_roles)
    content = " ".join(f"<@&{r}>" for r in roles)
    allowed = {"parse": [], "roles": list(roles), "replied_user": False} if roles else dict(NO_MENTIONS)
    return Outgoing(content=cut(content, CONTENT), embeds=(alert_embed(alert),), allowed_mentions=allowed)


def alert_embed(a: AlertMessage) -> dict[str, Any]:
    """Headline linking to the article; source and time; summary; quote, tariffs, figures, other outlets."""
    embed: dict[str, Any] = {"type": "rich", "title": safe(a.title, TITLE) or "(untitled)", "color": ALERT_COLOUR}
    url = safe_url(a.url)
    if url:
        embed["url"] = url
    embed["author"] = {"name": safe(a.source, AUTHOR) or "unknown source"}
    lines = [f"Published {when(a.published)}"]
    if a.summary:
        lines.append(safe(a.summary, 1500))
    embed["description"] = "\n\n".join(lines)
    fields = []
    if a.quotes:
        fields.append(embed_field("Key quote" if len(a.quotes) == 1 else "Key quotes", [quote_line(q) for q in a.quotes[:2]]))
    if a.tariffs:
        fields.append(embed_field("Tariffs", [tariff_line(t) for t in a.tariffs[:5]]))
    if a.facts:
        fields.append(embed_field("Key figures", [fact_line(f) for f in a.facts[:6]]))
    if a.also_reported_by:
        fields.append(embed_field("Also reported by", [sources_line(a.also_reported_by)]))
    embed["fields"] = fields
    embed["footer"] = {"text": cut(f"BorderDesk · {safe(a.topic, 100)}" if a.topic else "BorderDesk", FOOTER)}
    if a.published is not None:
        embed["timestamp"] = a.published.isoformat()
    return fit_embed(embed)


def quote_line(q: Quote | Any) -> str:
    speaker = safe(q.speaker, 100) if q.speaker else "unattributed"
    role = f", {safe(q.role, 100)}" if getattr(q, "role", None) else ""
    return f"> “{safe(q.text, 600)}”\n— **{speaker}**{role}"


def tariff_line(t: Tariff) -> str:
    products = ", ".join(t.products) or "goods"
    return tariff_text(t.imposed_by, t.target, products, t.rate, t.previous_rate, t.status, t.effective)


def tariff_text(imposer: str, target: str, product: str, rate: str, previous: str, status: str,
                effective: str) -> str:
    """`US → Canada · steel: **50%** (was 25%) · in force · from June 4`."""
    rate_text = f"**{safe(rate, 20)}**" if rate else "rate not given"
    was = f" (was {safe(previous, 20)})" if previous else ""
    from_ = f" · {safe(effective, 60)}" if effective else ""
    status_text = safe(status.replace("_", " "), 30)
    return f"{safe(imposer, 40)} → {safe(target, 40)} · {safe(product, 120)}: {rate_text}{was} · {status_text}{from_}"


def fact_line(f: Fact | Any) -> str:
    return f"**{safe(f.value, 60)}** — {safe(f.about, 200)}"


def sources_line(sources: Iterable[Source]) -> str:
    return ", ".join(link(s.feed, s.url, 80) for s in sources)


def embed_field(name: str, lines: list[str], inline: bool = False) -> dict[str, Any]:
    """Lines joined until the value limit; a line that does not fit is left out, not cut mid-markup."""
    value, kept = "", 0
    for line in lines:
        candidate = f"{value}\n{line}" if value else line
        if len(candidate) > FIELD_VALUE:
            break
        value, kept = candidate, kept + 1
    if kept < len(lines) and len(value) + 12 <= FIELD_VALUE:
        value += f"\n…and {len(lines) - kept} more" if value else cut(lines[0], FIELD_VALUE)
    return {"name": cut(name, FIELD_NAME), "value": value or "—", "inline": inline}


def embed_size(embed: dict[str, Any]) -> int:
    """Characters Discord counts toward the 6,000 total of one embed."""
    fields = embed.get("fields") or []
    return (len(embed.get("title", "")) + len(embed.get("description", ""))
            + sum(len(f["name"]) + len(f["value"]) for f in fields)
            + len((embed.get("footer") or {}).get("text", "")) + len((embed.get("author") or {}).get("name", "")))


def fit_embed(embed: dict[str, Any]) -> dict[str, Any]:
    """Every part within its own limit and the whole within 6,000: description shrinks, then fields go."""
    embed = dict(embed)
    embed["title"] = cut(embed.get("title", ""), TITLE)
    if "description" in embed:
        embed["description"] = cut(embed["description"], DESCRIPTION)
    fields = [{**f, "name": cut(f["name"], FIELD_NAME), "value": cut(f["value"], FIELD_VALUE)}
              for f in (embed.get("fields") or [])[:FIELDS]]
    embed["fields"] = fields
    excess = embed_size(embed) - EMBED_TOTAL
    if excess > 0 and embed.get("description"):
        embed["description"] = cut(embed["description"], max(1, len(embed["description"]) - excess))
    while embed_size(embed) > EMBED_TOTAL and embed["fields"]:
        embed["fields"] = embed["fields"][:-1]
    if not embed["fields"]:
        embed.pop("fields")
    return embed


def fit_embeds(embeds: Iterable[dict[str, Any]]) -> tuple[dict[str, Any], ...]:
    """At most 10 embeds and 6,000 characters across them, as Discord requires per message."""
    kept: list[dict[str, Any]] = []
    total = 0
    for embed in list(embeds)[:EMBEDS_PER_MESSAGE]:
        fitted = fit_embed(embed)
        if total + embed_size(fitted) > EMBED_TOTAL:
            break
        kept.append(fitted)
        total += embed_size(fitted)
    return tuple(kept)
