"""What a tariff covers, as the text names it: "steel and aluminum", "U.S.-made appliances", "all goods".

Reads the goods named with a tariff word ("tariffs on ketchup, lawn mowers and motorboats",
"lumber duties", "goods not covered by CUSMA") and normalises their names (spelling, plurals) so
the same measure from two articles compares equal. Known goods come from a vocabulary of traded
products; unknown ones are accepted when they read like a plural noun phrase naming goods.
"""
from __future__ import annotations

import logging
import re

from bot.analysis.countries import country_in

log = logging.getLogger(__name__)

PRODUCTS = (
    "softwood lumber", "auto parts", "steel", "aluminum", "aluminium", "autos", "automobiles", "automobile", "cars",
    "vehicles", "auto", "automotive",
    "electric vehicles", "trucks", "lumber", "timber", "pulp", "paper", "newsprint", "dairy products", "dairy",
    "cheese", "butter", "milk", "poultry", "chicken", "eggs", "beef", "pork", "seafood", "lobster", "fish", "wheat",
    "forestry", "canola", "barley", "corn", "soybeans", "grain", "fruit", "vegetables", "orange juice", "coffee", "sugar",
    "peanut butter", "ketchup", "whiskey", "bourbon", "wine", "beer", "spirits", "alcohol", "tobacco", "energy",
    "oil", "crude oil", "natural gas", "gas", "gasoline", "electricity", "uranium", "potash", "fertilizer", "copper",
    "nickel", "zinc", "lithium", "critical minerals", "semiconductors", "chips", "pharmaceuticals", "drugs",
    "medical devices", "machinery", "appliances", "furniture", "clothing", "apparel", "textiles", "footwear",
    "cosmetics", "perfume", "plastics", "chemicals", "tires", "batteries", "solar panels", "aircraft",
    "motorcycles", "lawn mowers", "motorboats", "boats", "bicycles", "toilet paper", "yogurt",
    "washing machines", "dishwashers", "refrigerators", "stoves", "mattresses", "pizza", "chocolate", "tea", "honey",
    "pasta", "shoes", "golf clubs", "detergent", "toiletries", "iron", "buses", "cabinets", "kitchen cabinets",
    "vanities", "upholstered furniture", "plywood", "wood products", "paper products", "cheddar cheese",
)
# One name per product so two articles agree; cars, vehicles and automobiles are all the auto tariffs.
_ALIASES = {"aluminium": "aluminum", "automobile": "autos", "automobiles": "autos", "car": "autos", "cars": "autos",
            "vehicle": "autos", "vehicles": "autos", "truck": "trucks", "auto": "autos", "tire": "tires", "tyres": "tires", "tyre": "tires",
            "semiconductor": "semiconductors", "appliance": "appliances", "bicycle": "bicycles",
            "drugs": "pharmaceuticals", "medicines": "pharmaceuticals", "pharmaceutical products": "pharmaceuticals",
            "prescription drugs": "pharmaceuticals", "automotive": "autos", "forestry": "lumber"}
VOCAB = re.compile(r"\b(?P<p>" + "|".join(re.escape(p) for p in sorted(PRODUCTS, key=len, reverse=True)) + r")\b",
                   re.IGNORECASE)
_PRODUCT_LIST_BEFORE = re.compile(r"\b(?P<list>(?:" + VOCAB.pattern[9:-5] + r")(?:(?:,\s*|\s+and\s+)(?:"
                                  + VOCAB.pattern[9:-5] + r"))*)\s+$", re.IGNORECASE)
