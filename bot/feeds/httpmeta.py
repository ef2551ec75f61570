"""Pure readers for the HTTP headers that steer polling: Retry-After, Cache-Control, charset."""
from __future__ import annotations

import email.utils
from collections.abc import Mapping
from datetime import UTC, datetime

MAX_HINT_SECONDS = 7 * 24 * 3600.0  # a server may not park a feed for longer than a week


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), None if absent/bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_HINT_SECONDS)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return min(max(0.0, (when - now).total_seconds()), MAX_HINT_SECONDS)


def max_age_seconds(cache_control: str | None) -> float | None:
    """The max-age of a Cache-Control header (s-maxage wins, no-store/no-cache mean 0)."""
    if not cache_control:
        return None
    found: dict[str, str] = {}
    for part in cache_control.split(","):
        name, _, arg = part.strip().partition("=")
        found[name.strip().lower()] = arg.strip().strip('"')
    if "no-store" in found or "no-cache" in found:
        return 0.0
    for name in ("s-maxage", "max-age"):
        arg = found.get(name, "")
        if arg.isdigit():
            return min(float(arg), MAX_HINT_SECONDS)
    return None


def media_type(headers: Mapping[str, str]) -> str:
    """The lower-cased media type of Content-Type without parameters ('' when absent)."""
    return headers.get("content-type", "").split(";", 1)[0].strip().lower()


def charset(headers: Mapping[str, str]) -> str | None:
    """The charset parameter of Content-Type, lower-cased, or None."""
    for param in headers.get("content-type", "").split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').lower() or None
    return None
