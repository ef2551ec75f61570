"""The pure Block Kit renderer: every reply model, Slack's limits, and untrusted text made inert."""
from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from bot.models import AlertMessage, Fact, Quote, Source, Tariff
from bot.platforms.slack.mrkdwn import cut, link, plain, safe
from bot.platforms.slack.render import alert_blocks, reply_blocks
from bot.replies import (
    ArticleSummary,
    Attachment,
    ErrorReply,
    FactLine,
    FactList,
    FeedLine,
    FeedTable,
    HelpEntry,
    HelpReply,
    Page,
    QuoteLine,
    QuoteList,
    StoryLine,
    StoryList,
    TariffHistory,
    TariffLine,
    TariffTable,
    TextReply,
)
from tests.platforms.slack.blockkit import check_blocks, mrkdwn_texts, texts

WHEN = datetime(2026, 3, 4, 15, 30, tzinfo=UTC)
SRC = (Source("Maple Ledger", "https://maple.example/a?x=1&y=2", WHEN), Source("Border Wire", "javascript:alert(1)"))
EVIL = "<!channel> <@U1> <#C1|general> <https://evil.example|bank> &amp; A\u202eB\u200bC\u2066D\ufeff"
LINE = TariffLine("US", "Canada", "steel", "50%", "25%", "in_force", "June 4", WHEN, SRC[0])


def every_reply() -> list[object]:
    quote = QuoteLine("Claire Duval", "finance minister", "We will answer every tariff.", WHEN, SRC)
    fact = FactLine("C$29.8 billion", "U.S. goods covered", WHEN, SRC[0])
    return [
        TextReply("Subscribed this channel.", "Subscribed"),
        StoryList("Latest", (StoryLine("Ottawa answers", "https://maple.example/a", "Summary.", WHEN, SRC),),
                  Page(1, 3, 30, {"page": 2})),
        QuoteList("Quotes", (quote,)), TariffTable("Tariffs", (LINE,)),
        TariffHistory("Steel over time", (LINE,), Attachment("steel.png", b"\x89PNG", description="steel rates")),
        FactList("Figures", (fact,)),
        ArticleSummary("Ottawa answers", "https://maple.example/a", "A summary.", (quote,), (LINE,), (fact,), True),
        FeedTable("Feeds", (FeedLine("Harbour Herald", "https://h.example/f", "failing", None, "HTTP 500", 3, 0, None),)),
        HelpReply("BorderDesk commands", (HelpEntry("latest", "/latest [count]", "Newest stories"),)),
    ]


@pytest.mark.parametrize("reply", every_reply(), ids=lambda r: type(r).__name__)
def test_every_reply_renders_within_limits_with_a_share_button(reply: object) -> None:
    payload = reply_blocks(reply, "latest", {"count": "3"})  # type: ignore[arg-type]
    check_blocks(payload)
    assert payload["response_type"] == "ephemeral"
    share = [e for b in payload["blocks"] if b["type"] == "actions" for e in b["elements"]
             if e["action_id"] == "borderdesk_share"]
    assert json.loads(share[0]["value"]) == {"command": "latest", "args": {"count": "3"}}
    assert "javascript:" not in texts(payload)  # a non-http URL is shown as its label only
    shared = reply_blocks(reply, "latest", {}, shared=True)  # type: ignore[arg-type]
    assert shared["response_type"] == "in_channel" and "borderdesk_share" not in json.dumps(shared)


def test_errors_are_private_and_carry_their_hint() -> None:
    payload = reply_blocks(ErrorReply("count must be a whole number", "e.g. /latest count:5"), "latest")
    check_blocks(payload)
    assert payload["response_type"] == "ephemeral" and "e.g. /latest count:5" in texts(payload)
    assert "actions" not in json.dumps(payload)


def test_paging_and_history_buttons_carry_what_to_re_run() -> None:
    page = reply_blocks(every_reply()[1], "latest", {})  # type: ignore[arg-type]
    value = next(e["value"] for b in page["blocks"] if b["type"] == "actions" for e in b["elements"]
                 if e["action_id"] == "borderdesk_page")
    assert json.loads(value) == {"command": "latest", "args": {"page": 2}}
    table = reply_blocks(TariffTable("Tariffs", (LINE,)), "tariffs", {})
    history = json.loads(next(e["value"] for b in table["blocks"] if b["type"] == "actions" for e in b["elements"]
                              if e["action_id"] == "borderdesk_history"))
    assert history == {"command": "tariffs", "args": {"product": "steel", "country": "Canada", "history": "true"}}


def test_untrusted_text_cannot_ping_mention_link_or_hide() -> None:
    assert safe(EVIL) == ("&lt;!channel&gt; &lt;@U1&gt; &lt;#C1|general&gt; &lt;https://evil.example|bank&gt; "
                          "&amp;amp; ABCD")
    assert plain(EVIL, 150) == "<!channel> <@U1> <#C1|general> <https://evil.example|bank> &amp; ABCD"
    assert link("https://a.example/?q=<!here>", "x") == "x"
    assert link("https://a.example/?a=1&b=2", "x") == "<https://a.example/?a=1&amp;b=2|x>"


def test_cuts_fall_on_words_and_never_split_an_escape() -> None:
    assert cut("steel and aluminum tariffs", 16) == "steel and…"
    text = safe("word " * 10 + "&" * 50, 60)
    assert len(text) <= 60 and text.endswith("…") and not text[:-1].endswith(("&", "&a", "&am", "&amp"))
    assert len(safe("x" * 10_000, 3000)) == 3000


def test_a_huge_hostile_alert_stays_within_every_limit() -> None:
    alert = AlertMessage(
        story_id=1, title=EVIL * 100, url="https://maple.example/a", source=EVIL, published=WHEN, summary=EVIL * 500,
        quotes=tuple(Quote(EVIL * 20, EVIL) for _ in range(10)),
        tariffs=tuple(Tariff(EVIL, EVIL, (EVIL,) * 5, "25%") for _ in range(10)),
        facts=tuple(Fact(EVIL, EVIL * 10) for _ in range(10)), also_reported_by=SRC * 30)
    text, blocks = alert_blocks(alert)
    message = {"text": text, "blocks": blocks}
    check_blocks(message)
    parsed = "\n".join([text, *mrkdwn_texts(message)])
    for danger in ("<!channel>", "<@U1>", "<#C1", "<https://evil", "\u202e", "\u200b", "\u2066", "\ufeff"):
        assert danger not in parsed, danger
    assert not any(c in blocks[0]["text"]["text"] for c in "\u202e\u200b\u2066\ufeff")  # plain_text header
    assert blocks[0]["text"]["text"].endswith("…") and len(blocks[0]["text"]["text"]) <= 150
    assert any(b["type"] == "section" and b["text"]["text"].endswith("…") for b in blocks)


def test_long_lists_split_into_sections_within_fifty_blocks() -> None:
    lines = tuple(StoryLine(f"Story {i} " + "word " * 60, None, "summary " * 60, WHEN) for i in range(400))
    payload = reply_blocks(StoryList("Latest", lines), "latest", {})
    check_blocks(payload)
    assert len(payload["blocks"]) == 50 and payload["blocks"][-1]["type"] == "actions"
