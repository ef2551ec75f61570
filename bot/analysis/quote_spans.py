"""Quotation spans in news text, and the quoted words that are not quotes (names, titles, scare quotes).

Marks: curly “…”, straight "…", guillemets «…», and single ‘…’ or '…' as headlines (and some wire
copy) use them. A quote that runs over paragraphs repeats its opening mark at each paragraph and
closes only at the end: each paragraph gives one span, left open (`closed=False`) until the last.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from bot.analysis.names import SPEECH_VERBS
from bot.analysis.sentences import paragraphs

log = logging.getLogger(__name__)

_TITLE_CASE_SMALL = frozenset(["the", "of", "and", "a", "an", "to", "in", "on", "for", "at", "by", "with"])
_SCARE_BEFORE = re.compile(r"(?:\b(?:the|a|an|its|his|her|their|our|new|so-called|dubbed|nicknamed|named)|['’]s)\s*$", re.IGNORECASE)

# A quoted noun phrase as the predicate of reported speech, or the speaker's own "his": Eby says the duty is a
# “massive threat” to jobs; Trump said his “primary focus” is trade.
_PREDICATE_BEFORE = re.compile(r"(?:\b(?:is|was|are|were|be|been|being|as|remains|remained)|['’]s)\s+(?:a|an)\s*$|"
                               r"(?<!so-called )\b(?:his|her|their|our)\s*$", re.IGNORECASE)
# Words after which a single quoted word is a characterisation: Trump said Trudeau was “weak” and “dishonest”.
_LINKING_BEFORE = re.compile(r"\b(?:is|was|are|were|be|been|being|remains?|remained|seems?|seemed|looks?|looked|"
                             r"sounds?|sounded|as|so|very|too|not|and|or)\s*$", re.IGNORECASE)
_INDEFINITE_BEFORE = re.compile(r"(?<!\bof )\b(?:a|an)\s*$", re.IGNORECASE)  # not "appointment of a “czar”"
_NAMING = re.compile(r"\b(?:called|calling|calls|dubbed)(?P<gap>(?:\s+\w+){0,3})\s*$")
_SAID_AFTER_CLOSE = re.compile(rf"[”\"],?\s+(?:{SPEECH_VERBS}\s+[A-Z][\w.’'-]+(?:\s+[A-Z][\w’'-]+)*|"
                               rf"(?:[A-Z][\w.’'-]+\s+)*[A-Z][\w’'-]+\s+{SPEECH_VERBS}|(?:he|she)\s+{SPEECH_VERBS})\.\s*$")
_SAID = re.compile(r"\b(?:said|says|told|added|argued|insisted|warned|noted|stressed|explained|stated|emphasized|"
                   r"emphasised|claimed|suggested|acknowledged|wrote|confirmed|maintained|asserted|called|calls|saying)\b")
_REPORTING = re.compile(rf"\b{SPEECH_VERBS}\b")

_NOUN_AFTER = re.compile(r"\s[a-z][\w-]*")
_FUNCTION_WORD = re.compile(
    r"\s(?:and|or|but|nor|to|in|on|for|of|as|at|by|with|from|that|which|who|because|after|before|when|while|if|"
    r"than|since|over|under|amid|during|into|about|against|is|are|was|were|be|been|has|have|had|will|would|could|"
    r"should|may|might|can|said|says|he|she|they|it|we|the|a|an|this|these|those|its|their|his|her|until|unless|"
    r"so|yet|though|although|whether|then|now|too|also|even|only|just|all|any|more|less|not)\b")


@dataclass(slots=True)
class Span:
    start: int  # first character inside the marks
    end: int  # one past the last character inside the marks
    closed: bool
    para: int  # paragraph index
    para_start: int
    single: bool = False  # ‘…’ headline style: only explicit attribution counts


def _closer(par: str, i: int, opener: str) -> int:
    """Where the quotation opened at `i` closes, or -1. Copy often mixes straight and curly marks."""
    if opener == "«":
        return par.find("»", i + 1)
    if opener in "“\"":
        found = [j for j in (par.find("”", i + 1), par.find('"', i + 1)) if j != -1]
        return min(found) if found else -1
    j = i + 1
    close = "'" if opener == "'" else "’"
    while True:  # ‘…’: an apostrophe has a letter after it, a closing mark does not
        j = par.find(close, j)
        if j == -1 or j + 1 >= len(par) or not par[j + 1].isalpha():
            return j
        j += 1


def _opens_quote(par: str, opener: str) -> bool:
    """The paragraph opens with a quotation mark and words: a quote carried over from the one before."""
    marks = "«" if opener == "«" else "“\""
    return re.match(rf"\s*[{marks}]\s*[\w‘'(]", par) is not None


def find_spans(text: str) -> list[Span]:
    """Every quotation span, paragraph by paragraph, in text order."""
    spans: list[Span] = []
    pars = paragraphs(text)
    for p_index, (offset, par) in enumerate(pars):
        i = 0
        # straight single marks quote only where a paragraph has no double ones ('…,' Mr. Carney said)
        singles = "‘" if any(m in par for m in "“”\"«") else "‘'"
        while i < len(par):
            ch = par[i]
            single = ch in singles and (i == 0 or par[i - 1] in " (—–-\u00a0") and i + 1 < len(par) and par[i + 1].isalnum()
            if ch in "“«\"" or single:
                j = _closer(par, i, ch)
                if j == -1:
                    # a quote paragraph still open when the text ends (an excerpt cut short) runs to its end
                    last_open = p_index + 1 == len(pars) and i == 0 and p_index > 0
                    # “A,” said Keliher. “B. (no closing mark, the next paragraph not a quote): B runs to the end
                    rest = par[i + 1:].rstrip()
                    last_open = last_open or (i > 0 and len(rest) < 600 and rest.endswith((".", "!", "?"))
                                              and _SAID_AFTER_CLOSE.search(par[:i]) is not None)
                    continues = last_open or (p_index + 1 < len(pars) and _opens_quote(pars[p_index + 1][1], ch))
                    if ch not in "‘'" and continues and par[i + 1:].strip():  # a stray mark is not a quotation
                        spans.append(Span(offset + i + 1, offset + len(par.rstrip()), False, p_index, offset))
                    break
                if j > i + 1:
                    spans.append(Span(offset + i + 1, offset + j, True, p_index, offset, single=ch in "‘'"))
                i = j + 1
                continue
            i += 1
    return spans


def _is_title_case(words: list[str]) -> bool:
    return all(w[:1].isupper() or w.lower() in _TITLE_CASE_SMALL for w in words) and words[0][:1].isupper()


def not_a_quote(text: str, span: Span, inner: str) -> bool:
    """Names, titles of works and scare quotes, which the gold (and a desk) do not count as quotes."""
    words = re.findall(r"[\w’'.-]+", inner)
    if not words:
        return True
    lead = text[max(0, span.start - 40): span.start - 1]
    spoken = re.search(r"(?:[:,]|(?<!-)\b(?:called|calling|calls|dubbed|described)(?:\s+\w+){0,3})\s*$", lead)
    shouted = all(w.isupper() for w in words if w.isalpha())
    named = _NAMING.search(lead)  # what he called “Liberation Day.”
    sentence_like = re.search(r"[!?]|\.\s", inner.rstrip(".")) or (
        spoken and not named and inner.rstrip().endswith((".", "!", "?")))
    if len(words) <= 5 and _is_title_case(words) and not shouted and not sentence_like:
        return True  # "Governor Trudeau", "The Art of the Deal"
    after = text[span.end + 1: span.end + 40]
    before = text[max(0, span.start - 20): span.start - 1]
    reported = _reported(text, span)
    # "Trump said the “fentanyl czar” …" labels; "LeBlanc said Ottawa would sign a “bigger deal”" reports his words
    scare = _SCARE_BEFORE.search(before) and not (
        (_PREDICATE_BEFORE.search(before) and reported) or (_INDEFINITE_BEFORE.search(before) and _said_that(text, span)))
    if len(words) <= 2 and scare and re.match(r"\s[a-z]", after) and not spoken:
        return True  # the "fentanyl czar" said; but Eby says the duty is a “massive threat” to jobs
    if len(words) == 1 and inner.isalpha() and inner.islower() and re.match(r"\s[a-z]", after) and not spoken \
            and not _LINKING_BEFORE.search(before) and not (inner.endswith("ly") and _said_that(text, span)):
        return True  # they may face economic “pain” because of tariffs; but Trump said Trudeau was “weak” and …
    # "tariffs on “non-essential” goods": a quoted modifier of the noun after it labels, it does not report
    modifier = _NOUN_AFTER.match(after) and not _FUNCTION_WORD.match(after) and not inner.endswith("ly")  # an adverb
    if len(words) == 2 and modifier and (reported or _reported_after(text, span)):
        return False  # reverse “mutually destructive” tariffs, said the premier: two words of hers
    # what Trump calls “reciprocal” tariffs: a name he gives the noun after it, not words he said
    named_as = named and not named.group("gap")  # not "what he called a “fraudulent” ad"
    return bool(len(words) <= 2 and modifier and not re.search(r"[.,!?;:]$", inner) and (not spoken or named_as))


def _sentence_lead(text: str, span: Span) -> str:
    """The quotation's own sentence up to its opening mark (a sentence break is not "U.S. Commerce")."""
    lead = text[max(span.para_start, span.start - 300): span.start - 1]
    return re.split(r"(?<=[a-z]{2})[.!?][”\"’]?\s+(?=[A-Z“\"])", lead)[-1]


def _reported(text: str, span: Span) -> bool:
    """A speech verb earlier in the quotation's sentence: the quoted words are someone's, not a label."""
    return _REPORTING.search(_sentence_lead(text, span)) is not None


_SAID_AFTER = re.compile(rf"[^.!?“”\"]{{0,120}}?,\s+(?:{SPEECH_VERBS}\s+[A-Z]|(?:[A-Z][\w.’'-]*\s+){{1,4}}{SPEECH_VERBS}\b|"
                         rf"(?:he|she)\s+{SPEECH_VERBS}\b)")


def _said_that(text: str, span: Span) -> bool:
    """Indirect speech leads to the quotation: "LeBlanc said that Ottawa would sign a “bigger deal”"."""
    return _SAID.search(_sentence_lead(text, span)) is not None


def _reported_after(text: str, span: Span) -> bool:
    """The sentence ends in its attribution (", said Premier Jane Roe"): its quoted words are the speaker's."""
    return _SAID_AFTER.match(text, span.end + 1) is not None
