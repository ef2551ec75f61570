"""Where news writing puts a quote's speaker: after it, before it, or in the sentence next to it.

Rules in the order reporters use them: after the quote (`,” Carney said` / `,” said Carney` /
`,” according to …`), before it (`Carney said, “…”`, `Carney argued that … “not idle threats”`,
`Berkley pleaded: “…”`), in the sentence before it, and a quote paragraph that follows a paragraph
reporting someone's words. Each rule returns (speaker, role) or (None, None).
"""
from __future__ import annotations

import logging
import re

from bot.analysis.names import ROLE_NOUNS, SPEECH_VERBS, is_person_name
from bot.analysis.quote_spans import Span
from bot.analysis.speaker_resolution import SOURCE_OF, Resolver
from bot.analysis.speakers import Person

log = logging.getLogger(__name__)

VERBS = SPEECH_VERBS
_VERB = re.compile(rf"\b{VERBS}\b")
_CUT = re.compile(r"\s+(?:as|who|which|in|on|at|during|after|before|when|while|to|of|about|from|with|for|"
                  r"late|early|last|this|outside|inside|aboard|Monday|Tuesday|Wednesday|Thursday|Friday|"
                  r"Saturday|Sunday|reporters|told|said)\b.*$", re.DOTALL)

# "…, John G. Murphy, an executive at the chamber, wrote in a post." — the name at the end of the sentence.
_LATE_ATTRIBUTION = re.compile(rf",\s+(?P<who>(?:[A-Z][\w.’'\u2024-]*\s+){{0,3}}[A-Z][\w’'-]+|he|she)(?:,\s+[^,“”\"]{{3,140}},)?"
                               rf"\s+{VERBS}\b[^.,;“”\"]{{0,80}}\.")
_APPOSED_AFTER = re.compile(rf"^\s*,?\s*(?P<who>(?:[Tt]he\s+)?[A-Z][^,.;:!?“”\"]{{1,80}}?),\s+(?:(?:a|an|the|who|whose)\s+|"
                            rf"(?=(?:[a-z][\w-]*\s+){{0,3}}{ROLE_NOUNS}\b))[^,;“”\"]{{3,100}},"
                            rf"\s+(?:[a-z]+ly\s+)?{VERBS}\b")
_LATE_INVERTED = re.compile(rf"^[^.!?]{{0,120}}?,\s+(?!told\b|tells\b){VERBS}\s+(?P<who>[^,.;:!?]+?)\s*(?:[,.!?]|$)")
# "“firmly opposes” the duties, a spokesperson for the embassy said": an unnamed source right before the verb
_SOURCE_AFTER = re.compile(rf"^(?P<pre>[^“”\"]{{0,80}}?),\s+(?P<who>(?:a|an)\s+[^,;“”\"]{{3,100}}?)\s+(?:[a-z]+ly\s+)?{VERBS}\b")
_STATEMENT_BY = re.compile(r"^(?:In\s+\w+,\s+)?(?:[Tt]he\s+)?(?P<who>(?:[A-Z][\w&’'.-]*\s+){1,5}?)"
                           r"(?:released|issued|put out|posted|published)\s+(?:a|an)\s+(?:\w+\s+)?(?:statement|letter|post)")

# Periods inside "Ms. Joly", "U.S. Trade Representative", "John G. Murphy" do not end the speaker phrase.
_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Mme|Dr|Sen|Rep|Gov|Lt|Gen|Col|Sgt|St|Jr|Sr|Prof|Hon)\.|\b(?:[A-Z]\.){1,3}(?=[ A-Z])")
_MASK = "\u2024"  # one-dot leader: same length as the period it stands for


def _mask_abbreviations(tail: str) -> str:
    return _ABBREVIATION.sub(lambda m: m.group(0).replace(".", _MASK), tail)


