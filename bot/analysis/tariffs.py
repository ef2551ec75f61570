"""Tariff measures as coverage describes them: who imposes what rate on which products of whom, and when.

Sentence by sentence (quotations masked, so a speaker's rhetoric is not a measure): find a tariff
word, then the rate near it (`tariff_terms.rate_near`), the products (`products`), the imposer
(counter-tariffs and "tariffs on U.S. goods" are Canada's; "tariffs on Canadian goods" are
Washington's), the status from the verbs around it, and the date. Mentions of the same measure
merge; "the tariffs" or "those dairy tariffs" refer back to a measure already named and add
nothing; a list sentence ("The list includes bicycles and golf clubs") or a rate table ("Canfor at
22.13, down from 27.98") continues the measure before it.
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import replace

from bot.analysis import products as goods
from bot.analysis.countries import counterpart, country_in, other_side
from bot.analysis.numbers import percents
from bot.analysis.sentences import Sentence
from bot.analysis.tariff_terms import (
    COUNTER,
    KEYWORD,
    clause_of,
    effective,
    explicit_imposer,
    has_status_cue,
    imposer,
    imposer_named,
    mask_quotes,
    passive_victim,
    payer_phrase,
    rate_near,
    rate_pairs,
    status,
    up_to_clause,
)
from bot.models import Tariff

log = logging.getLogger(__name__)

_NOT_A_TARIFF = re.compile(r"\s*(?:of\s+\S+\s+(?:per\s?cent|percent|%)\s+)?on\s+(?:the\s+)?(?:revenues?|income|profits|"
                           r"earnings|sales|transactions|wages|salaries)\b", re.IGNORECASE)
# "the tariff disputes", "tariff talks", "tariff policy": the subject of tariffs, not a measure
_TOPIC_WORD = re.compile(r"\s+(?:disputes?|wars?|fights?|battles?|talks|polic(?:y|ies)|regimes?|negotiations|tensions|"
                         r"uncertainty|chaos|turmoil|revenues?|relief|exposure|fallout|pain|saga|standoff)\b", re.IGNORECASE)
_ANAPHOR = re.compile(r"\b(?:the|those|these|such|that|this)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
_LIST = re.compile(r"\b(?:list|targets|items|goods|products)\b[^.]{0,60}?\b(?:includes?|including|such as|like|are)\s+"
                   r"(?P<what>[^.;:]{3,200})", re.IGNORECASE)
# "sector-specific tariffs — 50% on metals and 25% on automobiles": rates listed with their goods, no tariff word
_BARE_RATE_ON = re.compile(r"(?:[—–,;:(]|\b(?:and|with|including|but|while|plus)\b)\s*$")
_ON_GOODS = re.compile(r"\s+(?P<prep>on|for)\s+(?P<what>(?:(?!\s+and\s+(?:\d|for|to)\b)[^,;—–().]){2,80})")
_FROM = re.compile(r"[^.;:]{0,60}?\b(?:imports?|goods|products|shipments|[a-z]+s\s+(?=(?:produced|made|grown|manufactured) in))\s*"
                   r"(?:from|(?:produced|made|grown|manufactured) in)\s+(?P<who>(?:[^.;:,]|\.(?=\S)|(?<=[A-Z])\.(?=\s+[a-z])){2,60})",
                   re.IGNORECASE)
_SUBJECT_TO = re.compile(r"(?P<what>[\w ,'’-]{3,60}?)\s+(?:will\s+|would\s+|could\s+|may\s+)?(?:be|are|is|were|was|remain|"
                         r"become)\s+(?:now\s+|still\s+|also\s+)?subject\s+to\s+(?:a|an|the)?\s*"
                         r"(?:[\d.]+\s*(?:%|per\s?cent|percent)\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)
_QUOTA = re.compile(r"[\s-]+(?:rate[\s-]+)?(?:free\s+)?quotas?\b", re.IGNORECASE)
_IMPACT_OF = re.compile(r"\b(?:impacts?|effects?|toll|costs?|consequences|damage|fallout|burden)\s+of\s+(?:the\s+)?"
                        r"(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_BLANKET = re.compile(r"\b(?:blanket|across-the-board|sweeping|broad-based|economy-wide|universal)\s+(?:[\w-]+\s+){0,2}$",
                      re.IGNORECASE)
_METALS = re.compile(r"\bmetals?\s+(?:tariffs?|duties|levies)\b", re.IGNORECASE)
_WORTH = re.compile(r"\s+(?:worth|valued at|covering)\s+(?:US|C)?\$", re.IGNORECASE)
# A clause with no subject of its own after "but"/"and": its verb shares the sentence's subject.
_SUBJECTLESS = re.compile(r"(?:,\s*|\s)(?:but|and|yet)\s+(?:also\s+|still\s+|later\s+|then\s+)?"
                          r"(?:[a-z]+ed|kept|left|put|set|hit|held|added|imposed|will|would|plans\s+to)\b[^,;]*$")
_NAMED_ORIGIN = re.compile(r"\s*(?:Canadian|American|U\.S\.|U\.S\.-made|Canadian-made|Mexican|Chinese)\s+[a-z]", re.IGNORECASE)
_RATE_THEN_ON = re.compile(r"[^.;,]{0,40}?\d(?:\.\d+)?\s?(?:%|per\s?cent|percent)(?P<on>\s+on\s)", re.IGNORECASE)
_APPLY_TO = re.compile(r"\b(?:and|will|would|to)\s+(?:also\s+)?(?P<verb>appl(?:y|ies))\s+to\s", re.IGNORECASE)
# "in cases where another country has levied duties on U.S. goods": a hypothetical, no one's measure
_UNNAMED_IMPOSER = re.compile(r"\b(?:another|any|other|foreign)\s+(?:country|countries|nations?|trading partners?)\s+"
                              r"(?:has|have|had|that|which|who)?\s*(?:\w+\s+){0,2}$", re.IGNORECASE)
# "various tariffs on imports from multiple sectors": a policy in general, no measure in particular
_VAGUE = re.compile(r"\b(?:various|numerous|several|assorted|a (?:series|slew|raft|host|range) of)\s+(?:\w+\s+)?$",
                    re.IGNORECASE)
_NONE_OF = re.compile(r"\b(?:zero|no)\s+$", re.IGNORECASE)  # "a deal with zero tariffs": the absence of a measure
# "a 25 per cent tariff on steel and a 10 per cent surtax on aluminum": a second object of the same verb
_COORDINATED = re.compile(r"\band\s+(?:a|an)\s+[\d.]+\s*(?:%|per\s?cent|percent)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_WARD_OFF = re.compile(r"\b(?:ward(?:ing|ed|s)?\s+off|stave\s+off|avert\w*|head\s+off|avoid\w*|prevent\w*)\s+"
                       r"(?:the\s+|any\s+|new\s+|further\s+)?(?:[\w-]+\s+){0,4}$", re.IGNORECASE)
_IN_RETALIATION = re.compile(r"\s+(?:in|as)\s+(?:retaliation|response|reprisal)\s+(?:for|to|against)\b", re.IGNORECASE)
_ANSWERING = re.compile(r"\b(?:impose|imposing|announce\w*|unveil\w*|respond\w*|retaliate\w*|slap\w*|levy|put\s+in\s+place|"
                        r"introduce\w*|adopt\w*)\s+(?:its\s+|their\s+|new\s+|further\s+|its\s+own\s+|with\s+)?$", re.IGNORECASE)
_IMPOSING = re.compile(r"\b(?:imposed|slapped|levied|put|placed)\b", re.IGNORECASE)


def _target_of(masked: str, imp: str, target: str | None, what: str | None, counterpart: str = "US") -> str:
    if target and target != imp:
        return target
    if what and re.match(r"(?:all|any)\s", what.strip(), re.IGNORECASE) and target is None:
        return "all"  # "tariffs on all steel and aluminum imports"
    if re.search(r"regardless of (?:where|origin|their origin)|from (?:all|every) (?:non-\S+\s+)?countr|global", masked,
                 re.IGNORECASE):
        return "all"  # "imports from all non-U.S. countries": everyone but the other side
    return other_side(imp, counterpart)


def _no_measure(masked: str, m: re.Match[str]) -> bool:
    """The tariff word names no measure: a levy on revenue (a tax), a tariff-rate quota, the subject of tariffs
    ("tariff disputes"), their absence ("zero tariffs"), someone unnamed's ("another country has levied"), or
    tariffs in general ("various tariffs")."""
    after, lead = m.end(), masked[: m.start()]
    return bool(_NOT_A_TARIFF.match(masked, after) or _QUOTA.match(masked, after) or _TOPIC_WORD.match(masked, after)
                or _NONE_OF.search(lead[-12:]) or _UNNAMED_IMPOSER.search(lead[-50:]) or _VAGUE.search(lead[-30:]))


def _one(masked: str, s: Sentence, m: re.Match[str], context: list[str], ctx_imposer: str,
         main: list[str], counterpart: str = "US") -> list[Tariff]:
    """The measure a tariff word at `m` describes, with the CUSMA split when it only hits non-CUSMA goods."""
    kw = m.group("kw")
    is_rate = kw.lower().startswith("rate")
    if _no_measure(masked, m):
        return []
    after_kw = goods.after(masked, m.end())  # the goods phrase the tariff word governs, if any
    if after_kw is None and not is_rate:  # "tariffs will take effect Thursday and apply to steel products worth …"
        later = _APPLY_TO.search(masked, m.end(), min(len(masked), m.end() + 120))
        after_kw = goods.after(masked, later.start("verb")) if later else None
    if after_kw is None and not is_rate:  # "tariffs still amount to 35 per cent on Canadian goods"
        later_on = _RATE_THEN_ON.match(masked, m.end())
        after_kw = goods.after(masked, later_on.start("on")) if later_on else None
    if _IMPACT_OF.search(masked, max(0, m.start() - 30), m.start()) and not goods.VOCAB.search(after_kw or ""):
        return []  # "the impact of tariffs on workers and businesses": what tariffs do, not a measure
    products: list[str] = []
    target: str | None = None
    what: str | None = None
    cusma_named = False
    own = clause_of(masked, m.start(), m.end())  # this measure's clause, when the sentence holds several
    clause = own if own.strip() else masked
    if not is_rate:
        cusma = goods.cusma_products(own)
        what = after_kw
        listed = goods.before(masked, m.start()) + (goods.split_list(what) if what else [])
        cusma_named = bool(cusma) and goods.VOCAB.search(what or "") is not None
        if cusma and not cusma_named:
            products, target = cusma, "Canada"
        else:  # "non-CUSMA compliant auto parts": the goods are named, CUSMA only qualifies them
            products = listed
            target = country_in(what) if what else None
            if not products and (target or _BLANKET.search(own[max(0, m.start() - 40): m.start()])):
                products = ["all goods"]  # "tariffs on Canadian imports", "the blanket tariff"
            origin = _FROM.match(masked, m.end()) if what else None
            if target is None and origin:  # "a 10% tax on imports from China"; "from Mexico and Canada": ours first
                names = re.split(r"\s+and\s+(?:sold|shipped|exported|imported|bought)\b", origin.group("who"))[0]
                target = "Canada" if re.search(r"\bcanad", names, re.IGNORECASE) else country_in(names)
    from_to = goods.ranging_list(payer_phrase(own) or "") if not is_rate else None
    if from_to:  # "Other U.S. imports, from ketchup to pizza, will face …"
        products = goods.split_list(from_to, plain_nouns=True) or products
    subject = (_SUBJECT_TO.search(own, max(0, m.start() - 120), m.start())
               if not is_rate and "subject" in own[max(0, m.start() - 40): m.start()] else None)
    if subject and products in ([], ["all goods"]):  # "most Canadian packages will be subject to a 35 per cent duty"
        what_is = re.split(r"\b(?:that|which|who|said|says|told|and|but|while)\s+", subject.group("what"))[-1]
        named_goods = [p for p in goods.split_list(what_is) if p != "all goods"]
        products = named_goods or products
    rate, previous = rate_near(masked, m.start(), m.end())
    if is_rate:
        what = after_kw
        products = [p for p in goods.split_list(what) if p != "all goods"] if what else []
        own_goods = bool(products) and bool(goods.VOCAB.search(what or "") or _NAMED_ORIGIN.match(what or ""))
        if not own_goods and not (rate and context):
            return []  # "the rate" with no goods of its own only continues a measure already named
        # "higher rates on steel, aluminum and energy products", "the rate on Canadian shingles to 21.5 per cent"
        products = products if own_goods else []
    if products in ([], ["all goods"]) and not is_rate:
        products = goods.ranging(masked) or products  # "hitting goods ranging from orange juice to washing machines"
    if (not products and _METALS.search(own)) or products == ["metals"]:
        products = ["steel", "aluminum"]  # "the metal tariffs", "tariffs on the metals": on this beat, steel and aluminum
    if not products and (rate or target):
        products = goods.in_sentence(own) or goods.in_sentence(masked) or ([] if target else context[:])
    if not products and own != masked and _WORTH.match(masked, m.end()):
        products = ["all goods"]  # "counter-tariffs worth $29.8 billion in response to duties on steel": not on steel
    named = imposer_named(masked)
    if not products and not rate and not target:
        answered = (COUNTER.search(kw) and _ANSWERING.search(own[max(0, m.start() - 40): m.start()])
                    or _IN_RETALIATION.match(masked, m.end())) \
            and not re.search(r"\bavoid\w*|\bwithout\b|\bnot\s+to\b|\bnever\b", own[max(0, m.start() - 60): m.start()])
        if not (named and main and _IMPOSING.search(masked)) and not answered:
            return []  # "the tariffs": a measure already described, or none in particular
        # "The administration imposed the new tariffs last month": on the article's goods; "he has no choice but to
        # impose countermeasures": a response, on U.S. goods in general
        products = main[:] if not answered else ["all goods"]
    products = products or ["all goods"]  # "25 per cent counter-tariffs on $20 billion of U.S. goods"
    # in a sentence of several clauses, the sentence's subject is not the imposer of a measure in a later one
    # "a list of products to be subject to tariffs in retaliation for Trump's tariffs": a counter-measure
    as_counter = "counter-tariffs" if _IN_RETALIATION.match(masked, m.end()) else kw
    imp = ctx_imposer if is_rate else imposer(clause, as_counter, m.start(), target, counterpart)
    definite = re.search(r"\b(?:the|those|these)\s+$", masked[max(0, m.start() - 12): m.start()]) is not None
    named_here = _named_in(products, masked)  # not carried over from context
    if (not is_rate and target is None and ((set(products) & set(context) and named_here) or definite)
            and not COUNTER.search(kw)
            and explicit_imposer(clause, m.start()) is None
            and country_in(masked[: m.start()]) in (None, ctx_imposer)  # "after Trump's announcement that …": his
            and passive_victim(clause) is None):  # "U.S. products … face 25 percent tariffs": whose, the payer says
        # "The 100 per cent surtax on electric vehicles took effect", "the tariffs on steel will remain": the
        # measures the article is talking about keep their imposer
        imp = ctx_imposer
    # goods named and CUSMA-compliant ones spared: the tariff stands, they are exempt
    read = own if has_status_cue(own) else up_to_clause(masked, own)
    state = status(read, kw, besides_exemption=cusma_named)
    if _WARD_OFF.search(masked, max(0, m.start() - 50), m.start()):
        state = "threatened"  # "he hopes can ward off destructive auto tariffs": a measure not (yet) imposed,
        actor = explicit_imposer(clause, m.start())  # and the other side's: one does not ward off one's own
        imp = other_side(actor) if actor in ("Canada", "US") else imp
    if products == ["cusma goods"] and state not in ("removed", "paused"):
        state = "exempted"  # goods that comply with CUSMA are named with a tariff to say they escape it
    victim = passive_victim(clause) if target is None else None
    target = victim if victim and victim != imp else target
    out = [Tariff(imposed_by=imp, target=_target_of(masked, imp, target, what, counterpart), products=tuple(dict.fromkeys(products)),
                  rate=rate, previous_rate=previous, status=state,  # type: ignore[arg-type]
                  effective=effective(s.text), sentence=s.text)]
    # "only apply to goods not covered by CUSMA", "non-CUSMA compliant auto parts": the rest is exempt
    if (cusma_named and not kw.lower().startswith("exempt")) or products == ["non-cusma goods"]:
        out.append(Tariff(imposed_by=imp, target=out[0].target, products=("cusma goods",), status="exempted",
                          sentence=s.text))
    return out


def _listed(s: Sentence, last: Tariff) -> Tariff | None:
    """'The list includes bicycles and golf clubs', '… includes all kinds of farm products: poultry, pork, …':
    the measure before it, with its goods named."""
    listed = _LIST.search(s.text)
    if not listed or last.rate:
        return None
    what = listed.group("what")
    if s.text[listed.end("what"): listed.end("what") + 1] == ":":
        what = s.text[listed.end("what") + 1:]
    more = [p for p in goods.split_list(what) if p != "all goods"]
    base = () if last.products == ("all goods",) else last.products  # the list says which goods "all goods" were
    return replace(last, products=tuple(dict.fromkeys(base + tuple(more)))) if more else None


def _rate_table(s: Sentence, last: Tariff) -> list[Tariff]:
    """'Canfor is next at 22.13, down from 27.98': more rate changes of the measure before it."""
    if not last.previous_rate:
        return []
    return [replace(last, rate=r, previous_rate=p, sentence=s.text) for r, p in rate_pairs(s.text)]


def _refers_back(t: Tariff, masked: str, kw_start: int, found: list[Tariff]) -> bool:
    """'those dairy tariffs', 'the tariffs on steel': an earlier measure on these goods, not a new one."""
    lead = _ANAPHOR.search(masked, max(0, kw_start - 40), kw_start)
    if t.rate or lead is None or country_in(lead.group(0)):
        return False
    shared = [f for f in found if set(t.products) & set(f.products)]
    named = explicit_imposer(masked, kw_start)
    return bool(shared) and (named is None or any(f.imposed_by == named for f in shared))


_EVENTS = frozenset({"threatened", "removed", "paused"})  # states that make an unrated mention its own measure


def _merge(found: list[Tariff]) -> list[Tariff]:
    """One record per measure: same imposer, target, products and rate; a rated mention absorbs unrated ones."""
    merged: dict[tuple[str, str, tuple[str, ...], str], Tariff] = {}
    for t in found:
        key = (t.imposed_by, t.target, t.products, t.rate)
        old = merged.get(key)
        merged[key] = t if old is None else replace(
            old, effective=old.effective or t.effective, previous_rate=old.previous_rate or t.previous_rate)
    rated = {(k[0], p) for k in merged if k[3] for p in k[2]}
    rated_status = {(k[0], p, t.status) for k, t in merged.items() if k[3] for p in k[2]}
    out = []
    for k, t in merged.items():
        if k[3]:
            out.append(t)
        elif not all((k[0], p) in rated for p in k[2]):
            rest = tuple(p for p in k[2] if (k[0], p) not in rated)  # "tariffs on steel and autos": steel has its rate
            out.append(t if t.status in _EVENTS else replace(t, products=rest))
        elif t.status in _EVENTS and not all((k[0], p, t.status) in rated_status for p in k[2]):
            out.append(t)  # "Carney warned he may impose counter-tariffs on steel": a threat, beside the 25% in force
    return out


def _rate_items(masked: str) -> list[tuple[int, int, str, str]]:
    """Bare 'RATE on GOODS' items of a list: (start, end, rate, goods phrase)."""
    items = []
    for a, b, rate in percents(masked):
        on = _ON_GOODS.match(masked, b)
        listed = on and (_BARE_RATE_ON.search(masked, max(0, a - 12), a) if on.group("prep") == "on"
                         # "will increase to 30% for upholstered products and 50% for kitchen cabinets"
                         else re.search(r"(?:\bto|\band|,)\s*$", masked[max(0, a - 12): a]))
        if on and listed:
            items.append((a, on.end(), rate, on.group("what")))
    return items


def _listed_rates(masked: str, s: Sentence, items: list[tuple[int, int, str, str]],
                  measures: list[Tariff], ctx_imposer: str) -> list[Tariff]:
    """One measure per listed rate, imposed like the sentence's measure (or the article's last one)."""
    lead = measures[0] if measures else None
    state = status(masked, "tariffs")  # "the duties will increase to 40% for X": the sentence's own tense
    out = []
    for _a, _b, rate, what in items:
        products = goods.split_list(what) or (["steel", "aluminum"] if re.match(r"\s*metal\b", what) else [])
        if not products:  # ("metals" is named as such; a bare "metal" stands for steel and aluminum)
            continue
        imp = lead.imposed_by if lead else ctx_imposer
        out.append(Tariff(imposed_by=imp, target=lead.target if lead else other_side(imp), products=tuple(products),
                          rate=rate, status=lead.status if lead and lead.status != "exempted" else state,  # type: ignore[arg-type]
                          effective=effective(s.text), sentence=s.text))
    return out


_RISE = re.compile(r"\b(?P<when>will\s+|would\s+|is\s+set\s+to\s+|are\s+set\s+to\s+|set\s+to\s+|scheduled\s+to\s+)?"
                   r"(?:(?:increase|rise|climb|jump|go\s+up|be\s+raised|be\s+increased|be\s+hiked)\w*|"
                   r"(?:doubled|raised|hiked|increased|lifted)\s+(?:them|it|those|these|that|the\s+rates?))\s+to\s+$",
                   re.IGNORECASE)
_FACES = re.compile(r"(?P<what>[^,;:()—–]{2,60}?)\s+(?:now\s+|still\s+|already\s+|will\s+|could\s+)?face[sd]?\s+"
                    r"(?:(?:a|an)\s+)?(?:(?:lower|higher|reduced|separate|steeper|new|additional|combined)\s+)?"
                    r"(?:(?:tariffs?|rates?|duties|levies)\s+(?:of\s+)?)?$", re.IGNORECASE)


def _follow_ups(masked: str, s: Sentence, measures: list[Tariff], ctx_imposer: str, context: list[str]) -> list[Tariff]:
    """Rates a sentence adds to its measures: 'which will increase to 30% on January 1', 'Steel and aluminum
    face rates of 50%, while energy products face 10%', 'rates for producers: Canfor 7.72 per cent; Tolko 7.53'."""
    if not measures and "face" not in masked and ":" not in masked:
        return []  # nothing to continue and no goods facing a rate: skip the sentence cheaply
    used = {t.rate for t in measures} | {t.previous_rate for t in measures}
    out: list[Tariff] = []
    every = [x for x in percents(masked) if x[2] not in used]
    colon = masked.find(":")
    listed = [x for x in every if colon >= 0 and x[0] > colon]
    if len(listed) >= 2 and not measures and context and KEYWORD.search(masked, 0, colon):
        # "new anti-dumping duties, assigning rates for three producers: Canfor 7.72 per cent; Tolko 7.53 …"
        imp = explicit_imposer(masked, colon) or ctx_imposer
        measures = [Tariff(imposed_by=imp, target=other_side(imp), products=tuple(context), rate="",
                           status=status(masked[:colon], "duties"),  # type: ignore[arg-type]
                           effective=effective(s.text), sentence=s.text)]
    if not measures:
        listed = []
    for a, _b, rate in every:
        lead = masked[max(0, a - 90): a]
        rise, faces = _RISE.search(lead), _FACES.search(lead)
        if rise and measures:
            base = measures[-1]
            out.append(replace(base, rate=rate, previous_rate=base.rate,
                               status="announced" if rise.group("when") else base.status,
                               effective=effective(masked[a:]) or base.effective))
        elif faces:
            what = re.split(r"\b(?:while|whereas|but)\s+", faces.group("what"))[-1]
            products = [p for p in goods.split_list(what) if p != "all goods"] if goods.VOCAB.search(what) else []
            if products:
                victim = country_in(what)
                imp = other_side(victim) if victim in ("US", "Canada") else ctx_imposer
                out.append(Tariff(imposed_by=imp, target=other_side(imp), products=tuple(products), rate=rate,
                                  status="in_force", effective=effective(s.text), sentence=s.text))
        elif len(listed) >= 2 and (a, _b, rate) in listed:
            out.append(replace(measures[-1], rate=rate, previous_rate=""))  # one producer's rate of the measure
    return out


