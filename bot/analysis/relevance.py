"""Is an item on a topic's beat? A weighted reading of headline, lede and body, not a keyword hit.

The headline and lede say what a story is about; the body only confirms it. So a term in the
headline weighs most, both sides of the beat must be present, and a story whose headline belongs to
a rival subject (another country's trade fight, a domestic election, sport) is marked down even when
the body mentions the beat's terms.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.analysis.beat import DEFAULT_TOPIC
from bot.analysis.sentences import split_sentences
from bot.analysis.topics import TopicRules
from bot.models import Relevance

__all__ = ["DEFAULT_TOPIC", "TopicRules", "score_relevance"]

_LEDE_CHARS = 420
_HEADLINE_CHARS = 300


@dataclass(frozen=True, slots=True)
class Zones:
    """Where terms were found: headline, lede (opening sentences), the rest of the body."""

    title: float
    lede: float
    body: float

    @property
    def total(self) -> float:
        return self.title + self.lede + self.body


def _count(pattern: re.Pattern[str] | None, title: str, lede: str, body: str) -> Zones:
    if pattern is None:
        return Zones(0, 0, 0)
    return Zones(len(pattern.findall(title)), len(pattern.findall(lede)), len(pattern.findall(body)))


def _split_lede(text: str) -> tuple[str, str]:
    """Opening sentences up to about two of them; the rest is body."""
    if len(text) <= _LEDE_CHARS:
        return text, ""
    cut = text.rfind(". ", 0, _LEDE_CHARS)
    cut = cut + 1 if cut > 120 else _LEDE_CHARS
    return text[:cut], text[cut:]


def _headline_from_text(text: str) -> tuple[str, str]:
    """An item without a headline (some feeds send only a description): its first sentence plays the headline."""
    first_line = text.split("\n", 1)[0]
    sentences = split_sentences(first_line)  # 'U.S. goods', 'Gov. Mills' end no sentence
    end = sentences[0].end if sentences else len(first_line)
    if end > _HEADLINE_CHARS:
        return "", text  # no sentence break early enough: leave it all to the lede
    return text[:end].strip(), text[end:].strip()


def _mask(pattern: re.Pattern[str] | None, text: str) -> str:
    """Blank out a pattern's matches (a rival named inside a beat phrase, 'Mexico' in 'Canada-U.S.-Mexico', is not a rival)."""
    return pattern.sub(lambda m: " " * len(m.group()), text) if pattern else text


def _subject(z: Zones, strong: Zones) -> float:
    raw = 0.6 * min(z.title, 1) + 0.15 * min(max(z.title - 1, 0), 1) + 0.3 * min(z.lede, 3) + 0.1 * min(z.body, 8) + 0.35 * min(strong.total, 1)
    return min(1.0, raw)


def _side(z: Zones) -> float:
    if z.title:
        return 1.0
    if z.lede:
        return 0.9
    return 0.75 if z.body >= 2 else (0.55 if z.body else 0.0)


def score_relevance(title: str, text: str, topic: TopicRules = DEFAULT_TOPIC) -> Relevance:
    """Score 0..1 with reasons; relevant when the score reaches the topic's threshold."""
    p = topic.patterns
    text = text.strip()
    if not title.strip():
        title, text = _headline_from_text(text)
    lede, body = _split_lede(text)
    core = _count(p["terms"], title, lede, body)
    extra = _count(p["context"], title, lede, body)
    terms = Zones(core.title + extra.title / 2, core.lede + extra.lede / 2, core.body + extra.body / 2)
    strong = _count(p["strong"], title, lede, body)
    sides = [_count(sp, title, lede, body) for sp in p["sides"]]
    rivals = _count(p["rivals"], *(_mask(p["strong"], t) for t in (title, lede, body)))
    sectors = _count(p["sectors"], title, lede, body)
    exclude = _count(p["exclude"], title, lede, body)
    reasons: list[str] = []
    score = _subject(terms, strong)
    reasons.append(f"subject terms: headline {terms.title}, lede {terms.lede}, body {terms.body}")
    implied = _implied_side(terms, strong, sectors, rivals)
    for i, z in enumerate(sides):
        weight = _side(z)
        if weight == 0 and implied:
            weight = implied
            reasons.append(f"side {i + 1} ({topic.sides[i][0]}…) implied by the headline's subject")
        elif weight == 0:
            reasons.append(f"side {i + 1} ({topic.sides[i][0]}…) absent")
        score *= weight
    score -= _rival_penalty(rivals, sides, terms, reasons)
    if _rival_is_the_counterpart(p, title, rivals, sides):
        score = min(score, 0.55) - 0.35
        reasons.append("the headline pairs the home side with a rival, not with the other side: their trade fight, not ours")
    # the headline is about something else (a supporting word like 'meets' or 'talks' does not make it ours): the body's terms are context
    if rivals.title and not core.title and not strong.title:
        score *= 0.45
    if exclude.title or exclude.lede > terms.lede:
        score -= 0.5
        reasons.append("excluded subject in headline or lede")
    score = max(0.0, min(1.0, score))
    return Relevance(relevant=score >= topic.threshold, score=round(score, 3), reasons=tuple(reasons), topic=topic.name)


def _implied_side(terms: Zones, strong: Zones, sectors: Zones, rivals: Zones) -> float:
    """A beat-defining phrase, or a sector-wide tariff with no other country named, concerns both sides."""
    if rivals.title or rivals.lede:
        return 0.0
    if strong.title:
        return 0.75
    if terms.title and sectors.title:
        return 0.7
    return 0.0


# Rival subjects that are not another country: a party, a race, a central bank cannot be the other side of a trade fight.
_DOMESTIC = re.compile(r"poilievre|conservative|ndp|liberal|leadership|election|carbon|maga|interest rate|bank of|"
                       r"federal reserve|nato|golden dome", re.IGNORECASE)


def _rival_is_the_counterpart(p: dict[str, Any], title: str, rivals: Zones, sides: list[Zones]) -> bool:
    """Canada and China in the headline, the US only in passing: the rival, not the first side, is the other party.

    A rival that names the home side itself ('Bank of Canada') is a domestic subject, not a counterpart, and a
    headline listing several rivals with the home side names the partners one measure hits. The first side holds
    its place when it is in the headline and the lede names it at least as often as the rival.
    """
    if len(sides) < 2 or not rivals.title or not (sides[-1].title or sides[-1].lede) or p["rivals"] is None or p["sides"][-1] is None:
        return False
    home = p["sides"][-1]
    foreign = {m.group().lower()[:4] for m in p["rivals"].finditer(_mask(p["strong"], title))
               if not home.search(m.group()) and not _DOMESTIC.search(m.group())}
    # none: a domestic subject; several ('China' and 'Chinese' count once): a list of partners hit alike (by the first side)
    if len(foreign) != 1:
        return False
    first = sides[0]
    return not first.title or rivals.lede > first.lede


def _rival_penalty(rivals: Zones, sides: list[Zones], terms: Zones, reasons: list[str]) -> float:
    """Another subject competes: in the headline without our side there, or dominating the text."""
    if not rivals.total:
        return 0.0
    last_side = sides[-1] if sides else Zones(0, 0, 0)  # the beat's home side (Canada for the default)
    penalty = 0.0
    if rivals.title and not last_side.title:
        penalty += 0.35
    if rivals.lede > last_side.lede and not last_side.title:
        penalty += 0.2
    if rivals.total > 2 * max(1, last_side.total):
        penalty += 0.2
    if penalty:
        reasons.append(f"rival subjects: headline {rivals.title}, lede {rivals.lede}, body {rivals.body}")
    return penalty
