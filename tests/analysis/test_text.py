"""Text cleaning and sentence spans: furniture out, reporting kept, offsets exact."""
from __future__ import annotations

from bot.analysis.sentences import split_sentences
from bot.analysis.text import clean_text, is_furniture

PAGE = """<html><head><title>x</title><script>var ad = 1;</script></head><body>
<nav><a href="/">Home</a></nav>
<article>
<h1>Ottawa readies counter-tariffs on American steel</h1>
<p>By Lee Morin, Staff Reporter</p>
<p>OTTAWA — The federal government will place counter-tariffs of 25 per cent on $2.3 billion of American steel products on Friday, the finance minister said.</p>
<p>Sign up for our morning trade newsletter.</p>
<p>“We did not choose this dispute, but we will not back away from it,” the minister told reporters in the foyer of the House of Commons.</p>
<p>(Photo: Jo Tran/The Canadian Press)</p>
<p>Steelmakers in Hamilton welcomed the move, saying cheap imports had already cost the industry hundreds of jobs this year.</p>
</article><footer>Copyright 2026 Example Media</footer></body></html>"""


def test_html_page_gives_the_article_without_furniture() -> None:
    text = clean_text(PAGE)
    assert "counter-tariffs of 25 per cent on $2.3 billion" in text
    assert "We did not choose this dispute" in text
    for junk in ("Sign up", "Photo:", "By Lee Morin", "var ad", "Copyright"):
        assert junk not in text


def test_furniture_lines() -> None:
    for line in ["Follow live politics coverage here", "Advertisement", "Story continues below advertisement",
                 "Reporting by Ana Ruiz; Editing by Tom Hale", "Related: Mills brace for duties", "UP NEXT:",
                 "Current Time 0:00", "Thursday, January 1, 2026", "National",
                 "WATCH: Premier calls the duties ‘a gut punch’ for mill towns", "Listen: the trade desk podcast"]:
        assert is_furniture(line), line
    for line in ["By the end of the year, tariffs will have cost $5 billion.", "Canada retaliates.",
                 "The tariffs take effect at 12:01 a.m. ET on Tuesday.", "Carney spoke to Reuters on Tuesday.",
                 "More than 400 workers watched the vote: most backed the deal."]:
        assert not is_furniture(line), line


def test_invisible_characters_and_entities() -> None:
    assert clean_text("Steel\u200b duties &amp; quotas\u202e") == "Steel duties & quotas"


def test_sentences_survive_abbreviations_and_keep_offsets() -> None:
    text = ("Mr. Carney met U.S. President Donald J. Trump at 3 p.m. Tuesday. Tariffs hit the U.S. The mills sank.\n"
            "“We will fight. We will win,” Ms. Anand said. The No. 1 issue is steel. Talks end at 4 p.m. It rained.")
    got = [s.text for s in split_sentences(text)]
    assert got == [
        "Mr. Carney met U.S. President Donald J. Trump at 3 p.m. Tuesday.",
        "Tariffs hit the U.S.",
        "The mills sank.",
        "“We will fight. We will win,” Ms. Anand said.",
        "The No. 1 issue is steel.",
        "Talks end at 4 p.m.",
        "It rained.",
    ]
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text


def test_a_hyphenated_abbreviation_ends_no_sentence() -> None:
    text = "Canada-U.S. Trade Minister Anne Rioux flew to Washington. Talks resume Monday."
    assert [s.text for s in split_sentences(text)] == [
        "Canada-U.S. Trade Minister Anne Rioux flew to Washington.", "Talks resume Monday."]


def test_a_bilateral_adjective_names_no_single_country() -> None:
    from bot.analysis.countries import country_in

    assert country_in("Canada-U.S. Trade Minister Anne Rioux") is None
    assert country_in("U.S.-Canada talks in Ottawa") == "Canada"  # Ottawa still names a side
    assert country_in("the U.S. Commerce Department") == "US"
