"""Key figures on golden cases, and the promise every figure keeps: its value is the text at its offsets.

Each file in golden/facts/ holds `text` and the expected `facts` in order (value exactly as written,
kind, and a word the "about" description must contain). Texts are fictional trade news.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.facts import extract_facts
from bot.analysis.sentences import split_sentences
from bot.models import Fact

GOLDEN = sorted((Path(__file__).parent / "golden" / "facts").glob("*.json"))


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _extract(text: str) -> list[Fact]:
    return extract_facts(text, split_sentences(text))


@pytest.mark.parametrize("path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_golden_facts(path: Path) -> None:
    case = _load(path)
    got = _extract(case["text"])
    assert [(f.value, f.kind) for f in got] == [(f["value"], f["kind"]) for f in case["facts"]], case["pattern"]
    for fact, want in zip(got, case["facts"], strict=True):
        assert want["about_has"].lower() in fact.about.lower(), (fact.value, fact.about)


@pytest.mark.parametrize("path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_values_are_the_text_at_their_offsets(path: Path) -> None:
    text = _load(path)["text"]
    for f in _extract(text):
        assert text[f.start:f.end] == f.value
        assert f.sentence in text and f.value in f.sentence
        assert f.about and len(f.about) <= 160


def test_golden_set_covers_every_pattern() -> None:
    assert {"money", "percentages", "quantities", "counts", "skip_dates"} <= {p.stem for p in GOLDEN}


_PIECES = st.sampled_from([
    "Canada", "imposed", "tariffs", "on", "$", "C$", "US$", "30", "1,200", "4.5", "billion", "million", "per cent",
    "percent", "%", "tonnes", "workers", "more than", "up to", "the", "two", "2025", "March 4,", "Section 232", ".",
    ",", "“", "”", "\n", "-", "to", "a day", "(", ")", "barrels per day", "hundreds of", "dollars",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map(" ".join))
def test_any_text_gives_values_at_their_offsets(text: str) -> None:
    facts = _extract(text)
    assert [f.start for f in facts] == sorted(f.start for f in facts)
    for f in facts:
        assert text[f.start:f.end] == f.value and f.value.strip() == f.value
        assert f.kind in ("money", "percent", "quantity", "count")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_breaks_offsets(text: str) -> None:
    for f in _extract(text):
        assert text[f.start:f.end] == f.value
