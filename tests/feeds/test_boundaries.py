"""Import rules: feeds never see the store, analysis or platforms; netguard depends on nothing of ours."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("bot.store", "bot.analysis", "bot.platforms", "bot.alerts", "bot.ingest", "handlers")


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_feeds_do_not_import_store_analysis_or_platforms() -> None:
    files = sorted((ROOT / "bot" / "feeds").glob("*.py"))
    assert len(files) >= 10
    for path in files:
        bad = {m for m in imports(path) if m.startswith(FORBIDDEN)}
        assert not bad, f"{path.name} imports {bad}"


def test_netguard_stands_alone() -> None:
    assert not {m for m in imports(ROOT / "bot" / "netguard.py") if m.startswith(("bot", "handlers"))}
