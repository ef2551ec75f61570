"""Tariff step charts: a PNG for any line, whatever characters its title carries."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.charts import rate_step_chart
from bot.models import Source
from bot.store.base import TariffRow


def _rows(n: int) -> list[TariffRow]:
    t0 = datetime(2025, 3, 1, tzinfo=UTC)
    states = [("25%", "threatened"), ("25%", "in_force"), ("50%", "in_force"), ("50%", "paused")]
    return [TariffRow("US", "Canada", "steel", *states[i % 4][:1], "", states[i % 4][1], "", t0 + timedelta(days=9 * i),
                      Source("Maple Ledger", None)) for i in range(n)]


def test_chart_is_a_png_for_any_title() -> None:
    for title in ("steel tariffs over time — latest 15 of 80 changes", "Québec aluminium", "中国 钢铁 🚢", ""):
        chart = rate_step_chart(title, _rows(6))
        assert chart is not None and chart.data.startswith(b"\x89PNG") and chart.content_type == "image/png"


def test_long_histories_are_charted_by_their_latest_steps() -> None:
    chart = rate_step_chart("steel", _rows(500))
    assert chart is not None and len(chart.data) < 200_000


def test_nothing_dated_gives_no_chart() -> None:
    row = _rows(1)[0]
    undated = TariffRow(row.imposed_by, row.target, row.product, row.rate, "", row.status, "", None, row.source)
    assert rate_step_chart("steel", [undated]) is None
