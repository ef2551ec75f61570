"""The parts of one tariff sentence: the tariff word, its rate, its imposer, its status and its date.

Pure helpers for `tariffs`: each reads one thing from a sentence whose quotations are masked.
Rates follow how coverage moves them ("doubled to 50 per cent", "to 23.7 per cent from 30.88",
"from 25% to 50%"); status follows the verbs (exemptions before removals before pauses before
threats before announcements; anything else is in force).
"""
from __future__ import annotations

import logging
import re

from bot.analysis.countries import country_in, mask_agreements, other_side
from bot.analysis.numbers import percents

log = logging.getLogger(__name__)

KEYWORD = re.compile(
    r"\b(?P<kw>counter-?tariffs?|counter-?measures?|retaliatory\s+(?:tariffs?|duties|measures|levies)|"
    r"anti-dumping\s+(?:and\s+countervailing\s+)?dut(?:y|ies)|countervailing\s+dut(?:y|ies)|tariffs?|"
    r"dut(?:y|ies)|levy|levies|surtax(?:es)?|surcharges?|exempt(?:s|ed|ions?)?|"
    r"(?<!interest )(?<!unemployment )(?<!inflation )(?<!exchange )(?<!jobless )(?<!tax )(?<!mortgage )"
    r"(?<!policy )(?<!growth )(?<!birth )(?<!vacancy )rates?|"
    r"tax(?:es)?(?=\s+on\s+(?:imported\s|foreign\s|(?:[\w.'’-]+\s+){0,3}?(?:imports|goods|products)\b)))\b",
    re.IGNORECASE)
_STATUS = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in (
    ("exempted", r"\bexempt\w*|\bspared\b|\bexclud\w+\b(?!\s+(?:a|an)\s)|\bnot (?:be )?subject to\b|\bcarve-?outs?\b|\bexemptions?\b"),
    ("removed", (r"\bno longer (?:face|be subject|apply|pay)\w*|\b(?:lift\w*|remov\w+|scrap\w*|drop\w*|rescind\w*|end(?:ed|s|ing)|(?:to|will|would|must|should|could) end|repeal\w*|withdr[ae]w\w*|"
                r"roll(?:ed)? back)\b")),
    ("paused", r"\b(?:paus\w+|postpon\w+|delay\w*|suspend\w*|hold off|held off|reprieve)\b"),
    ("threatened", (r"\b(?:call\w*\s+on\s+[^.;]{0,40}?\s+to\s+(?:impose|adopt|add|levy|put)|"
                   r"urg\w+\s+[^.;]{0,30}?\s+to\s+(?:impose|adopt|add|levy|put)|threat\w*|warn\w*|could|would|(?-i:may)|might|consider\w*|if\b|vow\w*|floated|mulling|weigh(?:s|ing)?|weighed)\b")),
    ("announced", (r"\b(?:will|announc\w+|declared|declares|plans?|planned|set to|to take effect|takes? effect\b|starting|"
                  r"beginning|going to|promis\w+|unveil\w+|propos\w+|prepared to|poised to|expected to|"
                  r"(?:set|setting|planning|moving|ready) to impose)\b")),
    ("in_force", (r"\b(?:took effect|in effect|came into (?:force|effect)|imposed|imposing|impose[sd]?|hit|slapped|"
                 r"levied|are paying|pay|apply|applied|kicked in|in place|went into effect|collect\w*|raised|"
                 r"doubled|hiked|kept|keeps?|keeping|maintain\w*|retain\w*|left in place|leaving in place)\b")),
))
_DATE = re.compile(
    r"\b(?:(?:starting|beginning|effective|as of|from|on|by|until)\s+)?(?:today|tonight|tomorrow|midnight(?: tonight)?|"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s+\d{4})?)\b")
_DATE_LEAD = re.compile(r"^(?:starting|beginning|effective|as of|from|on|by|until)\s+")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")
_NUM = r"(\d{1,3}(?:\.\d{1,2})?)(?:\s?%|\s?per\s?cent|\s?percent)?"
_PAIR = re.compile(rf"\b(?:at|to)\s+{_NUM},?\s+(?:(?:down|up)\s+)?(?:from|vs\.?|versus|compared with)\s+{_NUM}",
                   re.IGNORECASE)
