"""Normal forms: what is stored and what is typed fold the same way."""
from __future__ import annotations

import pytest

from bot.store.norm import (
    country_key,
    fts5_query,
    name_tokens,
    product_key,
    quote_dedupe_key,
    quote_text_key,
    same_person,
    search_words,
    speaker_key,
)


@pytest.mark.parametrize("typed, norm", [
    ("Mark Carney", "mark carney"),
    ("Prime Minister Mark Carney", "mark carney"),
    ("PM Carney", "carney"),
    ("U.S. Commerce Secretary Howard Lutnick", "howard lutnick"),
    ("Donald J. Trump", "donald trump"),
    ("François-Philippe Champagne", "francois philippe champagne"),
    ("the White House", "white house"),
    ("Ontario Premier Doug Ford", "doug ford"),
    ("the Prime Minister", "minister"),  # a title alone still gives something to match on
])
def test_speaker_names_fold_to_the_name(typed: str, norm: str) -> None:
    assert " ".join(name_tokens(typed)) == norm


def test_unknown_speaker_has_an_empty_key() -> None:
    assert speaker_key(None) == ("", "") and speaker_key("  ") == ("", "")
    assert speaker_key("Mark Carney") == ("mark carney", "carney")


@pytest.mark.parametrize("query, stored, same", [
    ("carney", "mark carney", True),
    ("PM Carney", "mark carney", True),
    ("prime minister mark carney", "mark carney", True),
    ("Mark Carney", "carney", True),
    ("Mark Carney", "jane carney", False),
    ("Karoline Leavitt", "white house karoline leavitt", True),
    ("Trump", "mark carney", False),
])
def test_same_person(query: str, stored: str, same: bool) -> None:
    assert same_person(query, stored) is same


def test_the_same_words_with_other_marks_share_a_dedupe_key() -> None:
    a = quote_dedupe_key("carney", "\u201cWe will not accept this,\u201d")
    b = quote_dedupe_key("carney", '"we will NOT accept this."')
    assert a == b != quote_dedupe_key("ford", "We will not accept this.")
    assert quote_text_key("It\u2019s over.") == quote_text_key("It's over") == "its over"


@pytest.mark.parametrize("typed, key", [
    ("U.S.", "us"), ("United States", "us"), ("american", "us"), ("Canada", "canada"),
    ("canadian", "canada"), ("Mexico", "mexico"), ("all", "all"),
])
def test_country_aliases(typed: str, key: str) -> None:
    assert country_key(typed) == key


def test_products_and_search_words() -> None:
    assert product_key("Aluminium") == "aluminum" and product_key(" Steel ") == "steel"
    assert search_words('steel" OR NEAR(x) -- ;') == ["steel", "or", "near", "x"]
    assert fts5_query(["steel", "or"]) == '"steel" "or"'  # operators become plain quoted words
    assert search_words(None) == [] and len(search_words("a " * 50)) == 12
