"""Beat relevance: golden headlines written for these tests, each with the reason it is (or is not) on the beat."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from bot.analysis.relevance import DEFAULT_TOPIC, TopicRules, score_relevance

CASES = [json.loads(line) for line in (Path(__file__).parent / "golden" / "relevance.jsonl").read_text().splitlines() if line.strip()]


@pytest.mark.parametrize("case", CASES, ids=[c["why"] for c in CASES])
def test_golden_relevance(case: dict) -> None:
    verdict = score_relevance(case["title"], case["text"], DEFAULT_TOPIC)
    assert verdict.relevant is case["relevant"], verdict.reasons
    assert 0.0 <= verdict.score <= 1.0
    assert verdict.reasons and verdict.topic == "us-canada-trade"


def test_headline_weighs_more_than_a_passing_mention() -> None:
    lede = "Prices rose in several provinces last month."
    in_headline = score_relevance("Canada hits U.S. with counter-tariffs", lede, DEFAULT_TOPIC)
    in_body = score_relevance("Prices rose in several provinces", lede + " Some cited U.S. tariffs on Canada.", DEFAULT_TOPIC)
    assert in_headline.score > in_body.score


def test_pronoun_us_is_not_the_united_states() -> None:
    verdict = score_relevance("Tell us about your tariff worries, Canadians", "Readers across Canada wrote to us.", DEFAULT_TOPIC)
    assert not any("side 1" in r and "implied" in r for r in verdict.reasons)
    assert any("side 1" in r for r in verdict.reasons)  # no US side found


def test_custom_topic_from_config_keys() -> None:
    dairy = TopicRules(name="dairy", terms=["dairy", "supply management", "milk quota*"], sides=[["Canada", "Ottawa"]], threshold=0.4)
    hit = score_relevance("Ottawa defends dairy supply management", "Canada will not give ground on milk quotas.", dairy)
    miss = score_relevance("Ottawa unveils housing plan", "Canada will build more homes.", dairy)
    assert hit.relevant and not miss.relevant and hit.topic == "dairy"


@pytest.mark.parametrize("bad, message", [
    ({"terms": []}, "at least one term"),
    ({"terms": ["x"], "threshold": 2}, "threshold"),
    ({"terms": ["x"], "colour": "red"}, "unknown key"),
    ({"terms": "tariff", "sides": "Canada"}, "sides"),
])
def test_invalid_topic_keys_are_explained(bad: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        TopicRules(name="t", **bad)


def test_default_topic_can_be_renamed() -> None:
    renamed = replace(DEFAULT_TOPIC, name="trade")
    assert renamed.name == "trade" and renamed.terms == DEFAULT_TOPIC.terms


def test_an_item_without_a_headline_is_judged_by_its_first_sentence() -> None:
    sentence = "Ottawa answers U.S. steel duties with counter-tariffs."
    rest = "The finance minister said the list would be published on Monday."
    untitled = score_relevance("", f"{sentence} {rest}", DEFAULT_TOPIC)
    titled = score_relevance(sentence, rest, DEFAULT_TOPIC)
    assert untitled.score == titled.score and untitled.relevant


def test_an_abbreviation_does_not_end_the_first_sentence() -> None:
    untitled = score_relevance("", "Exporters shipping to the U.S. face new duties on parcels from Canada. Brokers expect delays.", DEFAULT_TOPIC)
    assert untitled.relevant, untitled.reasons