_ON = re.compile(r"\s*(?:rates?\s+)?(?:of\s+(?:up to\s+)?[\d.]+\s*(?:%|per\s?cent|percent)\s+)?"
                 r"(?:under\s+[^,;:()]{3,50}?\s+)?"
                 r"(?:by\s+(?:the\s+)?[\w.]+(?:\s+[\w.]+)?\s+(?=on\s))?"  # "tariffs by China on lobster"
                 r"(?:"
                 # "tariffs on X"; "tariffs have since been reintroduced on X"
                 r"(?:(?:it|they|that|which)\s+(?:now\s+)?(?:imposes|imposed|impose|levies|levied|applies|applied|"
                 r"charges|charged|collects|collected)\s+(?=on\s))?"  # "the duties it imposes on X"
                 r"(?:(?:have|has|had|were|was|are|is|will\s+be|would\s+be)\s+"
                 r"(?:(?:since|now|also|already|later|still|then|first|initially)\s+)?"
                 r"(?:been\s+)?(?:re)?(?:introduced|imposed|placed|applied|levied|instated|extended)\s+(?:only\s+)?"
                 r"(?=(?:on|against|for|to)\s))?"
                 r"(?:on|against|for|covering|targeting|(?<=\s)to)\s+"
                 # "duties still exist in the X industries", "tariffs that apply to X"
                 # "duties remain in place, particularly affecting the steel and aluminum industries"
                 r"|(?:still\s+|also\s+)?remains?\s+in\s+place,?\s+(?:(?:particularly|mainly|especially|notably)\s+)?"
                 r"(?:affecting|hitting|on)\s+(?:the\s+)?"
                 r"|(?:still\s+|also\s+)?(?:exist|exists|apply|applies|remain|remains)\s+(?:in|to)\s+(?:the\s+)?"
                 r")"
                 r"(?P<what>(?:[^.;:()]|\.(?=[\w-]|\s+[a-z])){1,160})", re.IGNORECASE)
_LIST_END = re.compile(r"\s+(?:from|by|that|which|who|starting|beginning|effective|as of|as|in response|because|if|prior to|"
                       r"until|unless|after|before|when|while|at|to|set|will|would|could|is|are|was|were|has|have|"
                       r"last|this|next|regardless|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
                       r"among|immediately|outside|within|beyond|under|except|excluding|other than|january|february|march|april|may|june|july|august|"
                       r"september|october|november|december|(?:jan|feb|aug|sept?|oct|nov|dec)\.)(?:\b|(?<=\.)).*$|"
                       r"\s+[—–-]\s.*$", re.IGNORECASE)
_CLAUSE = frozenset("""from by that which who whom where into in at to as including regardless after before because
    with than over under across since if while when until unless the a an its their his her this these those is are
    was were will would could should may might has have had be been being it they he she we according despite amid
    for on of out not""".split())  # noqa: SIM905 - word lists read better as text
_VERBISH = frozenset("""take takes took go goes went come comes came remain remains begin begins start starts kick
    kicks apply applies hit hits rise rises rose fall falls fell cost costs mean means make makes made say says said
    could would will shall contain contains shows show showed signals seems appears looks stays continues keeps
    reports reported according""".split())  # noqa: SIM905
_NOT_GOODS = frozenset("""monday tuesday wednesday thursday friday saturday sunday today tonight tomorrow midnight week
    month year years time times cases case countries country everything anything nothing canada mexico china ottawa
    washington trading partner partners trade decision revenue revenues income profits sales earnings
    transactions workers businesses economies economy consumers families households jobs people companies
    communities farmers producers manufacturers exporters importers prices markets investors relations ties rates
    rate levels volumes shoppers americans canadians officials grounds basis reasons measures measure steps moves
    threats concerns states united suppliers partners nations allies sectors sector industries automakers carmakers
    firms signs tariff tariffs duties levies""".split())  # noqa: SIM905 - who pays or what suffers, not goods
_LEAD = re.compile(r"^(?:new|additional|extra|higher|more|key|major|main|select|selected|specific|imports? of|exports? of|imported|foreign|all|the|its|their|these|those|some|many|most|certain|other|"
                   r"a range of|a slate of|a list of|products such as|goods such as|goods including|including|"
                   r"include|includes|like|such as|items like|particularly|especially|notably|mainly|mostly|chiefly)\s+")
