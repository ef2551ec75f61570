"""Fixtures: the faulty feed server on 127.0.0.1 and a Fetcher with short timeouts that allows loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.feeds.fetch import Fetcher, FetchSettings
from tests.feeds.server import FaultyFeedServer

TEST_SETTINGS = FetchSettings(
    user_agent="BorderDesk-test/1 (+https://borderdesk.example/contact)",
    connect_timeout=2.0,
    read_timeout=0.3,
    total_timeout=3.0,
    max_bytes=2 * 1024 * 1024,
    max_redirects=3,
    per_host=4,
    global_limit=16,
    allow_private=True,
)


@pytest.fixture
async def server() -> AsyncIterator[FaultyFeedServer]:
    async with FaultyFeedServer() as srv:
        yield srv


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(TEST_SETTINGS) as f:
        yield f
