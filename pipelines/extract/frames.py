"""The reporting frames of English news prose, as patterns: a reporting verb (said, told, claimed,
put the toll at), its speaker, and where the words it reports stand.

The grammar, where SAY is a reporting verb (with auxiliaries: "had earlier announced") and SPEAKER
a noun phrase (a name, a title, an appositive, a role, a plural):

    LEADING            SPEAKER SAY [object] [day] [that] REPORTED   "The army said on Monday that"
                       SPEAKER put|revised the toll at|to FIGURE    "revised its toll to 31"
    TRAILING           REPORTED, SPEAKER [has] SAY [where, when].   "..., officials said on Monday."
    CLAUSE_LEADING     REPORTED, but|when... SPEAKER SAY REPORTED   "..., but the Taliban said 40"
    TRAILING_INVERTED  REPORTED, said SPEAKER.                      "..., said Major General X."
    MID                REPORTED, SAYing|putting it at REPORTED      "..., putting the toll at 20"
    PARTICIPLE         SPEAKER VERBed ..., claiming|blaming REPORTED "The ELN ..., claiming 17 dead"
                       ... SPEAKER SAY, adding (that) REPORTED       '"...," he said, adding that'
    ACCORDING          according to SPEAKER                         "according to residents"
    TRAILING_APPOSED   REPORTED, NAME, APPOSITION, SAY.       "..., Ali Khan, the governor, said"
    RELATIVE           SPEAKER, which|who SAY REPORTED              "the army, which said 26 died"
    EMBEDDED           (in) which|that SPEAKER SAY REPORTED   "a raid in which police said 9 ..."
    QUOTED_AS          quoted SPEAKER as saying (that) REPORTED     "AFP quoted the group as saying"
    QUOTE              "REPORTED," SPEAKER SAY | SPEAKER SAY: "REPORTED"

A number takes the speaker of the innermost frame that holds it (attribution.py). A reporting word
whose speaker names no one is a noun ("a report from the ministry stated"), and the frame is looked
for further on.
"""

from __future__ import annotations

import re

from pipelines.extract.matching import folded, whole_words
from pipelines.extract.trie import trie_pattern

SAY_WORDS = [
    "said",
    "says",
    "say",
    "told",
    "tells",
    "tell",
    "added",
    "adds",
    "claimed",
    "claims",
    "claim",
    "stated",
    "states",
    "announced",
    "announces",
    "reported",
    "reports",
    "report",
    "confirmed",
    "confirms",
    "insisted",
    "insists",
    "noted",
    "explained",
    "estimated",
    "estimates",
    "wrote",
    "tweeted",
    "posted",
    "affirmed",
    "affirms",
    "asserted",
    "stressed",
    "declared",
    "revealed",
    "disclosed",
    "acknowledged",
    "admitted",
    "published",
]


# as a trie (one branch per letter), which the speaker patterns try at every word of a clause
SAY = (
    "(?:"
    + trie_pattern(
        [*SAY_WORDS, "spoke of", "speak of", "speaks of"],
        lambda ch: r"\s+" if ch == " " else re.escape(ch),
    )
    + ")"
)


# whom it was said to: "told reporters", "told the AP", "confirmed to Reuters"
SAY_OBJECT = (
    r"(?:\s+(?:to\s+)?(?:the\s+)?"
    r"(?:reporters|journalists|(?-i:[A-Z][\w.]+(?:\s+[A-Z][\w.]+){0,2})))?"
)


# "put the toll at 20", "put the number of dead at 14", "revised the toll to 31"
PUT_FIGURE = (
    r"(?:gave\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}toll"
    r"|put\s+(?:the|its|their|his|her)\s+(?:death\s+)?(?:toll|number|figure|casualties)"
    r"(?:\s+of\s+(?:the\s+)?(?:dead|deaths|fatalities|casualties|wounded|injured))?\s+at"
    r"|(?:revised|raised|lowered|updated)\s+(?:the|its|their|his|her)\s+(?:death\s+)?toll\s+to)"
)