_NAMED = re.compile(r"(?:canada|canadian|ottawa|u\.s\.|united states|american|washington|trump|mexico|china)"
                    r"(?:['’]s)?\s+(?:\w+\s+){0,3}(?:tariffs?|duties|duty|levy|counter|retaliat|impos|hit|slap)",
                    re.IGNORECASE)
_PASSIVE = re.compile(r"^(?P<who>[^,]{0,60}?)\s+(?:will\s+(?:now\s+)?)?(?:be|is|are|was|were)\s+"
                      r"(?:(?:now|currently|still|already|also|effectively)\s+)?(?:being\s+)?"
                      r"(?:hit|subject|targeted|slapped)\b")
# "other Canadian producers will pay …", "Canadian exporters face …": the payer is the measure's target
_PAYER = re.compile(r"^(?P<who>[^,]{0,60}?|(?:[^.;,]|\.(?=[A-Za-z]|\s+[a-z])){1,60},[^.;]{0,60}?,)\s+(?:will\s+|would\s+|must\s+|now\s+|still\s+|no longer\s+)*"
                    r"(?:pay|pays|paid|"
                    r"face|faces|faced|facing)\b")
_POSSESSIVE = re.compile(r"(?P<who>canada|canadian|ottawa|ontario|quebec|u\.s\.|us|american|washington|trump|mexico|"
                         r"mexican|china|chinese|beijing)(?:['’]s)?\s+"
                         # adjectives and nouns only: "China is hitting Canada with 100 per cent tariffs" is not Canada's
                         r"(?:(?!(?:with|on|by|to|from|for|of|at|in|and|is|are|was|were|has|have|had)\b)[\w-]+\s+){0,4}$",
                         re.IGNORECASE)
# "that Canada has placed tariffs on", "Canadian politicians fired back with tariffs": the actor right before
_ACTOR = re.compile(r"(?P<who>canada|canadian|ottawa|ontario|quebec|u\.s\.|us|american|washington|trump|mexico|mexican|"
                    r"china|chinese|beijing|european union|eu|brussels)(?:['’]s)?\s+(?:\w[\w-]*\s+){0,2}"
                    r"(?:(?:has|have|had|will|would|then)\s+)?(?:placed|imposed|put|slapped|levied|applied|set|levying|imposing|"
                    r"raised|upped|hiked|increased|doubled|lowered|reduced|cut|slapping|placing|(?:fired|hit|struck|lashed) back with|retaliated with|responded with|answered with)\s+"
                    r"(?:[\w%.’'-]+\s+){0,4}$", re.IGNORECASE)
# "called on the province to impose tariffs": the one asked to impose them
_TO_IMPOSE = re.compile(r"(?P<who>(?:the\s+)?[\w.]+(?:\s+[\w.]+)?)\s+to\s+(?:impose|adopt|add|levy|put|slap)\s+(?:[\w%.-]+\s+){0,4}$",
                        re.IGNORECASE)
