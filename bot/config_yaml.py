"""Safe, size-limited YAML loading that remembers where each key sits, for errors that name the line.

ruamel's round-trip loader builds only plain maps, lists and scalars (no Python objects), and keeps
line numbers; aliases are refused outright so that an alias bomb cannot expand during validation.
"""
from __future__ import annotations

import io
import os
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent

MAX_CONFIG_BYTES = 1_000_000
_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


class YamlProblem(Exception):
    """A problem found before validation (syntax, size, aliases, environment)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def load_yaml(text: str) -> Any:
    """Parse YAML text into ruamel's commented containers, refusing oversized or aliased documents."""
    if len(text.encode("utf-8", "replace")) > MAX_CONFIG_BYTES:
        raise YamlProblem(f"the file is larger than {MAX_CONFIG_BYTES:,} bytes")
    yaml = YAML(typ="rt", pure=True)
    try:
        for event in yaml.parse(io.StringIO(text)):
            if isinstance(event, AliasEvent):
                line = event.start_mark.line + 1 if event.start_mark else None
                raise YamlProblem("YAML aliases (*name) are not allowed in this file", line)
        return yaml.load(io.StringIO(text))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlProblem(f"not valid YAML: {exc.problem or exc.context}", line) from None
    except YAMLError as exc:
        raise YamlProblem(f"not valid YAML: {exc}") from None


def line_of(doc: Any, loc: tuple[Any, ...]) -> int | None:
    """The 1-based line of the deepest node on `loc` that the document knows a position for."""
    node, line = doc, None
    for part in loc:
        if isinstance(node, CommentedMap) and part in node:
            pos = node.lc.key(part)
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            pos = node.lc.item(part)
        else:
            break
        if pos:  # flow-style and tagged nodes may carry no position
            line = pos[0] + 1
        node = node[part]
    return line


def expand_env(doc: Any, env: dict[str, str] | None = None, loc: tuple[Any, ...] = ()) -> tuple[Any, list[tuple[tuple[Any, ...], str]]]:
    """Replace ${VAR} and ${VAR:-default} in strings; return plain data and the missing-variable errors."""
    env = dict(os.environ) if env is None else env
    errors: list[tuple[tuple[Any, ...], str]] = []

    def walk(node: Any, here: tuple[Any, ...]) -> Any:
        if isinstance(node, dict):
            return {k: walk(v, here + (k,)) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, here + (i,)) for i, v in enumerate(node)]
        if isinstance(node, str):
            return _ENV_REF.sub(lambda m: _lookup(m, env, here, errors), node)
        return node

    return walk(doc, loc), errors


def _lookup(m: re.Match[str], env: dict[str, str], here: tuple[Any, ...], errors: list) -> str:
    name, default = m.group(1), m.group(2)
    if name in env:
        return env[name]
    if default is not None:
        return default
    errors.append((here, f"environment variable {name} is not set (write ${{{name}:-}} to make it optional)"))
    return ""
