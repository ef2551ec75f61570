"""The analysis engine: pure functions from an article's text to typed records (no I/O).

`analyze` is the one entry point the pipeline, the `/summary` command and `borderdesk analyze` use.
"""
from __future__ import annotations

from bot.analysis.facts import extract_facts
from bot.analysis.quotes import extract_quotes
from bot.analysis.relevance import DEFAULT_TOPIC, TopicRules, score_relevance
from bot.analysis.sentences import split_sentences
from bot.analysis.summary import summarize
from bot.analysis.tariffs import extract_tariffs
from bot.analysis.text import clean_text
from bot.models import Analysis

__all__ = ["DEFAULT_TOPIC", "TopicRules", "analyze", "clean_text", "score_relevance"]


def analyze(title: str, text: str, topic: TopicRules | None = None, *, summary_chars: int = 400) -> Analysis:
    """Read one article: `text` may be plain text or the page's HTML."""
    body = clean_text(text)
    sentences = split_sentences(body)
    facts = tuple(extract_facts(body, sentences))
    return Analysis(
        summary=summarize(title, body, sentences, facts, max_chars=summary_chars),
        relevance=score_relevance(title, body, topic or DEFAULT_TOPIC),
        quotes=tuple(extract_quotes(body, sentences)),
        tariffs=tuple(extract_tariffs(body, sentences)),
        facts=facts,
        text=body,
    )
