"""Telling people's names from other capitalised words in news text, with the titles that introduce them.

A capitalised run is a person when a title introduces it ("Finance Minister Dominic LeBlanc"), its
first word is a common given name, or the text treats it as a speaker ("Quennell said", "said
Quennell", "Quennell, a former banker,"). Places, parties, days and institutions are not people.
"""
from __future__ import annotations

import re

# Verbs that report speech or writing; shared by the cast (who speaks) and the attribution rules.
SPEECH_VERBS = (
    r"(?:said|says|say|told|tells|tell|added|adds|wrote|writes|posted|posts|tweeted|stated|states|argued|argues|"
    r"noted|notes|warned|warns|insisted|insists|explained|explains|declared|declares|announced|announces|announce|"
    r"asked|asks|replied|replies|responded|responds|remarked|continued|acknowledged|admitted|conceded|cautioned|"
    r"urged|suggested|recalled|stressed|emphasized|emphasised|predicted|vowed|promised|complained|claimed|claims|"
    r"countered|quipped|joked|lamented|testified|reiterated|reaffirmed|observed|pointed out|called|calls|described|"
    r"describes|chimed in|shot back|wrote on X|writing|saying|telling|adding|calling|describing|arguing|warning|"
    r"reads|read|concluded|boasted|threatened|pledged|vowing|insisting|noting|promising|claiming|stating|"
    r"declaring|pleaded|pleading|urging|asking|accusing|accused|speaking|warn|conceding|praised|praising|hailed|"
    r"hailing|criticized|criticised|criticizing|criticising|expressed|expressing|affirmed|affirming|branded|"
    r"labelled|labeled|termed|dismissed|shared|shares|mentioned|mentions|commented|elaborated|exclaimed|answered|"
    r"contended|contends|citing|slammed|slams|blasted|blasts|decried|decries|denounced|denounces|condemned|"
    r"condemns|lauded|welcomed|welcomes|applauded|touted|touting|characterized|characterised|clarified|clarifies|"
    r"confirmed|confirms|confirming|alleged|alleges|alleging|asserted|asserts|asserting|maintained|maintains|"
    r"indicated|signalled|signaled|fumed|vented|revealed|underscored|underlined|highlighted|mused|wondered|"
    r"demanded|proclaimed|emphasizing|emphasising|stressing|accuses|accusing|tweeting|posting)"
)

# Titles that introduce a name ("Finance Minister Dominic LeBlanc"); the role kept with the person.
_TITLE_WORDS = (
    r"(?:Deputy |Acting |Former |former |Interim )?(?:(?:U\.S\.|US|Canadian|American|Mexican|Ontario|Quebec|Alberta|B\.C\.|"
    r"Manitoba|Saskatchewan|Federal|federal|Provincial|provincial|Chinese|British|Canada-U\.S\.|Canada–U\.S\.)\s+)?"
    r"(?:Prime Minister|President|Vice-President|Vice President|Premier|Finance Minister|Foreign Minister|"
    r"Foreign Affairs Minister|Trade Minister|International Trade Minister|Industry Minister|Energy Minister|"
    r"Natural Resources Minister|Agriculture Minister|Public Safety Minister|Minister|Commerce Secretary|"
    r"Treasury Secretary|Secretary of State|Secretary|Trade Representative|"
    r"Ambassador to (?:Canada|the United States|the U\.S\.|the US|Washington)|Ambassador|Senator|Sen\.|Rep\.|"
    r"Representative|Gov\.|Governor|Mayor|Chancellor|Chief Executive|CEO|Chair|Chairman|Chairwoman|Leader|"
    r"Opposition Leader|Conservative Leader|NDP Leader|Liberal Leader|Speaker|House Speaker|Senate Majority Leader|"
    r"spokesperson|spokesman|spokeswoman|economist|analyst|Dr\.|Mr\.|Mrs\.|Ms\.)"
)
_NAME_WORD = r"(?:[A-Z][a-z]{0,2}[A-Z][a-zà-öø-ÿ]+|[A-ZÀ-Ö][a-zà-öø-ÿ'’]+(?:-[A-ZÀ-Ö][a-zà-öø-ÿ'’]+)?|(?<![.\w])[A-Z]\.(?![A-Z.]))"
_PARTICLE = r"(?:de|del|da|van|von|der|le|la|du|dos|di|bin|al)"
NAME = rf"{_NAME_WORD}(?:[ \u00a0]+(?:{_PARTICLE}[ \u00a0]+)?{_NAME_WORD}){{0,6}}"
FULL_NAME = re.compile(rf"(?<![\w.])(?=[A-ZÀ-Öfpsea])(?:(?P<title>{_TITLE_WORDS})[ \u00a0]+)?(?P<name>{NAME})")
TITLE_INSIDE = re.compile(r"^(?P<title>.*\b(?:Mayor|Premier|Minister|President|Governor|Senator|Secretary|Ambassador|"
                           r"Chair|Chairman|CEO|Leader|Speaker|Commissioner|Chief|Founder|Co-founder|Owner|Economist|Analyst|Spokesperson|"
                           r"Farmer|Rancher|Grower|Producer|Trucker|Worker|Shopper|Retailer|Exporter|Importer|Consultant|"
                           r"Strategist|Adviser|Advisor|Lawyer|Researcher|Historian|Broker|Realtor|Dealer|"
                           r"Spokesman|Spokeswoman|Professor|Director|Manager|Executive|Officer|Representative))[ \u00a0]+(?P<name>.+)$")
