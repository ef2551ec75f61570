"""Queries behind the commands: latest, quotes by any form of a name, tariffs now and over time, facts."""
from __future__ import annotations

from bot.models import Fact, Quote, Tariff
from bot.store import TOTAL_CAP, Store, Subscription
from tests.store.conftest import TOPIC, analysis, at, item

CARNEY = "Mark Carney"
STEEL_Q = "We will not accept a tariff on Canadian steel."


async def _quotes(store: Store) -> None:
    """Three outlets carry the same Carney quote (with different quote marks); others say other things."""
    same = [Quote(STEEL_Q, CARNEY, role="prime minister", sentence=f"\u201c{STEEL_Q}\u201d Carney said."),
            Quote(STEEL_Q.replace("tariff", "tariff,"), "Prime Minister Mark Carney"),
            Quote(STEEL_Q.upper(), "Carney")]
    for n, (feed, quote) in enumerate(zip(["Maple Wire", "Prairie Post", "Harbour Daily"], same)):
        await store.add_item(item(f"s{n}", feed=feed, minute=n), analysis(quotes=(quote,)), TOPIC, [])
    await store.add_item(item("t1", minute=10), analysis(quotes=(
        Quote("Aluminum smelters need certainty before winter.", "Dominic LeBlanc", role="minister"),
        Quote("The deadline stands.", "Donald Trump", sentence="Trump, asked about lumber, said it stands."),
        Quote("Our dairy farmers are not a bargaining chip.", "Jane Carney"),
        Quote("No comment on the talks.", None),
    )), TOPIC, [])


async def test_the_same_quote_from_several_outlets_is_one_row_with_every_source(store: Store) -> None:
    await _quotes(store)
    rows, total = await store.find_quotes(speaker="carney", about="steel")
    assert total == 1
    (row,) = rows
    assert row.quote.text == STEEL_Q and row.quote.role == "prime minister"
    assert [s.feed for s in row.sources] == ["Maple Wire", "Prairie Post", "Harbour Daily"]
    assert row.published == at(0) and row.story_id > 0


async def test_a_speaker_is_found_by_any_form_of_the_name(store: Store) -> None:
    await _quotes(store)
    for form in ["carney", "Mark Carney", "PM Carney", "prime minister mark carney", "MARK CARNEY", "Carney's"]:
        rows, _ = await store.find_quotes(speaker=form)
        texts = {r.quote.text for r in rows}
        assert STEEL_Q in texts, form
    mark, _ = await store.find_quotes(speaker="Mark Carney")
    assert "Our dairy farmers are not a bargaining chip." not in {r.quote.text for r in mark}  # Jane Carney
    anyone, _ = await store.find_quotes(speaker="carney")
    assert len(anyone) == 2  # Mark's (stored under full name and surname alone) and Jane's
    assert (await store.find_quotes(speaker="Justin Nobody")) == ([], 0)
    assert [r.quote.speaker for r in (await store.find_quotes(speaker="President Trump"))[0]] == ["Donald Trump"]


async def test_about_searches_quote_and_sentence_with_stemming(store: Store) -> None:
    await _quotes(store)
    lumber, _ = await store.find_quotes(about="lumber")  # only in the sentence around the quote
    assert [r.quote.text for r in lumber] == ["The deadline stands."]
    smelter, _ = await store.find_quotes(about="Smelter")  # "smelters" in the text
    assert [r.quote.speaker for r in smelter] == ["Dominic LeBlanc"]
    hostile, total = await store.find_quotes(about='steel" OR NEAR(* -- ;drop')
    assert total == 0 and hostile == []
    assert (await store.find_quotes(about="   "))[1] == 5  # nothing to search for: no filter


