# ruff: noqa: ISC004  (multi-line ledes read best as implicit concatenation)
"""Headline + lede pairs written for these tests: the same news told by two outlets, and different news
on the same beat. Names, outlets and figures are invented."""

from __future__ import annotations

SAME = [
    (
        (
            "Canada slaps 25% counter-tariffs on $30 billion of U.S. goods",
            "Ottawa will impose 25 per cent duties on $30 billion worth of American products starting Friday, "
            "Finance Minister Dana Whitfield said on Tuesday.",
        ),
        (
            "Ottawa retaliates with 25 per cent duties on $30B in American imports",
            "Canada announced retaliatory tariffs of 25% on $30 billion in goods from the United States, "
            "effective Friday, according to Finance Minister Dana Whitfield.",
        ),
    ),
    (
        (
            "U.S. doubles steel tariff to 50%, Canadian mills brace for hit",
            "Washington raised its duty on imported steel to 50 per cent from 25 per cent, a move Hamilton "
            "steelmakers warned would cost thousands of jobs.",
        ),
        (
            "Steel tariff doubled to 50 per cent; Hamilton producers warn of job losses",
            "The United States doubled tariffs on foreign steel to 50%, and producers in Hamilton said "
            "thousands of jobs were now at risk.",
        ),
    ),
    (
        (
            "Ontario pulls American liquor from LCBO shelves over tariffs",
            "The province's liquor board removed U.S. wine, beer and spirits from its 680 stores on Monday in "
            "response to Washington's levies, Premier Tom Kesler said.",
        ),
        (
            "LCBO strips U.S. wine and spirits from 680 stores",
            "Premier Tom Kesler ordered the liquor board to take American alcohol off shelves at all 680 "
            "Ontario stores in protest against the tariffs.",
        ),
    ),
    (
        (
            "Softwood lumber duties rise to 34.5% after Commerce review",
            "The U.S. Commerce Department set combined anti-dumping and countervailing duties on Canadian "
            "softwood lumber at 34.5 per cent, up from 14.4 per cent.",
        ),
        (
            "Commerce Department hikes lumber duties on Canada to 34.5 per cent",
            "Combined duties on Canadian softwood will climb to 34.5% from 14.4%, the Commerce Department said "
            "in its final administrative review.",
        ),
    ),
    (
        (
            "Trade talks between Ottawa and Washington paused, Whitfield says",
            "Negotiations on a new trade framework have been suspended after the White House objected to "
            "Canada's digital services tax, Finance Minister Dana Whitfield told reporters.",
        ),
        (
            "Whitfield: Canada-U.S. trade negotiations on hold over digital tax",
            "Talks with the White House are on pause because of the dispute over the digital services tax, "
            "Finance Minister Dana Whitfield said.",
        ),
    ),
    (
        (
            "Auto parts exempt from new tariffs for 30 days, White House says",
            "Car parts that comply with the continental trade agreement will be spared the 25% levy for 30 days "
            "while automakers adjust supply chains.",
        ),
        (
            "30-day tariff reprieve for compliant auto parts",
            "The White House granted auto parts covered by the continental trade pact a 30-day exemption from "
            "the 25 per cent tariff to give automakers time to adjust supply chains.",
        ),
    ),
    (
        (
            "Dairy quota dispute: panel rules against Canada",
            "A trade dispute panel found that Canada's allocation of dairy tariff-rate quotas breached the "
            "agreement, handing Washington a win in the long-running fight over milk and cheese access.",
        ),
        (
            "Panel sides with U.S. in dairy quota fight",
            "Canada's handling of dairy tariff-rate quotas violates the trade agreement, a dispute panel ruled, "
            "in a victory for Washington over access for American milk and cheese.",
        ),
    ),
    (
        (
            "Aluminum smelters in Quebec cut shifts as 50% tariff bites",
            "Two Saguenay smelters will drop night shifts next month, blaming the 50 per cent U.S. tariff on "
            "aluminum for falling orders.",
        ),
        (
            "Saguenay aluminum plants reduce shifts under U.S. tariff pressure",
            "Quebec smelters in the Saguenay region are cutting night shifts as the 50% American tariff on "
            "aluminum drives orders down.",
        ),
    ),
]

