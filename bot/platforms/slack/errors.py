"""Slack Web API errors read the same way everywhere: the error code, and what it means for a delivery."""
from __future__ import annotations

from slack_sdk.errors import SlackApiError

from bot.models import DeliveryResult

# errors about one channel that no retry will fix: that route is broken until someone re-invites the bot or
# fixes feeds.yaml. Token errors (invalid_auth, ...) are not here: they would wrongly break every route.
BROKEN = frozenset({"channel_not_found", "not_in_channel", "is_archived", "channel_is_archived", "access_denied",
                    "restricted_action", "team_access_not_granted"})


def slack_error(exc: SlackApiError) -> str:
    """Slack's error code, or the HTTP status when the body was not Slack's JSON (a proxy's error page)."""
    data = exc.response.data
    if isinstance(data, dict) and data.get("error"):
        return str(data["error"])
    return f"HTTP {exc.response.status_code}"


def failure(exc: SlackApiError) -> DeliveryResult:
    """A Slack error as a delivery outcome: wait on 429, give up on a broken route, retry otherwise."""
    error = slack_error(exc)
    status = exc.response.status_code
    if status == 429 or error == "ratelimited":
        headers = {k.lower(): v for k, v in (exc.response.headers or {}).items()}
        value = headers.get("retry-after")
        retry = value[0] if isinstance(value, list) else value
        try:
            seconds = max(1.0, float(retry or 1))
        except ValueError:
            seconds = 30.0
        return DeliveryResult(ok=False, retry_after=seconds, error="rate limited by Slack")
    return DeliveryResult(ok=False, broken_route=error in BROKEN, error=error)