async def test_quotes_are_newest_first_and_paged(store: Store) -> None:
    for i in range(7):
        await store.add_item(item(f"p{i}", minute=i), analysis(quotes=(Quote(f"Point number {i}.", "Mark Carney"),)),
                             TOPIC, [])
    page1, total = await store.find_quotes(speaker="carney", limit=3)
    page3, _ = await store.find_quotes(speaker="carney", limit=3, offset=6)
    assert total == 7
    assert [r.quote.text for r in page1] == ["Point number 6.", "Point number 5.", "Point number 4."]
    assert [r.quote.text for r in page3] == ["Point number 0."]
    recent, n = await store.find_quotes(since=at(5))
    assert n == 2 and len(recent) == 2


async def test_speakers_autocomplete_on_any_word(store: Store) -> None:
    await _quotes(store)
    assert (await store.speakers("car"))[0] == CARNEY  # not "Prime Minister Mark Carney", a longer form of it
    assert set(await store.speakers("car")) >= {CARNEY, "Jane Carney"}
    assert await store.speakers("dom") == ["Dominic LeBlanc"]
    assert await store.speakers("leb") == ["Dominic LeBlanc"]
    assert len(await store.speakers("", limit=2)) == 2


async def test_latest_newest_first_with_topic_since_paging_and_total(store: Store) -> None:
    for i in range(5):
        await store.add_item(item(f"l{i}", minute=i * 10), analysis(f"Summary {i}."), TOPIC, [])
    await store.add_item(item("o1", minute=100), analysis("Dairy."), "dairy", [])
    rows, total = await store.latest(topic=TOPIC, limit=2)
    assert total == 5 and [r.summary for r in rows] == ["Summary 4.", "Summary 3."]
    rows, _ = await store.latest(topic=TOPIC, limit=2, offset=4)
    assert [r.summary for r in rows] == ["Summary 0."]
    assert [r.summary for r in (await store.latest(since=at(35)))[0]] == ["Dairy.", "Summary 4."]
    assert (await store.latest(topic="nothing"))[1] == 0
    assert await store.latest(topic=TOPIC, offset=100) == ([], 5)  # past the end: still the true total


async def test_totals_are_capped_to_stay_cheap(store: Store) -> None:
    facts = tuple(Fact(f"{i} tonnes", f"steel shipments {i}") for i in range(TOTAL_CAP + 5))
    await store.add_item(item("big"), analysis(facts=facts), TOPIC, [])
    rows, total = await store.find_facts(about="steel", limit=5)
    assert total == TOTAL_CAP and len(rows) == 5


def _t(imposer: str, target: str, products: tuple[str, ...], rate: str, status: str, prev: str = "") -> Tariff:
    return Tariff(imposer, target, products, rate=rate, previous_rate=prev, status=status,  # type: ignore[arg-type]
                  sentence=f"{imposer} {status} {rate} on {', '.join(products)}.")


async def _tariffs(store: Store) -> None:
    reports = [
        (0, "Maple Wire", _t("US", "Canada", ("steel", "aluminum"), "25%", "announced")),
        (60, "Prairie Post", _t("US", "Canada", ("steel",), "25%", "in_force")),
        (90, "Harbour Daily", _t("US", "Canada", ("steel",), "25%", "in_force")),  # same state, later report
        (120, "Maple Wire", _t("US", "Canada", ("steel",), "50%", "in_force", prev="25%")),
        (130, "Prairie Post", _t("Canada", "US", ("steel", "autos"), "25%", "announced")),
        (140, "Harbour Daily", _t("United States", "China", ("electric vehicles",), "100%", "in_force")),
    ]
    for n, (minute, feed, tariff) in enumerate(reports):
        await store.add_item(item(f"t{n}", feed=feed, minute=minute), analysis(tariffs=(tariff,)), TOPIC, [])