# Capitalised words that start names of things, not people.
NOT_PERSON = frozenset("""
    The A An In On At For But And Or So If As After Before When While Since Despite Although Though However Meanwhile
    Still Now Then Also Last Next Earlier Later According Asked Speaking Even Some Many Most Both Each This That These
    Those There Here It Its He She They We I You His Her Their Our Canada Canadian Canadians America American Americans
    U.S. US United States Ottawa Washington Mexico Mexican China Chinese Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday January February March April May June July August September October November December Jan Feb Mar
    Apr Jun Jul Aug Sep Sept Oct Nov Dec White House Oval Office Parliament Congress Senate Commons Truth Social
    Global News CBC CTV Reuters Bloomberg Press Associated Ontario Quebec Alberta British Columbia Manitoba Saskatchewan
    Nova Scotia New Brunswick Toronto Montreal Vancouver Windsor Detroit Michigan Florida Kentucky Wisconsin New York
    North South East West European Union EU G7 G-7 NATO CUSMA USMCA NAFTA Liberal Liberals Conservative
    Conservatives NDP Democrats Republicans Republican Democrat Statistics Bank Department Ministry Agency Office
    Ad Ads What Why How Who Where Founder Owner
    Association Council Chamber Union Institute Committee Commission Federation Alliance Group Company Corp Inc Ltd
    Air Force One X Facebook Instagram Twitter Supreme Court Federal Reserve Buckingham Palace Embassy Prime Minister
    President Premier Minister Secretary Governor Mayor Senator Leader Chair CEO Mr Mrs Ms Dr Sen Rep Gov Section
    Tariff Tariffs Trade Steel Aluminum Lumber Dairy Energy Auto Budget Fentanyl Border Day Termination
""".split())  # noqa: SIM905 - word lists read better as text
ORG_TAIL = re.compile(
    r"(?:Foundation|Association|Council|Department|Ministry|Office|Agency|Union|Chamber of Commerce|Chamber|Institute|Bank|"
    r"Company|Corp\.?|Corporation|Inc\.?|Ltd\.?|Group|Federation|Alliance|Commission|Committee|Coalition|"
    r"Administration|Government|Board|Foundation|Society|Workers|Producers|Manufacturers|Organization|Organisation|"
    r"Business|Businesses|Industries|Industry|Network|Partners|Holdings|University|College|Party)$")
# An organisation's full name: capitalised words around an institution word ("Canadian Federation of
# Independent Business", "the Business Council of Canada"); matched against a whole speaker phrase.
ORG_NAME = re.compile(
    r"^(?:[Tt]he\s+)?(?P<org>(?:[A-Z][\w’'.&-]*\s+){0,4}(?:Foundation|Association|Council|Union|Institute|Chamber|"
    r"Federation|Alliance|Coalition|Department|Ministry|Agency|Administration|Company|Corporation|Group|Bank|Board|"
    r"Commission|Committee|Society|Organization|Organisation|Centre|Center|Network|Party|University)"
    r"(?:\s+(?:of|for|on)\s+(?:the\s+)?(?:[A-Z][\w’'.&-]*)(?:\s+(?:and\s+)?[A-Z][\w’'.&-]*){0,3})?)$")
