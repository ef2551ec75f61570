"""Schedule: interval and jitter, backoff with Retry-After, pause after N failures, daily retry, resume."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from bot.feeds.schedule import (
    ScheduleSettings,
    after_failure,
    after_success,
    backoff_seconds,
    effective_interval,
    is_due,
)
from bot.models import FeedState

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
S = ScheduleSettings(jitter=0.1, pause_after=4, backoff_max_s=3600)


def test_interval_default_and_minimum() -> None:
    assert effective_interval(None, S) == 300
    assert effective_interval(10, S) == 60
    assert effective_interval(900, S) == 900


def test_success_schedules_one_jittered_interval_ahead() -> None:
    rng = random.Random(7)
    waits = []
    for _ in range(50):
        new, notice = after_success(FeedState("f", "u"), NOW, 300, rng, S)
        waits.append((new.next_poll - NOW).total_seconds())
        assert notice is None and new.last_success == NOW
    assert all(270 <= w <= 330 for w in waits) and len(set(waits)) > 40


def test_same_seed_same_schedule() -> None:
    a, _ = after_success(FeedState("f", "u"), NOW, 300, random.Random(3), S)
    b, _ = after_success(FeedState("f", "u"), NOW, 300, random.Random(3), S)
    assert a.next_poll == b.next_poll


def test_max_age_longer_than_interval_is_honoured_up_to_a_cap() -> None:
    rng = random.Random(1)
    honoured, _ = after_success(FeedState("f", "u"), NOW, 300, rng, S, max_age_s=1800)
    capped, _ = after_success(FeedState("f", "u"), NOW, 300, rng, S, max_age_s=86400 * 3)
    assert honoured.next_poll == NOW + timedelta(seconds=1800)
    assert capped.next_poll == NOW + timedelta(seconds=S.max_cache_s)


def test_backoff_doubles_and_caps() -> None:
    assert [backoff_seconds(n, 300, S) for n in (1, 2, 3, 4, 5)] == [300, 600, 1200, 2400, 3600]


def test_retry_after_wins_over_shorter_backoff() -> None:
    new, _ = after_failure(FeedState("f", "u"), NOW, 300, random.Random(1), S, "HTTP 429", retry_after_s=5000)
    assert new.next_poll == NOW + timedelta(seconds=5000)
    assert new.consecutive_failures == 1 and new.last_error == "HTTP 429" and new.last_error_at == NOW


def test_pause_after_n_failures_then_daily_retry_then_resume() -> None:
    rng, state, notices = random.Random(5), FeedState("ledger", "u"), []
    for i in range(6):
        now = NOW + timedelta(days=i)
        state, notice = after_failure(state, now, 300, rng, S, "HTTP 500")
        notices.append(notice)
    assert state.paused and state.consecutive_failures == 6
    assert notices[:3] == [None, None, None] and notices[4:] == [None, None]
    assert notices[3] is not None and "paused after 4 failures" in notices[3] and "HTTP 500" in notices[3]
    assert state.next_poll is not None and state.next_poll - (NOW + timedelta(days=5)) >= timedelta(days=1)
    later = state.next_poll
    assert not is_due(state, later - timedelta(seconds=1)) and is_due(state, later)
    resumed, notice = after_success(state, later, 300, rng, S)
    assert not resumed.paused and resumed.consecutive_failures == 0
    assert notice is not None and "back" in notice


def test_inputs_are_not_mutated() -> None:
    state = FeedState("f", "u")
    after_failure(state, NOW, 300, random.Random(1), S, "x")
    after_success(state, NOW, 300, random.Random(1), S)
    assert state == FeedState("f", "u")