_ORIGIN = re.compile(r"^(?:(?:u\.s\.|us|american|canadian|mexican|chinese|foreign)(?:-(?:made|produced|assembled|built|grown))?|"
                     r"(?:canada|america|the u\.s\.|u\.s\.|ontario|quebec|alberta|china|mexico|(?:the\s+)?country|"
                     r"(?:the\s+)?nation|(?:the\s+)?province)['’]s|canada(?=\s+[a-z]+s\b))\s+")
_TAIL = re.compile(r"\s+(?:imports?|exports?|shipments|coming into the u\.s\.|entering the u\.s\.|industry|industries|"
                   r"sectors?)$")
_WORTH = re.compile(r"^(?:(?:(?:hundreds|tens)\s+of\s+)?(?:millions|billions)\s+of\s+dollars\s+(?:worth\s+)?(?:of|in)\s+|"
                    r"(?:(?:about|roughly|nearly|almost|some|more than|over|around|approximately|an estimated)\s+)?(?:(?:US|U\.S\.|C|CA)?\$\s?[\d.,]+(?:[ -](?:million|billion|trillion))?\s+(?:worth\s+)?(?:of|in)\s+))",
                    re.IGNORECASE)
_EXAMPLES = re.compile(r"^(?P<head>(?:[\w.-]+\s+){0,3})(?:goods|products|items|imports)\s*,?\s+(?:such as|including|like)\s+",
                       re.IGNORECASE)
_FLOW_OF = re.compile(r"^(?:(?:all|certain|some|key)\s+)?(?:imports?|exports?|shipments?|sales|sectors?|industries)\s+"
                      r"(?:of|like|such as)\s+(?=\w)", re.IGNORECASE)
_QUALIFIED = re.compile(r"^(?:non-)?(?:cusma|usmca)(?:[- ]compliant)?\s+")  # "non-CUSMA compliant vehicles"
_SUSPENDED = re.compile(r"\b\w+-\s+(?:and|or)\s+\w+-\w+")
_BROAD = re.compile(r"(?:goods|products|imports|exports|items|merchandise)")
# "… and products that contain it": the same goods again, not all goods
_DERIVED = re.compile(r"(?:(?:,\s*|\s+)(?:and\s+|or\s+)?(?:other\s+)?(?:products|goods|items)\s+(?:that|which|made|containing|derived)"
                      r"|^(?:other\s+)?(?:products|goods|items)\s+(?:(?:that|which)\s+(?:contain|use|include)|made|containing|"
                      r"derived))\b.*$", re.IGNORECASE)
CUSMA = re.compile(r"\b(?:CUSMA|USMCA|NAFTA|(?:United States|Canada|U\.S\.)-(?:Mexico|U\.S\.)-(?:Canada|Mexico) "
                   r"Agreement)\b")
_CUSMA_CUE = re.compile(r"exempt|compliant|comply|covered|spared|exclud|subject to (?:the )?(?:CUSMA|USMCA|Canada-U)|"
                        r"qualif\w+ under|falls? under", re.IGNORECASE)
_NON = re.compile(r"\b(?:not covered|non-\s?(?:CUSMA|USMCA|Canada-U\.S\.-Mexico)|outside (?:of )?(?:the )?(?:CUSMA|USMCA)|"
                  r"not (?:(?:CUSMA|USMCA)[- ])?(?:compliant|comply)|non-?compliant)|n['’]t (?:compliant|comply)\b", re.IGNORECASE)


def normalise(name: str) -> str:
    """One spelling and number per product: 'Aluminium' → 'aluminum', 'car' → 'cars'."""
    p = " ".join(name.lower().split())
    return _ALIASES.get(p, p)


def _noun_phrase(raw: str) -> str:
    """Up to four words from the start of `raw`, stopping at function words and participles."""
    words: list[str] = []
    for w in raw.strip().split():
        lw = w.lower().strip(",")
        if words and (lw in _CLAUSE or (len(lw) > 4 and lw.endswith(("ing", "ed")) and lw not in ("processed", "refined"))):
            break
        words.append(w.strip(","))
        if len(words) == 4:
            break
    return " ".join(words)


