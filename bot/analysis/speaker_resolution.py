"""Speaker phrases to people: "he", "the prime minister", "Carney", "the White House" → who, with role.

Reporters name a speaker once in full and then refer back by pronoun, title or surname; the quote's
speaker must come out as the fullest name the article gives. `Resolver` holds the article's cast and
sentences and answers "who does this phrase mean at this point of the text?".
"""
from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right

from bot.analysis.names import ORG_NAME, ORG_PHRASES, SPEECH_VERBS, is_person_name
from bot.analysis.sentences import Sentence
from bot.analysis.speakers import Cast, Person

log = logging.getLogger(__name__)

_PRONOUN = re.compile(r"^(?:he|she|they|He|She|They)$")
_ROLE_NOUN = re.compile(
    r"^(?:the|a|an|one|another)\s+(?P<body>(?:[\w.’'-]+\s+){0,5}?(?P<noun>prime minister|president|premier|minister|"
    r"secretary|official|officials|spokesperson|spokesman|spokeswoman|leader|ceo|chief executive|economist|analyst|"
    r"source|sources|executive|chair|governor|ambassador|negotiator|office|company|government|administration|union|"
    r"association|council|department|ministry|agency|embassy|chamber|federation|group|institute|board|commission|coalition|statement|letter|ad|post|release|notice|memo|report|premier['’]s office|"
    r"prime minister['’]s office))$", re.IGNORECASE)
_ORG_RUN = re.compile(r"(?:^(?:[Tt]he\s+)?|\b[Tt]he\s+)(?P<org>(?:[A-Z][\w’'.-]+\s+){0,5}(?:Foundation|Association|Council|Union|Institute|"
                      r"Chamber of Commerce|Federation|Alliance|Coalition|Department|Ministry|Agency|Administration|"
                      r"Company|Corporation|Group|Bank|Board|Commission))\b")

_ACRONYM = re.compile(r"^(?:[Tt]he\s+)?(?P<abbr>[A-Z]{2,6})$")
_NOT_ACRONYMS = frozenset(["US", "UK", "MP", "MPP", "PM", "CEO", "CFO", "GDP", "TV"])
_NATIONAL_GROUP = re.compile(r"^(?:U\.S\.|US|American|Canadian|Chinese|Mexican|European|EU|British|French|German|Japanese|"
                             r"Indian|Ottawa|Washington|Beijing|White House|Canada|China|Mexico)\s+"
                             r"(?:(?:trade|government|administration|customs|border|senior|industry)\s+)?"
                             r"(?:officials|negotiators|diplomats|authorities|sources)$")
_COUNTRY = re.compile(r"^(?:[Tt]he\s+)?(?:(?P<us>U\.S\.|US|United States)|(?P<name>Canada|China|Mexico|Japan|India|"
                      r"Britain|Germany|France|Brazil|South Korea|Australia))$")
# "the Bureau National Interprofessionnel du Cognac": a capitalised name after "the" is an institution's, not a person's.
_THE_PROPER = re.compile(r"^[Tt]he\s+(?P<org>[A-Z][\w’'&.-]*(?:\s+(?:(?:of|for|and|du|de|des|la|le|&)\s+)?[A-Z][\w’'&.-]*){1,7})$")
_UNNAMED = re.compile(r"^(?:[Aa]|[Aa]n|[Oo]ne|[Aa]nother)\s+(?:[\w’'-]+\s+){0,5}?[a-z][\w’'-]*(?:\s+(?:from|in|at|with|for)\s+[A-Z][\w’'.-]*)?$")
_FEDERAL_BODY = re.compile(r"^(?:the\s+)?(?P<org>(?:[A-Z][\w&-]+,?\s+(?:and\s+)?){1,4}Canada)$")
SOURCE_OF = re.compile(r"^(?:[Aa]|[Aa]n|[Oo]ne|[Aa]nother)\s+(?:[\w’'-]+\s+){0,3}?(?:spokesperson|spokesman|spokeswoman|"
                        r"official|source|representative|adviser|advisor|aide|staffer|lawyer|negotiator|member)\s+"
                        r"(?:to|for|of|at|with|in|from|close to)\s+[^,;]{2,60}$")
