"""Figures as news writes them: money, percentages, quantities and counts, with their exact wording.

Shared by facts (every key figure) and tariffs (rates). One fast pass finds where a number starts
(a currency sign, a digit, a number word); anchored patterns then read the figure from there and a
look-back adds its qualifier ("more than", "up to"). Scanning the whole text with qualifier-led
patterns costs about ten times as much, and the analyzer's budget is a few microseconds a character.
Values are kept exactly as written so a desk can find them; `percent_value` gives the number behind
a rate for comparison.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

log = logging.getLogger(__name__)

_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:[ -](?:million|billion|trillion|mln|bln|bn)\b|(?:bn|mln|bln)\b)"  # "$21.7bn" too
_WORDNUM = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
            r"sixty|seventy|eighty|ninety|hundred|a hundred|a dozen|dozens|hundreds|thousands|millions|billions|"
            r"tens of (?:thousands|millions|billions))")
_TENS_UNITS = (r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ]"
               r"(?:one|two|three|four|five|six|seven|eight|nine)")
_FRACTION = r"(?:half|a third|one-third|two-thirds|a quarter|one-quarter|three-quarters)"
_CURRENCY = r"(?:(?:US|U\.S\.|C|CA|CAD|CDN|Cdn|A|NZ|HK)?\$|£|€)"
_PCT = r"(?:\s?%|[ -]per[ -]cent\b|[ -]percent\b|pc\b)"  # "16.7pc" in some wire copy
_QUAL = (r"(?:up to|more than|less than|fewer than|nearly|about|around|over|under|at least|almost|roughly|some|"
         r"approximately|an estimated|just over|just under|as much as|as many as|as high as|close to)")
_PERIOD = r"(?:\s+(?:a|per)\s+(?:day|week|month|year|tonne|barrel))"
_UNITS = (
    r"(?:pounds|lbs|tonnes|tons|metric tons|barrels(?: (?:per|a) day)?|board feet|kilograms|kg|litres|liters|gallons|"
    r"megawatts|MW|gigawatts|kilowatt-hours|bushels|acres|hectares|jobs|workers|employees|people|residents|trips|"
    r"passengers|visitors|travellers|travelers|vehicles|cars|trucks|units|smelters|plants|mills|factories|companies|"
    r"firms|businesses|states|provinces|countries|witnesses|submissions|members|layoffs|shifts|products|items|"
    r"tariff lines|containers|shipments|homes|farms|farmers|stores|locations|sawmills|mines|projects|operators|"
    r"medications|medicines|drugs|facilities|communities|producers|exporters|importers|manufacturers|automakers|"
    r"retailers|suppliers|growers|ranchers|processors|municipalities|cities|towns|counties|nations|organizations|"
    r"organisations|unions|brands|models|vessels|ships|flights|ports|crossings|sectors|industries|investments|"
    r"households|families|consumers|customers|patients|students|sites|outlets|dealerships|restaurants|permits|"
    r"licences|licenses|applications|orders|cases|lawsuits|investigations|positions|staff|agencies|carriers)\b"
)
# Words describing the things counted: "175 family farms", "26 recent projects", "400 different ready-for-use …".
_MODIFIER = (r"(?:(?!(?:of|and|or|to|in|on|for|per|a|an|the|from|by|at|with|than|that|which|who|were|are|was|is|"
             r"have|has|had|will|would|more|fewer|years?|months?|days?|weeks?|million|billion|trillion|mln|bln|bn)\b)[a-z][a-z-]*\s+){0,2}")

# Where a figure can start: a currency sign, a digit that is not inside a word or number, a number word.
ANCHOR = re.compile(rf"{_CURRENCY}|(?<![\w.,])\d|(?i:\b(?:{_TENS_UNITS}|{_WORDNUM}|{_FRACTION})\b)")
_MONEY = re.compile(
    rf"{_CURRENCY}\s?{_NUM}{_SCALE}?(?:\s?(?:to|and|-|–)\s?\$?{_NUM}{_SCALE}?)?{_PERIOD}?"
    rf"(?:\s+\((?:US|C|CA)?\$?{_NUM}{_SCALE}?\s?(?:US|CAD|Cdn|U\.S\.)?\))?"
    rf"|{_NUM}{_SCALE}?\s+(?:dollars|euros|pounds sterling|yuan|pesos)\b"
    rf"|(?i:(?:hundreds|thousands|millions|billions|tens of (?:millions|billions))"
    rf"(?: of (?:millions|billions))?(?: of dollars\b|(?= (?:in|worth)\b)))")
_PERCENT = re.compile(
    rf"(?i:{_NUM}{_PCT}?\s?(?:to|-|–)\s?(?:{_QUAL}\s+)?{_NUM}{_PCT}|{_NUM}{_PCT}|{_TENS_UNITS}{_PCT}|{_WORDNUM}{_PCT})")
_ONE_PERCENT = re.compile(rf"(?i:{_NUM}{_PCT})")  # "from 25% to 50%": a change, two figures, not a range
_SHARE_WORD = re.compile(rf"(?i:{_FRACTION})(?= of\b)")  # "more than half of that total"
_QUANTITY = re.compile(
    rf"(?i:(?:{_NUM}{_SCALE}?|{_WORDNUM}(?: million| billion)?)\s+"
    rf"(?:(?:more|fewer|additional|new|U\.S\.|American|Canadian)\s+)?{_UNITS})"
    rf"|{_NUM}\s+{_MODIFIER}(?i:{_UNITS})")
# A bare count of part of a set just counted: "400 medications, of which 28 have no other supplier", "12 of them".
_PART = re.compile(r"(?:(?<=of which )|(?<=of whom ))\d{1,3}(?:,\d{3})*(?![\w%.,])"
                   r"|\d{1,3}(?:,\d{3})*(?= of (?:them|those|these)\b)")
_COMPOUND = re.compile(r"(?i:\d{1,3}(?:,\d{3})*-(?:year|second|minute|day|week|month|hour|page|point)\b)(?!-old)")
_BIG = re.compile(rf"(?i:(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?{_SCALE}))(?![\w%]|,\d)")
_DECIMAL = re.compile(r"\d{1,3}\.\d{1,2}(?![\w%]|\.\d|\s?(?:per|percent|a\.m|p\.m|am\b|pm\b))")
_QUAL_BEFORE = re.compile(rf"(?i:\b{_QUAL}\s+)$")
# A deadline or a pause: "within 30 days", "for 90 days" (not every "two years ago")
_DURATION = re.compile(r"(?i:(?<=\bwithin )|(?<=\bfor )|(?<=\bnext )|(?<=\bfor another )|(?<=\bin ))(?:\d{1,3}|" + _WORDNUM
                       + r")\s+(?:days|weeks|months|years)\b")
_READERS = (("money", _MONEY), ("percent", _PERCENT), ("percent", _SHARE_WORD), ("quantity", _DURATION), ("quantity", _QUANTITY), ("quantity", _COMPOUND),
            ("count", _BIG), ("count", _DECIMAL), ("count", _PART))

WORD_VALUE = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
              "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
              "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
# "Twenty-five per cent" is 25%, not the "five" inside it
_RATE = re.compile(rf"(?i:((?<![\w.]){_NUM}|(?<![\w-])(?:{_TENS_UNITS}|{_WORDNUM}))(?:{_PCT}))")


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure in a text: `text[start:end]` is its exact wording; `core` is where its number starts."""

    start: int
    end: int
    kind: str  # money, percent, quantity, count
    core: int


