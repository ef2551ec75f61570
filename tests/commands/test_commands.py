"""Every command on a store the real pipeline filled from the demo feeds: answers, order, paging, refusals."""
from __future__ import annotations

from pathlib import Path

from bot.replies import (
    ErrorReply,
    FactList,
    FeedTable,
    HelpReply,
    QuoteList,
    StoryList,
    TariffHistory,
    TariffTable,
    TextReply,
)
from handlers import COMMANDS
from tests.commands.conftest import Desk


async def test_latest_lists_on_beat_stories_newest_first_with_all_sources(desk: Desk) -> None:
    reply = await desk.ask("latest")
    assert isinstance(reply, StoryList)
    titles = [s.title for s in reply.stories]
    assert not any("Leafs" in t or "Beijing" in t or "harvest" in t for t in titles)  # off the beat
    stamps = [s.published for s in reply.stories]
    assert stamps == sorted(stamps, reverse=True)
    steel = next(s for s in reply.stories if "counter-tariffs" in s.title)
    assert {src.feed for src in steel.sources} == {"Maple Ledger", "Border Wire"}  # one story, two outlets
    assert sum("counter-tariffs" in t for t in titles) == 1


async def test_latest_pages_and_windows(desk: Desk) -> None:
    first = await desk.ask("latest", count=3)
    assert isinstance(first, StoryList) and len(first.stories) == 3
    assert first.page.next_args == {"count": 3, "page": 2}
    second = await desk.ask("latest", **first.page.next_args)
    assert isinstance(second, StoryList)
    assert not {s.title for s in first.stories} & {s.title for s in second.stories}
    recent = await desk.ask("latest", since="2h")
    assert isinstance(recent, StoryList)
    assert all("Dairy farmers rally" not in s.title for s in recent.stories)  # two days old


async def test_quotes_by_any_form_of_the_name_and_by_subject(desk: Desk) -> None:
    for form in ("duval", "Claire Duval", "Finance Minister Duval"):
        reply = await desk.ask("quotes", speaker=form)
        assert isinstance(reply, QuoteList)
        assert reply.quotes and all("Duval" in (q.speaker or "") for q in reply.quotes), form
    about = await desk.ask("quotes", about="mills")
    assert isinstance(about, QuoteList)
    assert any("Whitford" in (q.speaker or "") for q in about.quotes)


async def test_tariff_table_and_history_chart(desk: Desk) -> None:
    table = await desk.ask("tariffs", product="steel")
    assert isinstance(table, TariffTable) and table.lines
    us = [t for t in table.lines if t.imposed_by == "US" and t.target == "Canada"]
    assert us and us[0].rate == "50%" and us[0].source is not None
    history = await desk.ask("tariffs", product="steel", country="US", history=True)
    assert isinstance(history, TariffHistory) and history.lines
    assert history.chart is not None and history.chart.data.startswith(b"\x89PNG")


async def test_facts_with_their_sources(desk: Desk) -> None:
    reply = await desk.ask("facts", about="lumber")
    assert isinstance(reply, FactList) and reply.facts
    assert all(f.source is not None for f in reply.facts)
    assert any("35" in f.value for f in reply.facts)


async def test_feeds_status_shows_the_failing_feed_first(desk: Desk) -> None:
    reply = await desk.ask("feeds")
    assert isinstance(reply, FeedTable)
    assert reply.feeds[0].name == "Harbour Herald" and reply.feeds[0].status == "failing"
    assert "500" in reply.feeds[0].last_error
    assert {f.status for f in reply.feeds[1:]} == {"ok"}


async def test_feed_admin_needs_admin_and_writes_feeds_yaml(desk: Desk) -> None:
    refused = await desk.ask("feeds", action="pause", name="Maple Ledger")
    assert isinstance(refused, ErrorReply) and "admin" in refused.message.lower()
    done = await desk.ask("feeds", admin=True, action="pause", name="Maple Ledger")
    assert isinstance(done, TextReply) and "Paused" in done.text
    text = Path(desk.app.config.path).read_text()
    assert "enabled: false" in text
    assert desk.app.config.feed("Maple Ledger").enabled is False  # applied without a restart
    status = await desk.ask("feeds")
    assert isinstance(status, FeedTable)
    assert next(f for f in status.feeds if f.name == "Maple Ledger").status == "disabled"
    resumed = await desk.ask("feeds", admin=True, action="resume", name="Maple Ledger")
    assert isinstance(resumed, TextReply) and desk.app.config.feed("Maple Ledger").enabled


