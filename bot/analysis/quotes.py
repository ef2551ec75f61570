"""Direct quotes and fragments with their speakers: spans, attribution, and continuation between them.

`extract_quotes` walks the quotation spans in order. A span's speaker comes from the attribution
around it (`quote_attribution`); failing that, from the previous quote when the text continues it:
`“A,” he said. “B.”` is two entries for one speaker, and a paragraph that opens with a quotation
right after an attributed one continues it. A quote nobody can be found for is left out rather
than guessed, as a desk (and the gold annotation) would.
"""
from __future__ import annotations

import logging
import re
from typing import Literal, NamedTuple

from bot.analysis.quote_attribution import Attributor
from bot.analysis.quote_spans import Span, find_spans, not_a_quote
from bot.analysis.sentences import Sentence
from bot.analysis.speakers import build_cast
from bot.analysis.text import DATELINE
from bot.models import Quote

log = logging.getLogger(__name__)



def _kind(text: str, span: Span, inner: str) -> Literal["direct", "fragment"]:
    """'direct' for quoted sentences or clauses that stand alone; 'fragment' for words woven into prose."""
    lead = text[span.para_start: span.start - 1].rstrip()
    opens_sentence = not lead or lead[-1] in ".:!?,”\"" or lead.endswith(("—", "–"))
    whole_sentence = inner[:1].isupper() and inner.rstrip().endswith((".", "!", "?", ","))
    return "direct" if opens_sentence and (len(inner.split()) >= 4 or whole_sentence) else "fragment"


class _Last(NamedTuple):
    """The previous attributed quotation, for continuations."""

    speaker: str | None = None
    role: str | None = None
    para: int = -1
    sentence: int = -1
    end: int = 0


def extract_quotes(text: str, sentences: list[Sentence]) -> list[Quote]:
    """Every attributed quotation in `text`, in order; `sentences` are `split_sentences(text)`."""
    spans = find_spans(text)
    attributor = Attributor(text, sentences, build_cast(text, [(s.start, s.end) for s in spans]))
    found: list[tuple[Span, str | None, str | None]] = []
    last = _Last()
    for span in spans:
        inner = text[span.start: span.end]
        if not inner.strip() or not_a_quote(text, span, inner):
            continue
        speaker, role = _attribute(text, span, attributor, last)
        found.append((span, speaker, role))
        if speaker is not None:
            sent = attributor.sentence_at(span.start)
            last = _Last(speaker, role, span.para, sent.start if sent else -1, span.end)
    _carry_back(text, found)
    out = []
    for span, speaker, role in found:
        if speaker is None:
            continue
        sent = attributor.sentence_at(span.start)
        out.append(Quote(text=text[span.start: span.end], speaker=speaker, start=span.start, end=span.end,
                         kind=_kind(text, span, text[span.start: span.end]), role=role,
                         sentence=sent.text if sent else ""))
    return out


def _attribute(text: str, span: Span, attributor: Attributor, last: _Last) -> tuple[str | None, str | None]:
    """The span's own attribution first, then continuation of the previous quotation's speaker."""
    speaker, role = attributor.after(span)
    if speaker is None and last.speaker is not None and last.para == span.para \
            and _closed_between(text, last.end, span.start):
        return last.speaker, last.role  # “A,” said Carney, as Trump listened. “B.” — still Carney
    if speaker is None:
        speaker, role = attributor.before(span)
    if span.single and _headline_line(text, span):
        return None, None  # a headline's quoted words ("In the 'steel city,' threats generate 'fear'") name no speaker
    if speaker is not None or span.single:
        return speaker, role  # unattributed single marks are subheadings or headlines
    if _quote_led(text, span):
        speaker, role = attributor.colon_intro(span)
    if speaker is None and _quote_led(text, span):
        speaker, role = attributor.paraphrase_before(span, quoted_ok=last.para < span.para - 1)
    if speaker is None and last.speaker is not None:
        sent = attributor.sentence_at(span.start)
        quote_only_para = _quote_led(text, span) and last.para == span.para - 1
        if last.para == span.para or quote_only_para or (sent is not None and sent.start == last.sentence):
            return last.speaker, last.role
    if speaker is None and _quote_led(text, span) and _whole_paragraph(text, span):
        speaker, role = attributor.paragraph_subject(span)
        if speaker is None:
            speaker, role = attributor.claimed_after(span)
    return speaker, role


def _headline_line(text: str, span: Span) -> bool:
    """The quotation sits on a line that reads as a headline: no sentence end and no speech verb."""
    nl = text.find("\n", span.end)
    line = text[span.para_start: nl if nl != -1 else len(text)].rstrip()
    return not re.search(r"[.!?][”\"’']?$", line) and not re.search(r"\b(?:said|says|told|tells)\b", line)


def _whole_paragraph(text: str, span: Span) -> bool:
    """The quotation is all its paragraph holds: nothing after it could name another speaker."""
    nl = text.find("\n", span.end)
    return not text[span.end + 1: nl if nl != -1 else len(text)].strip()


def _carry_back(text: str, found: list[tuple[Span, str | None, str | None]]) -> None:
    """A paragraph left open (“… with no closing mark), or a quotation run straight into the next one,
    is spoken by whoever is credited with the quotation that follows."""
    for i in range(len(found) - 2, -1, -1):
        span, speaker, _role = found[i]
        nxt, nxt_speaker, nxt_role = found[i + 1]
        if speaker is not None:
            continue
        carried = not span.closed and nxt.para == span.para + 1 and _quote_led(text, nxt)
        adjacent = span.closed and nxt.para == span.para and not text[span.end + 1: nxt.start - 1].strip()
        if carried or adjacent:  # “A.” “B,” Reagan said. — both are Reagan's
            found[i] = (span, nxt_speaker, nxt_role)


def _closed_between(text: str, prev_end: int, start: int) -> bool:
    """The words between two quotations end a sentence: the second continues the first speaker."""
    between = text[prev_end + 1: start - 1].strip()
    return bool(between) and between[-1] in ".!?" and not between.endswith(":")


def _quote_led(text: str, span: Span) -> bool:
    """The paragraph opens with this quotation: a quote paragraph continuing the previous speaker."""
    lead = text[span.para_start: span.start - 1].strip()
    return lead == "" or DATELINE.fullmatch(lead) is not None  # "THUNDER BAY — “Do not roll over.”"

