"""Import direction, as DEVELOPERS.md and the design notes lay it down: each layer sees only what it may."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# package → module prefixes it must never import
FORBIDDEN = {
    "bot/analysis": ("bot.store", "bot.feeds", "bot.platforms", "bot.app", "bot.ingest", "bot.delivery", "handlers",
                     "aiohttp", "sqlalchemy", "discord", "slack_bolt", "slack_sdk"),
    "bot/feeds": ("bot.analysis", "bot.store", "bot.platforms", "bot.app", "handlers"),
    "bot/platforms": ("bot.store", "bot.analysis", "bot.feeds", "bot.ingest", "bot.app"),
    "handlers": ("bot.platforms", "discord", "slack_bolt", "slack_sdk", "bot.app"),
    "bot/store": ("bot.analysis", "bot.feeds", "bot.platforms", "handlers", "bot.app"),
}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def test_layers_import_only_what_they_may() -> None:
    problems = []
    for folder, banned in FORBIDDEN.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            for name in _imports(path):
                if any(name == b or name.startswith(b + ".") for b in banned):
                    problems.append(f"{path.relative_to(ROOT)} imports {name}")
    assert problems == []
