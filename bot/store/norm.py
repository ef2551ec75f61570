"""Normal forms the store matches on: speaker names, quote text, countries, products, search terms.

Pure functions, so that what is written (dedupe keys, speaker keys) and what is asked (a user's
"PM Carney") are folded the same way.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

# Honorifics, offices and nationality words that often precede a name ("PM", "U.S. Commerce Secretary",
# "Ontario Premier"); dropped wherever they appear, as long as a name token remains.
TITLE_WORDS = frozenset(["the", "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "hon", "honourable", "honorable", "rt", "right", "pm", "prime", "minister", "ministers", "president", "vice", "secretary", "sen", "senator", "rep", "representative", "congressman", "congresswoman", "gov", "governor", "premier", "deputy", "associate", "assistant", "ambassador", "envoy", "chair", "chairman", "chairwoman", "chief", "ceo", "spokesperson", "spokesman", "spokeswoman", "press", "leader", "speaker", "mayor", "former", "acting", "then", "general", "attorney", "us", "usa", "american", "canadian", "canada", "canada's", "america's", "federal", "provincial", "ontario", "alberta", "quebec", "commerce", "trade", "finance", "treasury", "foreign", "affairs", "international", "industry", "economic"])
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_COUNTRY_ALIASES = {
    "us": "us", "usa": "us", "united states": "us", "united states of america": "us", "america": "us",
    "american": "us", "the us": "us", "the united states": "us", "washington": "us",
    "canada": "canada", "canadian": "canada", "ca": "canada", "ottawa": "canada",
    "all": "all", "everyone": "all", "all countries": "all",
}
_PRODUCT_ALIASES = {"aluminium": "aluminum", "automobiles": "autos", "cars": "autos", "softwood": "lumber"}
_WORD = re.compile(r"[0-9a-z]+")


def fold(text: str) -> str:
    """Lower case without accents, typographic quotes made plain."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("\u2019", "'").replace("\u2018", "'").lower()


def name_tokens(name: str) -> list[str]:
    """The tokens of a person's or organisation's name, titles and initials dropped."""
    raw = [t for t in _WORD.findall(fold(name).replace(".", "").replace("'s ", " ")) if t not in _SUFFIXES]
    kept = [t for t in raw if t not in TITLE_WORDS]
    if not kept:
        return raw[-1:]  # "the Prime Minister" alone: keep something to match on
    no_initials = [t for t in kept if len(t) > 1]
    return no_initials or kept


def speaker_key(name: str | None) -> tuple[str, str]:
    """(normalised full name, last name) for storing or matching a speaker; ("", "") when unknown."""
    tokens = name_tokens(name or "")
    if not tokens:
        return "", ""
    return " ".join(tokens), tokens[-1]


def same_person(query: str, stored_norm: str) -> bool:
    """Whether a stored speaker answers a query: same last name, and same first name when both give one.

    "carney", "PM Carney", "Mark Carney" and "prime minister mark carney" all find "mark carney";
    "Mark Carney" also finds a quote attributed to plain "Carney", but not "Jane Carney".
    """
    q, s = name_tokens(query), stored_norm.split()
    if not q or not s or q[-1] != s[-1]:
        return False
    return len(q) == 1 or len(s) == 1 or q[0] in s or s[0] in q


def quote_text_key(text: str) -> str:
    """Quote words only: the same words with other punctuation or quote marks compare equal."""
    return " ".join(_WORD.findall(fold(text).replace("'", "")))


def quote_dedupe_key(speaker_norm: str, text: str) -> str:
    return hashlib.sha256(f"{speaker_norm}|{quote_text_key(text)}".encode()).hexdigest()


def country_key(name: str) -> str:
    """"U.S.", "United States", "american" → "us"; other countries folded as written."""
    folded = " ".join(_WORD.findall(fold(name).replace(".", "")))
    return _COUNTRY_ALIASES.get(folded, folded)


def product_words(name: str) -> str:
    return " ".join(_WORD.findall(fold(name)))


def product_key(name: str) -> str:
    """"Aluminium" → "aluminum": the spelling products are stored and matched under."""
    folded = product_words(name)
    return _PRODUCT_ALIASES.get(folded, folded)


def search_words(text: str | None) -> list[str]:
    """The words of a free-text search, folded; empty when there is nothing to search for."""
    return _WORD.findall(fold(text or ""))[:12]


def fts5_query(words: list[str]) -> str:
    """An FTS5 MATCH expression requiring every word (each quoted, so no user text is syntax)."""
    return " ".join(f'"{w}"' for w in words)
