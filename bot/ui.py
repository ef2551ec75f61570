"""Terminal output for the CLI: rich tables and colour on a terminal, plain aligned text when piped."""
from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import TextIO

from bot.config import Config


def is_tty(stream: TextIO | None = None) -> bool:
    stream = stream or sys.stdout
    return hasattr(stream, "isatty") and stream.isatty()


def print_table(title: str, headers: Sequence[str], rows: Iterable[Sequence[object]], out: TextIO | None = None) -> None:
    """A table; with a terminal through rich, otherwise aligned columns that scripts can cut."""
    out = out or sys.stdout
    data = [["" if c is None else str(c) for c in row] for row in rows]
    if is_tty(out):
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, title_justify="left")
        for h in headers:
            table.add_column(h, overflow="fold")
        for row in data:
            table.add_row(*row)
        Console(file=out).print(table)
        return
    widths = [max([len(h)] + [len(r[i]) for r in data]) for i, h in enumerate(headers)]
    print(title, file=out)
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip(), file=out)
    for row in data:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip(), file=out)


def _duration(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"


def print_config_summary(config: Config, env: dict[str, str], out: TextIO | None = None) -> None:
    """What `borderdesk check` shows for a valid file: feeds, topics, routes, platforms enabled."""
    out = out or sys.stdout
    s = config.settings
    print(f"{config.path}: valid", file=out)
    print_table(f"Feeds ({len(s.feeds)})", ["name", "interval", "topics", "enabled", "url"], (
        (f.name, _duration(config.interval(f)), ", ".join(f.topics) or "-", "yes" if f.enabled else "no", f.url)
        for f in s.feeds), out)
    print_table(f"Topics ({len(s.topics)})", ["topic", "rules"], (
        (name, _topic_brief(rules)) for name, rules in config.topics.items()), out)
    print_table(f"Routes ({len(s.routes)})", ["topic", "feeds", "discord", "slack", "console"], (
        (r.topic or "(all)", ", ".join(r.feeds) or "(all)", ", ".join(r.discord) or "-",
         ", ".join(r.slack) or "-", "yes" if r.console else "no") for r in s.routes), out)
    print_table("Platforms", ["platform", "enabled", "why"], _platform_rows(env), out)


def _topic_brief(rules: object) -> str:
    """How big a topic's rules are, so an edit that emptied a list shows at a glance."""
    def n(key: str) -> int:
        return len(getattr(rules, key, ()) or ())

    return (f"{n('terms')} terms, {n('context')} context, {n('sides')} sides, {n('rivals')} rivals, "
            f"{n('exclude')} excluded; threshold {getattr(rules, 'threshold', '?')}")


def _platform_rows(env: dict[str, str]) -> list[tuple[str, str, str]]:
    discord = bool(env.get("DISCORD_TOKEN"))
    slack = bool(env.get("SLACK_BOT_TOKEN"))
    slack_mode = "Socket Mode" if env.get("SLACK_APP_TOKEN") else "HTTP (needs SLACK_SIGNING_SECRET)"
    return [
        ("discord", "yes" if discord else "no", "DISCORD_TOKEN is set" if discord else "DISCORD_TOKEN not set"),
        ("slack", "yes" if slack else "no", slack_mode if slack else "SLACK_BOT_TOKEN not set"),
        ("console", "yes" if not (discord or slack) else "no", "used when no chat platform is configured"),
    ]