def _read_at(text: str, pos: int) -> tuple[str, int] | None:
    for kind, reader in _READERS:
        m = reader.match(text, pos)
        if m:
            return kind, m.end()
    return None


def figures(text: str) -> list[Figure]:
    """Every money amount, percentage, quantity and large count in `text`, in order, never overlapping."""
    out: list[Figure] = []
    last_end = 0
    for anchor in ANCHOR.finditer(text):
        pos = anchor.start()
        if pos < last_end:
            continue
        read = _read_at(text, pos)
        if read is None:
            continue
        kind, end = read
        if kind == "percent" and re.search(r"\bfrom\s+$", text[max(0, pos - 6): pos]):
            one = _ONE_PERCENT.match(text, pos)
            end = one.end() if one else end
        end = len(text[:end].rstrip(" .,-"))
        qual = _QUAL_BEFORE.search(text, max(last_end, pos - 20), pos)
        start = qual.start() if qual else pos
        out.append(Figure(start, end, kind, pos))
        last_end = end
    return out


def percent_value(text: str) -> str:
    """'25 per cent' → '25%', 'up to 400 per cent' → '400%', 'three percent' → '3%'; '' when none."""
    m = _RATE.search(text)
    if not m:
        return ""
    raw = m.group(1).lower().replace(",", "")
    parts = re.split(r"[- ]", raw) if raw[:1].isalpha() else [raw]
    if len(parts) == 2 and all(p in WORD_VALUE for p in parts):
        return f"{WORD_VALUE[parts[0]] + WORD_VALUE[parts[1]]}%"  # "twenty-five"
    return f"{WORD_VALUE.get(raw, raw)}%"


def percents(sentence: str) -> list[tuple[int, int, str]]:
    """Every percentage in a sentence: (start, end, normalised rate)."""
    return [(m.start(), m.end(), percent_value(m.group(0))) for m in _RATE.finditer(sentence)]
