"""Slack platform: `build_slack_adapter(config, env)` reads its tokens from the environment."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.platforms.slack.adapter import SlackAdapter, SlackStartError

__all__ = ["SlackAdapter", "SlackStartError", "build_slack_adapter"]


def build_slack_adapter(config: Any, env: Mapping[str, str]) -> SlackAdapter:
    """SLACK_BOT_TOKEN plus SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode, required there).

    SLACK_API_URL points the Web API elsewhere (GovSlack, or a fake in tests). Refuses to build without a
    way to trust incoming requests, because an unsigned HTTP endpoint would let anyone run commands.
    """
    token = (env.get("SLACK_BOT_TOKEN") or "").strip()
    app_token = (env.get("SLACK_APP_TOKEN") or "").strip() or None
    secret = (env.get("SLACK_SIGNING_SECRET") or "").strip() or None
    if not token:
        raise ValueError("Slack needs SLACK_BOT_TOKEN (xoxb-...)")
    if app_token and not app_token.startswith("xapp-"):
        raise ValueError("SLACK_APP_TOKEN must be an app-level token (xapp-...) with connections:write")
    if not app_token and not secret:
        raise ValueError("Slack HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)")
    slack = config.settings.slack
    return SlackAdapter(token=token, signing_secret=None if app_token else secret, app_token=app_token,
                        api_url=(env.get("SLACK_API_URL") or "").strip() or None,
                        prefix=slack.command_prefix, admin_users=tuple(slack.admin_users))