async def test_tariff_table_is_the_current_state_of_each_line(store: Store) -> None:
    await _tariffs(store)
    table = {(r.imposed_by, r.target, r.product): r for r in await store.tariff_table()}
    assert len(table) == 5
    steel = table[("US", "Canada", "steel")]
    assert (steel.rate, steel.previous_rate, steel.status, steel.since) == ("50%", "25%", "in_force", at(120))
    assert steel.source.feed == "Maple Wire" and "50%" in steel.sentence
    assert table[("US", "Canada", "aluminum")].status == "announced"
    ev = table[("United States", "China", "electric vehicles")]
    assert ev.rate == "100%"


async def test_since_is_the_first_report_of_the_current_state(store: Store) -> None:
    await store.add_item(item("a", minute=0), analysis(tariffs=(_t("US", "Canada", ("lumber",), "14%", "in_force"),)),
                         TOPIC, [])
    await store.add_item(item("b", minute=50), analysis(tariffs=(_t("US", "Canada", ("lumber",), "14%", "in_force"),)),
                         TOPIC, [])
    (line,) = await store.tariff_table(product="lumber")
    assert line.since == at(0) and line.source.url and line.source.url.endswith("/b")  # newest report as source
    # a report published earlier than what is known, arriving late, still lands in order
    await store.add_item(item("c", minute=60, published=at(-30)),
                         analysis(tariffs=(_t("US", "Canada", ("lumber",), "10%", "announced"),)), TOPIC, [])
    (line,) = await store.tariff_table(product="lumber")
    assert (line.rate, line.since) == ("14%", at(0))


async def test_tariff_filters_by_country_in_either_role_and_by_product(store: Store) -> None:
    await _tariffs(store)
    canada = await store.tariff_table(country="canada")
    assert {(r.imposed_by, r.target) for r in canada} == {("US", "Canada"), ("Canada", "US")}
    us = await store.tariff_table(country="U.S.")
    assert len(us) == 5  # "US" and "United States" are one country
    steel = await store.tariff_table(country="Canada", product="Steel")
    assert {(r.imposed_by, r.product) for r in steel} == {("US", "steel"), ("Canada", "steel")}
    assert [r.product for r in await store.tariff_table(product="vehicles")] == ["electric vehicles"]
    assert await store.tariff_table(country="Narnia") == []


async def test_tariff_history_is_oldest_first_one_row_per_change(store: Store) -> None:
    await _tariffs(store)
    history = await store.tariff_history("US", "Canada", "steel")
    assert [(r.rate, r.status, r.since) for r in history] == [
        ("25%", "announced", at(0)), ("25%", "in_force", at(60)), ("50%", "in_force", at(120))]
    assert [r.source.feed for r in history] == ["Maple Wire", "Prairie Post", "Maple Wire"]
    both_ways = await store.tariff_history(None, None, "steel")
    assert len(both_ways) == 4 and both_ways[-1].imposed_by == "Canada"
    assert await store.tariff_history("Canada", "US", "lumber") == []


async def test_tariff_autocomplete(store: Store) -> None:
    await _tariffs(store)
    assert await store.tariff_products() == ["aluminum", "autos", "electric vehicles", "steel"]
    assert await store.tariff_products("st") == ["steel"]
    assert await store.tariff_products("veh") == ["electric vehicles"]
    assert await store.tariff_countries() == ["Canada", "China", "United States", "US"]
    assert await store.tariff_countries("c") == ["Canada", "China"]


async def test_facts_search_about_sentence_and_value_newest_first(store: Store) -> None:
    await store.add_item(item("f1", minute=0), analysis(facts=(
        Fact("C$30 billion", "goods covered by counter-tariffs", "Ottawa listed C$30 billion of goods.", "money"),
        Fact("8%", "share of lumber exports", "Lumber makes up 8% of shipments.", "percent"),
    )), TOPIC, [])
    await store.add_item(item("f2", feed="Prairie Post", minute=5), analysis(facts=(
        Fact("1.2 million tonnes", "aluminum shipped south", "Smelters shipped 1.2 million tonnes.", "quantity"),
    )), TOPIC, [])
    rows, total = await store.find_facts(about="lumber")
    assert total == 1 and rows[0].fact.value == "8%" and rows[0].source.feed == "Maple Wire"
    assert [r.fact.value for r in (await store.find_facts(about="tonnes"))[0]] == ["1.2 million tonnes"]
    assert [r.fact.value for r in (await store.find_facts(about="billion goods"))[0]] == ["C$30 billion"]
    newest, n = await store.find_facts(limit=1)
    assert n == 3 and newest[0].fact.kind == "quantity" and newest[0].published == at(5)
    assert (await store.find_facts(since=at(1)))[1] == 1


