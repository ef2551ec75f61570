"""Short faithful summaries: whole sentences of the article, lede first, then the ones that carry figures.

Extractive on purpose: a desk must be able to trust that every word was in the article. Sentences
are never cut; if even the lede is too long, the first clause-complete sentence that fits is used,
and only as a last resort the lede is shortened at a clause boundary with an ellipsis.
"""
from __future__ import annotations

import re

from bot.analysis.sentences import Sentence
from bot.analysis.text import DATELINE
from bot.models import Fact

# A sentence that is nothing but a quotation says nothing of who spoke: never the lede on its own.
_CLAIMS_QUOTE = re.compile(r"^(?:That|This|Those|These)\s+(?:was|were|is|are)\b")
_BARE_QUOTE = re.compile(r"""^[“"«][^“”"«»]+[”"»]$""")
_PROSE_END = re.compile(r"""[.!?][”"’)]?$|[”"]$""")
_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_DANGLING = re.compile(r"^(?:but|and|so|yet|however|still|also|he|she|they|it|this|that|these|those|his|her|their)\b", re.IGNORECASE)
_SIGNAL = re.compile(
    r"\b(?:tariffs?|duties|counter-?(?:tariffs?|measures?)|retaliat\w*|trade|exports?|imports?|cusma|usmca|"
    r"steel|aluminum|aluminium|lumber|dairy|autos?|energy|billion|million|per cent|percent|%)", re.IGNORECASE)


def _is_prose(s: Sentence) -> bool:
    """A reporting sentence, not a label, caption or headline echo."""
    return len(_WORD.findall(s.text)) >= 6 and bool(_PROSE_END.search(s.text)) and not s.text.isupper()


def _same_as_title(text: str, title: str) -> bool:
    norm = lambda x: re.sub(r"\W+", " ", x).strip().lower()
    return bool(title) and norm(text).startswith(norm(title)) and len(text) < len(title) + 40


def _weight(index: int, s: Sentence, fact_spans: list[tuple[int, int]]) -> float:
    facts = sum(1 for a, b in fact_spans if s.start <= a < s.end)
    return 2.0 * min(facts, 2) + 0.6 * min(len(_SIGNAL.findall(s.text)), 3) - 0.25 * index - (1.5 if "“" in s.text[:2] else 0) - (1.0 if _DANGLING.match(s.text) else 0)


def _fit(text: str, limit: int) -> str:
    """Last resort for a lede longer than the limit: stop at the last clause break that fits."""
    cut = max(text.rfind(sep, 0, limit - 1) for sep in (", ", "; ", " — ", " – "))
    if cut < limit // 3:
        cut = text.rfind(" ", 0, limit - 1)
    if cut < limit // 3:
        cut = limit - 1  # one long run of characters: cut it, the limit is the platforms'
    return text[:cut].rstrip(",;:—– ") + "…"


def summarize(title: str, text: str, sentences: list[Sentence], facts: tuple[Fact, ...], max_chars: int = 400) -> str:
    """One to three sentences, at most `max_chars`, lede first and in article order."""
    candidates = [s for s in sentences if _is_prose(s) and not _same_as_title(s.text, title)][:12]
    if not candidates:
        return _fit(text.strip(), max_chars) if len(text.strip()) > max_chars else text.strip()
    cleaned = {id(s): DATELINE.sub("", s.text, count=1) for s in candidates}
    lede = next((s for s in candidates[:4] if len(cleaned[id(s)]) <= max_chars and not _BARE_QUOTE.match(cleaned[id(s)])),
                None)
    if lede is None:
        return _fit(cleaned[id(candidates[0])], max_chars)
    i = candidates.index(lede)
    if i > 0 and _BARE_QUOTE.match(cleaned[id(candidates[i - 1])]) and _CLAIMS_QUOTE.match(cleaned[id(lede)]):
        joined = f"{cleaned[id(candidates[i - 1])]} {cleaned[id(lede)]}"  # “Hold the line.” That was Roe's message …
        if len(joined) <= max_chars:
            cleaned[id(lede)] = joined
    chosen = [lede]
    size = len(cleaned[id(lede)])
    fact_spans = [(f.start, f.end) for f in facts]
    ranked = sorted(
        (s for s in candidates if s is not lede),
        key=lambda s: -_weight(candidates.index(s), s, fact_spans),
    )
    for s in ranked:
        if len(chosen) == 3:
            break
        if _BARE_QUOTE.match(cleaned[id(s)]):
            continue
        extra = len(cleaned[id(s)]) + 1
        if size + extra <= max_chars and _weight(candidates.index(s), s, fact_spans) > 0:
            chosen.append(s)
            size += extra
    chosen.sort(key=lambda s: s.start)
    return " ".join(cleaned[id(s)] for s in chosen)
