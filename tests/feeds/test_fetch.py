"""Fetcher against the real faulty server: validators, caps, timeouts, redirects, SSRF on redirects."""

from __future__ import annotations

import dataclasses

import pytest

from bot.feeds.fetch import Fetcher
from tests.feeds.conftest import TEST_SETTINGS
from tests.feeds.samples import rss_feed
from tests.feeds.server import FaultyFeedServer, Feed


async def test_200_then_304_with_etag(server: FaultyFeedServer, fetcher: Fetcher) -> None:
    server.feeds["a"] = Feed(rss_feed(2), headers={"Last-Modified": "Tue, 24 Nov 2026 14:00:00 GMT"})
    first = await fetcher.fetch(server.url("/feed/a"))
    assert first.ok and first.status == 200 and first.body == server.feeds["a"].body
    assert first.etag == server.feeds["a"].etag
    assert first.last_modified == "Tue, 24 Nov 2026 14:00:00 GMT"
    second = await fetcher.fetch(server.url("/feed/a"), first.etag, first.last_modified)
    assert second.not_modified and second.body == b""
    sent = server.requests[-1].headers
    assert sent["If-None-Match"] == first.etag
    assert sent["If-Modified-Since"] == first.last_modified
    assert sent["User-Agent"] == TEST_SETTINGS.user_agent


async def test_gzip_body_is_decoded(server: FaultyFeedServer, fetcher: Fetcher) -> None:
    server.feeds["z"] = Feed(rss_feed(3), gzip=True)
    result = await fetcher.fetch(server.url("/feed/z"))
    assert result.ok and result.body == server.feeds["z"].body
    assert "content-encoding" not in result.headers


async def test_500_is_an_error_with_status(server: FaultyFeedServer, fetcher: Fetcher) -> None:
    result = await fetcher.fetch(server.url("/status/500"))
    assert not result.ok and result.status == 500 and "HTTP 500" in result.error


async def test_429_reports_retry_after(server: FaultyFeedServer, fetcher: Fetcher) -> None:
    result = await fetcher.fetch(server.url("/status/429?Retry-After=120"))
    assert result.status == 429 and result.retry_after == 120.0 and "429" in result.error


async def test_cache_control_max_age(server: FaultyFeedServer, fetcher: Fetcher) -> None:
    server.feeds["c"] = Feed(rss_feed(1), headers={"Cache-Control": "public, max-age=900"})
    assert (await fetcher.fetch(server.url("/feed/c"))).max_age == 900.0


async def test_stalled_server_times_out(server: FaultyFeedServer, fetcher: Fetcher) -> None:
    result = await fetcher.fetch(server.url("/stall"))
    assert not result.ok and result.status == 0
    assert "stalled" in result.error or "timed out" in result.error


async def test_trickling_body_times_out(server: FaultyFeedServer, fetcher: Fetcher) -> None:
    result = await fetcher.fetch(server.url("/trickle"))
    assert not result.ok and ("stalled" in result.error or "timed out" in result.error)


async def test_50_mb_body_is_cut_at_the_cap(server: FaultyFeedServer, fetcher: Fetcher) -> None:
    result = await fetcher.fetch(server.url("/big"))
    assert not result.ok and "too large" in result.error and result.body == b""


async def test_declared_oversize_is_refused_before_reading(
    server: FaultyFeedServer, fetcher: Fetcher
) -> None:
    result = await fetcher.fetch(server.url("/bigdeclared"))
    assert not result.ok and "Content-Length" in result.error


async def test_gzip_bomb_is_stopped(server: FaultyFeedServer, fetcher: Fetcher) -> None:
    result = await fetcher.fetch(server.url("/bomb"))
    assert not result.ok and "decompressed body is over the size cap" in result.error


async def test_redirect_loop(server: FaultyFeedServer, fetcher: Fetcher) -> None:
    result = await fetcher.fetch(server.url("/loop/0"))
    assert not result.ok and "redirect loop" in result.error


async def test_too_many_redirects(server: FaultyFeedServer) -> None:
    async with Fetcher(dataclasses.replace(TEST_SETTINGS, max_redirects=1)) as short:
        target = server.url("/temp/a")
        result = await short.fetch(server.url(f"/redirect?to={target}"))
    assert not result.ok and "too many redirects" in result.error


async def test_permanent_redirect_reports_new_url(server: FaultyFeedServer, fetcher: Fetcher) -> None:
    server.feeds["m"] = Feed(rss_feed(1))
    result = await fetcher.fetch(server.url("/moved/m"))
    assert result.ok and result.moved_to == server.url("/feed/m") and result.url == server.url("/feed/m")


async def test_temporary_redirect_keeps_url(server: FaultyFeedServer, fetcher: Fetcher) -> None:
    server.feeds["t"] = Feed(rss_feed(1))
    result = await fetcher.fetch(server.url("/temp/t"))
    assert result.ok and result.moved_to is None


async def test_redirect_to_metadata_address_is_refused(server: FaultyFeedServer, fetcher: Fetcher) -> None:
    result = await fetcher.fetch(server.url("/redirect?to=http://169.254.169.254/latest/meta-data/"))
    assert not result.ok and "unsafe URL" in result.error and "metadata" in result.error


async def test_redirect_to_private_refused_when_not_allowed(
    server: FaultyFeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BORDERDESK_ALLOW_PRIVATE_NETWORKS", raising=False)
    server.feeds["p"] = Feed(rss_feed(1))
    strict = dataclasses.replace(TEST_SETTINGS, allow_private=False)
    async with Fetcher(strict) as f:
        trusted = await f.fetch(server.url("/feed/p"))  # written in feeds.yaml: taken as written
        redirected = await f.fetch(server.url("/temp/p"))  # the redirect target is checked
        untrusted = await f.fetch(server.url("/feed/p"), trusted=False)
    assert trusted.ok
    assert not redirected.ok and "loopback" in redirected.error
    assert not untrusted.ok and "loopback" in untrusted.error


async def test_connection_refused_is_a_clear_error(fetcher: Fetcher) -> None:
    result = await fetcher.fetch("http://127.0.0.1:9/feed")
    assert not result.ok and "cannot connect" in result.error


@pytest.mark.parametrize("kind", ["zlib", "raw"])
async def test_deflate_body_is_decoded_both_ways(
    server: FaultyFeedServer, fetcher: Fetcher, kind: str
) -> None:
    server.feeds["d"] = Feed(rss_feed(3), deflate=kind)
    result = await fetcher.fetch(server.url("/feed/d"))
    assert result.ok and result.body == server.feeds["d"].body


async def test_response_time_is_recorded_for_success_and_failure(
    server: FaultyFeedServer, fetcher: Fetcher
) -> None:
    server.feeds["e"] = Feed(rss_feed(1))
    result = await fetcher.fetch(server.url("/feed/e"))
    failed = await fetcher.fetch(server.url("/status/503"))
    assert result.elapsed_ms > 0 and failed.elapsed_ms > 0


@pytest.mark.parametrize("url", ["http://[::1", "not a url", "ftp://example.com/feed", "http://"])
async def test_broken_urls_are_clear_errors(fetcher: Fetcher, url: str) -> None:
    result = await fetcher.fetch(url)
    assert not result.ok and result.error