async def test_subscriptions_add_list_remove(store: Store) -> None:
    sub = Subscription(TOPIC, "slack", "C42", "U7")
    assert await store.subscribe(sub)
    assert not await store.subscribe(sub)
    await store.subscribe(Subscription("dairy", "discord", "555"))
    assert await store.subscriptions(TOPIC) == [sub]
    assert len(await store.subscriptions()) == 2
    assert await store.unsubscribe(TOPIC, "slack", "C42")
    assert not await store.unsubscribe(TOPIC, "slack", "C42")
    assert await store.subscriptions(TOPIC) == []


async def test_search_pages_common_and_rare_words_newest_first(store: Store) -> None:
    for i in range(30):
        words = "potash and steel" if i % 10 == 3 else "steel"
        await store.add_item(item(f"c{i}", minute=i), analysis(quotes=(Quote(f"Quote {i} on {words}.", "Anita Rao"),),
                                                               facts=(Fact(f"{i} tonnes", f"{words} moved"),)),
                             TOPIC, [])
    page, total = await store.find_quotes(about="steel", limit=5, offset=5)
    assert total == 30 and [r.quote.text.split()[1] for r in page] == ["24", "23", "22", "21", "20"]
    rare, n = await store.find_quotes(about="potash", limit=2)
    assert n == 3 and [r.quote.text.split()[1] for r in rare] == ["23", "13"]
    assert [r.quote.text.split()[1] for r in (await store.find_quotes(about="potash", since=at(10)))[0]] == ["23", "13"]
    facts, n = await store.find_facts(about="potash steel", limit=10, offset=1)
    assert n == 3 and [r.fact.value for r in facts] == ["13 tonnes", "3 tonnes"]


async def test_speaker_and_words_together_follow_a_merged_speaker_name(store: Store) -> None:
    words = "Dairy supply management stays off the table."
    await store.add_item(item("m1"), analysis(quotes=(Quote(words, "Carney"),)), TOPIC, [])
    await store.add_item(item("m2", feed="Prairie Post", minute=1), analysis(quotes=(Quote(words, "Mark Carney"),)),
                         TOPIC, [])
    for form in ["Mark Carney", "carney", "PM Carney"]:
        rows, total = await store.find_quotes(speaker=form, about="dairy")
        assert total == 1 and rows[0].quote.speaker == "Mark Carney", form
        assert len(rows[0].sources) == 2
    assert (await store.find_quotes(speaker="Mark Carney", about="lumber")) == ([], 0)


async def test_tariff_table_cache_sees_writes_from_another_instance(make_store) -> None:  # type: ignore[no-untyped-def]
    reader, writer = await make_store(), await make_store()
    await writer.add_item(item("r1"), analysis(tariffs=(_t("US", "Canada", ("potash",), "10%", "threatened"),)),
                          TOPIC, [])
    assert [r.rate for r in await reader.tariff_table(product="potash")] == ["10%"]
    assert [r.rate for r in await reader.tariff_table(product="potash")] == ["10%"]  # served again
    await writer.add_item(item("r2", minute=5),
                          analysis(tariffs=(_t("US", "Canada", ("potash",), "10%", "in_force"),)), TOPIC, [])
    (line,) = await reader.tariff_table(product="potash")
    assert (line.status, line.since) == ("in_force", at(5))
    await writer.optimize()
    assert await reader.ping()
