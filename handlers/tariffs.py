"""/tariffs: the living table of measures from coverage, and one line's history as a step chart."""
from __future__ import annotations

from typing import Any

from bot.replies import Reply, TariffHistory, TariffTable
from handlers.common import PAGE_SIZE, make_page, page_of, tariff_line
from handlers.spec import ArgumentError, CommandSpec, Invocation, Option

_COUNTRY_ALIASES = {"us": "US", "u.s.": "US", "usa": "US", "united states": "US", "america": "US",
                    "canada": "Canada", "ca": "Canada"}


def _country(value: str | None) -> str | None:
    if not value:
        return None
    v = value.strip()
    return _COUNTRY_ALIASES.get(v.lower(), v[:1].upper() + v[1:])


async def tariffs(inv: Invocation, services: Any) -> Reply:
    country, product = _country(inv.args.get("country")), (inv.args.get("product") or "").strip().lower() or None
    if inv.args.get("history"):
        return await _history(inv, services, country, product)
    rows = await services.store.tariff_table(country=country, product=product)
    page = page_of(inv.args)
    shown = rows[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    bits = [b for b in (country, product) if b]
    title = "Tariff measures" + (f" — {', '.join(bits)}" if bits else "")
    return TariffTable(title=title, lines=tuple(tariff_line(r) for r in shown),
                       page=make_page(inv.args, len(rows), page),
                       empty_text="No tariff measures recorded for that yet.")


async def _history(inv: Invocation, services: Any, country: str | None, product: str | None) -> Reply:
    if not product:
        raise ArgumentError("History needs a product.", "e.g. /tariffs product:steel history:true")
    other = {"US": "Canada", "Canada": "US"}.get(country or "")
    rows = await services.store.tariff_history(country, other, product) if other else []
    if not rows:  # the beat's pair first, then any line the country imposes, then lines aimed at it
        rows = await services.store.tariff_history(country, None, product)
    if not rows and country:
        rows = await services.store.tariff_history(None, country, product)
    rows = _one_line(rows)
    title = f"{product} tariffs over time"
    if rows:
        title += f" ({rows[-1].imposed_by} on {rows[-1].target})"
    if not rows:
        return TariffHistory(title=title, lines=())
    from bot.charts import rate_step_chart

    changes = _changes(rows)
    shown = changes[-HISTORY_SHOWN:]
    if len(changes) > len(shown):
        title += f" — latest {len(shown)} of {len(changes)} changes"
    return TariffHistory(title=title, lines=tuple(tariff_line(r) for r in shown), chart=rate_step_chart(title, rows))


def _one_line(rows: list[Any]) -> list[Any]:
    """A chart is one line's story: the (imposer, target) pair most recently reported."""
    if not rows:
        return rows
    latest = max(rows, key=lambda r: (r.since is not None, r.since))
    return [r for r in rows if (r.imposed_by, r.target) == (latest.imposed_by, latest.target)]


HISTORY_SHOWN = 15


def _changes(rows: list[Any]) -> list[Any]:
    """Reports that changed the line's rate or status; repeats of the same state add nothing to read."""
    out: list[Any] = []
    for r in rows:
        if not out or (r.rate, r.status) != (out[-1].rate, out[-1].status):
            out.append(r)
    return out


SPEC = CommandSpec(
    name="tariffs",
    description="Current tariff measures by country and product; history:true charts one line over time",
    handler=tariffs,
    options=(
        Option("product", "Product, e.g. steel, aluminum, lumber", autocomplete="tariff_products"),
        Option("country", "Imposing or targeted country, e.g. US, Canada", autocomplete="tariff_countries"),
        Option("history", "Show how the rate changed over time, with a chart", type="boolean"),
        Option("page", "Page number", type="integer", min_value=1, max_value=1000),
    ),
    usage="/tariffs [product] [country] [history]",
    examples=("/tariffs country:US product:steel", "/tariffs product:aluminum history:true"),
)
