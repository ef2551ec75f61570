"""A feed item written to abuse Slack markup reaches the channel as harmless, readable text."""
from __future__ import annotations

import pytest

from bot.demo.catalog import Catalog, SampleFeed, SampleStory
from tests.platforms.slack.blockkit import check_blocks, mrkdwn_texts, texts
from tests.platforms.slack.conftest import ALERTS, SlackDesk, fill

PINGS = "<!channel> <!here> <!everyone> <@U0ADMIN> <#C0GENERAL> <https://evil.example/login|Sign in to Slack>"
HIDDEN = "\u202e\u200b\u2066\ufeff"
ESCAPED = PINGS.replace("<", "&lt;").replace(">", "&gt;")  # as a feed title carries markup, entity-encoded


@pytest.fixture
def news_catalog() -> Catalog:
    title = f"{ESCAPED} Ottawa answers U.S. steel tariffs{HIDDEN} with 25 per cent counter-tariffs"
    summary = (f"{ESCAPED} Canada will put 25 per cent counter-tariffs on $29.8 billion of U.S. steel and aluminum "
               "products from Monday, Finance Minister Claire Duval said.")
    body = ((f"Canada will impose 25 per cent counter-tariffs on U.S. steel and aluminum, {PINGS} Finance "
            "Minister Claire Duval said on Thursday."),
            f"“We will not be pushed around {PINGS} & we will answer every tariff,” Duval told reporters in Ottawa.",
            "The measures cover $29.8 billion of American goods, the Finance Department said.")
    story = SampleStory(feed="hostile", slug="hostile-steel", phase=2, minutes_ago=5, title=title,
                        summary=summary, body=body)
    return Catalog(feeds=(SampleFeed("Hostile <!channel> Gazette", "hostile", "rss"),), stories=(story,))


async def test_a_hostile_feed_item_is_rendered_harmless(desk: SlackDesk) -> None:
    await fill(desk)
    alert = await desk.app.store.alert_message(1)
    # the hostile text did reach the renderer, in the title, the outlet's name and a quote
    assert "<!channel>" in alert.title and "<!channel>" in alert.source
    assert any("<!channel>" in q.text for q in alert.quotes)
    (post,) = desk.fake.messages[ALERTS]
    check_blocks(post)  # no live <...> markup left anywhere, all within limits
    # mrkdwn texts and the notification text are where Slack reads markup; headers are plain_text, never parsed
    shown = "\n".join([post["text"], *mrkdwn_texts(post)])
    assert all(b["text"]["type"] == "plain_text" for b in post["blocks"] if b["type"] == "header")
    for danger in ("<!channel>", "<!here>", "<!everyone>", "<@U0ADMIN>", "<#C0GENERAL>", "<https://evil", *HIDDEN):
        assert danger not in shown, danger
    assert "&lt;!channel&gt;" in shown  # still readable as text
    assert "Ottawa answers U.S. steel tariffs" in post["blocks"][0]["text"]["text"]


async def test_hostile_text_in_command_answers_is_harmless_too(desk: SlackDesk) -> None:
    await fill(desk)
    for name, text in (("latest", ""), ("quotes", "speaker:duval"), ("feeds", "")):
        answer = await desk.command(name, text)
        assert answer is not None
        check_blocks(answer)
        parsed = "\n".join([answer["text"], *mrkdwn_texts(answer)])
        assert "<!channel>" not in parsed and "&lt;!channel&gt;" in texts(answer), name