# Canada's over-quota tariffs on dairy and poultry are the beat's best-known Canadian duties: in a story about supply
# management, a dairy tariff with no one named imposing it and no origin on its goods is Canada's.
_SUPPLY_STORY = re.compile(r"supply[- ]manage|over-quota|above quota|dairy quota|tariff[- ]rate quota", re.IGNORECASE)
_SUPPLY_GOODS = frozenset({"dairy", "dairy products", "butter", "cheese", "cheddar cheese", "milk", "cream", "yogurt",
                           "poultry", "chicken", "turkey", "eggs"})


def _canada_supply_managed(t: Tariff, masked: str, m: re.Match[str]) -> bool:
    if not t.products or not set(t.products) <= _SUPPLY_GOODS or t.imposed_by == "Canada":
        return False
    phrase = goods.after(masked, m.end()) or ""
    lead = masked[max(0, m.start() - 40): m.start()]
    return country_in(phrase) is None and country_in(lead) is None \
        and explicit_imposer(clause_of(masked, m.start(), m.end()), m.start()) is None


_RAISED_TO = re.compile(r"\b(?:raised?|increased?|hiked?|lifted|bumped\s+up|rose|rise|climbed|jumped)\b"
                        r"(?=[^.;]{0,60}?\bto\s+\d)(?![^.;]*\bfrom\s+\d)", re.IGNORECASE)


