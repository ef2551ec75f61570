"""A topic's rules as feeds.yaml writes them, validated and compiled once into regexes."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

_WORD_EDGE = r"(?<!\w){}(?!\w)"


def _compile(terms: Iterable[str]) -> re.Pattern[str] | None:
    """Terms are phrases; a trailing '*' matches any word ending ("retaliat*")."""
    parts = []
    for term in terms:
        t = term.strip()
        if not t:
            continue
        stem = t.endswith("*")
        body = re.escape(t.rstrip("*")).replace(r"\ ", r"[\s-]+") + (r"[\w’'-]*" if stem else "")
        if len(t) > 1 and t.rstrip("*").isupper():  # acronyms as written: "US" is not "us"
            body = f"(?-i:{body})"
        parts.append(body)
    if not parts:
        return None
    return re.compile(_WORD_EDGE.format("(?:" + "|".join(sorted(parts, key=len, reverse=True)) + ")"), re.IGNORECASE)


def _terms(value: Any, key: str) -> tuple[str, ...]:
    """A list of terms, or one comma-separated string (how feeds.yaml writes long lists)."""
    if isinstance(value, str):
        return tuple(t.strip() for t in value.split(",") if t.strip())
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{key} must be a list of strings")
    return tuple(value)


@dataclass(frozen=True)
class TopicRules:
    """A beat as feeds.yaml defines it. Keys: terms, context, sides, exclude, rivals, strong, sectors, threshold."""

    name: str = "topic"
    terms: tuple[str, ...] = ()  # what the story is about (tariff, steel, CUSMA, ...)
    sides: tuple[tuple[str, ...], ...] = ()  # each side must be present (e.g. US terms, Canada terms)
    exclude: tuple[str, ...] = ()  # a story dominated by these is off the beat (NHL, NORAD, ...)
    rivals: tuple[str, ...] = ()  # other subjects that compete for the story (China, Mexico, EU, ...)
    strong: tuple[str, ...] = ()  # terms that alone make a headline on the beat (CUSMA, softwood lumber)
    context: tuple[str, ...] = ()  # supporting terms that count half: they rarely make a story alone
    sectors: tuple[str, ...] = ()  # goods whose tariffs hit every side at once (steel, trucks, copper)
    threshold: float = 0.5

    def __init__(self, name: str = "topic", terms: Any = (), sides: Any = (), exclude: Any = (), rivals: Any = (),
                 strong: Any = (), context: Any = (), sectors: Any = (), threshold: float = 0.5, **unknown: Any) -> None:
        if unknown:
            raise ValueError(f"unknown key(s) {', '.join(sorted(unknown))}; allowed: terms, context, sides, exclude, rivals, strong, sectors, threshold")
        if not isinstance(threshold, (int, float)) or not 0 < threshold < 1:
            raise ValueError("threshold must be a number between 0 and 1")
        if not isinstance(sides, (list, tuple)):
            raise ValueError("sides must be a list of term lists")  # noqa: TRY004 - pydantic reports ValueError per field
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "terms", _terms(terms, "terms"))
        object.__setattr__(self, "sides", tuple(_terms(s, "sides[]") for s in sides))
        object.__setattr__(self, "exclude", _terms(exclude, "exclude"))
        object.__setattr__(self, "rivals", _terms(rivals, "rivals"))
        object.__setattr__(self, "strong", _terms(strong, "strong"))
        object.__setattr__(self, "sectors", _terms(sectors, "sectors"))
        object.__setattr__(self, "context", _terms(context, "context"))
        object.__setattr__(self, "threshold", float(threshold))
        if not self.terms:
            raise ValueError("terms must list at least one term")

    @cached_property
    def patterns(self) -> dict[str, Any]:
        return {
            "terms": _compile(self.terms), "strong": _compile(self.strong), "exclude": _compile(self.exclude),
            "rivals": _compile(self.rivals), "sectors": _compile(self.sectors), "context": _compile(self.context), "sides": [_compile(s) for s in self.sides],
        }
