"""Summaries: whole sentences only, within the limit, lede first, no furniture, faithful to the text."""
from __future__ import annotations

from bot.analysis import analyze

ARTICLE = """WINDSOR, Ont. — Auto parts makers along the Detroit River say new U.S. duties on Canadian components will cost them $1.2 billion a year, and several warned of layoffs before the spring.
Follow our live coverage of the trade dispute here
The duties, which took effect at midnight, add 25 per cent to the price of engines and transmissions that cross the Ambassador Bridge.
“Our customers on the other side of the river cannot absorb that,” said Flavio Volpe, who heads the parts makers' association.
He said members employ about 30,000 people in southwestern Ontario.
Local officials plan to meet provincial ministers next week."""


def test_summary_is_whole_sentences_from_the_text() -> None:
    result = analyze("Parts makers count the cost of U.S. duties", ARTICLE)
    assert result.summary.startswith("Auto parts makers along the Detroit River")  # lede first, dateline dropped
    assert "Follow our live coverage" not in result.summary
    assert len(result.summary) <= 400
    body = result.text.replace("WINDSOR, Ont. — ", "")
    for sentence in result.summary.split(". "):
        assert sentence.rstrip(".") in body


def test_summary_limit_is_configurable_and_never_cuts_a_sentence() -> None:
    short = analyze("", ARTICLE, summary_chars=200)
    assert len(short.summary) <= 200
    assert short.summary.endswith((".", "…"))


def test_empty_and_furniture_only_text() -> None:
    assert analyze("", "").summary == ""
    assert analyze("", "Advertisement\nSign up for our newsletter").summary == ""


def test_a_bare_quote_never_leads_alone_and_wire_prefixes_go() -> None:
    opening = ("SUDBURY — “Hold the line and make them feel every cent of it.”\n"
               "That was Mayor Lorraine Ostrowski's message to the federal cabinet on Monday, a day after the nickel "
               "duties took effect.\nThe city's smelters employ about 4,000 people, the mayor said.")
    summary = analyze("", opening).summary
    assert summary.startswith("“Hold the line and make them feel every cent of it.” That was Mayor Lorraine")
    wire = analyze("", "Marketwatch.com -- Ottawa will delay any new counter-tariffs while talks go on, officials "
                       "said on Friday.").summary
    assert wire.startswith("Ottawa will delay any new counter-tariffs")
    quoted_first = analyze("", "“We are ready,” the premier told the legislature about the new duties on steel.\n"
                               "“Nothing is off the table.”\nThe province buys $2 billion of U.S. steel a year.").summary
    assert "“Nothing is off the table.”" not in quoted_first
