"""Header readers: Retry-After (seconds and dates), Cache-Control, Content-Type charset."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.feeds.httpmeta import MAX_HINT_SECONDS, charset, max_age_seconds, media_type, retry_after_seconds

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def test_retry_after_seconds_and_dates() -> None:
    assert retry_after_seconds("120", NOW) == 120.0
    assert retry_after_seconds("Tue, 24 Nov 2026 12:30:00 GMT", NOW) == 1800.0
    assert retry_after_seconds("Tue, 24 Nov 2026 11:00:00 GMT", NOW) == 0.0  # already past
    assert retry_after_seconds("99999999", NOW) == MAX_HINT_SECONDS
    assert retry_after_seconds("soon", NOW) is None and retry_after_seconds(None, NOW) is None


def test_cache_control() -> None:
    assert max_age_seconds("public, max-age=600") == 600.0
    assert max_age_seconds("max-age=600, s-maxage=60") == 60.0
    assert max_age_seconds("no-cache") == 0.0
    assert max_age_seconds("private") is None and max_age_seconds(None) is None
    assert max_age_seconds('max-age="300"') == 300.0


def test_content_type_parts() -> None:
    headers = {"content-type": 'Application/RSS+XML; Charset="ISO-8859-1"'}
    assert media_type(headers) == "application/rss+xml" and charset(headers) == "iso-8859-1"
    assert media_type({}) == "" and charset({"content-type": "text/xml"}) is None