DIFFERENT = [
    (
        (
            "U.S. doubles steel tariff to 50%, Canadian mills brace for hit",
            "Washington raised its duty on imported steel to 50 per cent from 25 per cent, a move Hamilton "
            "steelmakers warned would cost thousands of jobs.",
        ),
        (
            "Canada exempts steel used by automakers from its counter-tariffs",
            "Ottawa will waive its retaliatory duties on steel bought by car plants for six months, Industry "
            "Minister Priya Natarajan announced.",
        ),
    ),
    (
        (
            "Canada slaps 25% counter-tariffs on $30 billion of U.S. goods",
            "Ottawa will impose 25 per cent duties on $30 billion worth of American products starting Friday, "
            "Finance Minister Dana Whitfield said on Tuesday.",
        ),
        (
            "Canada drops counter-tariffs on U.S. consumer goods",
            "Ottawa lifted most of its retaliatory tariffs on American consumer products but kept duties on "
            "steel, aluminum and autos in place.",
        ),
    ),
    (
        (
            "Softwood lumber duties rise to 34.5% after Commerce review",
            "The U.S. Commerce Department set combined anti-dumping and countervailing duties on Canadian "
            "softwood lumber at 34.5 per cent, up from 14.4 per cent.",
        ),
        (
            "B.C. sawmill closes, blaming lumber duties and weak housing market",
            "A sawmill in Prince George will shut in January, putting 160 people out of work, its owner said, "
            "citing U.S. duties and slow home building.",
        ),
    ),
    (
        (
            "Steel tariffs: Hamilton mill lays off 400 workers",
            "Stelco Harbour will lay off 400 employees at its Hamilton plant as American tariffs cut demand "
            "for its steel.",
        ),
        (
            "U.S. steel tariff revenue tops $2 billion in first quarter",
            "Customs data show the duties on imported steel raised $2.1 billion in the first three months, "
            "with Canada the largest single source.",
        ),
    ),
    (
        (
            "Trade talks between Ottawa and Washington paused, Whitfield says",
            "Negotiations on a new trade framework have been suspended after the White House objected to "
            "Canada's digital services tax, Finance Minister Dana Whitfield told reporters.",
        ),
        (
            "Canada and U.S. resume trade talks in Washington",
            "Negotiators returned to the table on Thursday with tariffs on autos and steel at the top of the "
            "agenda, officials said.",
        ),
    ),
    (
        (
            "Aluminum smelters in Quebec cut shifts as 50% tariff bites",
            "Two Saguenay smelters will drop night shifts next month, blaming the 50 per cent U.S. tariff on "
            "aluminum for falling orders.",
        ),
        (
            "U.S. raises aluminum tariff to 50% for all countries",
            "The White House lifted the duty on aluminum imports from every country to 50 per cent from 10 "
            "per cent, effective June 4.",
        ),
    ),
    (
        (
            "Ontario pulls American liquor from LCBO shelves over tariffs",
            "The province's liquor board removed U.S. wine, beer and spirits from its 680 stores on Monday in "
            "response to Washington's levies, Premier Tom Kesler said.",
        ),
        (
            "Ontario adds 25% surcharge on electricity exports to three states",
            "Premier Tom Kesler said Ontario will charge a 25 per cent surcharge on power sold to Michigan, "
            "New York and Minnesota in response to the tariffs.",
        ),
    ),
    (
        (
            "Dairy quota dispute: panel rules against Canada",
            "A trade dispute panel found that Canada's allocation of dairy tariff-rate quotas breached the "
            "agreement, handing Washington a win in the long-running fight over milk and cheese access.",
        ),
        (
            "Canadian dairy farmers rally in Ottawa against quota concessions",
            "Hundreds of farmers drove tractors to Parliament Hill to oppose any opening of the supply-managed "
            "dairy market in the trade talks.",
        ),
    ),
]
