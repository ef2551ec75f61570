"""`borderdesk analyze`: run the engine over files or JSON lines and print records or a report."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any, TextIO

from bot.models import Analysis


def analysis_to_json(a: Analysis, ident: Any = None) -> dict[str, Any]:
    """The scorer's contract (see ../shared/eval/README.md), plus our extra fields."""
    out: dict[str, Any] = {} if ident is None else {"id": ident}
    out["summary"] = a.summary
    out["relevance"] = {"relevant": a.relevance.relevant, "score": round(a.relevance.score, 3),
                        "reasons": list(a.relevance.reasons), "topic": a.relevance.topic}
    out["quotes"] = [{k: v for k, v in asdict(q).items()} for q in a.quotes]
    out["tariffs"] = [dict(asdict(t), products=list(t.products)) for t in a.tariffs]
    out["facts"] = [asdict(f) for f in a.facts]
    return out


def report_text(title: str, a: Analysis) -> str:
    """A readable report for a person at a terminal."""
    lines = [title or "(untitled)", "", f"Summary: {a.summary}", ""]
    verdict = "on the beat" if a.relevance.relevant else "off the beat"
    lines.append(f"Relevance: {verdict} ({a.relevance.score:.2f}) — {'; '.join(a.relevance.reasons)}")
    lines.append(f"\nQuotes ({len(a.quotes)}):")
    for q in a.quotes:
        who = q.speaker or "(speaker unknown)"
        role = f", {q.role}" if q.role else ""
        lines.append(f"  “{q.text}” — {who}{role} [{q.kind}]")
    lines.append(f"\nTariffs ({len(a.tariffs)}):")
    for t in a.tariffs:
        prev = f" (was {t.previous_rate})" if t.previous_rate else ""
        when = f", effective {t.effective}" if t.effective else ""
        lines.append(f"  {t.imposed_by} → {t.target}: {', '.join(t.products)} {t.rate or '?'}{prev} [{t.status}{when}]")
    lines.append(f"\nFacts ({len(a.facts)}):")
    for f in a.facts:
        lines.append(f"  {f.value} — {f.about}")
    return "\n".join(lines)


def _analyze_record(rec: dict[str, Any]) -> dict[str, Any]:
    from bot.analysis import analyze

    text = rec.get("text") or rec.get("summary") or ""
    return analysis_to_json(analyze(rec.get("title") or "", text), rec.get("id"))


def _records(stream: TextIO) -> Iterable[dict[str, Any]]:
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            print(f"line {n}: not JSON ({exc.msg}); skipped", file=sys.stderr)
            continue
        if isinstance(rec, dict):
            yield rec


PARALLEL_FROM = 400_000  # characters: below this, starting workers costs more than it saves


def run_jsonl(stream: TextIO, out: TextIO, workers: int) -> int:
    """JSON lines in, JSON lines out, in input order; big batches use both cores."""
    records = list(_records(stream))
    import bot.analysis  # noqa: F401  (loaded once here, so forked workers start with compiled patterns)

    size = sum(len(str(r.get("text") or r.get("summary") or "")) for r in records)
    if workers > 1 and size >= PARALLEL_FROM:
        from concurrent.futures import ProcessPoolExecutor  # only for big inputs: its import costs start-up

        with ProcessPoolExecutor(workers) as pool:
            results = list(pool.map(_analyze_record, records, chunksize=4))
    else:
        results = [_analyze_record(r) for r in records]
    out.writelines(json.dumps(res, ensure_ascii=False) + "\n" for res in results)
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="borderdesk analyze", description=__doc__)
    parser.add_argument("files", nargs="*", help="article files (text or HTML); '-' or none reads stdin")
    parser.add_argument("--jsonl", action="store_true", help="read {id,title,text} JSON lines, write one JSON line each")
    parser.add_argument("--json", action="store_true", help="print records as JSON instead of a report")
    parser.add_argument("--title", default="", help="headline for a single article")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    if args.jsonl:
        return run_jsonl(sys.stdin, sys.stdout, args.workers)
    from bot.analysis import analyze

    sources = args.files or ["-"]
    for path in sources:
        try:
            if path == "-":
                text = sys.stdin.read()
            else:
                with open(path, encoding="utf-8", errors="replace") as fh:
                    text = fh.read()
        except OSError as exc:
            print(f"{path}: {exc.strerror}", file=sys.stderr)
            return 2
        a = analyze(args.title, text)
        print(json.dumps(analysis_to_json(a), ensure_ascii=False, indent=2) if args.json else report_text(args.title, a))
    return 0
