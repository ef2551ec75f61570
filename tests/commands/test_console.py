"""The same commands typed at the console prompt: parsed, answered and rendered as a person reads them."""
from __future__ import annotations

import pytest

from bot.router import parse_command_line
from handlers.spec import ArgumentError
from tests.commands.conftest import Desk


async def test_typed_commands_render_readably(desk: Desk) -> None:
    latest = await desk.type("/latest count:2")
    assert latest.startswith("Latest stories") and "page 1/" in latest and "(next: count:2 page:2)" in latest
    quotes = await desk.type('/quotes duval')  # a bare word fills the first option
    assert "Duval" in quotes and "“" in quotes
    feeds = await desk.type("/feeds")
    assert "Harbour Herald [failing]" in feeds
    bad = await desk.type("/latest count:zero")
    assert bad.startswith("✗") and "Traceback" not in bad


async def test_alerts_were_printed_once_each_with_their_other_outlets(desk: Desk) -> None:
    # the fixture's delivery drain printed through the same console adapter before any command ran
    await desk.app.delivery.drain()
    counts = await desk.app.store.outbox_counts()
    assert counts["pending"] == 0 and counts["sent"] >= 5


def test_command_line_parsing() -> None:
    assert parse_command_line('/quotes speaker:carney about:"steel tariffs" since:7d') == (
        "quotes", {"speaker": "carney", "about": "steel tariffs", "since": "7d"})
    assert parse_command_line("/feeds add Example https://example.org/feed.xml") == (
        "feeds", {"action": "add", "name": "Example", "url": "https://example.org/feed.xml"})
    assert parse_command_line("/summary https://example.org/a?b=c") == ("summary", {"url": "https://example.org/a?b=c"})
    assert parse_command_line("tariffs steel") == ("tariffs", {"product": "steel"})
    with pytest.raises(ArgumentError):
        parse_command_line('/quotes about:"unclosed')
    with pytest.raises(ArgumentError):
        parse_command_line("/help me please")
