"""Running real `borderdesk run` processes for the reliability tests, and reading what they delivered."""
from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def write_config(path: Path, feed_urls: list[str], *, backfill: int = 0, extra_routes: str = "",
                 console: bool = True, lease: str = "60s") -> Path:
    feeds = "\n".join(f'  - {{name: "feed {i}", url: "{u}", topics: [us-canada-trade]}}' for i, u in enumerate(feed_urls))
    path.write_text(f"""defaults: {{interval: 1m, backfill: {backfill}, delivery_lease: {lease}}}
topics:
  us-canada-trade: {{}}
feeds:
{feeds}
routes:
  - {{topic: us-canada-trade, console: {str(console).lower()}{extra_routes}}}
operations: {{console: false}}
security: {{allow_private_networks: true}}
""")
    return path


async def start_run(config: Path, store_url: str, *, once: bool = False, env: dict[str, str] | None = None,
                    console: str = "json", http_port: int | None = None) -> asyncio.subprocess.Process:
    args = [sys.executable, "-m", "bot", "run", "--config", str(config), "--store", store_url,
            "--console", console, "--http-port", str(http_port or free_port())]
    if once:
        args.append("--once")
    full_env = {**os.environ, "PYTHONUNBUFFERED": "1", "BORDERDESK_HTTP_HOST": "127.0.0.1", **(env or {})}
    return await asyncio.create_subprocess_exec(*args, cwd=ROOT, env=full_env, stdin=asyncio.subprocess.DEVNULL,
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)


async def sigkill(proc: asyncio.subprocess.Process) -> bool:
    """Kill `proc` with SIGKILL and reap it; False when it had ended on its own first.

    A wait that times out can lose the race with the process's own exit: by the time the test reacts, asyncio
    may have reaped it already, and signalling it then raises ProcessLookupError.
    """
    if proc.returncode is None:
        try:
            proc.send_signal(signal.SIGKILL)
        except ProcessLookupError:
            pass
    await proc.wait()
    return proc.returncode == -signal.SIGKILL


def slack_env(slack_url: str, name: str) -> dict[str, str]:
    """The environment of a `borderdesk run` that posts to the tests' fake Slack at `slack_url`."""
    return {"SLACK_BOT_TOKEN": f"xoxb-{name}", "SLACK_SIGNING_SECRET": f"{name}-secret",
            "SLACK_API_URL": f"{slack_url}/api/"}


def alerts(stdout: bytes) -> list[dict[str, Any]]:
    """The alert posts a console-json process printed (updates for later outlets excluded)."""
    out = []
    for line in stdout.decode(errors="replace").splitlines():
        if line.startswith("{"):
            try:
                msg = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut by a kill
            if msg.get("type") == "alert" and msg.get("kind") == "post":
                out.append(msg)
    return out
