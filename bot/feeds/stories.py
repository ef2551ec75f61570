"""Same story, several outlets: a compact word signature of title + lede and a weighted overlap score.

Pure functions. Outlets rewrite the same news in their own words but keep its facts: the names,
the figures, the products. So the signature keeps content words only, folds spelling variants
("per cent", "U.S.", plurals) together, and the score weighs figures and names above the words
every trade story shares ("tariff", "trade", "Canada"). Two different steel-tariff stories share
the beat words but not their figures and actors, and stay apart.
"""
from __future__ import annotations

import re

VERSION = "s1"
MAX_TOKENS = 48
LEDE_WORDS = 45
THRESHOLD = 0.32  # written same-story pairs score >= 0.36; distinct real headlines stayed <= 0.31

_WORD = re.compile(
    r"\$?\d[\d,]*(?:\.\d+)?\s?(?:%|per\s?cent|percent|billion|million|bn|m\b|b\b)?|[A-Za-z][A-Za-z.'’-]*",
    re.IGNORECASE,
)
_PHRASES = (
    (re.compile(r"\bunited states\b|\bu\.s\.a?\.?|\bUS\b|\bamerican?s?\b", re.IGNORECASE), " us "),
    (re.compile(r"\bcanadian?s?\b", re.IGNORECASE), " canada "),
    (re.compile(r"\bcounter[- ]?tariffs?\b|\bretaliatory (?:tariffs?|duties)\b", re.IGNORECASE),
     " countertariff "),
)


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP = _wordset("""
    a an the and or but if of to in on at by for from with without into onto over under about as is are
    was were be been being has have had do does did will would shall should can could may might must
    this that these those it its their they them he she his her we our you your i not no yes so than
    then there here which who whom whose what when where why how all any some more most other such only
    own same too very just also after before amid while during between against up down out off again
    further once said says say told according new week day today tuesday monday wednesday thursday
    friday saturday sunday year years month time per cent percent worth starting effective report
    reports reported news latest update live s
""")
BEAT = _wordset("""
    tariff tariffs trade duty duties canada us import imports export exports good goods product products
    government minister president official officials deal talk talks country countries border economy
    economic market markets countertariff ottawa washington measure measures plan announce announced
    impose imposed levy levies
""")
SUFFIXES = (("ies", "y"), ("sses", "ss"), ("es", ""), ("s", ""), ("ing", ""), ("ed", ""))


def _number(token: str) -> str:
    """'25 per cent' → '25%', '$30 billion' → '30b', '1,200' → '1200'."""
    t = token.lower().replace(",", "").replace("$", "").replace(" ", "")
    t = re.sub(r"(percent|percent|per?cent)$", "%", t)
    for word, short in (("billion", "b"), ("bn", "b"), ("million", "m")):
        if t.endswith(word):
            t = t[: -len(word)] + short
    return t.rstrip(".")


def _stem(word: str) -> str:
    """A crude stem that folds plurals and -ed/-ing forms together ('doubles', 'doubled' → 'doubl')."""
    for suffix, repl in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: -len(suffix)] + repl
            break
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


def _tokens(text: str, limit: int) -> list[str]:
    for pattern, repl in _PHRASES:
        text = pattern.sub(repl, text)
    out: list[str] = []
    for match in _WORD.finditer(text):
        raw = match.group(0).strip()
        if raw[0].isdigit() or raw[0] == "$":
            out.append("#" + _number(raw))
            continue
        word = raw.lower().strip(".'’-").replace("’", "'").removesuffix("'s")
        if len(word) > 1 and word not in STOP:
            out.append(_stem(word))
        if len(out) >= limit:
            break
    return out


def story_signature(title: str, lede: str = "") -> str:
    """A compact, serialisable signature: version, then sorted unique content tokens."""
    lede_words = " ".join(lede.split()[:LEDE_WORDS])
    tokens = sorted(set(_tokens(title, MAX_TOKENS) + _tokens(lede_words, MAX_TOKENS)))
    return VERSION + " " + " ".join(tokens[: MAX_TOKENS * 2])


def _weight(token: str) -> float:
    if token.startswith("#"):
        return 2.0
    return 0.35 if token in BEAT or _stem(token) in BEAT else 1.0


def _parse(sig: str) -> set[str]:
    head, _, rest = sig.partition(" ")
    return set(rest.split()) if head == VERSION else set()


def similarity(sig_a: str, sig_b: str) -> float:
    """Weighted Jaccard overlap of two signatures in 0..1 (beat words count little, figures a lot)."""
    a, b = _parse(sig_a), _parse(sig_b)
    if not a or not b:
        return 0.0
    union = sum(_weight(t) for t in a | b)
    shared = sum(_weight(t) for t in a & b)
    score = shared / union if union else 0.0
    nums_a = {t for t in a if t.startswith("#")}
    nums_b = {t for t in b if t.startswith("#")}
    if nums_a and nums_b and not nums_a & nums_b:
        score *= 0.6  # both give figures and none agree: most likely different news
    return round(score, 4)


def same_story(sig_a: str, sig_b: str) -> bool:
    """True when two outlets' items most likely report the same news."""
    return similarity(sig_a, sig_b) >= THRESHOLD
