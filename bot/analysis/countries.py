"""Which country a phrase of trade news points at: "U.S. goods", "Ottawa", "Canadian steel", "Beijing".

Tariff records name countries as "US", "Canada", another country's English name, or "all"; this is
the one place that maps the ways coverage names them (capitals, adjectives, leaders, provinces) to
those names, so two articles about one measure agree.
"""
from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

# Order matters: the first country found in a fragment wins, and Canada's provinces are Canada.
_COUNTRIES: tuple[tuple[str, re.Pattern[str]], ...] = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in (
    ("Canada", (r"\b(?:canada|canadian|ottawa|ontario|quebec|alberta|b\.c\.|british columbia|manitoba|saskatchewan|"
               r"nova scotia|new brunswick|newfoundland|premier(?! league)|the provinces?|ottawa)(?!\w)")),  # premiers lead provinces
    ("US", r"(?:\bu\.s\.(?!\w)|(?-i:\bUS\b)|\b(?:united states|american|america|washington|trump)\b)"),
    ("Mexico", r"\b(?:mexico|mexican)\b"),
    ("China", r"\b(?:china|chinese|beijing)\b"),
    ("EU", r"\b(?:european union|eu)\b"),
    ("Japan", r"\b(?:japan|japanese|tokyo)\b"),
    ("India", r"\b(?:india|indian|new delhi)\b"),
    ("Brazil", r"\b(?:brazil|brazilian)\b"),
    ("United Kingdom", r"\b(?:britain|british|united kingdom|u\.k\.)(?!\w)"),
    ("South Korea", r"\b(?:south korea|korean|seoul)\b"),
))


_AGREEMENT = re.compile(r"\b(?:Canada|United States|U\.S\.)[-–](?:U\.S\.|Mexico|United States)[-–](?:Mexico|Canada)"
                        r"(?:\s+Agreement|\s+trade (?:pact|deal|agreement))?|\bNorth American Free Trade Agreement\b|"
                        # a bilateral adjective names both sides, no one actor: "Canada-U.S. Trade Minister", "U.S.-Canada talks"
                        r"\b(?:Canada|U\.S\.|United States)[-–](?:U\.S\.|Canada|United States)(?![-–]\w)", re.IGNORECASE)


# "all non-U.S. countries", "non-American steel": everyone but that country
_NON_COUNTRY = re.compile(r"\bnon-(?:U\.S\.|US|American|Canadian|Canada|Chinese|China|Mexican)", re.IGNORECASE)


def mask_agreements(text: str) -> str:
    """Blank out trade agreements' names (same length), so their country words name no actor."""
    return _AGREEMENT.sub(lambda m: " " * len(m.group(0)), text)


def country_in(fragment: str) -> str | None:
    """The first country a fragment names, or None ("U.S.-made aluminum" → "US", "goods" → None).

    The agreement's name ("Canada-U.S.-Mexico Agreement") names no country acting on its own.
    """
    fragment = _NON_COUNTRY.sub(lambda m: " " * len(m.group(0)), mask_agreements(fragment))
    best: tuple[int, str] | None = None
    for name, pattern in _COUNTRIES:
        m = pattern.search(fragment)
        if m is None:
            continue
        if best is None or m.start() < best[0]:
            best = (m.start(), name)
    return best[1] if best else None


def other_side(country: str, counterpart: str = "US") -> str:
    """The usual target of a country's measure in the coverage: Canada and its counterpart (the United States,
    unless the story is another fight) aim at each other; others hit everyone."""
    if country == "Canada":
        return counterpart
    if country in ("US", counterpart):
        return "Canada"
    return "all"


def counterpart(text: str) -> str:
    """The country an article sets against Canada: the United States unless another is named more often."""
    text = mask_agreements(text)
    counts = {name: len(pattern.findall(text)) for name, pattern in _COUNTRIES if name != "Canada"}
    best = max(counts, key=lambda n: counts[n])
    return best if best != "US" and counts[best] >= 3 and counts[best] > counts["US"] else "US"