# "to Prime Minister Mark Carney", "with Carney": a person named as an object, not who a pronoun refers to
_AFTER_PREPOSITION = re.compile(r"\b(?:to|with|for|from|about|against|of|at|on|by|toward|towards)\s+"
                                r"(?:(?:U\.S\.|[A-Z][\w.’'-]*)\s+){0,4}$")
_ORG_NOUNS = frozenset({"union", "association", "council", "company", "agency", "department", "ministry", "embassy",
                        "chamber", "federation", "group", "institute", "board", "commission", "coalition"})
_DOCUMENTS = frozenset({"letter", "statement", "post", "ad", "release", "notice", "memo", "report"})

_DOCUMENT_WORDS = "|".join(sorted(_DOCUMENTS))
_DOCUMENT_FROM = re.compile(rf"^(?:a|an|the)\s+(?:[\w-]+\s+)?(?:{_DOCUMENT_WORDS}|email|report)\s+(?:from|by|issued by)\s+",
                            re.IGNORECASE)
_OWNED_DOCUMENT = re.compile(rf"\b(?P<a>[A-Z][\w-]+)['’]s\s+(?:[\w-]+\s+){{0,2}}(?:{_DOCUMENT_WORDS})\b|"
                             rf"\b(?:{_DOCUMENT_WORDS})\s+(?:from|by)\s+(?:[A-Z][\w.-]+\s+){{0,3}}?(?P<b>[A-Z][\w-]+)\b")


# Who issued the document "the statement said" refers to: "In a statement, Carney's office said", "the union said
# in a statement", "Unifor released a statement", "a statement from the council".
_ISSUER_PHRASE = r"(?P<who>(?:[Tt]he\s+)?(?:[A-Z][\w’'&.-]*\s+){0,5}[A-Z][\w’'&.-]*(?:['’]s\s+office)?|[Tt]he\s+[a-z]+(?:\s+[a-z]+)?)"
_ISSUED = re.compile(
    rf"\b[Ii]n\s+(?:a|an|its|his|her|their)\s+(?:[\w-]+\s+)?(?:{_DOCUMENT_WORDS}|email)\b[^,.;“”\"]{{0,40}},\s+{_ISSUER_PHRASE}\s+"
    rf"(?:[a-z]+ly\s+)?(?:{SPEECH_VERBS}|[a-z]+ed)\b"
    rf"|(?<![\w’'])(?P<who2>(?:[Tt]he\s+)?(?:[A-Z][\w’'&.-]*\s+){{0,5}}[A-Z][\w’'&.-]*(?:['’]s\s+office)?|[Tt]he\s+[a-z]+)\s+"
    rf"(?:{SPEECH_VERBS}\s+(?:[\w-]+\s+){{0,3}}?in|released|issued|put\s+out|published)\s+(?:a|an)\s+(?:[\w-]+\s+)?(?:{_DOCUMENT_WORDS})\b"
    rf"|\b(?:{_DOCUMENT_WORDS})\s+(?:from|by|issued\s+by)\s+(?P<who3>(?:the\s+)?(?:[A-Z][\w’'&.-]*\s+){{0,5}}[A-Z][\w’'&.-]*(?:['’]s\s+office)?)"
    # "a Globe and Mail report indicated": the issuer's name before the document word
    rf"|\b(?:[Aa]|[Aa]n|[Tt]he)\s+(?P<who4>[A-Z][\w’'&.-]*(?:\s+(?:and\s+)?[A-Z][\w’'&.-]*){{0,4}})\s+(?:{_DOCUMENT_WORDS})\b")
# An organisation or office as the subject of a speech verb, for a later "it said".
_ORG_SPEAKER = re.compile(rf"(?P<who>(?:[Tt]he\s+)?(?:[A-Z][\w’'&.-]*\s+){{0,5}}[A-Z][\w’'&.-]*(?:['’]s\s+office)?|"
                          rf"[Tt]he\s+(?:[a-z]+\s+)?[a-z]+)\s+(?:[a-z]+ly\s+)?{SPEECH_VERBS}\b")


