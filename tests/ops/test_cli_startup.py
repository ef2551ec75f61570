"""A platform that cannot start says why in one line and exits 2, instead of a traceback."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_missing_slack_secret_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-only-the-token")
    monkeypatch.delenv("SLACK_SIGNING_SECRET", raising=False)
    monkeypatch.delenv("SLACK_APP_TOKEN", raising=False)
    code = main(["run", "--once", "--config", str(ROOT / "feeds.yaml"), "--store", f"sqlite:///{tmp_path / 's.db'}"])
    err = capsys.readouterr().err
    assert code == 2
    assert "SLACK_SIGNING_SECRET" in err and "Traceback" not in err


def test_an_unreachable_platform_does_not_stop_the_run(tmp_path: Path) -> None:
    import os
    import socket
    import subprocess
    import sys

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    (tmp_path / "feeds.yaml").write_text("topics: {us-canada-trade: {}}\nfeeds: []\n")
    env = {**os.environ, "DISCORD_TOKEN": "x.y.z", "DISCORD_API_BASE": f"http://127.0.0.1:{port}/api/v10",
           "DISCORD_GATEWAY_URL": f"ws://127.0.0.1:{port}/"}
    done = subprocess.run([sys.executable, "-m", "bot", "run", "--once", "--config", str(tmp_path / "feeds.yaml"),
                           "--store", f"sqlite:///{tmp_path / 's.db'}"], cwd=ROOT, env=env, capture_output=True, check=False,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "discord: could not connect" in done.stderr and "Traceback" not in done.stderr
