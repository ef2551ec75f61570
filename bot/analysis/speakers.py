"""Who is who in an article: people (with their titles), organisations, and how later mentions refer back.

News names a person in full once ("Prime Minister Mark Carney"), then by surname ("Carney"), title
("the prime minister") or pronoun ("he"). This module indexes the full mentions and resolves the
short ones, so a quote's speaker comes out as the fullest name the article gives, with the role.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.analysis.names import (
    FULL_NAME,
    KNOWN,
    ROLE_NOUNS,
    TITLE_INSIDE,
    confirmed,
    gender_of,
    is_person_name,
    speaker_evidence,
)


@dataclass(slots=True)
class Person:
    name: str  # fullest form seen ("Mark Carney")
    role: str | None = None  # "prime minister"
    first: int = 0  # offset of the first full mention
    gender: str | None = None  # "f" / "m" when the name or an honorific says so, for pronouns

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


@dataclass(slots=True)
class Cast:
    """Everyone the article names, and where each was mentioned (outside quotations)."""

    people: dict[str, Person] = field(default_factory=dict)  # by surname (lower)
    mentions: list[tuple[int, int, str, bool]] = field(default_factory=list)  # (start, end, surname key, subject-like)
    roles: dict[str, str] = field(default_factory=dict)  # "prime minister" -> surname key
    starts: list[int] = field(default_factory=list)  # mention starts, for bisection

    def person(self, key: str) -> Person | None:
        return self.people.get(key)

    def mentions_in(self, lo: int, hi: int) -> list[tuple[int, int, str, bool]]:
        """Mentions starting in [lo, hi), in text order; `mentions` is sorted, so this bisects."""
        return self.mentions[bisect_left(self.starts, lo): bisect_left(self.starts, hi)]

    def by_name(self, text: str) -> Person | None:
        """'Carney', 'Mark Carney', 'Carney's' → the person, if the article introduced them."""
        words = re.sub(r"['’]s$", "", text.strip()).split()
        return self.people.get(words[-1].lower()) if words else None

    def by_role(self, phrase: str) -> Person | None:
        key = _role_key(phrase)
        hit = self.roles.get(key) if key else None
        return self.people.get(hit) if hit else None


def _role_key(role: str) -> str:
    """'U.S. President' and 'the president' share a key; 'the former president' does not."""
    r = role.lower().replace("u.s. ", "").replace("us ", "").replace("canadian ", "").replace("american ", "")
    r = re.sub(r"^(?:the|a|an|federal|provincial)\s+", "", r.strip())
    r = re.sub(r"\s+to\s+(?:canada|the united states|the u\.s\.|the us|washington)$", "", r)  # "ambassador to Canada"
    return r.strip()


def build_cast(text: str, quoted: list[tuple[int, int]]) -> Cast:
    """Index people from full mentions ("Title First Last" or "First Last"), then every later mention."""
    cast = Cast()
    inside = _inside(quoted)
    _add_full_mentions(text, cast, inside)
    _add_known(text, cast, inside)
    for key, person in cast.people.items():
        if len(person.name.split()) == 1 and key in KNOWN:
            person.name = KNOWN[key]
        person.gender = gender_of(text, person.name)
        person.role = person.role or _appositive_role(text, person)
    for key in list(cast.people):
        for m in re.finditer(rf"\b{re.escape(cast.people[key].surname)}\b", text):
            if not inside(m.start()):
                cast.mentions.append((m.start(), m.end(), key, text[m.end():m.end() + 2] not in ("’s", "'s")))
    cast.mentions.sort()
    cast.starts = [m[0] for m in cast.mentions]
    return cast