class Attributor(Resolver):
    """Finds the speaker phrase around a quotation span and resolves it."""

    def after(self, span: Span) -> tuple[str | None, str | None]:
        """`,” Carney said` / `,” said Carney, a former banker` / `,” according to the PMO`."""
        tail = self.text[span.end + 1: span.end + 200].split("\n")[0]
        tail = _mask_abbreviations(re.split(r"[“\"«]", tail)[0])
        if self.text[span.end - 1: span.end] == "." and re.match(r"^\s+[A-Z]", tail):
            return None, None  # the quotation ended its sentence: what follows is a new sentence
        m = re.match(r"^[\s,—–-]*(?:according to)\s+(?P<who>[^,.;:]+)", tail)
        if m:
            return self._resolve_masked(m.group("who"), span.start)
        m = re.match(rf"^[\s,—–-]*{VERBS}\s+(?P<who>[^,.;:]+)", tail)
        if m:
            return self._resolve_masked(_CUT.sub("", m.group("who")), span.start)
        m = re.match(rf"^[\s,—–-]*(?P<who>[^,.;:!?]{{1,90}}?)\s+(?:[a-z]+ly\s+|also\s+|then\s+|later\s+|again\s+){{0,2}}{VERBS}\b", tail)
        if m and not re.search(r"\b(?:that|if|because|but|and)\b", m.group("who")):
            return self._resolve_masked(m.group("who"), span.start)
        m = _SOURCE_AFTER.match(tail)
        if m and self.cast.by_name(m.group("pre").strip().replace(_MASK, ".")) is None:
            found = self._resolve_masked(m.group("who"), span.start)
            if found[0]:
                return found
        m = _APPOSED_AFTER.match(tail)
        if m:  # ,” the Bureau …, a French industry group, said in a statement.
            found = self._resolve_masked(m.group("who"), span.start)
            if found[0]:
                return found
        late = _LATE_INVERTED.match(tail)
        if late:  # reverse “mutually destructive” tariffs, said Premier Jane Roe in a statement.
            found = self._resolve_masked(_CUT.sub("", late.group("who")), span.start)
            if found[0]:
                return found
        end = _LATE_ATTRIBUTION.search(tail)
        if end:  # “will suffer” because of costs, John G. Murphy, an executive at …, said.
            return self._resolve_masked(end.group("who"), span.start)
        return None, None

    def _resolve_masked(self, phrase: str, pos: int) -> tuple[str | None, str | None]:
        return self.resolve(phrase.replace(_MASK, "."), pos)

    def before(self, span: Span) -> tuple[str | None, str | None]:
        """`Carney said, “…”` / `Carney argued that … were “not idle threats.”` / `According to X, “…”`."""
        sent = self.sentence_at(span.start - 1)
        lo = sent.start if sent else span.para_start
        head = self.text[lo: span.start - 1]
        m = re.search(r"according to\s+(?P<who>[^,.;:]+?),?\s*$", _mask_abbreviations(head), re.IGNORECASE)
        if m:  # "According to the U.S. Commerce Department, “…”": the periods of "U.S." are not a break
            return self._resolve_masked(m.group("who"), span.start)
        m = _STATEMENT_BY.match(head)
        if m:  # "Unifor released a statement Friday calling the threat “economic extortion.”"
            found = self.resolve(m.group("who"), span.start)
            return found if found[0] else (m.group("who").strip(), None)
        verbs = list(_VERB.finditer(head))
        for verb in reversed(verbs):
            subject = _subject_before(head[: verb.start()])
            if subject is None and verb.group(0).endswith("ing"):
                subject = _clause_subject(head[: verb.start()])  # "Carney laughed, noting “…”": Carney notes
            found = self.resolve(subject, lo + verb.start()) if subject else (None, None)
            if found[0]:
                return found
        if _PARTICIPLE_OPENING.match(head):  # "Noting that …“…”, the statement said": the subject follows
            subject = self._subject_after(span, sent.end if sent else span.end + 300)
            found = self.resolve(subject, span.start) if subject else (None, None)
            if found[0]:
                return found
        if verbs:  # "…, claiming the US doesn't “need ANYTHING”": the sentence's subject speaks
            first = (self._first_person_in(lo, lo + verbs[-1].start(), subjects=True)
                     or self._first_person_in(lo, lo + verbs[-1].start()) or self._first_org_in(head))
            if isinstance(first, Person):
                return first.name, first.role
            if first:
                return first, None
        if head.rstrip().endswith(":") or head.rstrip().endswith((".", "!", "?")):
            first = self._first_person_in(lo, span.start)  # "Berkley pleaded with travellers: “…”"
            if first is not None:
                return first.name, first.role
        return self.previous_sentence(span, lo)

    def _subject_after(self, span: Span, end: int) -> str | None:
        """The subject of the main clause after an opening participle phrase, later in the sentence."""
        rest = re.sub(r"[“\"][^“”\"]*[”\"]", " ", self.text[span.end + 1: end])
        for chunk in re.split(r"[,;:()—]", rest)[1:]:
            m = _CLAUSE_SUBJECT.match(chunk)
            if m:
                return m.group("who")
        return None

    def colon_intro(self, span: Span) -> tuple[str | None, str | None]:
        """A quote paragraph after one that ends with a colon ("Trump took to Truth Social to vent:") is its subject's."""
        prev_end = len(self.text[: span.para_start].rstrip())
        if self.text[prev_end - 1: prev_end] != ":":
            return None, None
        prev_start = self.text.rfind("\n", 0, prev_end) + 1
        sent = self.sentence_at(prev_end - 1)
        lo = max(prev_start, sent.start if sent else prev_start)
        m = _CLAUSE_SUBJECT.match(self.text[lo:prev_end])
        if m:
            found = self.resolve(m.group("who"), lo + m.start("who"))
            if found[0]:
                return found
        first = self._first_person_in(lo, prev_end, subjects=True)
        return (first.name, first.role) if first else (None, None)

    def claimed_after(self, span: Span) -> tuple[str | None, str | None]:
        """A quote paragraph the next paragraph claims: “Do not back down.” / That was Jane Roe's message to …"""
        nl = self.text.find("\n", span.end)
        if nl == -1:
            return None, None
        m = _CLAIMED.match(self.text, nl + 1)
        if not m:
            return None, None
        return self.resolve(m.group("who") or m.group("who2"), nl + 1)

    def paragraph_subject(self, span: Span) -> tuple[str | None, str | None]:
        """A quote paragraph with no attribution of its own, right after a paragraph about one person
        ("The premier would not set a timeline." / “Let's see how it rolls out.”), is that person's."""
        prev_end = len(self.text[: span.para_start].rstrip())
        prev_start = self.text.rfind("\n", 0, prev_end) + 1
        prev = [s for s in self.sentences_in(prev_start, prev_end) if s.end <= prev_end + 1]
        if not prev:
            return None, None
        m = _CLAUSE_SUBJECT.match(prev[-1].text)
        if not m or _SUBORDINATOR.match(prev[-1].text):
            return None, None
        speaker, role = self.resolve(m.group("who"), prev[-1].start + m.start("who"))
        if not any(p.name == speaker for p in self.cast.people.values()):
            return None, None  # only a person the article introduced, never a bare capitalised word
        return speaker, role

    def previous_sentence(self, span: Span, lo: int) -> tuple[str | None, str | None]:
        """A quote opening a sentence right after one about a person, in the same paragraph, is theirs."""
        if self.text[span.para_start: span.start - 1].strip() == "" or lo <= span.para_start:
            return None, None
        head = self.text[lo: span.start - 1]
        if re.search(r"[^\s“\"«(]", head) and not _VERB.search(head):
            return None, None  # words woven mid-sentence with no one reporting them: a label, not a quote
        prev = [s for s in self.sentences_in(span.para_start, lo) if s.end <= lo]
        if not prev:
            return None, None
        s = prev[-1]
        verbs = list(_VERB.finditer(s.text))
        for verb in verbs:
            subject = _subject_before(s.text[: verb.start()])
            if subject:
                return self.resolve(subject, s.start + verb.start())
        first = self._first_person_in(s.start, s.end)
        return (first.name, first.role) if first else (None, None)


    def paraphrase_before(self, span: Span, quoted_ok: bool = False) -> tuple[str | None, str | None]:
        """A quote paragraph after a paragraph that reports someone's words without quoting them
        (`quoted_ok`: its quoted words, if any, were credited to no one: scare quotes, not a speaker's)."""
        prev_end = len(self.text[: span.para_start].rstrip())
        prev_start = self.text.rfind("\n", 0, prev_end) + 1
        prev = [s for s in self.sentences_in(prev_start, prev_end) if s.end <= prev_end]
        if not prev or (not quoted_ok and any(ch in "“”\"«»" for s in prev for ch in s.text)):
            return None, None  # that paragraph quoted someone: the continuation rule decides
        for s in reversed(prev):
            for verb in reversed(list(_VERB.finditer(s.text))):
                inverted = _INVERTED.match(s.text, verb.end()) if s.text[: verb.start()].rstrip().endswith(",") else None
                subject = inverted.group("who") if inverted else _subject_before(s.text[: verb.start()])
                found = self.resolve(subject, s.start + verb.start()) if subject else (None, None)
                if found[0]:
                    return found
        return None, None