SPEAKER = (
    r"[^;:!?“”\"]{1,110}?"  # periods inside a sentence belong to abbreviations ("Capt.", "U.S.")
)


DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight)"


LEADING = re.compile(
    rf"""(?:however|but|meanwhile|and|separately|earlier|later|still)?,?\s*
    (?P<speaker>{SPEAKER})\s+(?:had\s+|has\s+|have\s+|also\s+|earlier\s+|later\s+|previously\s+|separately\s+){{0,3}}
    (?:{SAY}{SAY_OBJECT}|{PUT_FIGURE})
    # when it was said, between the verb and what it says: "announced on Thursday that"
    (?:\s+(?:on\s+)?(?:{DAY}))?
    (?:,?\s+saying)?(?:\s+that)?\s*,?\s+""",
    re.IGNORECASE | re.VERBOSE,
)


# where, when and how a trailing frame's words were said: "late on Monday", "in a statement on its
# website", "in what was the third raid in a day", "as the toll rose"
SAID_WHERE = (
    r"(?:\s+(?:on|in|at|by|via|through|during|late|early|earlier|later|last|this|as|after|when"
    r"|amid)\b(?:\s+[\w’'.-]+){0,8}){0,2}"
)


TRAILING = re.compile(  # matched only at the sentence start and at commas
    rf""",?\s*(?P<speaker>[^,;“”"]{{1,90}}?)\s+(?:has\s+|have\s+|had\s+)?(?:also\s+|later\s+|earlier\s+)?
    (?:{SAY}){SAY_OBJECT}
    {SAID_WHERE}
    \s*(?=[,.;]|$)""",
    re.IGNORECASE | re.VERBOSE,
)


# a second speaker after a comma: "..., but the Taliban said 40",
# "..., while Mujahid put the number at 40"
CLAUSE_LEADING = re.compile(
    rf""",\s*(?:but|while|whereas|although|and|however,?|when|as|after|since)\s+(?P<speaker>[^,;:!?“”"]{{1,90}}?)\s+
    (?:had\s+|has\s+|have\s+|also\s+){{0,2}}
    (?:{SAY}{SAY_OBJECT}|{PUT_FIGURE})(?:\s+that)?\s+""",
    re.IGNORECASE | re.VERBOSE,
)


TRAILING_INVERTED = re.compile(
    r",\s*(?:said|says|added|according\s+to)\s+(?P<speaker>[^;]{2,300}?)\s*[.;]?$", re.IGNORECASE
)


MID = re.compile(
    r"\b(?:with|while|as|and)\s+(?P<speaker>(?:the\s+)?[\w’' "
    r"-]{2,50}?)\s+(?:putting|saying|claiming|giving|reporting|estimating|citing)\b",
    re.IGNORECASE,
)


MID_VERBS = ("putting", "saying", "claiming", "giving", "reporting", "estimating", "citing")


# a participle after a comma whose speaker is the subject of the sentence: "The group denied the
# attack, blaming stray bullets for eight deaths", "The ELN took credit, claiming 17 dead"
SUBJECT_PARTICIPLE = re.compile(
    r",\s+(?:claiming|saying|adding|insisting|blaming|putting|estimating)\b", re.IGNORECASE
)


