"""Feed items written to abuse Discord markup reach the channel harmless, readable and within limits."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.demo.catalog import Catalog, SampleFeed, SampleStory
from bot.models import AlertMessage, Delivery, Fact, Quote, Source, Tariff
from tests.platforms.discord.conftest import PING_ROLE, DiscordDesk, fill
from tests.platforms.discord.embeds import check_message, shown_text
from tests.platforms.discord.fake_discord import ADMIN_ROLE, CHANNEL_ID

PINGS = f"@everyone @here <@&{ADMIN_ROLE}> <@1100000000000000900> <@!1100000000000000900>"
LINK = "[Sign in to Discord](https://evil.example/login)"
HIDDEN = "\u202e\u200b\u2066\ufeff\u200d\u061c"
DANGERS = ("@everyone", "@here", f"<@&{ADMIN_ROLE}>", "<@1100000000000000900>", "<@!1100000000000000900>",
           "](https://evil.example", "\u202e", "\u2066", "\ufeff", "\u061c")


def hostile_alert() -> AlertMessage:
    title = f"{PINGS} {LINK} Ottawa{HIDDEN} answers steel tariffs " + "very long headline " * 5300  # ~100,000
    assert len(title) > 100_000
    quote = Quote(text=f"We will not be pushed around {PINGS} {LINK}" + " and so on" * 500,
                  speaker=f"Claire Duval {PINGS}", role=f"# finance minister {HIDDEN}")
    facts = tuple(Fact(value=f"${n}.5 billion {PINGS}", about=f"goods {LINK} " * 30) for n in range(60))
    tariffs = tuple(Tariff(imposed_by="US", target=f"Canada {PINGS}", products=(f"steel {LINK}",) * 20,
                           rate="50%", previous_rate="25%", status="in_force", effective=f"June 4 {HIDDEN}")
                    for _ in range(10))
    outlets = tuple(Source(feed=f"Gazette {PINGS} {n}", url=u) for n, u in
                    enumerate(["javascript:alert(1)", "https://ok.example/a (b)", "https://x.example/" + "p" * 3000]))
    return AlertMessage(story_id=1, title=title, url="https://news.example/story?id=1", source=f"Hostile {PINGS}",
                        published=datetime(2026, 3, 4, 15, 30, tzinfo=UTC), summary=f"{PINGS}\n\n# {LINK} " * 800,
                        quotes=(quote, quote, quote), tariffs=tariffs, facts=facts, also_reported_by=outlets,
                        topic=f"trade {PINGS}", mention_roles=())


def assert_harmless(payload: dict) -> None:
    check_message(payload)
    text = shown_text(payload)
    for danger in DANGERS:
        assert danger not in text, danger
    assert "javascript:" not in text.replace("Gazette", "")  # unusable URLs are dropped, not linked


async def test_a_hostile_alert_is_delivered_harmless_and_within_limits(desk: DiscordDesk) -> None:
    alert = hostile_alert()
    row = Delivery(id=1, story_id=1, platform="discord", channel=str(CHANNEL_ID), nonce="hostile-1")
    result = await desk.adapter.deliver(row, alert)
    assert result.ok, result.error
    (call,) = desk.fake.calls_to("POST", rf"/channels/{CHANNEL_ID}/messages")
    payload = call.json
    assert_harmless(payload)
    assert payload["allowed_mentions"] == {"parse": []} and not payload.get("content")
    embed = payload["embeds"][0]
    assert len(embed["title"]) <= 256 and embed["title"].endswith("…")
    assert "Ottawa answers steel tariffs" in embed["title"]  # hidden characters gone, words joined again
    assert "Sign in to Discord (https://evil.example/login)" in embed["title"].replace("\\", "")  # shown, not masked
    assert "@\u200beveryone" in embed["title"]  # still readable as text


async def test_only_the_routes_roles_are_pinged(desk: DiscordDesk) -> None:
    alert = hostile_alert()
    row = Delivery(id=2, story_id=1, platform="discord", channel=str(CHANNEL_ID), nonce="roles-1",
                   mention_roles=(str(PING_ROLE), "everyone", "@here"))
    assert (await desk.adapter.deliver(row, alert)).ok
    (call,) = desk.fake.calls_to("POST", rf"/channels/{CHANNEL_ID}/messages")
    assert call.json["content"] == f"<@&{PING_ROLE}>"
    assert call.json["allowed_mentions"] == {"parse": [], "roles": [PING_ROLE]}
    assert_harmless({**call.json, "allowed_mentions": {"parse": []}, "content": ""})


HOSTILE_BODY = (
    (f"Canada will impose 25 per cent counter-tariffs on U.S. steel and aluminum, {PINGS} Finance Minister "
     "Claire Duval said on Thursday."),
    f"“We will not be pushed around {PINGS} {LINK} and we will answer every tariff,” Duval told reporters in Ottawa.",
    "The measures cover $29.8 billion of American goods, the Finance Department said.",
)


@pytest.fixture
def news_catalog() -> Catalog:
    title = f"{PINGS} {LINK} Ottawa answers U.S. steel tariffs{HIDDEN} with 25 per cent counter-tariffs"
    summary = f"{PINGS} Canada will put 25 per cent counter-tariffs on $29.8 billion of U.S. steel, Duval said."
    story = SampleStory(feed="hostile", slug="hostile-steel", phase=2, minutes_ago=5, title=title, summary=summary,
                        body=HOSTILE_BODY)
    return Catalog(feeds=(SampleFeed("Hostile @everyone Gazette", "hostile", "rss"),), stories=(story,))


async def test_a_hostile_feed_item_through_the_pipeline_is_harmless(desk: DiscordDesk) -> None:
    await fill(desk)
    alert = await desk.app.store.alert_message(1)
    assert "@everyone" in alert.title and "@everyone" in alert.source  # the hostile text reached the renderer
    (call,) = desk.fake.calls_to("POST", rf"/channels/{CHANNEL_ID}/messages")
    assert_harmless(call.json)
    assert "Ottawa answers U.S. steel tariffs with 25 per cent counter" in call.json["embeds"][0]["title"]


async def test_hostile_text_in_command_answers_is_harmless_too(desk: DiscordDesk) -> None:
    from tests.platforms.discord.interact import run

    await fill(desk)
    for name, args in (("latest", {}), ("quotes", {"speaker": "duval"}), ("feeds", {})):
        answer = await run(desk.fake, name, args)
        assert_harmless(answer.message)
