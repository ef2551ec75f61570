"""Key figures: money, percentages, quantities and counts, each exactly as written, with what it measures.

`numbers.figures` finds every figure; this module keeps the ones a desk lists (dates, years, times,
ages, section and bill numbers, bare small integers and "the two countries" are not key figures)
and says what each measures. "about" is built from the figure's own clause: the noun phrase it
governs ("tariff on copper", "of aluminum used in the U.S.") and, when that alone says too little,
the words before it ("Quebec accounts for"), so it never says more than the article does.
"""
from __future__ import annotations

import logging
import re
from bisect import bisect_right
from dataclasses import replace

from bot.analysis.numbers import Figure, figures
from bot.analysis.sentences import Sentence
from bot.models import Fact

log = logging.getLogger(__name__)

_BREAK = re.compile(r",(?!\d)|[;:()—–“”\"«»]|\s-\s")
_NUMBER_WORD = re.compile(r"^(?:\$|\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty|"
                          r"hundreds|thousands|millions|billions)$)", re.IGNORECASE)
_FUNCTION = frozenset("""and or but the a an of to by with that which while as at in on for from some about
    than this these those its their his her our be been is are was were has have had will would across over under
    into through between among per via during""".split())  # noqa: SIM905 - word lists read better as text
_CLAUSE_WORDS = frozenset("""that which who whom while when because but although though after before since
    if unless whereas""".split())  # noqa: SIM905
# Words after which the figure's noun phrase has ended and a verb phrase begins ("… duties on autos come into").
_VERB_START = frozenset("""is are was were will would could should may might has have had come comes came take takes
    took go goes went remain remains kick kicks kicked begin begins began start starts found find finds say says
    said rose rise rises fell fall falls climbed climb climbs jumped jump jumps dropped drop drops reached reach
    reaches topped top tops exceeded exceed exceeds accounted account accounts cost costs lost lose loses face
    faces faced cross crosses crossed support supports supported oppose opposes opposed""".split())  # noqa: SIM905
_WAS = re.compile(r"(?:\b(?:up|down)\s+)?\bfrom\s+$", re.IGNORECASE)  # "to 35 per cent from 14.4 per cent"
_UNIT_TAIL = frozenset(["per", "cent", "percent", "%", "million", "billion", "trillion"])
_DEFINITE = re.compile(r"(?i:\b(?:the|these|those|both|all|its|their|our)\s+)$")
_CODE_BEFORE = re.compile(r"(?:Section|Bill|No\.|Route|Highway|Flight|Chapter|Article|Rule|C-)\s*$")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_MAX_RIGHT, _MAX_LEFT = 9, 6


def _is_key(text: str, f: Figure) -> bool:
    """A figure a desk would list, not a reference ('the two countries') or a code ('Section 1,201')."""
    value = text[f.core:f.end]
    number = value.split()[0] if value else value
    if f.kind in ("count", "quantity") and (_YEAR.fullmatch(number) or _CODE_BEFORE.search(text, max(0, f.start - 12), f.start)):
        return False  # "2024", "in 2024 new farms", "Highway 401 trucks": a year or a route, not a count
    # "the two countries", "both three provinces": who, not how many
    return not (f.kind == "quantity" and not value[:1].isdigit()
                and _DEFINITE.search(text, max(0, f.start - 12), f.start))


def _words(chunk: str) -> list[str]:
    """Words of a clause with sentence-final periods and stray quote marks dropped (but 'U.S.' kept)."""
    words = (w.strip(".'’") if w.endswith((".", "'", "’")) and not w[:-1].replace(".", "").isupper() else w
             for w in chunk.split())
    return [w for w in words if w]


def _right_phrase(after: str) -> list[str]:
    """What follows the figure in its clause, up to a clause word or the next figure.

    A next figure ends the phrase only once it says enough: in "25% counter-tariffs on $14.2 billion of goods"
    the second figure is part of what the first one measures.
    """
    words: list[str] = []
    for w in _words(_BREAK.split(after, maxsplit=1)[0]):
        lw = w.lower()
        if words and (lw in _CLAUSE_WORDS or lw in _VERB_START):
            break
        if words and _NUMBER_WORD.match(w) and not (
                words[-1].lower() in ("on", "of", "for") and len([x for x in words if x.lower() not in _FUNCTION]) == 1):
            break
        words.append(w)
        if len(words) == _MAX_RIGHT:
            break
    while words and words[-1].lower() in _FUNCTION:
        words.pop()
    return words