# the frame a participle follows: '"...," the police chief said, adding that five attackers died'
SAID_BEFORE_PARTICIPLE = re.compile(
    rf"""(?:^|[,”"])\s*(?P<speaker>[^,;“”"]{{1,90}}?)\s+(?:has\s+|have\s+|had\s+)?
    (?:{SAY}){SAY_OBJECT}\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


# a speaker's name may hold the periods of an abbreviation ("the U.N. human rights office")
ACCORDING = re.compile(
    r"\baccording\s+to\s+(?P<speaker>(?:[^,.;]|(?-i:(?<=\b[A-Z])\.(?=[A-Z]\.|\s+[a-z]))){2,100}"
    r"(?-i:(?<=\b[A-Z])\.)?)",
    re.IGNORECASE,
)


# a trailing frame whose speaker is a person's name (two words or more) with an appositive: "...,
# Ahmad Khan, the police chief, told Reuters." (matched at the comma before the name)
TRAILING_APPOSED = re.compile(
    rf""",\s*(?P<speaker>(?-i:[A-Z][\w’'.-]+(?:\s+(?:[A-Z]|(?:al|el|bin|ibn|de|da|van|von)\b)[\w’'.-]*){{1,5}})
    ,\s*[^,;“”"]{{2,110}}?),?\s+(?:has\s+|have\s+|had\s+)?(?:also\s+|later\s+|earlier\s+)?
    (?:{SAY}){SAY_OBJECT}
    {SAID_WHERE}
    \s*(?=[,.;]|$)""",
    re.IGNORECASE | re.VERBOSE,
)


# a frame inside a relative clause, spoken by its subject: "an attack in which the ministry said 12
# died", "fighting that the group said killed six of its men"
EMBEDDED = re.compile(
    rf"""\b(?:in\s+which|which|that)\s+
    (?P<speaker>(?:the\s+|an?\s+|its\s+|their\s+)?[\w’'.-]+(?:\s+[\w’'.-]+){{0,4}}?)\s+
    (?:had\s+|has\s+|have\s+|also\s+|later\s+){{0,2}}(?:{SAY})(?:\s+that)?\s+""",
    re.IGNORECASE | re.VERBOSE,
)


# another outlet quoting its source, which the numbers belong to: "SITE quoted a statement by the
# group as saying that"
QUOTED_AS = re.compile(
    r"\bquot(?:ed|es|ing)\s+(?P<speaker>[^,;:“”\"]{2,110}?)\s+as\s+(?:saying|stating)"
    r"(?:\s+that)?\s+",
    re.IGNORECASE,
)


# a relative clause after its speaker: "..., dismissed by the army, which said 26 soldiers died"
RELATIVE = re.compile(
    rf"""(?P<speaker>(?:[\w’'.-]+\s+){{0,3}}[\w’'.-]+),\s+(?:which|who)\s+
    (?:had\s+|has\s+|have\s+|also\s+|later\s+|earlier\s+){{0,2}}
    (?:{SAY}{SAY_OBJECT}|{PUT_FIGURE})(?:\s+that)?\s+""",
    re.IGNORECASE | re.VERBOSE,
)
# the words a relative clause's speaker follows ("dismissed by the army", "citing the governor"):
# the speaker starts after the last of them
RELATIVE_SPEAKER_AFTER = frozenset(
    [
        "by",
        "of",
        "from",
        "to",
        "with",
        "in",
        "on",
        "at",
        "for",
        "as",
        "and",
        "than",
        "that",
        "after",
        "before",
        "against",
        "citing",
        "quoting",
    ]
)


# a quotation; inside typographic marks it may hold short quoted words of its own ("... were also
# “neutralized” and ..."), which do not close it
QUOTE = re.compile(r"“(?:[^“”\"]|“[^“”\"]{1,40}”){3,}”|[“\"][^”\"]{3,}[”\"]")


AFTER_QUOTE = re.compile(
    rf"""\s*,?\s*(?:(?:{SAY})\s+(?P<speaker_after_verb>[^.;“”"]{{2,150}}?)\s*[.;]|(?P<speaker>[^.;“”"]{{2,150}}?)\s+(?:also\s+)?(?:{SAY}){SAY_OBJECT}\b)""",
    re.IGNORECASE | re.VERBOSE,
)


BEFORE_QUOTE = re.compile(
    rf"\s*(?P<speaker>.{{2,120}}?)\s+(?:{SAY}){SAY_OBJECT}\s*[:,]?\s*", re.IGNORECASE | re.DOTALL
)


# every word that can introduce a speaker
SAY_HINT = folded(
    whole_words(
        [
            *SAY_WORDS,
            *("spoke of", "speak of", "speaks of", "according", *MID_VERBS, "gave", "put"),
            *("revised", "raised", "lowered", "updated"),
            *("quoted", "quotes", "quoting"),
            *("blaming", "adding", "insisting"),
        ],
        lambda ch: r"\s+" if ch == " " else re.escape(ch),
    )
)