_CLAIM_NOUN = r"(?:message|warning|advice|words?|response|reply|verdict|view|plea|call|assessment|reaction|take|answer)"
_CLAIMED = re.compile(rf"(?:That|This|Those|These)\s+(?:was|were|is|are)\s+(?:the\s+)?(?:{_CLAIM_NOUN}\s+(?:of|from)\s+"
                      rf"(?P<who>(?:[A-Z][\w.’'-]+\s+){{0,4}}[A-Z][\w’'-]+)"
                      rf"|(?P<who2>(?:[A-Z][\w.’'-]+\s+){{0,4}}[A-Z][\w’'-]+)['’]s?\s+(?:[a-z]+\s+){{0,2}}{_CLAIM_NOUN})\b")

# "…, said Porter." closing a paraphrase: the speaker named after the verb, at the end of the sentence.
_INVERTED = re.compile(r"\s+(?P<who>(?:[A-Z][\w.’'-]+\s+){0,3}[A-Z][\w’'-]+)(?:\s+(?:in|on|at)\s+[^,;“”\"]{1,40})?\s*[.!]?\s*$")

_TRAILING_NAME = re.compile(r"(?:\b(?:he|she|He|She)|(?:[A-Z][\w.’'-]+\s+){0,3}[A-Z][\w’'-]+(?:['’]s office)?)\s*$")

