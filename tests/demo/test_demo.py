"""The demo end to end through the console adapter: which items alert (on-beat ones, once) and which do not."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from bot.demo.catalog import load_catalog
from bot.demo.run import run_demo

ROOT = Path(__file__).resolve().parents[2]


async def test_demo_alerts_on_beat_news_once_and_nothing_else(tmp_path: Path) -> None:
    out = io.StringIO()
    assert await run_demo(prompt=False, out=out, workdir=str(tmp_path)) == 0
    text = out.getvalue()
    alerted = [line[2:] for line in text.splitlines() if line.startswith("■ ")]
    stories = {s.slug: s for s in load_catalog().stories}
    on_beat_new = ["lumber-duties", "cusma-auto-parts", "potash-pause", "grocery-boycott", "missing-page"]
    # Two outlets carry the steel counter-tariff story in the same poll; whichever is read first leads the alert
    # (fetches finish in any order) and the other joins it as "also reported by".
    pair = {stories["counter-tariffs-steel"].title: "Maple Ledger", stories["canada-strikes-back"].title: "Border Wire"}
    leads = [t for t in alerted if t in pair]
    assert len(leads) == 1, alerted
    assert sorted(t for t in alerted if t not in pair) == sorted(stories[s].title for s in on_beat_new)  # once each
    for quiet in ("steel-options", "dairy-rally", "harvest-record"):  # on the feeds before the first poll: no flood
        assert stories[quiet].title not in alerted
    for off_beat in ("leafs-canadiens", "soybeans-china"):
        assert stories[off_beat].title not in alerted
    joiner = next(outlet for title, outlet in pair.items() if title != leads[0])
    assert f"also reported by: {joiner}" in text
    assert "Harbour Herald [failing]" in text  # the broken feed is reported, the others carried on
    assert "“We did not pick this fight" in text and "Claire Duval" in text  # /quotes answered from the store


def test_make_demo_without_a_terminal_exits_0() -> None:
    done = subprocess.run([sys.executable, "-m", "bot", "demo"], cwd=ROOT, stdin=subprocess.DEVNULL,
                          capture_output=True, check=False, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Demo finished" in done.stdout and "■ " in done.stdout
