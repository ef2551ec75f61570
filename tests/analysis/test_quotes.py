"""Quotes and speakers on golden cases: one fictional trade-news text per pattern, with the quotes a desk expects.

Each file in golden/quotes/ holds `text` and the expected `quotes` (text between the marks, speaker,
kind, and the role where the text gives one). The extractor must find exactly those, in order.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.analysis.quotes import extract_quotes
from bot.analysis.sentences import split_sentences

GOLDEN = sorted((Path(__file__).parent / "golden" / "quotes").glob("*.json"))


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_golden_quotes(path: Path) -> None:
    case = _load(path)
    text = case["text"]
    got = extract_quotes(text, split_sentences(text))
    assert [(q.text, q.speaker, q.kind) for q in got] == [
        (q["text"], q["speaker"], q["kind"]) for q in case["quotes"]
    ], case["pattern"]
    for q, want in zip(got, case["quotes"], strict=True):
        if "role" in want:
            assert q.role == want["role"], (q.text, case["pattern"])


@pytest.mark.parametrize("path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_quote_text_is_the_input_at_its_offsets(path: Path) -> None:
    text = _load(path)["text"]
    for q in extract_quotes(text, split_sentences(text)):
        assert text[q.start: q.end] == q.text
        assert q.speaker
        assert q.sentence and q.sentence in text


def test_golden_set_covers_every_pattern() -> None:
    names = {p.stem for p in GOLDEN}
    assert len(names) >= 15
    assert {"interrupted", "multi_paragraph", "guillemets", "not_quotes", "pronoun"} <= names


SPEECH = st.sampled_from([
    "“", "”", '"', "«", "»", "‘", "’", " said ", " told reporters", ", he said. ", " she added: ", "Mr. ", "U.S. ",
    "Prime Minister Mark Carney", " Carney", "the prime minister", " according to ", "\n", "\n\n", ". ", ", ",
    "the White House said", "a senior official", " wrote on Truth Social", "'s office said ", "—",
])
SPEECHY_TEXT = st.lists(st.one_of(SPEECH, st.text(max_size=12)), max_size=60).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=SPEECHY_TEXT)
def test_any_text_gives_quotes_that_point_into_it(text: str) -> None:
    for q in extract_quotes(text, split_sentences(text)):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start: q.end] == q.text
        assert q.speaker and q.kind in ("direct", "fragment")


def test_unclosed_and_empty_marks_do_not_make_quotes() -> None:
    text = "Prime Minister Mark Carney said “” and then “ and nothing else.\n\"\"\n«»"
    assert extract_quotes(text, split_sentences(text)) == []


def test_long_quote_dense_text_keeps_every_attributed_quote() -> None:
    para = ("Trade Minister Marisol Quennell spoke in Ottawa. “We will answer every measure,” Quennell said. "
            "She called the duties “unfair.”\n")
    text = para * 2000
    quotes = extract_quotes(text, split_sentences(text))
    assert len(quotes) == 4000
    assert {q.speaker for q in quotes} == {"Marisol Quennell"}
