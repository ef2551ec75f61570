"""The pure renderer: text safety, Discord's limits, and every reply model as a message (no client needed)."""
from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.models import Source
from bot.platforms.discord.answers import page_footer, reply_message
from bot.platforms.discord.render import alert_message, embed_size, fit_embed
from bot.platforms.discord.safe import cut, safe, safe_url, strip_invisible
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
from tests.platforms.discord.embeds import check_message
from tests.platforms.discord.test_hostile import DANGERS, PINGS, hostile_alert

WHEN = datetime(2026, 3, 4, 15, 30, tzinfo=UTC)
SRC = (Source("Harbour Herald", "https://herald.example/a", WHEN),)


def payload(out) -> dict:
    return {"content": out.content, "embeds": list(out.embeds), "allowed_mentions": out.allowed_mentions}


def test_cut_ends_at_a_word_with_an_ellipsis() -> None:
    assert cut("Ottawa answers steel tariffs", 100) == "Ottawa answers steel tariffs"
    assert cut("Ottawa answers steel tariffs today", 26) == "Ottawa answers steel…"
    assert cut("x" * 50, 10) == "x" * 9 + "…"


def test_invisible_characters_are_stripped_and_links_unmasked() -> None:
    assert strip_invisible("Ot\u200bta\u202ewa\u2066\ufeff") == "Ottawa"
    assert safe("[Read](https://evil.example/x)", 200) == "Read (https://evil.example/x)"
    assert "\\*\\*" in safe("**bold**", 50) and safe("# Big", 50).startswith("\\#")


def test_urls_must_be_http_and_are_encoded_for_masked_links() -> None:
    assert safe_url("javascript:alert(1)") is None and safe_url("ftp://x.example/") is None
    assert safe_url("https://x.example/a (b)") == "https://x.example/a%20%28b%29"
    assert safe_url("https://x.example/" + "p" * 3000) is None


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=0, max_size=3000), st.integers(min_value=1, max_value=1100))
def test_safe_text_always_fits_and_never_pings(text: str, limit: int) -> None:
    out = safe(PINGS + text, limit)
    assert len(out) <= limit
    assert "@everyone" not in out and "@here" not in out


def test_fit_embed_keeps_the_total_under_6000() -> None:
    fields = [{"name": "n" * 300, "value": "v" * 2000} for _ in range(30)]
    embed = fit_embed({"title": "t" * 500, "description": "d" * 5000, "fields": fields, "footer": {"text": "f"}})
    assert embed_size(embed) <= 6000 and len(embed["fields"]) <= 25 and len(embed["title"]) <= 256


def test_the_hostile_alert_renders_within_limits_without_dangers() -> None:
    out = alert_message(hostile_alert())
    check_message(payload(out))
    text = " ".join(str(e) for e in out.embeds)
    assert not any(d in text for d in DANGERS)


def test_every_reply_model_renders_within_limits() -> None:
    story = StoryLine(f"Headline {PINGS}", "https://herald.example/a", "Summary " * 80, WHEN, SRC)
    quote = QuoteLine("Duval", "finance minister", "We will answer every tariff " * 20, WHEN, SRC)
    tariff = TariffLine("US", "Canada", "steel", "50%", "25%", "in_force", "June 4", WHEN, SRC[0])
    fact = FactLine("$29.8 billion", "counter-tariffs on U.S. goods", WHEN, SRC[0])
    feed = FeedLine("Harbour Herald", "https://herald.example/feed", "failing", WHEN, "HTTP 500", 3, 42, 120.0)
    chart = Attachment("steel.png", b"\x89PNG fake bytes", description="Steel tariff over time")
    replies = [
        TextReply("Done " + PINGS, "Subscribed"), ErrorReply("Bad value " + PINGS, "try /help"),
        StoryList("Latest", (story,) * 200, Page(1, 9, 200, {"page": 2})), QuoteList("Quotes", (quote,) * 100),
        TariffTable("Tariffs", (tariff,) * 100), TariffHistory("Steel", (tariff,) * 10, chart),
        FactList("Figures", (fact,) * 100), FeedTable("Feeds", (feed,) * 60),
        ArticleSummary("Title", "https://herald.example/a", "Summary " * 1000, (quote,) * 9, (tariff,) * 9,
                       (fact,) * 30, True, ("tariff", "steel")),
        HelpReply("Help", tuple(HelpEntry(f"c{n}", f"/c{n} [x]", "does things " * 20) for n in range(40))),
        StoryList("Latest", (), empty_text="Nothing yet."),
    ]
    for reply in replies:
        out = reply_message(reply, "latest")
        check_message(payload(out))
        assert out.embeds or out.content, reply
        assert not any(d in str(out.embeds) + out.content for d in DANGERS[:2])


def test_lists_say_how_many_were_left_out_and_where_the_next_page_is() -> None:
    story = StoryLine("Headline", "https://herald.example/a", "Summary " * 80, WHEN, SRC)
    out = reply_message(StoryList("Latest", (story,) * 200, Page(1, 9, 200, {"page": 2, "topic": "trade"})), "latest")
    embed = out.embeds[0]
    assert "more" in embed["description"].splitlines()[-1]
    assert embed["footer"]["text"] == "page 1/9 · 200 results · next: /latest page:2 topic:trade"
    assert page_footer(Page(), "latest") == ""


def test_errors_are_private_and_charts_attached() -> None:
    assert reply_message(ErrorReply("No such topic", "topics: trade"), "latest").ephemeral
    tariff = TariffLine("US", "Canada", "steel", "50%", "25%", "in_force", "", WHEN)
    out = reply_message(TariffHistory("Steel", (tariff,), Attachment("chart.png", b"png")), "tariffs")
    assert out.files[0].filename == "chart.png" and out.embeds[0]["image"]["url"] == "attachment://chart.png"


def test_route_roles_are_the_only_mentions() -> None:
    out = alert_message(hostile_alert(), ["1100000000000000302", "everyone", "<@&1>"])
    assert out.content == "<@&1100000000000000302>"
    assert out.allowed_mentions == {"parse": [], "roles": ["1100000000000000302"], "replied_user": False}


def test_tiny_limits_with_markup_still_fit() -> None:
    for text, limit in (("*", 1), ("**", 1), ("*" * 10, 3), ("@everyone", 2), ("_a_", 2)):
        out = safe(text, limit)
        assert len(out) <= limit and "@everyone" not in out
