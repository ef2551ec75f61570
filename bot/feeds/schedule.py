"""When to poll each feed next: interval with jitter, backoff on failure, pause and daily retry. Pure.

Every function takes the clock reading and a seeded `random.Random`, and returns a new FeedState
plus an optional operator notice; nothing here sleeps, reads the clock or mutates its input.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from bot.models import FeedState

DAY = 86400.0


@dataclass(frozen=True, slots=True)
class ScheduleSettings:
    """Polling policy shared by all feeds (each feed brings its own interval)."""

    default_interval_s: float = 300.0
    min_interval_s: float = 60.0
    jitter: float = 0.1  # ± fraction of the interval, so feeds on one host spread out
    backoff_max_s: float = 6 * 3600.0
    pause_after: int = 10  # consecutive failures before the feed is paused
    paused_retry_s: float = DAY
    max_cache_s: float = 3600.0  # a Cache-Control max-age longer than this is not honoured


def effective_interval(interval_s: float | None, settings: ScheduleSettings) -> float:
    """The feed's configured interval, default when unset, never below the minimum."""
    return max(settings.min_interval_s, interval_s or settings.default_interval_s)


def _jittered(seconds: float, settings: ScheduleSettings, rng: random.Random) -> float:
    return seconds * (1.0 + rng.uniform(-settings.jitter, settings.jitter))


def is_due(state: FeedState, now: datetime) -> bool:
    """True when the feed should be polled at `now` (never-polled feeds are due at once)."""
    return state.next_poll is None or state.next_poll <= now


def after_success(
    state: FeedState,
    now: datetime,
    interval_s: float | None,
    rng: random.Random,
    settings: ScheduleSettings,
    max_age_s: float | None = None,
) -> tuple[FeedState, str | None]:
    """State after a good poll: failures cleared, next poll one interval away (or max-age if longer)."""
    wait = _jittered(effective_interval(interval_s, settings), settings, rng)
    if max_age_s:
        wait = max(wait, min(max_age_s, settings.max_cache_s))
    notice = None
    if state.paused:
        notice = f"Feed {state.name} is back: it answered again after {state.consecutive_failures} failures."
    new = replace(
        state, consecutive_failures=0, paused=False, last_success=now,
        next_poll=now + timedelta(seconds=wait),
    )
    return new, notice


def backoff_seconds(failures: int, interval_s: float, settings: ScheduleSettings) -> float:
    """Exponential backoff: interval × 2^(failures-1), capped."""
    return float(min(interval_s * 2.0 ** max(0, min(failures - 1, 30)), settings.backoff_max_s))


def after_failure(
    state: FeedState,
    now: datetime,
    interval_s: float | None,
    rng: random.Random,
    settings: ScheduleSettings,
    reason: str,
    retry_after_s: float | None = None,
) -> tuple[FeedState, str | None]:
    """State after a failed poll: backoff (never sooner than Retry-After); pause after N failures."""
    failures = state.consecutive_failures + 1
    interval = effective_interval(interval_s, settings)
    wait = _jittered(backoff_seconds(failures, interval, settings), settings, rng)
    if retry_after_s is not None:
        wait = max(wait, retry_after_s)
    paused, notice = state.paused, None
    if paused or failures >= settings.pause_after:
        wait = max(wait, settings.paused_retry_s)
        if not paused:
            notice = (f"Feed {state.name} paused after {failures} failures in a row "
                      f"(last: {reason}); it will be retried daily and resume by itself.")
        paused = True
    new = replace(
        state, consecutive_failures=failures, paused=paused, last_error=reason, last_error_at=now,
        next_poll=now + timedelta(seconds=wait),
    )
    return new, notice