async def test_feed_admin_refuses_internal_addresses_and_duplicates(desk: Desk, monkeypatch) -> None:
    monkeypatch.delenv("BORDERDESK_ALLOW_PRIVATE_NETWORKS", raising=False)
    desk.app.config.settings.security.__dict__["allow_private_networks"] = False  # as a real deployment has it
    for url in ("http://127.0.0.1:8080/feed", "http://169.254.169.254/latest", "http://localhost/feed"):
        reply = await desk.ask("feeds", admin=True, action="add", name="Sneaky", url=url)
        assert isinstance(reply, ErrorReply) and "not allowed" in reply.message, url
    dup = await desk.ask("feeds", admin=True, action="add", name="Maple Ledger", url="https://example.org/x.xml")
    assert isinstance(dup, ErrorReply) and "already exists" in dup.message


async def test_subscribe_is_admin_only_and_idempotent(desk: Desk) -> None:
    refused = await desk.ask("subscribe", channel="C42")
    assert isinstance(refused, ErrorReply)
    first = await desk.ask("subscribe", admin=True, platform="slack", channel="C42")
    again = await desk.ask("subscribe", admin=True, platform="slack", channel="C42")
    assert isinstance(first, TextReply) and first.title == "Subscribed"
    assert isinstance(again, TextReply) and again.title == "Already subscribed"
    subs = await desk.app.store.subscriptions("us-canada-trade")
    assert [(s.platform, s.channel) for s in subs] == [("slack", "C42")]
    gone = await desk.ask("unsubscribe", admin=True, platform="slack", channel="C42")
    assert isinstance(gone, TextReply) and gone.title == "Unsubscribed"


async def test_bad_arguments_get_help_not_a_stack_trace(desk: Desk) -> None:
    cases = [("latest", {"count": "lots"}, "whole number"), ("latest", {"count": 99}, "between"),
             ("latest", {"since": "last blue moon"}, "not a time"), ("latest", {"topic": "hockey"}, "no topic"),
             ("quotes", {"colour": "red"}, "no option"), ("summary", {}, "needs url"),
             ("summary", {"url": "file:///etc/passwd"}, "http(s)"), ("tariffs", {"history": "maybe"}, "true or false"),
             ("tariffs", {"history": True}, "needs a product"), ("feeds", {"action": "explode"}, "one of"),
             ("nonsense", {}, "no command")]
    for name, args, words in cases:
        reply = await desk.ask(name, **args)
        assert isinstance(reply, ErrorReply), (name, args)
        assert words in reply.message.lower() + reply.hint.lower(), (name, args, reply)


async def test_autocomplete_offers_speakers_products_countries_and_topics(desk: Desk) -> None:
    from handlers.spec import Invocation

    inv = Invocation(platform="discord", user="u", channel="c")
    router = desk.app.router
    assert any("Duval" in s for s in await router.autocomplete("quotes", "speaker", "du", inv))
    assert "steel" in await router.autocomplete("tariffs", "product", "st", inv)
    assert "US" in await router.autocomplete("tariffs", "country", "", inv)
    assert await router.autocomplete("latest", "topic", "us", inv) == ["us-canada-trade"]
    assert await router.autocomplete("feeds", "action", "pa", inv) == ["pause"]
    assert len(await router.autocomplete("quotes", "speaker", "", inv)) <= 25


async def test_help_lists_every_registered_command(desk: Desk) -> None:
    reply = await desk.ask("help")
    assert isinstance(reply, HelpReply)
    assert [e.name for e in reply.entries] == [c.name for c in COMMANDS]
    assert {e.name for e in reply.entries if e.admin_only} == {"subscribe", "unsubscribe"}