class Resolver:
    """Resolves subject phrases against the article's cast; shared by every attribution rule."""

    def __init__(self, text: str, sentences: list[Sentence], cast: Cast) -> None:
        self.text, self.sentences, self.cast = text, sentences, cast
        self._starts = [s.start for s in sentences]

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence holding `pos` (or ending just before it), found by bisection: quotes are many."""
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self.sentences[i].end + 1:
            return self.sentences[i]
        return None

    def sentences_in(self, lo: int, hi: int) -> list[Sentence]:
        """Sentences starting in [lo, hi)."""
        return self.sentences[bisect_left(self._starts, lo): bisect_left(self._starts, hi)]

    def _first_org_in(self, head: str) -> str | None:
        m = _ORG_RUN.search(head)
        return m.group("org") if m else None

    def _first_person_in(self, lo: int, hi: int, gender: str | None = None, subjects: bool = False) -> Person | None:
        """The first person named as a subject (not "Trump's") in [lo, hi), of a compatible gender;
        `subjects`: not one named after a preposition either ("a letter to Prime Minister Mark Carney")."""
        for start, _end, key, subject_like in self.cast.mentions_in(lo, hi):
            person = self.cast.person(key)
            if lo <= start < hi and subject_like and person and _compatible(person, gender) and not (
                    subjects and _AFTER_PREPOSITION.search(self.text, max(0, start - 60), start)):
                return person
        return None

    def resolve(self, phrase: str, pos: int) -> tuple[str | None, str | None]:
        """A subject phrase → (fullest name or organisation, role)."""
        who = re.sub(r"^(?:and|but|so|then|while|as)\s+", "", phrase.strip(" ,—–-\u00a0"), flags=re.IGNORECASE).strip()
        source = re.sub(r"\s+(?:last|this|next|earlier|later|on|late|early)\b.*$", "", who)
        if SOURCE_OF.match(source):  # "a spokesperson for Beijing's embassy in Ottawa", "a senior adviser to the president"
            return source[:1].lower() + source[1:], None
        who = re.sub(r"\s+(?:last|this|next|earlier|later|on|in|late|early)\b.*$", "", who)
        who = _DOCUMENT_FROM.sub("", who)  # "a statement from the PMO" speaks for the PMO
        if not who or len(who) > 90:
            return None, None
        if who.lower() == "it":  # "…,” it added: the organisation or document speaking just before
            return self._it(pos), None
        if _PRONOUN.match(who):
            if who.lower() == "they":
                return None, None
            pos = self._pronoun_at(who, pos)
            person = self.antecedent(pos, "f" if who.lower() == "she" else "m")
            return (person.name, person.role) if person else (None, None)
        org = ORG_PHRASES.search(who)
        office = re.search(r"^(?:the\s+)?(?P<owner>.+?)['’]s office$", who, re.IGNORECASE)
        if office:
            owner = self.cast.by_name(office.group("owner")) or self.cast.by_role(office.group("owner"))
            return (f"{owner.name}'s office" if owner else who.removeprefix("the "), None)
        if org and len(org.group(0)) >= len(who) - 4:
            return org.group("org").replace("’", "'"), None
        federal = _FEDERAL_BODY.match(who)
        if federal:  # "Statistics Canada said", "Global Affairs Canada", "Export Development Canada": agencies
            return federal.group("org"), None
        org_run = _ORG_RUN.match(who)
        if org_run and org_run.group(0).strip() == who.strip():
            return org_run.group("org"), None  # "The Prairie Grain Growers Association" names itself
        org_name = ORG_NAME.match(who)
        if org_name:
            return org_name.group("org"), None
        role = _ROLE_NOUN.match(who)
        if role:
            return self._resolve_role(who, role, pos)
        acronym = _ACRONYM.match(who)
        if acronym and acronym.group("abbr") not in _NOT_ACRONYMS:  # "the UPU" → "Universal Postal Union", as the article spelled it out
            return self._spelled_out(acronym.group("abbr")), None
        country = _COUNTRY.match(who)
        if country:  # "the U.S. said it would “not back down”": a government speaking by its country's name
            return ("US" if country.group("us") else country.group("name")), None
        group = _NATIONAL_GROUP.match(who)
        if group:  # "Chinese officials said": no name, but an identified source
            return group.group(0), None
        proper = _THE_PROPER.match(who)
        if proper and not is_person_name(proper.group("org")):  # "the Bureau National … du Cognac"
            return proper.group("org"), None
        return self._resolve_name(who, org)

    def _pronoun_at(self, pronoun: str, pos: int) -> int:
        """Where the pronoun itself stands (its antecedent comes before it, not before the verb that follows):
        "He cited the Ronald Reagan Foundation, stating: …" is not about Reagan."""
        sent = self.sentence_at(pos)
        lo = sent.start if sent else max(0, pos - 300)
        found = [m.start() for m in re.finditer(rf"\b{pronoun}\b", self.text[lo:pos], re.IGNORECASE)]
        return lo + found[-1] if found else pos

    def _spelled_out(self, abbr: str) -> str:
        """'UPU' → 'Universal Postal Union' when the text writes "Universal Postal Union (UPU)"; else 'UPU'."""
        m = re.search(rf"\b(?P<full>(?:[A-Z][\w’'&.-]*\s+(?:(?:of|for|and|on|the|&)\s+)*){{1,7}}[A-Z][\w’'&.-]*)\s*\(\s*{abbr}\s*\)",
                      self.text)
        if m:
            words = m.group("full").split()
            initials = [w for w in words if w[:1].isupper()]
            return " ".join(words[len(initials) - len(abbr):]) if len(initials) > len(abbr) else m.group("full")
        return abbr

    def _resolve_name(self, who: str, org: re.Match[str] | None) -> tuple[str | None, str | None]:
        """'Carney' → 'Mark Carney'; an unknown capitalised name stands as given; 'one shopper' stays a role."""
        name = re.sub(r"['’]s$", "", who)
        person = self.cast.by_name(name)
        if person and (name.split()[-1] == person.surname):
            return person.name, person.role
        if is_person_name(name) and 1 <= len(name.split()) <= 4 and name[:1].isupper():
            return name, None
        if org:
            return org.group("org"), None
        if _UNNAMED.match(who):
            return who[:1].lower() + who[1:], None  # "one shopper", "a dairy farmer from Quebec": the text gives no name
        return None, None

    def _resolve_role(self, who: str, role: re.Match[str], pos: int) -> tuple[str | None, str | None]:
        """'the prime minister' → the person the article gave that title; 'a senior official' stays a role."""
        body, noun = role.group("body"), role.group("noun").lower()
        found = self.cast.by_role(body) or self._by_place(body) or self._former(body, noun) or self.cast.by_role(noun)
        if noun in _DOCUMENTS and not found:
            issuer = self._issuer(pos)
            if issuer:
                return issuer, None
            found = self._author(pos) or self.antecedent(pos)
        if found:
            return found.name, found.role
        if who.lower().startswith(("a ", "an ", "one ", "another ")):
            return who, None
        nearest = self._latest_with_role(noun, pos)
        if nearest is None and noun in ("leader", "premier", "minister", "president", "prime minister"):
            nearest = self._latest_untitled(pos)
        if nearest:
            return nearest.name, nearest.role
        org = self._latest_org(noun, pos) if noun in _ORG_NOUNS else None
        return org or who.removeprefix("the ").removeprefix("The "), None

    def _latest_org(self, noun: str, pos: int) -> str | None:
        """'the union' → the organisation the text last named as one ("Unifor, the largest union, …")."""
        window = self.text[max(0, pos - 1500): pos]
        named = list(re.finditer(rf"\b(?P<org>(?:[A-Z][\w’'&.-]*[ \u00a0]+){{1,5}}{noun.title()})\b", window))
        apposed = list(re.finditer(
            rf"\b(?P<org>[A-Z][\w’'&.-]*(?:\s+(?:(?:and|of|for|&)\s+)?[A-Z][\w’'&.-]*){{0,5}}),\s+(?:[^,.;“”\"]{{0,60}}?\s)?{noun}\b", window))
        best = max(named + apposed, key=lambda m: m.start(), default=None)
        return re.sub(r"^The\s+", "", best.group("org")) if best else None

    def _issuer(self, pos: int) -> str | None:
        """'the statement said' → who the text says issued the latest statement, letter or post before `pos`."""
        last = None
        for m in _ISSUED.finditer(self.text, max(0, pos - 1500), pos):
            last = m.group("who") or m.group("who2") or m.group("who3") or m.group("who4")
        document = _ROLE_NOUN.match(last) if last else None
        if last is None or (document and document.group("noun").lower() in _DOCUMENTS):
            return None  # "the statement said in a statement" names no issuer
        return self.resolve(last, pos)[0]

    def _it(self, pos: int) -> str | None:
        """'it said' → the organisation, office or document that last spoke (never a person)."""
        sent = self.sentence_at(pos)
        hi = sent.start if sent and sent.start < pos else pos
        for m in reversed(list(_ORG_SPEAKER.finditer(self.text, max(0, hi - 800), hi))):
            phrase = m.group("who")
            noun = _ROLE_NOUN.match(phrase)
            if noun and noun.group("noun").lower() in _DOCUMENTS:
                return self._issuer(m.start())
            if noun and noun.group("noun").lower() not in _ORG_NOUNS | {"government", "administration", "office"}:
                return None  # "the minister said": a person spoke last
            found, _role = self.resolve(phrase, m.start())
            if found is None:
                continue
            if any(p.name == found for p in self.cast.people.values()) or (noun is None and is_person_name(found)):
                return None
            return found
        return None

    def _author(self, pos: int) -> Person | None:
        """'the letter reads': whose letter it is, from the nearest "Trump's letter" or "a letter from Trump"."""
        owner = None
        for m in _OWNED_DOCUMENT.finditer(self.text, max(0, pos - 600), pos):
            owner = self.cast.by_name(m.group("a") or m.group("b")) or owner
        return owner

    def _former(self, body: str, noun: str) -> Person | None:
        """'the former president' is not the president in office: another person with that title."""
        if not re.search(r"\b(?:former|late|then|ex-)", body, re.IGNORECASE):
            return None
        current = self.cast.by_role(noun)
        others = [p for p in self.cast.people.values() if p is not current and p.role and noun.lower() in p.role.lower()]
        return others[0] if others else None

    def _by_place(self, phrase: str) -> Person | None:
        """'the Ontario leader' → the person whose title names Ontario."""
        places = [w for w in phrase.split() if w[:1].isupper()]
        for person in self.cast.people.values():
            if person.role and any(p.lower() in person.role.lower() for p in places):
                return person
        return None

    def _latest_with_role(self, noun: str, pos: int) -> Person | None:
        """'the minister' → the person with a minister's title mentioned most recently before `pos`."""
        word = re.compile(rf"\b{re.escape(noun)}\b", re.IGNORECASE)
        for start, _e, key, _subj in reversed(self.cast.mentions_in(0, pos)):
            person = self.cast.person(key)
            if start < pos and person and person.role and word.search(person.role):
                return person
        return None

    def _latest_untitled(self, pos: int) -> Person | None:
        """For a title no one was given: the latest person named without another title ("Trump", not the PM)."""
        for start, _e, key, subject_like in reversed(self.cast.mentions_in(max(0, pos - 1500), pos)):
            person = self.cast.person(key)
            if person and subject_like and not person.role:
                return person
        return None

    def antecedent(self, pos: int, gender: str | None = None) -> Person | None:
        """The person a pronoun at `pos` refers to: the subject of this or the nearest earlier sentence."""
        sent = self.sentence_at(pos)
        lo = sent.start if sent else max(0, pos - 300)
        found = self._first_person_in(lo, pos, gender, subjects=True) or self._first_person_in(lo, pos, gender)
        if found:
            return found
        i = bisect_right(self._starts, lo) - 1
        for s in reversed(self.sentences[max(0, i - 4): max(0, i)]):
            found = self._first_person_in(s.start, s.end, gender)
            if found:
                return found
        for start, _e, key, _subj in reversed(self.cast.mentions_in(0, pos)):
            person = self.cast.person(key)
            if start < pos and person and _compatible(person, gender):
                return person
        return None


def _compatible(person: Person, gender: str | None) -> bool:
    return gender is None or person.gender is None or person.gender == gender