def _cut(what: str) -> str:
    """A list of goods ends where a new clause starts: 'U.S. goods take effect …' → 'U.S. goods'."""
    kept: list[str] = []
    for w in _LIST_END.sub("", what).strip().split():
        lw = w.lower().strip(",")
        if kept and (lw in _VERBISH or (lw in _CLAUSE and lw not in ("and", "or"))):
            break
        kept.append(w)
        if len(kept) == 40:
            break
    return re.sub(r",?\s+(?:and|or)$", "", " ".join(kept))


_GERUND_MODIFIERS = frozenset("""washing sewing fishing building cleaning cooking printing packaging mining farming heating
    cooling lighting roofing flooring plumbing drilling cutting welding sporting recording""".split())  # noqa: SIM905


def clean(raw: str) -> str | None:
    """One item of a list of goods as a product name, or None when it names no goods."""
    text = _LEAD.sub("", _LEAD.sub("", raw.strip().lower()))
    phrase = _QUALIFIED.sub("", _LEAD.sub("", _noun_phrase(text)))
    of_origin = _ORIGIN.match(phrase) is not None  # "Canadian plywood": goods, even in the singular
    p = _TAIL.sub("", _ORIGIN.sub("", phrase)).strip(" ,")
    # "consumer and household products", "heavy-duty truck imports": a noun naming goods, even in the singular
    named_as_goods = re.search(r"\s(?:products|goods)$", p) is not None or re.search(
        r"\b(?!(?:any|all|the|some|most|these|those|its|their|such)\b)[a-z][\w-]*\s+(?:imports?|exports?|shipments)\s*$",
        text) is not None
    p = re.sub(r"(?<=\w)\s+products$", "", p)
    if not p or len(p) > 60 or re.search(r"\d", p):
        return None
    if _BROAD.fullmatch(p):
        return "all goods"
    known = [m.group("p") for m in VOCAB.finditer(p)]
    if known:  # "electricity sold stateside" → "electricity"; "office furniture" stays as named
        main = max(known, key=len)
        # "canola oil" ends in a known product ("oil") and is named as such: keep the text's name
        kept = p.endswith((main.lower(), known[-1].lower())) and (len(p.split()) <= 3 or "- " in p)
        return normalise(p if kept else main)
    words = p.split()
    if len(words[0]) > 4 and words[0].endswith("ing") and not (words[0] in _GERUND_MODIFIERS and len(words) > 1):
        return None  # "signaling further measures": a clause, not goods (but "washing machines" are goods)
    if words[0] in _NOT_GOODS or words[-1] in _NOT_GOODS or words[-1] in _CLAUSE:
        return None
    singular_goods = of_origin and len(words) <= 2 and all(w.isalpha() for w in words)
    if not (words[-1].endswith("s") and not words[-1].endswith("ss")) and "goods" not in p and not singular_goods \
            and not named_as_goods:
        return None  # not a plural noun phrase naming goods ("revenue", "then", "northern")
    return normalise(p)


# "steel products worth $12.6 billion, aluminum products worth $3 billion": each item's value, not its name
_ITEM_WORTH = re.compile(r"\s+(?:worth|valued at)\s+(?:about\s+|roughly\s+|nearly\s+|more than\s+|over\s+)?"
                         r"(?:us|u\.s\.|c|ca)?\$\s?[\d.,]+(?:[ -](?:million|billion|trillion))?", re.IGNORECASE)


_GENERIC_HEAD = re.compile(r"\b(?:(?:other|some|various)\s+)?(?:[\w.]+\s+)?(?:products|goods|items|foods?|food\s?stuffs?)"
                           r"\s*,?\s+(?:including|such as|like)\s+", re.IGNORECASE)


def _join_modifiers(parts: list[str]) -> list[str]:
    """'consumer and household products': a lone modifier shares the next item's noun, so the two stay one."""
    out: list[str] = []
    for part in parts:
        prev = _ORIGIN.sub("", out[-1].strip()) if out else ""
        lone = prev and " " not in prev.strip() and not VOCAB.fullmatch(prev.strip()) and not prev.strip().endswith("s") \
            and country_in(prev) is None  # "Canadian and Mexican goods" are two origins' goods
        if lone and re.search(r"\s(?:products|goods|items|imports|exports)$", part.strip()):
            out[-1] = f"{prev} and {part}"
        else:
            out.append(part)
    return out