_CHANGED_THEIRS = re.compile(r"\b(?:upped|raised|hiked|increased|doubled|lowered|cut|reduced)\s+(?P<who>canada|the\s+u\.s\.|"
                             r"america|ottawa|washington)['’]s\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
# "the pending 25 per cent tariffs by China", "duties imposed by Beijing": the agent after the tariff word
_BY = re.compile(r"\s+(?:(?:imposed|levied|announced|set|slapped)\s+)?by\s+(?:the\s+)?(?P<who>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)")
# "imported into Canada": the importing country collects the duty
_INTO = re.compile(r"\b(?:imported|entering|coming|brought)\s+into\s+(?:the\s+)?(?P<who>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)")
# "Ontario's decision to impose a 25 per cent surcharge", "Canada's new 25 per cent reciprocal tariffs"
_OWNER = re.compile(r"(?P<who>(?:canada|ottawa|ontario|quebec|alberta|british columbia|b\.c\.|manitoba|saskatchewan|"
                    r"u\.s\.|america|washington|trump|mexico|china|beijing)['’]s|united states['’]s?)\s+(?:[\w.%-]+\s+){0,7}$",
                    re.IGNORECASE)
_SUBJECT = re.compile(r"^(?P<who>(?:(?!\bthat\b)[^,]){0,60}?)\s+(?:will|would|(?:is|are)\s+(?:\w+ing|set|poised|expected|about|ready)|"
                      r"has|have|had|plans to|said it would|announced|"
                      r"imposed|imposes|is imposing|hit|hits|slapped|slaps|raised|doubled|threatened|threatens|"
                      r"levied|put)\b")


# Where one measure's clause ends and another's begins: "threatened to double the tariffs | in response to
# Ontario's decision to impose a surcharge |, which was retaliation for Trump imposing tariffs".
# A counter-measure, not a countervailing duty.
COUNTER = re.compile(r"counter-?(?:tariff|measure)|retaliat", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"\bin (?:response|retaliation|reaction) (?:to|for)\b|\bretaliation for\b|,\s*which\b|"
                           r"\bwhich (?:was|were|is|are)\b|\bafter\b|\bsince\b|\bfollowing\b|\bbecause of\b|;|\s[—–]\s|"
                           r"\bwhile\b|\bwhereas\b|\bbut\b|\bas well as\b|,?\s*(?:al)?though\b|\balongside\b", re.IGNORECASE)


def up_to_clause(masked: str, own: str) -> str:
    """The sentence up to the end of the clause `own` (from `clause_of`): what came before may carry its verb."""
    end = len(own.rstrip())
    return masked[:end] + " " * (len(masked) - end)


def clause_of(masked: str, kw_start: int, kw_end: int) -> str:
    """The sentence with everything outside the tariff word's own clause blanked (offsets kept)."""
    lo, hi = 0, len(masked)
    for m in _CLAUSE_BREAK.finditer(masked):
        if m.end() <= kw_start:
            lo = m.end()
        elif m.start() >= kw_end:
            hi = m.start()
            break
    return " " * lo + masked[lo:hi] + " " * (len(masked) - hi)


def has_status_cue(masked: str) -> bool:
    return any(pattern.search(masked) for _name, pattern in _STATUS)


_DENIED_LEVEL = re.compile(r"\b(?:none|no|not|never|nothing)\b[^.;]{0,80}\b(?:as high as|as much as|anywhere near)\s+$",
                           re.IGNORECASE)
_MOVE_OR_SHARE = re.compile(
    r"(?:\b(?:gdp|economy|economic growth|output|inflation|prices|unemployment|stocks?|dollar|loonie|index|sales)\b"
    r"[^.;]{0,40}?\bby\s+(?:about\s+|nearly\s+|almost\s+|roughly\s+|up to\s+)?$|"
    r"\b(?:accounted|accounts|account) for\s+(?:about\s+|nearly\s+|almost\s+|roughly\s+|some\s+)?$|"
    r"\b(?:share|proportion) of\s+$)", re.IGNORECASE)
_SHARE = re.compile(r"\s+of\s+(?:(?:the|its|their|all|our|canada['’]s|canadian|u\.s\.)\s+)?(?:\d{4}\s+)?(?:[\w-]+\s+){0,2}?"
                    r"(?:levels?|volumes?|quotas?|value|total|share|trade|exports|imports|respondents|businesses|"
                    r"companies|firms|members|owners|canadians|americans|people|voters|those)\b", re.IGNORECASE)
_SUM = re.compile(r"(?:\b(?:overall|cumulative|all-in|altogether)\b|\bthe total (?:for|of|impact)\b)"
                  r"(?![^,;]*\b(?:and|while|but)\b)", re.IGNORECASE)


def mask_quotes(text: str) -> str:
    """Spaces instead of quoted words, so offsets stay and rhetoric is not read as a measure."""
    return _QUOTED.sub(lambda m: " " * len(m.group(0)), text)


# "the tariff for lumber imports from Canada is about 9%": a copula (and a hedge) before a rate further on
_RATE_LEAD = re.compile(r"\b(?:to|at|be|is|was|are|were)\s+(?:(?:about|around|roughly|nearly|almost|some|approximately|"
                        r"at least|more than|up to)\s+)?$")


def rate_near(masked: str, kw_start: int, kw_end: int) -> tuple[str, str]:
    """The rate nearest the tariff word, and the previous rate when the sentence moves it."""
    every = percents(masked)

    def gap(a: int, b: int) -> int:
        lo, hi = (b, kw_start) if b <= kw_start else (kw_end, a)
        return len(masked[lo:hi].split())

    def usable(a: int, b: int) -> bool:
        return gap(a, b) <= 7 or (a > kw_end and gap(a, b) <= 16 and _RATE_LEAD.search(masked[:a]) is not None)

    def owned_by_another(a: int, b: int) -> bool:
        """'… steel tariffs with 25% counter-tariffs': a rate right before a later tariff word is that word's."""
        follows = KEYWORD.match(masked, b + len(masked[b:]) - len(masked[b:].lstrip()))
        if follows is None or follows.start() == kw_start or follows.group("kw").lower().startswith("rate"):
            return False
        return a >= kw_end or follows.start() < kw_start  # "a 35% duty on X and higher rates on Y": 35% is the duty's

    def a_share(b: int) -> bool:
        """'quotas of 100 per cent of 2024 levels': a share of something, not a tariff rate."""
        return _SHARE.match(masked, b) is not None

    def not_a_rate(a: int) -> bool:
        """'shrink Canada's GDP by 2.6%', 'accounted for 99.8%': a change in the economy or a share, not a duty;
        'none of the rates go as high as 400 per cent': a level denied."""
        return _MOVE_OR_SHARE.search(masked[max(0, a - 60): a]) is not None \
            or _DENIED_LEVEL.search(masked[max(0, a - 120): a]) is not None

    def a_sum(a: int) -> bool:
        """'brings the total for potential levies to almost 27 per cent': a sum of measures, not one."""
        return _SUM.search(masked[max(0, a - 100): a]) is not None

    candidates = [i for i, (a, b, _v) in enumerate(every)
                  if usable(a, b) and not owned_by_another(a, b) and not a_sum(a) and not a_share(b)
                  and not not_a_rate(a)]
    if not candidates:
        return "", ""
    centre = (kw_start + kw_end) / 2
    i = min(candidates, key=lambda k: abs((every[k][0] + every[k][1]) / 2 - centre))
    rate = every[i][2]
    own_range = not masked[kw_start:kw_end].lower().startswith("rate")
    low = re.search(r"(\d+(?:\.\d+)?)\s*(?:%|per\s?cent|percent)?\s*(?:to|-|–)\s*$", masked[max(0, every[i][0] - 16): every[i][0]])
    if low:
        if own_range and re.fullmatch(r"\s+(?:of\s+)?(?:between\s+)?", masked[kw_end: every[i][0] - len(low.group(0))]):
            return f"{low.group(1)}–{rate}", ""  # "a Tariff of 250% to 390%": the measure's own range
        if re.search(r"\bfrom\s+$", masked[: every[i][0] - len(low.group(0))]):
            return rate, f"{low.group(1)}%"  # "would be reduced from 50% to 25%": a change, not a range
        return "", ""  # "rates of 3.34 to 18.19 per cent": a range of findings, not one measure's rate
    between_next = masked[every[i][1]: every[i + 1][0]] if i + 1 < len(every) else ""
    if re.fullmatch(r",?\s*(?:up |down )?from\s+(?:the\s+|a\s+)?", between_next):
        return rate, every[i + 1][2]  # "to 23.7 per cent from 30.88 per cent"
    if re.fullmatch(r"\s*to\s+", between_next):
        if re.search(r"\bfrom\s+$", masked[: every[i][0]]):
            return every[i + 1][2], rate  # "from 25% to 50%": the nearest was the old rate
        if own_range and re.fullmatch(r"\s+(?:of\s+)?(?:between\s+)?", masked[kw_end: every[i][0]]):
            return f"{rate[:-1]}–{every[i + 1][2]}", ""  # "a Tariff of 250% to 390%"
        return "", ""  # "rates of 3.34 to 18.19 per cent": a range of findings, not one measure's rate
    if i > 0 and re.fullmatch(r"\s*to\s+", masked[every[i - 1][1]: every[i][0]]):
        if re.search(r"\bfrom\s+$", masked[: every[i - 1][0]]):
            return rate, every[i - 1][2]
        return "", ""
    lead = masked[: every[i][0]]
    if re.search(r"\bfrom\s+\d", masked):
        return rate, ""
    if re.search(r"\bdoubl\w+(?:\s+[^\s,;]+){0,8}?\s+to\s+$", lead):  # "doubled its tariffs on steel to 50 per cent"
        return rate, f"{float(rate[:-1]) / 2:g}%"
    if re.search(r"\bdoubl\w+\s+(?:the|its|their|an?|existing)\s+(?:existing\s+)?$", lead):
        return f"{float(rate[:-1]) * 2:g}%", rate  # "doubled the 25 per cent tariff": now 50, was 25
    return rate, ""


def rate_pairs(sentence: str) -> list[tuple[str, str]]:
    """Rate changes listed without a tariff word: 'Canfor at 22.13, down from 27.98' → [('22.13%', '27.98%')]."""
    return [(f"{new}%", f"{old}%") for new, old in _PAIR.findall(sentence)]


def imposer_named(masked: str) -> bool:
    """Whether the sentence says whose measure it is ('Canada's counter-tariffs', 'Washington imposed')."""
    return country_in(masked) is not None and _NAMED.search(masked) is not None


def imposer(masked: str, kw: str, kw_start: int, target: str | None, counterpart: str = "US") -> str:
    """Who imposes the measure at `kw_start`: a victim in the passive, a counter-measure, a possessive, the subject.

    `counterpart` is the country the article sets against Canada: the United States, unless the story is
    about another fight (Canada and China over canola and EVs), where unnamed measures are that country's.
    """
    masked = mask_agreements(masked)
    lead = masked[max(0, kw_start - 60): kw_start]
    victim = passive_victim(masked)
    if victim == "Canada":
        return counterpart
    if victim in ("US", counterpart):
        return "Canada"
    if victim and counterpart == "US":
        return "US"  # "China is being hit with tariffs of 10%": on this beat, a third country is hit by Washington
    theirs = _CHANGED_THEIRS.search(lead)
    payer = country_in(theirs.group("who")) if theirs else None
    if payer in ("Canada", "US"):  # "upped Canada's tariff rate": the rate Canada pays
        return other_side(payer, counterpart)
    if kw.lower().startswith("surtax") and counterpart == "US" and explicit_imposer(masked, kw_start) is None \
            and target is None:
        return "Canada"  # "surtax" is Ottawa's word for its duties (Washington's are tariffs)
    if COUNTER.search(kw):
        if counterpart != "US":
            return explicit_imposer(masked, kw_start) or "Canada"
        us_lead = re.search(r"\bU\.S\.|united states|american|washington", lead)
        return "US" if us_lead and not re.search(r"canad|ottawa", lead, re.IGNORECASE) else "Canada"
    named = explicit_imposer(masked, kw_start)
    if named:
        return named
    into = _INTO.search(masked)
    importer = country_in(into.group("who")) if into else None
    if importer and importer != target:
        return importer
    return "Canada" if target in ("US", counterpart) else counterpart


def payer_phrase(masked: str) -> str | None:
    """Who pays or faces the measure, as the sentence opens: 'Some U.S. products, mostly steel and iron, face …'."""
    payer = _PAYER.search(masked.strip())
    return payer.group("who") if payer else None


def passive_victim(masked: str) -> str | None:
    """'China is being hit with tariffs of 10%', 'Canadian exporters face …': the country on the receiving end."""
    passive = _PASSIVE.search(masked.strip())
    who = passive.group("who") if passive else payer_phrase(masked)
    return country_in(who) if who else None


def explicit_imposer(masked: str, kw_start: int) -> str | None:
    """The imposer the sentence names: a possessive ('Ottawa's new duties') or the subject ('The U.S. imposed')."""
    masked = mask_agreements(masked)
    lead = masked[max(0, kw_start - 60): kw_start]
    kw_end = KEYWORD.match(masked, kw_start)
    by = _BY.match(masked, kw_end.end()) if kw_end else None
    subject = _SUBJECT.search(masked.strip())
    if subject and re.search(r"\s(?:on|of|for|to|in|over|about)\s", subject.group("who")):
        subject = None  # "The total impact on Canadian lumber is expected to …": the country qualifies goods, it acts not
    for found in (by, _ACTOR.search(lead), _TO_IMPOSE.search(lead), _POSSESSIVE.search(lead), _OWNER.search(lead), subject):
        who = country_in(found.group("who")) if found else None
        if who:
            return who
    return None


# Someone asking for a change is not the change: "press for lifting tariffs" leaves them in force.
_ASKED = re.compile(r"\b(?:press(?:es|ed|ing)? for|call(?:s|ed|ing)? for|urg\w+|demand\w*|seek\w*|sought|"
                    r"push(?:es|ed|ing)? for|ask\w* (?:for|to)|lobb\w+ for|want\w* to see|hop\w+ (?:for|to))"
                    r"(?:\s+\w+){0,4}\s+(?:the\s+)?(?:lift\w*|remov\w+|scrap\w*|drop\w*|end\w*|repeal\w*|pause\w*|delay\w*)",
                    re.IGNORECASE)


# A threat carried out is a measure in force: "made good on his threat to slap a surcharge".
_CARRIED_OUT = re.compile(r"\b(?:made good on|followed through on|carried out|delivered on)\s+(?:\w+\s+){0,2}"
                          r"threats?\b", re.IGNORECASE)


_STAYS = re.compile(r"\bwill\s+(?:(?:remain|stay|continue)(?:\s+in\s+(?:place|effect|force))?|maintain|keep|retain)\b",
                    re.IGNORECASE)


# "falls short of the full exemption": none granted
_SHORT_OF = re.compile(r"\b(?:falls?|fell|falling|stops?|stopped)\s+short\s+of\s+(?:the\s+|a\s+|an\s+)?(?:full\s+|outright\s+)?"
                       r"(?:exemption|removal|cancellation|repeal)\w*(?:\s+or\s+(?:\w+\s+)?\w+)?", re.IGNORECASE)
# "poses a national security threat", "threat to jobs": a danger named, not a measure threatened
_NOT_A_THREAT = re.compile(r"\b(?:security|existential|economic)\s+threats?\b|\bthreats?\s+to\s+(?:jobs|workers|the economy|our)\b",
                           re.IGNORECASE)
_REPORTED_PLAN = re.compile(r"\b(?:confirm\w*|announc\w*)\b[^.;]{0,40}\bthat\b", re.IGNORECASE)
# A change denied is no change: "shows no signs of lifting them", "will not remove", "refused to drop".
_DENIED = re.compile(r"\b(?:no\s+(?:signs?|plans?|intention|rush)\s+(?:of|to)|not|never|won['’]t|refus\w+\s+to|"
                     r"declined\s+to|rul\w+\s+out)\s+(?:\w+\s+){0,2}?(?:lift\w*|remov\w+|scrap\w*|drop\w*|"
                     r"end\w*|paus\w+|delay\w*|rescind\w*|repeal\w*)\b", re.IGNORECASE)


def status(masked: str, kw: str, *, besides_exemption: bool = False) -> str:
    """The measure's state from the sentence's verbs; an exemption word is always an exemption.

    `besides_exemption`: the state of the tariff some goods are exempt from ("parts remain exempt from the
    25 per cent tariff on vehicles": the tariff itself is in force).
    """
    if kw.lower().startswith("exempt"):
        return "exempted"
    if besides_exemption:  # "… will remain exempt from the tariff": the tariff is in force (see _STAYS below)
        masked = _STATUS[0][1].sub(lambda m: " " * len(m.group(0)), masked)
    asked = _ASKED.search(masked)
    text = masked[: asked.start()] + " " * (asked.end() - asked.start()) + masked[asked.end():] if asked else masked
    for no_change in (_DENIED, _NOT_A_THREAT, _SHORT_OF):  # words that name a state without putting a measure in it
        text = no_change.sub(lambda m: " " * len(m.group(0)), text)
    if _REPORTED_PLAN.search(text):  # "the White House confirmed that tariffs would be reduced": announced, not a threat
        text = re.sub(r"\bwould\b", "will", text)
    text = _CARRIED_OUT.sub(lambda m: " " * (len(m.group(0)) - 8) + " imposed", text)
    text = _STAYS.sub(lambda m: " " * (len(m.group(0)) - 9) + " in place", text)  # "will remain in place": in force
    for name, pattern in _STATUS:
        if pattern.search(text):
            return name
    return "in_force"


def effective(sentence: str) -> str:
    """The date or day the sentence gives for the measure ('Aug. 1', 'Sunday', 'midnight tonight'), else ''."""
    m = _DATE.search(sentence)
    return _DATE_LEAD.sub("", m.group(0)) if m else ""
