"""Whatever a feed sends, the analysis returns records (never raises), within limits, pointing into its text."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.analysis import analyze

PIECES = st.sampled_from([
    "“", "”", '"', "«", "»", "‘", "’", " said ", "Mr.", "U.S.", " tariff ", "25 per cent", "$3 billion",
    "\n", ". ", "Carney", " he ", "<p>", "</p>", "<script>x</script>", "&amp;", "\u202e", "\u200b", "—",
])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=30)), max_size=80).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(max_size=200), text=TEXT, limit=st.integers(80, 600))
def test_analyze_never_raises_and_stays_within_its_text(title: str, text: str, limit: int) -> None:
    result = analyze(title, text, summary_chars=limit)
    assert len(result.summary) <= limit
    for q in result.quotes:
        assert result.text[q.start:q.end] == q.text
    for f in result.facts:
        assert f.value in result.text
    assert 0.0 <= result.relevance.score <= 1.0


def test_very_long_input_is_handled() -> None:
    text = ("Canada imposes 25 per cent counter-tariffs on U.S. steel. " * 4000) + "“Never,” Carney said."
    result = analyze("x" * 100_000, text)
    assert len(result.summary) <= 400
