"""Tariff measures on golden cases: one fictional trade-news text per pattern, with the measures a desk expects.

Each file in golden/tariffs/ holds `text` and the expected `tariffs` (imposer, target, products, rate,
previous rate, status, effective date), in order of first mention. The extractor must find exactly those.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.analysis.sentences import split_sentences
from bot.analysis.tariffs import extract_tariffs
from bot.models import Tariff

GOLDEN = sorted((Path(__file__).parent / "golden" / "tariffs").glob("*.json"))


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _record(t: Tariff) -> dict:
    return {"imposed_by": t.imposed_by, "target": t.target, "products": list(t.products), "rate": t.rate,
            "previous_rate": t.previous_rate, "status": t.status, "effective": t.effective}


def _extract(text: str) -> list[Tariff]:
    return extract_tariffs(text, split_sentences(text))


@pytest.mark.parametrize("path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_golden_tariffs(path: Path) -> None:
    case = _load(path)
    assert [_record(t) for t in _extract(case["text"])] == case["tariffs"], case["pattern"]


@pytest.mark.parametrize("path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_every_measure_points_at_its_sentence(path: Path) -> None:
    text = _load(path)["text"]
    for t in _extract(text):
        assert t.sentence and t.sentence in text
        assert t.products and all(p == p.lower() for p in t.products)
        assert t.rate == "" or t.rate.endswith("%")


def test_golden_set_covers_every_pattern() -> None:
    names = {p.stem for p in GOLDEN}
    assert {"counter_tariffs", "doubling", "cusma_exemption", "pause", "removal", "threat", "rate_spellings"} <= names


def test_same_measure_from_two_articles_compares_equal() -> None:
    first = "Washington doubled its tariffs on Canadian aluminium to 50 per cent on Wednesday."
    second = "The U.S. tariff on aluminum from Canada doubled to 50% this week, hitting Quebec smelters."
    a, b = _extract(first), _extract(second)
    assert [t.keys() for t in a] == [t.keys() for t in b] == [[("US", "Canada", "aluminum")]]
    assert (a[0].rate, a[0].previous_rate) == (b[0].rate, b[0].previous_rate) == ("50%", "25%")


@pytest.mark.parametrize("text", ["", "No tariffs here.", "tariff tariff tariff", "25 per cent", "“" * 50,
                                  "Tariffs on " + "steel, " * 500 + "and aluminum."])
def test_odd_input_gives_records_not_errors(text: str) -> None:
    for t in _extract(text):
        assert t.imposed_by and t.target
