"""The Slack app manifest, generated from the command specs so Slack and the bot always agree.

`borderdesk slack-manifest` prints it; pasting it at api.slack.com/apps ("From an app manifest")
creates the app with every slash command, the scopes below, and either Socket Mode or request URLs.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from handlers.spec import CommandSpec

# commands: slash commands; chat:write(.public): alerts, also to public channels the bot was not invited to;
# files:write: tariff charts; users:read: workspace admin check; channels/groups:history: after a crash,
# find an alert that was already posted instead of posting it twice.
SCOPES = ("commands", "chat:write", "chat:write.public", "files:write", "users:read",
          "channels:history", "groups:history")


def slash_command(spec: CommandSpec, prefix: str, request_url: str | None) -> dict[str, Any]:
    """One manifest entry. The usage hint lists the options, since Slack offers no autocomplete."""
    usage = spec.usage.split(" ", 1)[1] if " " in spec.usage else " ".join(f"{o.name}:…" for o in spec.options)
    entry: dict[str, Any] = {"command": f"/{prefix}{spec.name}", "description": spec.description[:100],
                             "should_escape": False}
    if usage:
        entry["usage_hint"] = usage[:100]
    if request_url:
        entry["url"] = request_url
    return entry


def build_manifest(commands: Sequence[CommandSpec], prefix: str = "", request_url: str | None = None,
                   socket_mode: bool = True, app_name: str = "BorderDesk") -> dict[str, Any]:
    """The whole manifest. HTTP mode needs the public https URL of /slack/events; Socket Mode needs none."""
    if not socket_mode and not request_url:
        raise ValueError("HTTP mode needs --request-url (the public https address of /slack/events)")
    if request_url and not request_url.startswith("https://"):
        raise ValueError("Slack only calls https request URLs")
    url = None if socket_mode else request_url
    interactivity: dict[str, Any] = {"is_enabled": True}
    if url:
        interactivity["request_url"] = url
    return {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {"name": app_name[:35], "background_color": "#1d3557",
                                "description": "US–Canada trade coverage: alerts, quotes, tariffs and figures"},
        "features": {"bot_user": {"display_name": app_name[:80], "always_online": True},
                     "slash_commands": [slash_command(spec, prefix, url) for spec in commands]},
        "oauth_config": {"scopes": {"bot": list(SCOPES)}},
        "settings": {"interactivity": interactivity, "org_deploy_enabled": False,
                     "socket_mode_enabled": socket_mode, "token_rotation_enabled": False},
    }
