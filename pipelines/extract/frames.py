"""The reporting frames of English news prose, as patterns: a reporting verb (said, told, claimed,
put the toll at), its speaker, and where the words it reports stand.

The grammar, where SAY is a reporting verb (with auxiliaries: "had earlier announced") and SPEAKER
a noun phrase (a name, a title, an appositive, a role, a plural):

    LEADING            SPEAKER SAY [object] [day] [that] REPORTED   "The army said on Monday that"
    TRAILING           REPORTED, SPEAKER [has] SAY [where, when].   "..., officials said on Monday."
    CLAUSE_LEADING     REPORTED, but|while|and SPEAKER SAY REPORTED "..., but the Taliban said 40"
    TRAILING_INVERTED  REPORTED, said SPEAKER.                      "..., said Major General X."
    MID                REPORTED, SAYing|putting it at REPORTED      "..., putting the toll at 20"
    ACCORDING          according to SPEAKER                         "according to residents"
    RELATIVE           SPEAKER, which|who SAY REPORTED              "the army, which said 26 died"
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


SAY_OBJECT = (
    r"(?:\s+(?:the\s+)?(?:reporters|journalists|(?-i:[A-Z][\w.]+(?:\s+[A-Z][\w.]+){0,2})))?"
)


PUT_FIGURE = (
    r"(?:gave\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}toll"
    r"|put\s+(?:the|its|their|his|her)\s+(?:death\s+)?(?:toll|number|figure|casualties)\s+at)"
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


TRAILING = re.compile(  # matched only at the sentence start and at commas
    rf""",?\s*(?P<speaker>[^,;“”"]{{1,90}}?)\s+(?:has\s+|have\s+|had\s+)?(?:also\s+|later\s+|earlier\s+)?
    (?:{SAY}){SAY_OBJECT}
    # where and when it was said: "on Monday", "late on Monday", "in a statement on its website"
    (?:\s+(?:on|in|at|by|via|through|during|late|early|earlier|later|last|this)\b
       (?:\s+[A-Za-z’'.-]+){{0,4}}){{0,2}}
    \s*(?=[,.;]|$)""",
    re.IGNORECASE | re.VERBOSE,
)


# a second speaker after a comma: "..., but the Taliban said 40",
# "..., while Mujahid put the number at 40"
CLAUSE_LEADING = re.compile(
    rf""",\s*(?:but|while|whereas|although|and|however,?)\s+(?P<speaker>[^,;:!?“”"]{{1,90}}?)\s+
    (?:had\s+|has\s+|have\s+|also\s+){{0,2}}
    (?:{SAY}{SAY_OBJECT}|{PUT_FIGURE})(?:\s+that)?\s+""",
    re.IGNORECASE | re.VERBOSE,
)


TRAILING_INVERTED = re.compile(
    r",\s*(?:said|says|added|according\s+to)\s+(?P<speaker>[^;]{2,140}?)\s*[.;]?$", re.IGNORECASE
)


MID = re.compile(
    r"\b(?:with|while|as|and)\s+(?P<speaker>(?:the\s+)?[\w’' "
    r"-]{2,50}?)\s+(?:putting|saying|claiming|giving|reporting|estimating|citing)\b",
    re.IGNORECASE,
)


MID_VERBS = ("putting", "saying", "claiming", "giving", "reporting", "estimating", "citing")


ACCORDING = re.compile(r"\baccording\s+to\s+(?P<speaker>[^,.;]{2,100})", re.IGNORECASE)


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


QUOTE = re.compile(r"[“\"](?P<body>[^”\"]{3,})[”\"]")


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
        [*SAY_WORDS, "spoke of", "speak of", "speaks of", "according", *MID_VERBS, "gave", "put"],
        lambda ch: r"\s+" if ch == " " else re.escape(ch),
    )
)
