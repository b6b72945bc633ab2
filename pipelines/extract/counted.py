"""What a number in a sentence counts: the people of the noun phrase after it, whose side they are
on, and what happened to them (killed, wounded, captured...)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from pipelines.extract.actors import Actors
from pipelines.extract.matching import folded, search_at_hints, word_starts
from pipelines.extract.numbers import NUMBER_HINT, NUMBER_WORDS

_WORD = re.compile(r"[\w’'.-]+")


_SPACES = re.compile(r"\s+")


_KIND_BEFORE = [  # on folded text; each alternative starts at a word boundary
    (
        "killed_or_wounded",
        r"(?:killed|killing|kill|kills|left)\s+(?:or|and)\s+(?:wounded|injured|wounding|injuring)",
    ),
    ("bodies", r"(?:bodies|corpses|remains)\s+of"),
    # nouns of killing, and the euphemisms of military statements: "the deaths of", "claimed the
    # lives of", "neutralized", "the liquidation of"
    (
        "killed",
        r"(?:(?:death|deaths|killing|killings|murder|murders|liquidation|elimination)\s+of"
        r"|claimed\s+the\s+lives\s+of|neutrali[sz]ed|neutrali[sz]ing|eliminated|liquidated)",
    ),
    ("wounded", r"(?:injury|injuries|injuring|wounding)\s+of"),
    # the list of the dead: "among the dead were nine soldiers"
    ("killed", r"among\s+(?:the\s+)?(?:dead|killed|fatalities)\s+(?:were|was|are|is)"),
    ("wounded", r"among\s+(?:the\s+)?(?:wounded|injured)\s+(?:were|was|are|is)"),
    ("captured", r"(?:arrest|arrests|capture|abduction|kidnapping|detention)\s+of"),
    (
        "killed",
        r"(?:killed|killing|kill|kills|slew|slaying|executed|executing|massacred|lost|losing|beheaded|shot\s+dead)"
        # one person named first: "killed the bomber and two bystanders", "himself and"
        r"(?:\s+(?:himself|herself|themselves|(?:the|a|an|one|its|their|his|her)\s+(?!lives\b)[\w’'-]+(?:\s+[\w’'-]+)?)\s+(?:and|as\s+well\s+as))?",
    ),
    (
        "killed",
        r"(?:death\s+)?toll(?:\s+(?:from|in|of)\s+[^,.;:]{1,90}?)?\s+(?:(?:has|had|have)\s+)?"
        r"(?:at|of|to|(?:rose|risen|climbed|jumped|increased|grew|grown)\s+to|stood\s+at|stands\s+at|reached|was|is"
        # "the toll is estimated to be between 40 and 50", "was put at"
        r"|(?:is|was)\s+(?:estimated|believed|thought|put|feared)\s+(?:to\s+be|at)(?:\s+between)?)",
    ),
    (
        "killed",
        r"number\s+of\s+(?:dead|deaths|fatalities|people\s+killed)\s+(?:(?:has|had)\s+)?(?:rose|risen|climbed|jumped|increased|reached|grew|grown|stood|stands|was|is)(?:\s+(?:to|at))?",
    ),
    # a figure put at: "put the number of dead at 14 and the wounded at 22"
    ("killed", r"(?:number\s+of\s+|the\s+)(?:dead|deaths|fatalities)\s+at"),
    ("wounded", r"(?:number\s+of\s+|the\s+)(?:wounded|injured)\s+at"),
    (
        "wounded",
        r"number\s+of\s+(?:wounded|injured)\s+(?:(?:has|had)\s+)?(?:rose|risen|climbed|jumped|increased|reached|grew|grown|stood|stands|was|is)(?:\s+(?:to|at))?",
    ),
    ("wounded", r"(?:wounded|wounding|wounds|injured|injuring|injures|injure)"),
    (
        "captured",
        r"(?:captured|capturing|capture|abducted|abducting|kidnapped|kidnapping|arrested|arresting|detained|detaining|seized|took|taken)(?:\s+(?:captive|prisoner|hostage))?",
    ),
    ("attackers", r"(?:group|force|band|unit|wave)\s+of"),
    # an attack by its attackers: "the attack on the town in January by about 200 militants"
    (
        "attackers",
        r"(?:attack|attacked|assault|assaulted|raid|raided|stormed|ambush|ambushed)"
        r"(?:\s+[^,.;:]{1,50}?)?\s+by",
    ),
]


# one regex: the verb right before the number (the alternatives all end at the number, so one at
# most fits)
_KIND_BEFORE_RE = folded(
    r"\b(?:"
    + "|".join(f"(?P<b{i}>{pattern})" for i, (_, pattern) in enumerate(_KIND_BEFORE))
    # the verb may stand in quotation marks: 'it had "neutralised" 20 terrorists'
    + r")[”\"’']?\s+(?:(?:the|another|a\s+further|an\s+additional|some|just|only)\s+)?$"
)


# the first words of _KIND_BEFORE's alternatives: its matches start only where one does
_KIND_BEFORE_STARTS = word_starts(
    [
        "among",
        "kill",
        "murder",
        "liquidat",
        "eliminat",
        "neutrali",
        "claimed",
        "deaths",
        "detention",
        "left",
        "bodies",
        "corpses",
        "remains",
        "slew",
        "slay",
        "execut",
        "massacr",
        "lost",
        "losing",
        "behead",
        "shot",
        "death",
        "toll",
        "number",
        "the",
        "wound",
        "injur",
        "captur",
        "abduct",
        "kidnap",
        "arrest",
        "detain",
        "seiz",
        "took",
        "taken",
        "group",
        "force",
        "band",
        "unit",
        "wave",
        "attack",
        "assault",
        "raid",
        "storm",
        "ambush",
    ]
)


_FILLER = (
    r"(?:\s*,?\s*(?:were|was|are|is|have|has|had|been|being|be|also|reportedly|reported|believed"
    r"|said|feared|confirmed|presumed|known|to|all|later|who|that|were\s+later|in\s+all|managed"
    r"|tried"
    # degree: "were seriously wounded", "another two critically injured"
    r"|critically|seriously|severely|badly|gravely|slightly|lightly|moderately|either)\b){0,5}\s*"
)


_KIND_AFTER = [
    # one count of both: "were killed or wounded", "were killed and wounded"
    ("killed_or_wounded", r"(?:killed|dead)\s+(?:or|and)\s+(?:wounded|injured)|casualties"),
    (
        "killed",
        r"killed|died|dead|die|perished|martyred|lost\s+their\s+lives|slain|executed|shot\s+dead|beheaded|among\s+the\s+(?:dead|killed|fatalities)"
        r"|neutrali[sz]ed|liquidated|eliminated|(?:fatally|mortally)\s+(?:wounded|injured|shot)"
        r"|(?:shot|hacked|burned|burnt|stabbed|beaten|bludgeoned)\s+to\s+death|slaughtered"
        r"|massacred|lynched",
    ),
    ("wounded", r"wounded|injured|hurt|among\s+the\s+(?:wounded|injured)"),
    (
        "captured",
        r"captured|abducted|kidnapped|taken\s+(?:captive|prisoner|hostage)|arrested|detained|held\s+(?:captive|hostage)|hostages?|captives?",
    ),
    ("missing", r"missing|unaccounted"),
    ("escaped", r"escaped|escape|managed\s+to\s+flee"),
    ("garrison", r"manning|stationed|guarding|defending|posted|based"),
    (
        "attackers",
        r"attacking|attacked|attack|stormed|storming|assaulted|raided|overran|overrunning|launched|besieged|besieging|surrounded|encircled|ambushed|infiltrated|infiltrating",
    ),
]


_KIND_AFTER_RE = folded(
    # the noun and the verb may stand in quotation marks: '47 "terrorists" were "neutralized"'
    rf"^[”\"’']?{_FILLER}[“\"‘']?(?:"
    + "|".join(f"(?P<a{i}>{pattern})" for i, (_, pattern) in enumerate(_KIND_AFTER))
    + r")\b"
)


_ASIDE = folded(
    r"^\s*(?:,\s*(?:including|among\s+them|most\s+of\s+them|many\s+of\s+them|mostly)\b[^,]{0,60},|\([^)]{0,60}\))"
    # set off by dashes: "three attackers — besides the bomber — were killed"
    r"|^\s*[—–]\s*[^—–]{1,60}[—–]"
    # an aside whose closing comma is missing: "290 soldiers, including a commander were killed"
    r"|^\s*,\s*including\s+[^,]{1,60}?\s(?=(?:were|was|have|had|died)\b)"
    # "7 people including four soldiers died"
    r"|^\s+(?:including|among\s+them)\s+(?:[\w-]+\s+){1,4}?(?=(?:were|was|are|have|had|died|perished|killed)\b)"
    # where they are from: "five residents of the region were killed"
    r"|^\s+(?:of|from)\s+(?:the\s+)?(?:[\w’'-]+\s+){1,4}?(?=(?:were|was|have|had|died|perished)\b)"
    # more people joined to the counted ones: "three soldiers and a village guard were killed",
    # "seven police and army personnel were killed", "a hundred men, women and children were"
    r"|^(?:\s*,\s*[\w’'-]+){0,3}\s*,?\s+and\s+(?:[\w’'-]+\s+){1,4}?"
    r"(?=(?:were|have|had|died|perished|killed|wounded|injured|abducted|kidnapped|dead)\b)",
)


# "stationed at the base" is a garrison; "stationed in Afghanistan" is a troop level, not a claim
_STATIONED_AT_A_POST = folded(
    rf"^{_FILLER}stationed\s+(?:at|in|inside)\s+(?:the|a|an|that|this)\s+"
)


_GARRISON_BEFORE = folded(r"\b(?:of|out\s+of)\s+$")


_NOUNLESS = folded(
    r"^\s*(?:[,.;:)]|$|(?:were|was|are|is|have|has|had|in|on|at|and|or|during|from|to|with|of\s+them|who|after|as|but)\b"
    # a participle of harm right after the number: "two killed", "another two critically wounded";
    # or its verb: "12 died"
    r"|(?:(?:critically|seriously|severely|badly|gravely|slightly|lightly|fatally|mortally)\s+)?(?:killed|wounded|injured|dead|hurt)\b"
    r"|(?:died|perished)\b)",
)
# "six more soldiers", "six more were wounded": the people of "more" are those of the noun after it,
# else those counted before (claims._subject)
_MORE = folded(r"^\s+more\b")
_JOINED_PEOPLE = folded(
    r"\s+and\s+(?!(?:a|an|one|his|her|their)\s)(?P<other>[\w’'-]+(?:\s+[\w’'-]+){0,2}?)"
    r"(?=\s+(?:were|was|have|had|died|are)\b|\s*[,.;])"
)
# the civilians of a place listed by who they are: "40 men, women and children"
_CIVILIAN_LIST = folded(r"^\s+(?:(?:men|people)\s*,\s*)?women\s*,?\s+and\s+children\b")


_STOP_WORD = folded(
    r"(?:were|was|are|is|have|has|had|in|on|at|and|or|during|from|to|with|who|after|as|the|a|an|of|by|for|while|when|near|since)",
)


# words of what happened right after a number ("five killed"), or as adjectives before the counted
# noun ("seven wounded soldiers")
_KIND_ADJECTIVE = {
    "dead": "killed",
    "killed": "killed",
    "wounded": "wounded",
    "injured": "wounded",
    "hurt": "wounded",
    "captured": "captured",
    "abducted": "captured",
    "kidnapped": "captured",
    "arrested": "captured",
    "detained": "captured",
    "missing": "missing",
}


_KIND_WORD = folded(rf"\s+(?P<word>{'|'.join(_KIND_ADJECTIVE)})\b")


_PARTITIVE = folded(
    r"\s+of\s+(?:the|their|its|his|her|our|those)\s+"
    # the whole counted too: "seven of the 10 suspects"
    rf"(?:(?:\d[\d,]*|{'|'.join(sorted(NUMBER_WORDS, key=len, reverse=True))})\s+)?"
)


# "members of the", "members of Mozambique's" (a state's or a place's own forces), "people
# affiliated with", "individuals from this"
_GROUP_OF = folded(
    r"\s+(?:of|from|affiliated\s+with|loyal\s+to|belonging\s+to)\s+"
    r"(?:the\s+|one\s+|a\s+|an\s+|his\s+|her\s+|their\s+|its\s+|same\s+|this\s+|that\s+)*"
    r"(?:[\w-]+(?:\s+[\w-]+)?[’']s\s+)?"
)


# nouns that count people by what happened to them: "10 bodies", "50 casualties", "20 hostages"
_KIND_NOUN = {
    "bodies": "bodies",
    "corpses": "bodies",
    "casualties": "killed_or_wounded",
    "deaths": "killed",
    "fatalities": "killed",
    "hostages": "captured",
    "captives": "captured",
    "prisoners": "captured",
    "lives": "killed",  # "the attack claimed 18 lives"
}
# people saved come to no harm: "the evacuation saved 300 lives"
_SAVED_BEFORE = folded(r"\bsav(?:e|ed|es|ing)\s+(?:[\w-]+\s+){0,2}$")


_THING_NOUN = folded(rf"\s+(?:[\w-]+\s+){{0,2}}?(?P<noun>{'|'.join(_KIND_NOUN)})\b")
# after a partitive: "two of the hostages"
_KIND_NOUN_HERE = folded(rf"(?P<noun>{'|'.join(_KIND_NOUN)})\b")


@dataclass(frozen=True)
class NounPhrase:
    """What follows a number: whose people it counts (None: no noun), where the phrase ends, a kind
    the noun implies.
    """

    side: str | None
    end: int
    people: bool
    kind: str | None = None


def noun_phrase(text: str, pos: int, actors: Actors) -> NounPhrase:
    """The counted noun after a number in folded text: people ("afghan soldiers", "us service
    members"), nothing, or a thing.
    """
    window = text[pos : pos + 90]
    if more := _MORE.match(window):
        noun = noun_phrase(text, pos + more.end(), actors)
        return noun if noun.people else NounPhrase(None, pos + more.end(), True)
    if civilians := _CIVILIAN_LIST.match(window):
        return NounPhrase("civilian", pos + civilians.end(), True)
    if adjective := _KIND_WORD.match(window):
        noun = noun_phrase(text, pos + adjective.end(), actors)
        if noun.side is not None:
            return NounPhrase(noun.side, noun.end, True, _KIND_ADJECTIVE[adjective.group("word")])
        return NounPhrase(None, pos, True)
    if _NOUNLESS.match(window):
        return NounPhrase(None, pos, True)
    if partitive := _PARTITIVE.match(window):
        if owner := actors.subject_re.match(window, partitive.end()):
            # "20 of the attackers"
            return NounPhrase(actors.subject_side(owner.group(0)), pos + owner.end(), True)
        if m := _KIND_NOUN_HERE.match(window, partitive.end()):
            return NounPhrase(None, pos + m.end(), True, _KIND_NOUN[m.group("noun")])
    if m := _THING_NOUN.match(window):
        return NounPhrase(None, pos + m.end(), True, _KIND_NOUN[m.group("noun")])
    words = list(itertools.islice(_WORD.finditer(window), 5))
    for i, w in enumerate(words):
        if i and _STOP_WORD.fullmatch(w.group(0)):
            break
        if actors.subject_side(w.group(0)) is None and not actors.subject_re.match(
            window, w.start()
        ):
            continue
        end, side = _people_from(window, w.start(), actors)
        if side == "any" and (group := _GROUP_OF.match(window, end)):
            # "members of the security forces", "nine members of one family"
            owner = actors.subject_re.match(window, group.end())
            if owner is not None or window[group.end() :].startswith(("family", "families")):
                owner_end = (
                    owner.end() if owner else group.end() + window[group.end() :].index("famil") + 6
                )
                owner_side = actors.subject_side(window[group.end() : owner_end]) or "civilian"
                return NounPhrase(owner_side, pos + owner_end, True)
        return NounPhrase(side, pos + end, True)
    return NounPhrase(None, pos, False)


def _names_end(window: str, start: int, actors: Actors) -> int:
    """Where contiguous people names from `start` end: "US service members", "Taliban fighters"."""
    end = start
    while (m := actors.subject_re.match(window, end)) is not None:
        end = m.end()
        nxt = _SPACES.match(window[end:])
        if nxt is None or not actors.subject_re.match(window, end + nxt.end()):
            break
        end += nxt.end()
    return end


def _people_from(window: str, start: int, actors: Actors) -> tuple[int, str | None]:
    """(end, side) of the people named from `start`; people of two sides or two states joined by
    "and" ("Ethiopian and Eritrean troops", "soldiers and civilians") are of any side. A single
    person joined to them ("and a village guard") is not counted with them."""
    end = _names_end(window, start, actors)
    side = actors.subject_side(window[:end])
    joined = _JOINED_PEOPLE.match(window, end)
    if joined and NUMBER_HINT.search(joined.group("other")):
        joined = None  # "three soldiers and two civilians": a count of their own
    other_side = actors.subject_side(joined.group("other")) if joined else None
    if joined is None or other_side is None or side is None:
        return end, side
    if other_side != side or actors.actor(window[start:end]) != actors.actor(joined.group("other")):
        return joined.end(), "any"
    return end, side


def _matched(m: re.Match[str], kinds: list[tuple[str, str]]) -> str:
    return (
        kinds[int(m.lastgroup[1:])][0]
        if m.lastgroup
        else next(
            kinds[int(name[1:])][0] for name, value in m.groupdict().items() if value is not None
        )
    )


def harm_kind(text: str, q_start: int, noun: NounPhrase) -> str | None:
    """What happened to the people counted at q_start, from the words before the number, else an
    adjective of its noun ("13 kidnapped citizens"), else the words after the noun (folded text):
    "the bodies of 13 kidnapped citizens" are bodies. Captives killed or wounded are counted as
    such: "two hostages were killed".
    """
    before = text[max(0, q_start - 60) : q_start]
    if "sav" in before and _SAVED_BEFORE.search(before):
        return None
    if m := search_at_hints(_KIND_BEFORE_RE, _KIND_BEFORE_STARTS, before):
        return _matched(m, _KIND_BEFORE)
    if noun.kind is not None:
        after = _kind_after(text, noun.end, before) if noun.kind == "captured" else None
        return after if after in ("killed", "wounded") else noun.kind
    if "toll" in text[max(0, q_start - 160) : q_start] and (
        m := search_at_hints(
            _KIND_BEFORE_RE, _KIND_BEFORE_STARTS, text, max(0, q_start - 160), q_start
        )
    ):
        # "the death toll from <a long description of the attack> has risen to 30"
        return _matched(m, _KIND_BEFORE)
    return _kind_after(text, noun.end, before)


def _kind_after(text: str, noun_end: int, before: str) -> str | None:
    """What happened to the people of a noun, from the words after it."""
    # skip an aside between the noun and its verb: "four civilians, including two children, were
    # killed"
    after = _ASIDE.sub("", text[noun_end : noun_end + 120], count=1)
    if m := _KIND_AFTER_RE.match(after):
        kind = _matched(m, _KIND_AFTER)
        if (
            kind != "garrison"
            or _GARRISON_BEFORE.search(before)
            or _STATIONED_AT_A_POST.match(after)
        ):
            return kind
    return None