_ADVERBS = frozenset("still also even just only now then yet more less most much very already again soon".split())  # noqa: SIM905


def _list_noun(part: str) -> str | None:
    """One or two plain lower-case words standing as an item of a list of goods ('cream', 'tobacco products')."""
    words = re.sub(r"\s+products$", "", part.strip(" .;,").lower()).split()
    ok = 1 <= len(words) <= 2 and all(w.isalpha() and not w.endswith("ly") for w in words) \
        and not set(words) & (_NOT_GOODS | _CLAUSE | _VERBISH | _ADVERBS)
    return normalise(" ".join(words)) if ok else None


def split_list(what: str, plain_nouns: bool = False) -> list[str]:
    """'ketchup, lawn mowers and motorboats' → the products it names. `plain_nouns`: the text itself lists these
    as goods ("from ketchup to pizza"), so plain nouns count, as they do in long lists."""
    what = _LEAD.sub("", _LEAD.sub("", _DERIVED.sub("", what.strip().lower())))
    what = _GENERIC_HEAD.sub("", what)  # "other U.S. products including toiletries", "food such as ketchup": the examples
    # "medium- and heavy-duty trucks" is one kind of goods: keep the suspended hyphen's "and" from splitting it
    what = _SUSPENDED.sub(lambda m: m.group(0).replace(" and ", "\x00").replace(" or ", "\x01"), what)
    parts = _join_modifiers(re.split(r",\s*(?:and\s+)?|\s+and\s+|\s+or\s+", _cut(_ITEM_WORTH.sub("", what))))
    found: list[str | None] = [clean(part.replace("\x00", " and ").replace("\x01", " or ")) for part in parts]
    if plain_nouns or (len(parts) >= 4 and sum(1 for p in found if p and VOCAB.search(p)) >= 2):
        # a long list of goods ("poultry, pork, milk, cream, honey, tea, …"): its single nouns are goods too
        found = [p or _list_noun(part) for p, part in zip(found, parts, strict=True)]
    named: list[str | None] = [p for p in found if p and p != "all goods"]
    last = next((p for p in reversed(parts) if p.strip()), "")
    if named and len(parts) > 1 and re.match(r"\s*other\s+(?:goods|products|items)\s*$", last):
        found = named  # "steel, aluminum, autos and other goods": the goods named, not all goods
    return list(dict.fromkeys(p for p in found if p))


def cusma_products(masked: str) -> list[str] | None:
    """'goods covered by CUSMA are exempt' → ['cusma goods']; 'goods not covered by CUSMA' → ['non-cusma goods']."""
    if CUSMA.search(masked) and _CUSMA_CUE.search(masked):
        return ["non-cusma goods"] if _NON.search(masked) else ["cusma goods"]
    return None


_RANGING = re.compile(r"\b(?:goods|products|items|imports)\s+(?:ranging|that range)\s+(?=from\s)", re.IGNORECASE)


def ranging(masked: str) -> list[str]:
    """'hitting goods ranging from orange juice to washing machines' → the goods of the range, ends included."""
    m = _RANGING.search(masked)
    listed = ranging_list(masked[m.end():]) if m else None
    return split_list(listed) if listed else []


_FROM_TO = re.compile(r"\bfrom\s+(?P<first>[a-z][^,;.]{1,30}?)(?P<rest>(?:\s+to\s+[a-z][^,;.]{1,30}?)+)"
                      r"(?=[,.;]|\s+will\b|\s+face|$)")


def ranging_list(phrase: str) -> str | None:
    """'Other U.S. imports, from ketchup to pizza to dishwasher detergent,' → 'ketchup, pizza, dishwasher detergent'."""
    m = _FROM_TO.search(phrase)
    if not m:
        return None
    return ", ".join([m.group("first"), *re.split(r"\s+to\s+", " " + m.group("rest").strip())[1:]])


