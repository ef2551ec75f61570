"""`borderdesk analyze`, the entry point the evaluation scorer drives: JSON lines in, one JSON line out each."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _analyze(*args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, input=stdin, capture_output=True, check=False,
                          text=True, timeout=120)


def test_jsonl_in_one_record_out_per_line_in_order() -> None:
    lines = [
        {"id": "a", "title": "Ottawa answers U.S. steel tariffs",
         "text": "Canada will impose 25 per cent counter-tariffs on $20 billion of U.S. steel, "
                 "Finance Minister Anne Rioux said. “We will not blink,” Rioux told reporters."},
        {"id": 7, "title": "", "text": "<html><body><p>Rain is expected in Halifax on Tuesday.</p></body></html>"},
    ]
    done = _analyze("analyze", "--jsonl", stdin="".join(json.dumps(x) + "\n" for x in lines))
    assert done.returncode == 0, done.stderr
    out = [json.loads(x) for x in done.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", 7]
    first = out[0]
    assert first["tariffs"][0]["imposed_by"] == "Canada" and first["tariffs"][0]["rate"] == "25%"
    assert first["quotes"][0]["speaker"] == "Anne Rioux" and first["quotes"][0]["text"] == "We will not blink,"
    assert any(f["value"] == "$20 billion" for f in first["facts"])
    assert out[1]["tariffs"] == [] and out[1]["relevance"]["relevant"] is False


def test_options_after_a_verbosity_flag_and_help() -> None:
    done = _analyze("-v", "analyze", "--jsonl", stdin='{"id": "x", "title": "t", "text": "Nothing here."}\n')
    assert done.returncode == 0 and json.loads(done.stdout)["id"] == "x"
    usage = _analyze("analyze", "--help", stdin="")
    assert usage.returncode == 0 and "--jsonl" in usage.stdout


def test_a_broken_line_is_reported_and_the_rest_still_analysed() -> None:
    done = _analyze("analyze", "--jsonl", stdin='{"id": 1, "title": "", "text": "One."}\nnot json\n'
                    '{"id": 3, "title": "", "text": "Three."}\n')
    ids = [json.loads(x)["id"] for x in done.stdout.splitlines()]
    assert 1 in ids and 3 in ids
