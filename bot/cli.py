"""The `borderdesk` command line: run, demo, analyze, check, feeds, slack-manifest. The only place that exits.

Exit codes: 0 success, 1 runtime failure, 2 bad usage or invalid configuration, 130 interrupted.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import ConfigError

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
DEFAULT_CONFIG = os.environ.get("BORDERDESK_CONFIG", "feeds.yaml")
DEFAULT_STORE = "sqlite:///borderdesk.db"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="borderdesk",
        description="A newsroom bot for Discord and Slack that watches US–Canada trade coverage.",
    )
    p.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)

    run = sub.add_parser("run", help="poll feeds, analyse, alert, answer commands")
    _config_arg(run)
    run.add_argument("--store", help="store URL (default: $DATABASE_URL or sqlite:///borderdesk.db)")
    run.add_argument("--once", action="store_true", help="poll every feed once, deliver everything, exit")
    run.add_argument("--console", choices=["text", "json"], default="text", help="console output format")
    run.add_argument("--http-port", type=int, default=None,
                     help="port for /healthz, /metrics and Slack events (default $BORDERDESK_HTTP_PORT or 8080)")

    demo = sub.add_parser("demo", help="run the whole bot offline on bundled sample feeds")
    demo.add_argument("--console", choices=["text", "json"], default="text")
    demo.add_argument("--no-prompt", action="store_true", help="do not open the command prompt afterwards")

    an = sub.add_parser("analyze", help="analyse one article (or JSON lines) and print what was found",
                        add_help=False)
    an.add_argument("rest", nargs=argparse.REMAINDER)

    chk = sub.add_parser("check", help="validate feeds.yaml and summarise it")
    _config_arg(chk)

    feeds = sub.add_parser("feeds", help="print every feed's health from the store")
    _config_arg(feeds)
    feeds.add_argument("--store", help="store URL")

    man = sub.add_parser("slack-manifest", help="print the Slack app manifest (one paste to install)")
    _config_arg(man)
    man.add_argument("--request-url", help="public https URL of /slack/events (HTTP mode)")
    man.add_argument("--socket-mode", action="store_true", help="manifest for Socket Mode")
    man.add_argument("--name", default="BorderDesk")
    man.add_argument("--json", action="store_true", help="JSON instead of YAML")
    return p


def _config_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", default=DEFAULT_CONFIG, help=f"config file (default {DEFAULT_CONFIG})")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _parser().parse_args(_analyze_first(argv))
    _logging(args.verbose)
    if args.command == "analyze":  # no config, no event loop: start-up counts when a scorer pipes articles in
        from bot.analysis.report import main as analyze_main

        return analyze_main(args.rest[1:] if args.rest[:1] == ["--"] else args.rest)
    from bot.config import ConfigError

    try:
        return _dispatch(args)
    except ConfigError as exc:
        _print_config_errors(exc)
        return EXIT_USAGE
    except Exception as exc:  # a platform refusing to start is the operator's to fix, not a traceback
        if type(exc).__name__ != "StartupError":
            raise
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def _analyze_first(argv: list[str]) -> list[str]:
    """`analyze --jsonl`: argparse reads a REMAINDER's leading option as its own, so pass those through by hand."""
    i = next((i for i, a in enumerate(argv) if not a.startswith("-v")), len(argv))  # past any -v flags
    return [*argv[: i + 1], "--", *argv[i + 1:]] if argv[i: i + 1] == ["analyze"] else argv


def _dispatch(args: argparse.Namespace) -> int:
    import asyncio

    from bot.config import load_config

    if args.command == "check":
        return _check(args.config)
    if args.command == "slack-manifest":
        return _manifest(args)
    if args.command == "feeds":
        from bot.app import print_feed_health

        return asyncio.run(print_feed_health(load_config(args.config), _store_url(args.store)))
    if args.command == "demo":
        from bot.demo.run import run_demo

        return asyncio.run(run_demo(console=args.console, prompt=not args.no_prompt))
    from bot.app import run_service

    return asyncio.run(run_service(
        load_config(args.config), _store_url(args.store), once=args.once, console=args.console,
        http_port=args.http_port if args.http_port is not None else int(os.environ.get("BORDERDESK_HTTP_PORT", "8080")),
    ))


def _store_url(flag: str | None) -> str:
    return flag or os.environ.get("DATABASE_URL") or DEFAULT_STORE


def _logging(verbosity: int) -> None:
    from bot.logs import setup_logging

    setup_logging(logging.WARNING - 10 * min(verbosity, 2), json_format=os.environ.get("LOG_FORMAT") == "json")


def _print_config_errors(exc: ConfigError) -> None:
    n = len(exc.errors)
    print(f"error: the configuration has {n} problem{'s' if n != 1 else ''}:", file=sys.stderr)
    for issue in exc.errors:
        print(f"  {issue}", file=sys.stderr)


def _check(path: str) -> int:
    from bot.config import load_config
    from bot.ui import print_config_summary

    config = load_config(path)
    print_config_summary(config, dict(os.environ))
    return EXIT_OK


def _manifest(args: argparse.Namespace) -> int:
    from bot.config import load_config
    from bot.platforms.slack.manifest import build_manifest
    from handlers import COMMANDS

    config = load_config(args.config)
    manifest = build_manifest(
        COMMANDS, prefix=config.settings.slack.command_prefix, request_url=args.request_url,
        socket_mode=args.socket_mode or not args.request_url, app_name=args.name,
    )
    if args.json:
        print(json.dumps(manifest, indent=2))
    else:
        import yaml

        print(yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True), end="")
    return EXIT_OK