def _left_phrase(before: str) -> list[str]:
    """The words leading to the figure in its clause: usually its subject and verb."""
    words = _words(_BREAK.split(before)[-1])
    for i in range(len(words) - 1, -1, -1):
        if _NUMBER_WORD.match(words[i]):  # another figure: what this one measures comes after it
            words = words[i + 1:]
            break
    words = words[-_MAX_LEFT:]
    while words and words[0].lower() in _FUNCTION | _CLAUSE_WORDS | _UNIT_TAIL:  # "(25) per cent counter-tariffs"
        words = words[1:]
    return words


def describe(sentence: Sentence, start: int, end: int, kind: str = "") -> str:
    """A short plain-words 'about' for the figure at text[start:end] inside `sentence`."""
    a, b = start - sentence.start, end - sentence.start
    right = _right_phrase(sentence.text[b:])
    if len(right) >= 3 and right[0].lower() not in _FUNCTION:
        return " ".join(right)  # "tariff on steel and aluminum imports"
    if len(right) >= 2 and right[0].lower() == "of":
        if kind == "percent":  # "60 per cent of aluminum used in the U.S."
            return "share of " + " ".join(right[1:])
        if kind in ("quantity", "money") and len(right) >= 3:  # "21,900 pounds of fentanyl seized at the border"
            left = _left_phrase(sentence.text[:a])
            if left and left[-1].lower() in ("on", "for"):  # "counter-tariffs on … of American goods"
                return " ".join([*left, "…", *right])
            return " ".join(right[1:])
    left = _left_phrase(sentence.text[:a])
    if not right:
        while left and left[-1].lower() in _FUNCTION:  # "duties on softwood lumber to": the figure ends the phrase
            left.pop()
    phrase = " ".join(left + (["…"] if left and right else []) + right)
    return phrase or sentence.text[:160]


def _previous_of(text: str, f: Figure, sentence: Sentence, earlier: list[tuple[Figure, str]]) -> str | None:
    """'to 35.19 per cent from 14.4 per cent', '64 per cent …, up from 29 per cent': an earlier value, said so."""
    lead = text[max(sentence.start, f.start - 12):f.start]
    if not _WAS.search(lead):
        return None
    same = [(g, about) for g, about in earlier if g.kind == f.kind and g.start >= sentence.start]
    if not same:
        return None
    last, about = same[-1]
    trend = re.search(r"\b(?:up|down)\s+from\s+$", lead, re.IGNORECASE)
    if len(text[last.end:f.start]) > 16 and not trend:
        return None  # "from" far from the figure it would revise: a start point, not an old value
    base = about.removesuffix(", before")
    # "up from 41 per cent in March": the words after are the old value's time; after "to 31.5 from 12.2 on
    # Friday" they date the change, so only "before" is safe
    when = _right_phrase(text[f.end:sentence.end]) if trend else []
    return f"{base}, {' '.join(when)}" if when else f"{base}, before"


def _changed_from(text: str, old: Figure, new: Figure) -> bool:
    return old.kind == new.kind and text[old.end:new.start].strip() == "to" \
        and re.search(r"\bfrom\s+$", text[max(0, old.start - 6):old.start]) is not None


def _sentence_at(sentences: list[Sentence], starts: list[int], pos: int) -> Sentence | None:
    i = bisect_right(starts, pos) - 1
    if i >= 0 and sentences[i].start <= pos < sentences[i].end:
        return sentences[i]
    return None


def extract_facts(text: str, sentences: list[Sentence]) -> list[Fact]:
    """Key figures in text order; each value is `text[start:end]` exactly."""
    starts = [s.start for s in sentences]
    facts: list[Fact] = []
    described: list[tuple[Figure, str]] = []
    for f in figures(text):
        if not _is_key(text, f):
            continue
        if facts and facts[-1].kind == "money" and f.kind in ("money", "count") \
                and re.fullmatch(r"\s*\((?:[^()]*[;,]\s*)?", text[facts[-1].end:f.start]):
            continue  # "C$30 billion (£16bn; US$21.7bn)": the same sum in other currencies
        sentence = _sentence_at(sentences, starts, f.start)
        if sentence is None or len(sentence.text.split()) < 3:
            continue  # a figure outside any real sentence is page furniture ("8.85 C" weather widgets)
        about = _previous_of(text, f, sentence, described) or describe(sentence, f.start, f.end, f.kind)
        if described and _changed_from(text, described[-1][0], f):  # "from 25% to 10%": the old value, then the new
            about = described[-1][1]
            facts[-1] = replace(facts[-1], about=f"{about}, before")
        described.append((f, about))
        facts.append(Fact(value=text[f.start:f.end], about=about, sentence=sentence.text,
                          kind=f.kind, start=f.start, end=f.end))  # type: ignore[arg-type]
    return facts