ORG_PHRASES = re.compile(
    r"\b(?:the\s+)?(?P<org>White House|Prime Minister['’]s Office|PMO|Kremlin|Pentagon|State Department|"
    r"Commerce Department|Department of Commerce|Finance Department|Department of Finance|Global Affairs Canada|"
    r"Canada Border Services Agency|U\.S\. Trade Representative['’]s office|USTR|Treasury)\b")


# Public figures of the beat, for articles that name them by surname or title only ("President Trump").
KNOWN = {
    "trump": "Donald Trump", "carney": "Mark Carney", "trudeau": "Justin Trudeau", "leblanc": "Dominic LeBlanc",
    "freeland": "Chrystia Freeland", "champagne": "François-Philippe Champagne", "joly": "Mélanie Joly",
    "poilievre": "Pierre Poilievre", "lutnick": "Howard Lutnick", "greer": "Jamieson Greer", "bessent": "Scott Bessent",
    "navarro": "Peter Navarro", "hillman": "Kirsten Hillman", "biden": "Joe Biden", "vance": "JD Vance",
    "rubio": "Marco Rubio", "reagan": "Ronald Reagan", "sheinbaum": "Claudia Sheinbaum", "legault": "François Legault",
    "lighthizer": "Robert Lighthizer", "mcguinty": "Dalton McGuinty", "anand": "Anita Anand", "singh": "Jagmeet Singh",
    "obama": "Barack Obama", "hoekstra": "Pete Hoekstra", "eby": "David Eby", "mulroney": "Brian Mulroney",
}


# Common given names, by the pronoun news copy uses for them; a capitalised pair starting with one is a person.
FEMALE_NAMES = frozenset("""
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret sandra ashley
    kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca sharon laura cynthia kathleen
    amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine debra rachel carolyn janet
    maria heather diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith megan
    andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice jean abigail alice
    judy sophia grace denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany charlotte
    marie kayla alexis lori shelley kristi chrystia melanie mélanie anita catherine kamala claudia ursula giorgia
    chantal nathalie isabelle sophie geneviève genevieve valérie valerie fatima aisha priya kirsten candice marisol
    christy rachel jenny kristen karine caroline tiff rosemary marci monique sylvie josée josee lucie
""".split())  # noqa: SIM905 - word lists read better as text
MALE_NAMES = frozenset("""
    mark justin donald joe dominic francois françois philippe doug david scott pierre jagmeet steven stephen john jim
    james robert michael william richard thomas charles christopher daniel matthew anthony paul andrew joshua kevin
    brian george edward ronald jason jeff jeffrey ryan jacob gary nicholas eric jonathan larry frank brandon benjamin
    samuel gregory alexander patrick jack dennis jerry tyler aaron jose adam nathan henry peter zachary douglas kyle
    noah ethan jeremy walter christian keith roger terry austin sean gerald carl harold dylan arthur lawrence jordan
    jesse bryan billy bruce gabriel logan alan juan wayne roy ralph randy eugene vincent russell elijah louis bobby
    philip johnny howard marco jean-yves jean-pierre marc luc andré andre sylvain benoit benoît julien mathieu
    guillaume claude yves michel pierre-luc ahmed mohammed muhammad ali omar hassan raj ravi sanjay rishi narendra xi
    enrique marcelo lula jair keir boris emmanuel olaf shinzo fumio volodymyr vladimir jamieson dave rob evan seth
    gareth jerome jérôme tim tom todd wes barack dalton brad blake chuck mitch ted bernie ron kevin greg dan matt
    mike chris steve bill bob ken rick doug dmitri sergei fernando
""".split())  # noqa: SIM905
_FIRST_NAMES = FEMALE_NAMES | MALE_NAMES
# Given names used for women in English copy and for men in French ("Jean Chrétien"): the name alone says nothing.
_EITHER_GENDER = frozenset("jean kelly jordan dominique".split())  # noqa: SIM905
# Nouns of jobs and offices, lower-case, as appositions give them ("Jane Roe, chief economist at …").
ROLE_NOUNS = (r"(?:director|president|chair|chairman|chairwoman|economist|analyst|spokesperson|spokesman|spokeswoman|"
               r"executive|officer|head|leader|minister|secretary|ambassador|professor|founder|owner|manager|adviser|"
               r"advisor|strategist|partner|negotiator|lawyer|mayor|premier|senator|representative|chief|CEO|critic|"
               r"MP|MPP|member|researcher|fellow|vice-president|vice president|commissioner|governor)")