_APPOSED_SUBJECT = re.compile(r"^\s*(?P<who>(?:[A-Z][\w.’'-]+\s+){0,3}[A-Z][\w’'-]+|[Hh]e|[Ss]he),\s+[^,;“”\"]{3,140},\s*$")


# "…, prompting the president to warn": the one made to speak is the object of the participle.
_MADE_TO = re.compile(r"^(?:prompting|leading|forcing|pushing|causing|spurring|prompted|led|forced|pushed|spurred)\s+"
                      r"(?P<who>(?:the\s+)?(?:[\w.’'-]+\s+){0,3}?[\w.’'-]+)\s+to$")
# A clause's subject at its start, with its finite verb: "Carney defused the comment", "the statement affirmed".
_CLAUSE_SUBJECT = re.compile(r"^\s*(?P<who>(?:[A-Z][\w.’'-]+\s+){0,5}[A-Z][\w’'-]+|[Hh]e|[Ss]he|[Tt]he\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)??)"
                             r"\s+(?:[a-z]+ly\s+|also\s+|then\s+)?(?:[a-z]+ed|[a-z]+s|told|said|wrote|was|had|did|is|has|does|would|will|could|can|cannot|must|should|might)\b")
_PARTICIPLE_OPENING = re.compile(rf"^\s*(?:(?:While|After|Before|When|Since|Despite|In)\s+)?(?=[A-Za-z]+ing\b){VERBS}\b", re.IGNORECASE)
_SUBORDINATOR = re.compile(r"^(?:even\s+)?(?:though|although|because|since|if|when|whereas|once|as|while)\s+", re.IGNORECASE)


def _clause_subject(head: str) -> str | None:
    """The subject of the nearest earlier clause that opens with one (not a 'While …' clause)."""
    head = re.sub(r"[“\"][^“”\"]*[”\"]", " ", head)  # quoted words are not the reporter's clauses
    for chunk in reversed(re.split(r"[,;:()“”\"]|—", head)[:-1]):
        if _SUBORDINATOR.match(chunk.strip()):
            return None
        m = _CLAUSE_SUBJECT.match(chunk)
        if m:
            return m.group("who")
    return None


_ROLE_APPOSITION = re.compile(rf"^[a-z][^A-Z]*?\b{ROLE_NOUNS}\b")
_NAME_ONLY = re.compile(r"(?:[A-Z][\w.’'-]+\s+){0,3}[A-Z][\w’'-]+")


def _subject_before(head: str) -> str | None:
    """The words just before a speech verb, back to a clause break: 'Asked why, he' → 'he'."""
    parts = re.split(r"[,;:()“”\"]|\bthat\b|\band\b|\bbut\b|(?<![A-Za-z])—|—(?![A-Z])", head)
    chunk = parts[-1].strip()
    if len(parts) >= 2 and _ROLE_APPOSITION.match(chunk) and _NAME_ONLY.fullmatch(parts[-2].strip()) \
            and is_person_name(parts[-2].strip()):
        return parts[-2].strip()  # "Jane Roe, newly elected MP for Hamilton West—Ancaster said": no closing comma
    chunk = _SUBORDINATOR.sub("", chunk)
    made = _MADE_TO.match(chunk)
    if made:
        return made.group("who")
    chunk = re.sub(r"(?:\s+(?:[a-z]+ly|further|also|then|again|still|once|even|now))+$", "", chunk)  # "Trump further alleged"
    chunk = re.sub(r"\s+(?:last|this|next|earlier|later|on|in|also|then|again|repeatedly|previously)(?:\s+\w+)?$", "", chunk)
    chunk = re.sub(r"^(?:(?:in|at|on|of|for|from|with|by)\s+)?(?:which|whom|who|where|what)\s+", "", chunk)
    chunk = re.split(r"\bwhat\s+", chunk)[-1]  # "Webb cited what he called …": the subject of "called" is "he"
    words = chunk.split()
    if not words:
        apposed = _APPOSED_SUBJECT.match(head)  # "Goldy Hyder, president of the council, said"
        return apposed.group("who") if apposed else None
    source = SOURCE_OF.match(re.sub(r"\s+(?:has|had|have|would|will)$", "", chunk))
    if source:  # "a senior adviser to the president has said": an unnamed source, not "the president"
        return source.group(0)
    if len(words) > 9 or re.search(r"\b(?:after|before|when|while|since|by|with|to)\b", chunk):
        tail = _TRAILING_NAME.search(chunk)  # "a day after Trudeau" → "Trudeau"
        return tail.group(0).strip() if tail else None
    chunk = re.sub(r"\s+(?:also|then|later|again|repeatedly|previously|has|had|have|would|will|had\s+\w+ly)$", "", chunk)
    return chunk or None
