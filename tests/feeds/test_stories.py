"""Same story across outlets: rewrites match, different news on the same beat does not."""

from __future__ import annotations

import json

import pytest

from bot.feeds.stories import THRESHOLD, same_story, similarity, story_signature
from tests.feeds.story_pairs import DIFFERENT, SAME


@pytest.mark.parametrize("a, b", SAME, ids=[p[0][0][:40] for p in SAME])
def test_rewrites_of_the_same_news_match(a: tuple[str, str], b: tuple[str, str]) -> None:
    assert same_story(story_signature(*a), story_signature(*b)), similarity(
        story_signature(*a), story_signature(*b)
    )


@pytest.mark.parametrize("a, b", DIFFERENT, ids=[p[1][0][:40] for p in DIFFERENT])
def test_different_news_on_the_same_beat_does_not(a: tuple[str, str], b: tuple[str, str]) -> None:
    assert not same_story(story_signature(*a), story_signature(*b))


def test_threshold_sits_in_the_gap_between_the_written_pairs() -> None:
    same = min(similarity(story_signature(*a), story_signature(*b)) for a, b in SAME)
    diff = max(similarity(story_signature(*a), story_signature(*b)) for a, b in DIFFERENT)
    assert diff < THRESHOLD < same
    assert same - diff > 0.15  # a real margin, not a knife edge


def test_signature_is_compact_serialisable_and_order_free() -> None:
    sig = story_signature("Steel tariff doubled to 50 per cent", "Hamilton producers warn of job losses.")
    assert json.loads(json.dumps(sig)) == sig and len(sig) < 400
    assert "#50%" in sig.split()
    assert similarity(sig, sig) == 1.0
    assert story_signature("Steel doubled", "") == story_signature("steel DOUBLED", "")


def test_spelling_variants_fold_together() -> None:
    assert story_signature("25 per cent duty on U.S. goods") == story_signature(
        "25% duty on United States goods"
    )


def test_empty_or_foreign_signatures_never_match() -> None:
    assert similarity(story_signature(""), story_signature("")) == 0.0
    assert similarity("v0 old format", story_signature("Steel")) == 0.0
