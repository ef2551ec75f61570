"""The Slack app manifest: generated from the command list, for HTTP or Socket Mode, printed by the CLI."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.cli import main
from bot.platforms.slack.manifest import SCOPES, build_manifest
from handlers import COMMANDS


def test_http_manifest_lists_every_command_with_its_url_and_the_scopes() -> None:
    url = "https://desk.example/slack/events"
    manifest = build_manifest(COMMANDS, prefix="bd-", request_url=url, socket_mode=False)
    commands = manifest["features"]["slash_commands"]
    assert [c["command"] for c in commands] == [f"/bd-{c.name}" for c in COMMANDS]
    assert all(c["url"] == url and 0 < len(c["description"]) <= 100 for c in commands)
    assert all(len(c.get("usage_hint", "")) <= 100 for c in commands)
    quotes = next(c for c in commands if c["command"] == "/bd-quotes")
    assert "speaker" in quotes["usage_hint"]  # no autocomplete in Slack: the hint names the options
    assert manifest["settings"]["interactivity"] == {"is_enabled": True, "request_url": url}
    assert manifest["settings"]["socket_mode_enabled"] is False
    assert {"commands", "chat:write", "chat:write.public", "files:write", "users:read"} <= set(
        manifest["oauth_config"]["scopes"]["bot"])


def test_socket_mode_manifest_has_no_request_urls() -> None:
    manifest = build_manifest(COMMANDS)
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert not any("url" in c for c in manifest["features"]["slash_commands"])
    assert "request_url" not in manifest["settings"]["interactivity"]


def test_http_mode_needs_an_https_request_url() -> None:
    with pytest.raises(ValueError, match="request-url"):
        build_manifest(COMMANDS, socket_mode=False)
    with pytest.raises(ValueError, match="https"):
        build_manifest(COMMANDS, request_url="http://desk.example/slack/events", socket_mode=False)


def test_cli_prints_the_manifest_as_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "feeds.yaml"
    config.write_text('feeds: []\nslack: {command_prefix: "td-"}\n', encoding="utf-8")
    assert main(["slack-manifest", "--config", str(config), "--request-url", "https://desk.example/slack/events"]) == 0
    printed = yaml.safe_load(capsys.readouterr().out)
    assert printed["oauth_config"]["scopes"]["bot"] == list(SCOPES)
    assert printed["features"]["slash_commands"][0]["command"] == "/td-latest"
    assert printed["features"]["slash_commands"][0]["url"] == "https://desk.example/slack/events"
