"""The built-in US–Canada trade beat: the terms a trade desk follows, as a `TopicRules`.

feeds.yaml can override any key; `topics: {us-canada-trade: {}}` takes this as it is.
"""
from __future__ import annotations

from bot.analysis.topics import TopicRules

TRADE_TERMS = (
    "tariff*", "counter-tariff*", "countertariff*", "countermeasure*", "counter-measure*", "surtax*",
    "duty", "duties", "levy", "levies", "retaliat*", "trade war", "trade talks", "trade deal*", "trade pact",
    "trade agreement*", "trade dispute*", "trade relation*", "trade surplus", "trade deficit", "trading relationship",
    "trade tension*", "trade negotiat*", "trade minister", "trade", "buy canadian", "CUSMA", "USMCA", "NAFTA",
    "canada-u.s.-mexico agreement", "section 232", "de minimis", "supply management", "supply-managed",
    "anti-dumping", "countervailing", "protectionis*", "free trade", "economic and security", "surcharge*",
    "export tax*", "buy canada", "return trip*", "travel boycott*", "canada-united states-mexico agreement",
    "north american trade pact", "north american trade agreement", "north american trade deal", "north american free trade",
    "continental trade pact", "continental trade agreement", "joint review", "IEEPA", "emergency economic powers",
    "fewer trips", "trips to the u.s.", "travel to the u.s.", "trips across the border", "cross-border travel",
    "cross-border trips", "border crossings", "cross-border spending", "cross-border shopping", "cross-border traffic",
    "canadian boycott*", "boycott of american*", "boycott of u.s.", "boycotting american*", "boycotting u.s.",
    "avoiding american*", "avoid american*", "u.s.-bound trips", "us-bound trips", "trips to the united states",
    "road trips", "snowbird*",
)
CONTEXT_TERMS = (
    "export*", "import*", "boycott*", "reciprocal", "sectoral", "steel", "aluminum", "aluminium", "autos",
    "auto sector", "auto workers", "automotive", "lumber", "softwood", "dairy", "energy exports",
    "electricity exports", "power exports", "cross-border", "negotiat*", "talks", "deal", "meet", "meets",
    "meeting*", "u.s. goods", "u.s. products", "US goods", "US products", "american goods",
    "american products", "american-made", "u.s.-made", "made in canada", "canadian-made", "customs", "consultation*",
)
STRONG_TERMS = (
    "counter-tariff*", "countertariff*", "retaliatory tariff*", "CUSMA", "USMCA", "NAFTA", "canada-u.s.-mexico",
    "softwood lumber", "supply management", "supply-managed", "buy canadian", "buy canada", "trade war",
    "section 232", "de minimis", "canada-united states-mexico", "north american trade pact", "north american trade agreement",
    "north american trade deal", "north american free trade", "continental trade pact", "continental trade agreement",
    "canada-u.s. trade", "tariffs imposed by the united states", "tariffs imposed by the u.s.",
    "tariffs imposed by washington",
)
SECTORS = (
    "steel", "aluminum", "aluminium", "autos", "auto", "auto industry", "auto sector", "automakers", "auto workers",
    "auto parts", "cars", "vehicles", "trucks", "lumber", "softwood",
    "copper", "dairy", "energy", "oil", "potash", "electricity", "pharmaceuticals", "semiconductors",
)
US_SIDE = (
    "u.s.", "US", "united states", "america", "american*", "washington", "white house", "trump", "biden",
    "lutnick", "greer", "bessent", "navarro", "lighthizer", "USTR", "commerce department", "department of commerce",
    "congress", "new york", "michigan", "minnesota", "wisconsin", "kentucky", "florida", "tennessee", "heinz", "tesla",
    "U.S", "section 232", "IEEPA", "emergency economic powers", "maine", "vermont", "new hampshire", "ohio", "pennsylvania",
    "montana", "north dakota", "idaho", "alaska", "illinois", "indiana", "iowa", "california", "texas", "CUSMA", "USMCA",
    "NAFTA", "canada-u.s.-mexico", "canada-united states-mexico", "north american trade pact", "north american trade agreement",
    "north american trade deal", "north american free trade", "continental trade pact", "continental trade agreement",
)
CANADA_SIDE = (
    "canada", "canadian*", "ottawa", "carney", "trudeau", "leblanc", "freeland", "champagne", "joly", "hillman",
    "mcguinty", "doug ford", "ontario", "quebec", "alberta", "british columbia", "b.c.", "manitoba", "saskatchewan",
    "nova scotia", "new brunswick", "windsor", "hamilton", "sault ste. marie", "LCBO", "algoma", "CBSA",
    "prince edward island", "P.E.I.", "PEI", "newfoundland", "labrador", "yukon", "northwest territories", "nunavut",
    "premiers", "sarnia", "oshawa", "brampton", "sudbury", "kitchener", "halifax", "calgary", "edmonton", "winnipeg",
    "regina", "saskatoon", "kelowna", "thunder bay",
)
RIVALS = (
    "china", "chinese", "beijing", "xi jinping", "mexico", "mexican", "sheinbaum", "european union", "EU", "brussels",
    "india", "indian", "brazil", "brazilian", "japan", "japanese", "south korea", "korean", "vietnam", "taiwan",
    "united kingdom", "britain", "switzerland", "swiss", "russia", "russian", "denmark", "greenland",
    "poilievre", "conservative*", "NDP", "liberal leadership", "leadership race", "leadership debate",
    "election", "carbon tax", "carbon pric*", "MAGA", "interest rate*", "bank of canada", "federal reserve",
    "NATO", "golden dome",
)
EXCLUDE = (
    "NHL", "NBA", "MLB", "NFL", "playoff*", "stanley cup", "raptors", "maple leafs", "oilers", "NORAD",
    "santa", "hurricane", "earthquake", "tsunami", "box office", "telescope", "nasa", "mars rover", "heat warning",
    "hush money", "epstein",
)

DEFAULT_TOPIC = TopicRules(
    name="us-canada-trade",
    terms=TRADE_TERMS,
    context=CONTEXT_TERMS,
    sides=(US_SIDE, CANADA_SIDE),
    exclude=EXCLUDE,
    rivals=RIVALS,
    strong=STRONG_TERMS,
    sectors=SECTORS,
    threshold=0.5,
)