def _add_full_mentions(text: str, cast: Cast, inside: Callable[[int], bool]) -> None:
    """People named in full outside quotations, each under the fullest form and first title seen."""
    evidence = speaker_evidence(text)
    for m in FULL_NAME.finditer(text):
        name, title = m.group("name"), m.group("title")
        split = TITLE_INSIDE.match(name)
        if split:  # "Las Vegas Mayor Shelley Berkley": the title sits inside the capitalised run
            title, name = split.group("title"), split.group("name")
        # "Bank of Canada Governor Tiff Macklem": a title inside the run says a person follows the institution
        part_of = _PART_OF_NAME.search(text, max(0, m.start() - 40), m.start())
        part_of_name = part_of and not (split and re.match(r"\S+\s+of\b", part_of.group(0)))
        if inside(m.start()) or not is_person_name(name) or part_of_name \
                or (not title and _EMPLOYER_BEFORE.search(text, max(0, m.start() - 40), m.start())):
            continue
        clean = re.sub(r"['’]s$", "", name)
        words = clean.split()
        key = words[-1].lower()
        existing = cast.people.get(key)
        titled = bool(title) and title.strip() not in _HONORIFICS
        if (len(words) >= 2 or titled) and confirmed(text, clean, evidence, bool(title), m.start()) and (
                existing is None or len(words) > len(existing.name.split())):
            cast.people[key] = Person(clean, existing.role if existing else None, m.start())
        if titled and key in cast.people:
            person = cast.people[key]
            person.role = person.role or _role_text(title.strip())
            cast.roles.setdefault(_role_key(title.strip()), key)

_HONORIFICS = ("Mr.", "Mrs.", "Ms.", "Dr.")

# "Federation of Independent Business": a capitalised run after "X of" belongs to a longer proper name.
_PART_OF_NAME = re.compile(r"[A-Z][\w.’']*\s+(?:of|for|and)\s+(?:the\s+)?$")
# "Jane Roe, owner of Outer Layer": the capitalised run after a job "of"/"at" is where the person works.
_EMPLOYER_BEFORE = re.compile(r"\b(?:owner|co-owner|founder|co-founder|president|CEO|chair|director|head|manager|"
                              r"executive|economist|analyst|spokesperson|spokesman|spokeswoman|partner|member|"
                              r"professor|officer|chief)\s+(?:of|at)\s+(?:the\s+)?$")


def _add_known(text: str, cast: Cast, inside: Callable[[int], bool]) -> None:
    """Public figures of the beat named by surname alone ("Trump said") are people too."""
    for m in _CAPITALISED.finditer(text):
        key = m.group(0).lower()
        if key in KNOWN and key not in cast.people and not inside(m.start()):
            cast.people[key] = Person(KNOWN[key], None, m.start())


_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z]+)?\b")
_APPOSITIVE = re.compile(rf",\s+(?!who\b|which\b|whose\b)(?:the\s+|a\s+|an\s+)?(?P<role>[^,.;:“”\"()]{{0,60}}?\b{ROLE_NOUNS}\b[^,.;:“”\"()]{{0,70}}?)"
                         rf"(?:,|\.(?=\s|$)|\s+(?:said|says|told|added|wrote)\b)")


def _appositive_role(text: str, person: Person) -> str | None:
    """'Marisol Quennell, president of the Ontario Steel Fabricators Council, said' → the role after the name."""
    at = text.find(person.name)
    if at < 0:
        return None
    m = _APPOSITIVE.match(text, at + len(person.name))
    return m.group("role").strip() if m else None


def _role_text(title: str) -> str:
    """'Finance Minister' → 'finance minister'; place names and acronyms keep their capitals."""
    t = title.replace("Sen.", "Senator").replace("Rep.", "Representative").replace("Gov.", "Governor")
    keep = ("U.S.", "US", "CEO", "NDP", "Ontario", "Quebec", "Alberta", "B.C.", "Manitoba", "Saskatchewan", "Canadian",
            "American", "Mexican", "Chinese", "British", "Conservative", "Liberal", "Bloc", "Green", "Republican",
            "Democratic", "Democrat", "House", "Senate")
    return " ".join(w if w in keep or not w.istitle() else w.lower() for w in t.split())


def _inside(spans: list[tuple[int, int]]) -> Callable[[int], bool]:
    """A test for "is this offset inside a quotation?", by bisection over the sorted spans."""
    starts = [a for a, _b in spans]

    def check(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return i >= 0 and pos < spans[i][1]
    return check
