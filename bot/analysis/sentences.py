"""Sentence spans for news text: survives "U.S.", "Mr.", "p.m.", "No. 1", initials and quoted speech.

Hand-written because the libraries that split news well (pysbd) cost about ten times our whole
analysis budget, and the fast ones split after titles. Spans keep offsets into the text so quotes and
facts can point back at their sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

# Abbreviations after which a period never ends a sentence (lower-case, without the final period).
_NEVER_END = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm", "st", "jr", "sr", "rev", "hon", "messrs", "mme", "mlle", "no", "nos", "vs", "v", "etc", "al", "fig", "approx", "dept", "est", "inc", "corp", "ltd", "co", "bros", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "pt", "ave", "blvd", "rd", "ont", "que", "alta", "sask", "man", "b.c", "n.s", "n.b", "p.e.i", "nfld", "e.g", "i.e", "ph.d", "cf"]
)
# Abbreviations that may end a sentence: split only when a typical sentence opener follows.
_MAY_END = frozenset(["u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "d.c", "u.s.a", "n.y", "l.a"])
_OPENERS = frozenset(
    ["the", "a", "an", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "this", "that", "these", "those", "there", "here", "but", "and", "so", "yet", "or", "in", "on", "at", "as", "after", "before", "when", "while", "if", "since", "despite", "although", "though", "meanwhile", "however", "still", "now", "then", "also", "last", "next", "earlier", "later", "according", "for", "with", "by", "from", "many", "some", "most", "both", "each", "what", "why", "how", "who", "mr", "mrs", "ms", "dr"]
)

_BOUNDARY = re.compile(r"""[.!?…]+(?:["'”’»)\]]+)?(?=\s+["'“‘«(\[]?[A-Z0-9])""")
_OPEN_CLOSE = {"“": "”", "«": "»"}


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


def _word_before(text: str, pos: int) -> str:
    """The token ending at `pos` (exclusive of the boundary punctuation), lower-case."""
    i = pos
    while i > 0 and not text[i - 1].isspace() and text[i - 1] not in "(\"“‘'":
        i -= 1
    return text[i:pos].lower().rstrip(".")


def _next_word(text: str, pos: int) -> str:
    m = re.match(r"""\s+["'“‘«(\[]?([\w’'-]+)""", text[pos:])
    return m.group(1).lower() if m else ""


def _is_boundary(text: str, m: re.Match[str]) -> bool:
    punct = m.group(0)
    if not punct.startswith("."):
        return True
    word = _word_before(text, m.start()).rsplit("-", 1)[-1]  # "Canada-U.S. trade": the abbreviation is "u.s"
    if not word:
        return True
    if word in _NEVER_END:
        return word in ("etc", "inc", "corp", "ltd", "co") and _next_word(text, m.end()) in _OPENERS
    if word in _MAY_END or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
        return _next_word(text, m.end()) in _OPENERS
    return not (len(word) == 1 and word.isalpha())  # an initial: "Donald J. Trump"


def _quote_spans(par: str) -> list[tuple[int, int]]:
    """Balanced quotation spans inside one paragraph; unbalanced marks give no span."""
    spans: list[tuple[int, int]] = []
    for opener, closer in _OPEN_CLOSE.items():
        start = par.find(opener)
        while start != -1:
            end = par.find(closer, start + 1)
            if end == -1:
                break
            spans.append((start, end))
            start = par.find(opener, end + 1)
    straight = [i for i, ch in enumerate(par) if ch == '"']
    spans.extend(zip(straight[::2], straight[1::2]))
    return spans


def _split_paragraph(par: str, offset: int) -> list[Sentence]:
    quotes = _quote_spans(par)
    cuts = [0]
    for m in _BOUNDARY.finditer(par):
        if not _is_boundary(par, m):
            continue
        end = m.end()
        if any(a < m.start() and end <= b for a, b in quotes):  # inside a quotation: one sentence
            continue
        cuts.append(end)
    cuts.append(len(par))
    out = []
    for a, b in pairwise(cuts):
        chunk = par[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        body = chunk.strip()
        if body:
            out.append(Sentence(offset + a + lead, offset + a + lead + len(body), body))
    return out


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of the whole text, paragraph by paragraph; offsets index `text`."""
    out: list[Sentence] = []
    pos = 0
    for par in text.split("\n"):
        if par.strip():
            out.extend(_split_paragraph(par, pos))
        pos += len(par) + 1
    return out


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, paragraph) pairs, empty lines skipped."""
    out = []
    pos = 0
    for par in text.split("\n"):
        if par.strip():
            out.append((pos, par))
        pos += len(par) + 1
    return out
