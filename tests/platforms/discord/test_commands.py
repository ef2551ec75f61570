"""Every slash command as Discord sends it: INTERACTION_CREATE over the gateway, answers read back.

The real discord.py client receives each interaction, the adapter turns it into an Invocation for the
real router and handlers (over a store filled from the sample news site), and the fake records the
interaction callback (or the deferral and its follow-up) exactly as Discord would receive it.
"""
from __future__ import annotations

import json
from typing import Any

from handlers import COMMANDS
from tests.platforms.discord.conftest import DiscordDesk, fill
from tests.platforms.discord.fake_discord import ADMIN_ROLE, CHANNEL_ID, EDITOR_ROLE
from tests.platforms.discord.interact import (
    CALLBACK_DEFER,
    CALLBACK_MESSAGE,
    Answer,
    Member,
    autocomplete,
    run,
)

READER = Member()
EDITOR = Member(user_id=1100000000000000901, name="editor", roles=(EDITOR_ROLE,))  # admin by feeds.yaml
CHIEF = Member(user_id=1100000000000000902, name="chief", roles=(ADMIN_ROLE,))  # Manage Server permission


def shown(answer: Answer) -> str:
    """Everything a reader sees in the answer: content and every embed's text."""
    return json.dumps({"content": answer.message.get("content"), "embeds": answer.message.get("embeds")},
                      ensure_ascii=False)


def cases(desk: DiscordDesk) -> dict[str, tuple[dict[str, Any], Member, str]]:
    """For every command: (arguments, who runs it, words its answer must contain)."""
    return {
        "latest": ({"count": 3}, READER, "Latest"),
        "quotes": ({"speaker": "duval"}, READER, "Duval"),
        "tariffs": ({"product": "steel"}, READER, "steel:"),
        "facts": ({"about": "lumber"}, READER, "35"),
        "summary": ({"url": desk.server.article_url("lumber-duties")}, READER, "lumber"),
        "feeds": ({}, READER, "Harbour Herald"),
        "subscribe": ({}, EDITOR, "Subscribed"),
        "unsubscribe": ({}, CHIEF, "Unsubscribed"),
        "help": ({}, READER, "/quotes"),
    }


async def test_every_command_answers_an_interaction(desk: DiscordDesk) -> None:
    await fill(desk)
    table = cases(desk)
    assert set(table) == {c.name for c in COMMANDS}, "a command was added: give it a case here"
    for spec in COMMANDS:
        args, member, words = table[spec.name]
        answer = await run(desk.fake, spec.name, args, member)
        text = shown(answer)
        assert words.lower() in text.lower(), f"{spec.name}: {text[:3000]}"
        assert "Traceback" not in text and not answer.ephemeral, spec.name
        assert answer.message["allowed_mentions"] == {"parse": []}, spec.name
        expected = CALLBACK_DEFER if spec.slow else CALLBACK_MESSAGE
        assert answer.callback.json["type"] == expected, spec.name
    assert desk.dispatched == [c.name for c in COMMANDS]


async def test_slow_summary_defers_then_follows_up(desk: DiscordDesk) -> None:
    desk.server.publish(2)
    answer = await run(desk.fake, "summary", {"url": desk.server.article_url("lumber-duties")})
    assert answer.deferred and answer.followup is not None, answer.message
    assert answer.message["embeds"], answer.message
    embed = answer.message["embeds"][0]
    assert embed["url"] == desk.server.article_url("lumber-duties")
    assert any(f["name"] == "Relevance" for f in embed["fields"])


async def test_admin_commands_are_checked_again_on_use(desk: DiscordDesk) -> None:
    refused = await run(desk.fake, "subscribe", {}, READER)
    assert refused.ephemeral and "admins only" in refused.message["content"]
    assert "subscribe" in desk.dispatched  # the router refused it, not Discord's UI
    assert await desk.app.store.subscriptions("us-canada-trade") == []
    accepted = await run(desk.fake, "subscribe", {}, EDITOR)
    assert "Subscribed" in shown(accepted)
    [sub] = await desk.app.store.subscriptions("us-canada-trade")
    assert (sub.platform, sub.channel) == ("discord", str(CHANNEL_ID))


async def test_bad_argument_gets_a_private_helpful_answer(desk: DiscordDesk) -> None:
    answer = await run(desk.fake, "latest", {"since": "last fortnight-ish"})
    assert answer.ephemeral
    assert "not a time" in answer.message["content"] and "24h" in answer.message["content"]


async def test_tariff_history_attaches_the_chart(desk: DiscordDesk) -> None:
    await fill(desk)
    answer = await run(desk.fake, "tariffs", {"product": "steel", "history": True})
    files = answer.files
    assert files, shown(answer)[:400]
    name, data = next(iter(files.items()))
    assert name.endswith(".png") and data.startswith(b"\x89PNG")
    assert answer.message["embeds"][0]["image"]["url"] == f"attachment://{name}"
    assert answer.message["attachments"][0]["filename"] == name


async def test_pages_say_where_the_next_page_is(desk: DiscordDesk) -> None:
    await fill(desk)
    answer = await run(desk.fake, "latest", {"count": 1})
    footer = answer.message["embeds"][0]["footer"]["text"]
    assert footer.startswith("page 1/") and "next: /latest" in footer and "page:2" in footer


async def test_autocomplete_suggests_speakers_from_the_store(desk: DiscordDesk) -> None:
    await fill(desk)
    choices = await autocomplete(desk.fake, "quotes", "speaker", "duv")
    assert choices and all("duv" in c["name"].lower() for c in choices)
    assert all(len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)


async def test_autocomplete_topics_and_feeds_from_the_config(desk: DiscordDesk) -> None:
    topics = await autocomplete(desk.fake, "latest", "topic", "trade")
    assert [c["value"] for c in topics] == ["us-canada-trade"]
    feeds = await autocomplete(desk.fake, "feeds", "name", "harb", CHIEF)
    assert any("Harbour Herald" == c["value"] for c in feeds)