def _named_in(products: list[str] | tuple[str, ...], masked: str) -> bool:
    """Whether the sentence names any of these goods itself (by the head noun), rather than inheriting them."""
    lower = masked.lower()
    return any(p.split()[-1].rstrip("s") in lower for p in products)


def _own_goods_only(t: Tariff, masked: str, context: list[str], ctx_imposer: str) -> Tariff:
    """Goods carried over from the measure before belong to that measure's imposer: "Canada will go ahead with 25 per
    cent retaliatory tariffs" after a sentence on U.S. energy tariffs is on all goods, not on energy."""
    carried = bool(context) and list(t.products) == context and not (
        set(goods.in_sentence(masked)) & set(context) or _named_in(context, masked))
    return replace(t, products=("all goods",)) if carried and t.imposed_by != ctx_imposer else t


def _with_earlier_rate(t: Tariff, masked: str, found: list[Tariff]) -> Tariff:
    """'The U.S. tariffs were raised to 35 per cent on Aug. 1': the rate before is the one the article gave earlier."""
    if not t.rate or t.previous_rate or not _RAISED_TO.search(masked):
        return t
    for f in reversed(found):
        if f.imposed_by == t.imposed_by and f.rate and f.rate != t.rate and (
                set(f.products) & set(t.products) or "all goods" in f.products + t.products):
            return replace(t, previous_rate=f.rate)
    return t