def before(masked: str, kw_start: int) -> list[str]:
    """Products named just before the tariff word: 'steel and aluminum tariffs'."""
    m = _PRODUCT_LIST_BEFORE.search(masked, max(0, kw_start - 80), kw_start)
    return [normalise(x) for x in re.split(r",\s*|\s+and\s+", m.group("list")) if x] if m else []


# "the automakers Stellantis, General Motors and Ford": a proper name standing as the head noun is a company, not
# goods; the phrase ends there ("Kentucky bourbon" has its noun after the name and stays)
_PROPER_RUN = re.compile(r"(?<![\w.])[A-Z][\w’'&-]*(?:\s+[A-Z][\w’'&-]*)*(?=\s*(?:[,;]|$)|\s+(?:and|or)\b)")


_INCLUDING = re.compile(r"^(?:[\w.’'-]+\s+){0,3}(?:goods|products|items|imports|exports)\b[^;:]{0,60}?,\s+"
                        r"(?:including|such as|like)\s+(?P<list>.+)$", re.IGNORECASE)


_MADE_IN = re.compile(r"\s+(?:produced|made|grown|manufactured|built|assembled)\s+in\s+(?P<where>(?:the\s+)?[A-Z][\w.]*"
                      r"(?:\s+[A-Z][\w.]*)?)")


def after(masked: str, kw_end: int) -> str | None:
    """The phrase a tariff word applies to: 'tariffs on (all steel and aluminum imports)'."""
    m = _ON.match(masked, kw_end)
    if m is None:
        return None
    what = _WORTH.sub("", m.group("what"))
    examples = _EXAMPLES.match(what)  # "goods such as X": the goods named, not their class; not "aluminum imports,
    if examples and not VOCAB.search(examples.group("head")):  # including products from Canada"
        what = what[examples.end():]
    later = _INCLUDING.search(what)
    if later and not VOCAB.search(what[: later.start()]) and VOCAB.search(later.group("list")):
        what = later.group("list")  # "Canadian goods that fall within CUSMA, including steel, aluminum and autos"
    what = _ITEM_WORTH.sub("", _FLOW_OF.sub("", what))  # "imports of softwood timber and lumber": the goods are after "of"
    # "goods produced in the United States" are U.S. goods; "aluminum and on other U.S. products": one list
    what = _MADE_IN.sub(lambda m: f" from {m.group('where')}", what)
    what = _GENERIC_HEAD.sub("", re.sub(r"\s+and\s+on\s+", " and ", what))
    for item in re.finditer(r",\s+(?:and\s+)?(?P<w>[A-Z][a-z]+)\b", what):  # "…including ketchup, Dilkens greeted …"
        if not VOCAB.fullmatch(item.group("w")) and country_in(item.group("w")) is None:
            what = what[: item.start()]
            break
    for proper in _PROPER_RUN.finditer(what):
        name = proper.group(0)
        if not VOCAB.fullmatch(name) and country_in(name) is None and name.upper() not in ("CUSMA", "USMCA", "EU"):
            what = what[: proper.start()]
            break
    return _cut(_DERIVED.sub("", what))


def mentions(text: str) -> list[str]:
    """Known products named in `text`, skipping words inside proper names ('West Fraser Timber')."""
    return [normalise(m.group("p")) for m in VOCAB.finditer(text)
            if not (text[m.start()].isupper() and m.start() > 0 and text[m.start() - 2: m.start()] not in (". ", "\n"))]


def in_sentence(masked: str) -> list[str]:
    """Known products anywhere in the sentence, when the tariff phrase itself names none; not the goods whose
    prices a measure raises ("will raise prices on cars, groceries and energy")."""
    return list(dict.fromkeys(mentions(_PRICES_OF.sub(lambda m: " " * len(m.group(0)), masked))))


_PRICES_OF = re.compile(r"\b(?:prices?|costs?|the cost)\s+(?:on|of|for)\s+[^.;]{0,80}", re.IGNORECASE)