# A lower-case role just before a capitalised pair: "union director Marty Warren", "chief economist Jane Roe".
_ROLE_BEFORE = re.compile(
    r"\b(?:director|president|chair|chairman|chairwoman|economist|analyst|spokesperson|spokesman|spokeswoman|"
    r"executive|officer|head|leader|minister|secretary|ambassador|professor|founder|owner|manager|adviser|advisor|"
    r"strategist|partner|negotiator|lawyer|mayor|premier|senator|representative|chief|CEO|ceo|farmer|critic|MP|MPP)"
    r"\s+$")


_CAP = r"[A-Z][\w’'-]+"
_SPEAKER_EVIDENCE = re.compile(
    rf"\b(?P<a>{_CAP})[\s,]+(?:[a-z]+ly\s+)?{SPEECH_VERBS}\b"  # "Quennell said", "Quennell, quietly said"
    rf"|\b{SPEECH_VERBS}\s+(?P<b>(?:[A-Z][\w.-]+\s+){{0,3}}{_CAP})"  # "said Marisol Quennell"
    rf"|\b(?P<c>{_CAP})['’]s\s+office"  # "Quennell's office"
    rf"|\b(?P<d>{_CAP}),\s+(?:(?:a|an|the|who)\s|(?:[\w’'-]+\s+){{0,3}}{ROLE_NOUNS}\b)")  # "Quennell, a …"


def speaker_evidence(text: str) -> frozenset[str]:
    """Every capitalised word the text uses like a speaker's surname; computed once per article."""
    found: set[str] = set()
    for m in _SPEAKER_EVIDENCE.finditer(text):
        words = (m.group("a") or m.group("b") or m.group("c") or m.group("d")).split()
        found.add(words[-1])
    return frozenset(found)


def confirmed(text: str, name: str, evidence: frozenset[str], titled: bool, start: int = -1) -> bool:
    """A capitalised pair is a person when a title, a known first name or a speech verb says so."""
    if titled or name.split()[0].lower() in _FIRST_NAMES or name.split()[-1] in evidence:
        return True
    return start > 0 and _ROLE_BEFORE.search(text[max(0, start - 30): start]) is not None


def gender_of(text: str, name: str) -> str | None:
    """'f' or 'm' from the given name or an honorific ("Ms. Joly"); None when the text does not say."""
    first = name.split()[0].lower()
    if first in _EITHER_GENDER:
        first = ""  # only an honorific can tell
    if first in FEMALE_NAMES:
        return "f"
    if first in MALE_NAMES:
        return "m"
    honorific = re.search(rf"\b(Mr|Ms|Mrs|Mme)\.?\s+{re.escape(name.split()[-1])}\b", text)
    if honorific:
        return "m" if honorific.group(1) == "Mr" else "f"
    return None


# Words kept out of names ("White House", "May 5") that are also surnames: "Elana White".
_SURNAMES_TOO = frozenset(["White", "May"])


def is_person_name(name: str) -> bool:
    name = re.sub(r"['’]s$", "", name)
    words = name.split()
    if not words or any(w.rstrip("'’s") in NOT_PERSON for w in words[:1]) or ORG_TAIL.search(name):
        return False
    if len(words) >= 2 and words[-1] in _SURNAMES_TOO:
        words = words[:-1]  # a given name before it: a surname, not "the White House"
    return all(w not in NOT_PERSON for w in words)