def extract_tariffs(text: str, sentences: list[Sentence]) -> list[Tariff]:
    """Every tariff measure the article mentions, merged per measure, in order of first mention."""
    found: list[Tariff] = []
    counts = Counter(goods.mentions(text))
    top = counts.most_common(1)
    # the goods of the last named measure; at first, the goods the article is about
    main: list[str] = [top[0][0]] if top and top[0][1] >= 3 else []
    context = main
    rival = counterpart(text)  # the United States, unless the article is about Canada and another country
    ctx_imposer = rival
    last: Tariff | None = None
    supply_story = _SUPPLY_STORY.search(text) is not None
    previous: list[Tariff] = []
    for s in sentences:
        unblanked = masked = mask_quotes(s.text)
        items = _rate_items(masked) if KEYWORD.search(masked) else []
        for a, b, _rate, _what in items:  # listed rates are their own measures, not the tariff word's rate
            masked = masked[:a] + " " * (b - a) + masked[b:]
        measures: list[Tariff] = []
        for m in KEYWORD.finditer(masked):
            is_rate = m.group("kw").lower().startswith("rate")
            for t in _one(masked, s, m, context, ctx_imposer, main, rival):
                if measures and (_SUBJECTLESS.search(masked, max(0, m.start() - 80), m.start())
                                 or _COORDINATED.search(masked, max(0, m.start() - 40), m.start())) \
                        and explicit_imposer(clause_of(masked, m.start(), m.end()), m.start()) is None:
                    # "Ottawa dropped most of its tariffs, but kept the levies on steel": the same subject acts
                    t = replace(t, imposed_by=measures[-1].imposed_by, target=measures[-1].target)
                elif supply_story and _canada_supply_managed(t, masked, m):
                    t = replace(t, imposed_by="Canada", target="US")
                if COUNTER.search(m.group("kw")) or t.rate:  # a rate with no goods named is on the imposer's own goods
                    t = _own_goods_only(t, masked, context, ctx_imposer)
                if is_rate and any(t.rate in (x.rate, x.previous_rate) for x in measures):
                    continue  # "the tariff rate on Canadian goods": the rate of the measure just read
                if not _refers_back(t, masked, m.start(), found + measures):
                    measures.append(t)
        measures.extend(_listed_rates(masked, s, items, measures, ctx_imposer))
        measures.extend(_follow_ups(masked, s, measures, ctx_imposer, context))
        if not measures and last is not None and not KEYWORD.search(masked):
            # the list belongs to the sentence's unrated measure ("a list of products … subject to tariffs"), else the last
            listing = next((t for t in reversed(previous) if not t.rate and t.products == ("all goods",)), last)
            extended = _listed(s, listing)
            if extended is not None:
                found[found.index(listing)] = extended
                last = extended
                previous = [extended if t is listing else t for t in previous]
                continue
            measures = _rate_table(s, last)
        found.extend(_with_earlier_rate(t, unblanked, found) for t in measures)
        last = measures[-1] if measures else None
        previous = measures
        named = [t for t in measures if t.products != ("all goods",)]
        if named:
            context, ctx_imposer = list(named[-1].products), named[-1].imposed_by
    return _merge(found)
