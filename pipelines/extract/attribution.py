"""Who says a number: the reporting frames of a sentence (said, told, according to, a quote and its
speaker) and the speakers they name, resolved to a side.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field

from pipelines.extract.actors import Actors
from pipelines.extract.matching import fold, folded, whole_words
from pipelines.extract.numbers import NUMBER_HINT as _HAS_NUMBER
from pipelines.extract.numbers import find_quantities
from pipelines.extract.trie import trie_pattern

# start to match: their speaker phrases are bounded (110 and 90 characters), so farther verbs cannot
# be theirs
_LEADING_REACH, _CLAUSE_REACH = 250, 160

_SAY_WORDS = [
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
_SAY = (
    "(?:"
    + trie_pattern(
        [*_SAY_WORDS, "spoke of", "speak of", "speaks of"],
        lambda ch: r"\s+" if ch == " " else re.escape(ch),
    )
    + ")"
)


_SAY_OBJECT = (
    r"(?:\s+(?:the\s+)?(?:reporters|journalists|(?-i:[A-Z][\w.]+(?:\s+[A-Z][\w.]+){0,2})))?"
)


_PUT_FIGURE = r"(?:gave\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}toll|put\s+(?:the|its|their|his|her)\s+(?:death\s+)?(?:toll|number|figure|casualties)\s+at)"


_SPEAKER = (
    r"[^;:!?“”\"]{1,110}?"  # periods inside a sentence belong to abbreviations ("Capt.", "U.S.")
)


_LEADING = re.compile(
    rf"""(?:however|but|meanwhile|and|separately|earlier|later|still)?,?\s*
    (?P<speaker>{_SPEAKER})\s+(?:had\s+|has\s+|have\s+|also\s+|earlier\s+|later\s+|previously\s+|separately\s+){{0,3}}
    (?:{_SAY}{_SAY_OBJECT}|{_PUT_FIGURE})
    (?:,?\s+saying)?(?:\s+that)?\s*,?\s+""",
    re.IGNORECASE | re.VERBOSE,
)


_TRAILING = re.compile(  # matched only at the sentence start and at commas
    rf""",?\s*(?P<speaker>[^,;“”"]{{1,90}}?)\s+(?:also\s+|later\s+|earlier\s+)?
    (?:{_SAY}){_SAY_OBJECT}(?:\s+(?:on|in|by|late|early|earlier|later|last|this)\s+[\w.]+){{0,2}}(?:\s+in\s+a\s+statement)?\s*(?=[,.;]|$)""",
    re.IGNORECASE | re.VERBOSE,
)


_CLAUSE_LEADING = re.compile(  # a second speaker after a comma: "..., but the Taliban said 40", "..., while Mujahid put the number at 40"
    rf""",\s*(?:but|while|whereas|although|and|however,?)\s+(?P<speaker>[^,;:!?“”"]{{1,90}}?)\s+(?:had\s+|has\s+|have\s+|also\s+){{0,2}}
    (?:{_SAY}{_SAY_OBJECT}|{_PUT_FIGURE})(?:\s+that)?\s+""",
    re.IGNORECASE | re.VERBOSE,
)


_TRAILING_INVERTED = re.compile(
    r",\s*(?:said|says|added|according\s+to)\s+(?P<speaker>[^;]{2,140}?)\s*[.;]?$", re.IGNORECASE
)


_MID = re.compile(
    r"\b(?:with|while|as|and)\s+(?P<speaker>(?:the\s+)?[\w’' "
    r"-]{2,50}?)\s+(?:putting|saying|claiming|giving|reporting|estimating|citing)\b",
    re.IGNORECASE,
)


_MID_VERBS = ("putting", "saying", "claiming", "giving", "reporting", "estimating", "citing")


_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<speaker>[^,.;]{2,100})", re.IGNORECASE)


_PRONOUN = re.compile(
    r"^(?:he|she|they|it|the\s+(?:source|official|spokesman|spokeswoman|spokesperson|statement|report|group)|one\s+source|a\s+source|another\s+source|the\s+same\s+source)$",
    re.IGNORECASE,
)


_QUOTE = re.compile(r"[“\"](?P<body>[^”\"]{3,})[”\"]")


_AFTER_QUOTE = re.compile(
    rf"""\s*,?\s*(?:(?:{_SAY})\s+(?P<speaker_after_verb>[^.;“”"]{{2,150}}?)\s*[.;]|(?P<speaker>[^.;“”"]{{2,150}}?)\s+(?:also\s+)?(?:{_SAY}){_SAY_OBJECT}\b)""",
    re.IGNORECASE | re.VERBOSE,
)


_BEFORE_QUOTE = re.compile(
    rf"\s*(?P<speaker>.{{2,120}}?)\s+(?:{_SAY}){_SAY_OBJECT}\s*[:,]?\s*", re.IGNORECASE | re.DOTALL
)


@dataclass
class Attribution:
    start: int
    end: int
    speaker: str
    side: str | None
    leading: bool


@dataclass
class Speakers:
    """The last named speaker, for pronouns and 'the source'.

    Sentences without counts are queued and read for their speakers only when a pronoun needs
    the last speaker, in order; most articles never need it, and skipping them is most of the cost.
    """

    actors: Actors
    name: str | None = None
    side: str | None = None
    pending: deque[tuple[str | None, list[Attribution] | None]] = field(default_factory=deque)
    flushing: bool = False
    people: dict[str, tuple[str, str]] = field(
        default_factory=dict
    )  # a named person's every name -> (speaker, side)

    def remember(self, attributions: list[Attribution]) -> None:
        for attribution in attributions:
            if names_a_speaker(attribution):
                self.name, self.side = attribution.speaker, attribution.side
                for person in _FULL_NAME.finditer(attribution.speaker):
                    for name in person.group(0).split():
                        self.people.setdefault(name, (attribution.speaker, attribution.side))

    def person(self, name: str) -> tuple[str, str] | None:
        """Who a bare name ("Ahmed", "Mr Wazir") refers to: a person named in full earlier, with
        their side.
        """
        self.last()
        return self.people.get(_TITLE.sub("", name))

    def last(self) -> tuple[str | None, str | None]:
        if not self.flushing:
            self.flushing = True
            try:
                while self.pending:
                    sentence, found = self.pending.popleft()
                    self.remember(
                        found if found is not None else attributions_in(sentence, self.actors, self)
                    )
            finally:
                self.flushing = False
        return self.name, self.side


_LEAD_IN = re.compile(
    r"^(?:however|but|meanwhile|and|separately|earlier|later|still)\b,?\s*", re.IGNORECASE
)


_TAIL_OUT = re.compile(r"\s*,?\s*(?:meanwhile|also|however)\s*,?\s*$", re.IGNORECASE)


_SOURCES = re.compile(r"\bsources?\b", re.IGNORECASE)


_TITLES = r"(?:Mr|Mrs|Ms|Dr|Gen|Col|Capt|Maj|Lt|Sgt|Brig|Gov|Sheikh|Mullah|Maulvi|Qari|Haji)\.?\s+"


_TITLE = re.compile(rf"^{_TITLES}")


_BARE_NAME = re.compile(rf"^(?:{_TITLES})?[A-Z][a-z’'-]{{2,}}$")


_FULL_NAME = re.compile(r"(?<![\w.])[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+)+")


_PERSON_NAME = re.compile(r"^[A-Z][a-z]+\.?(?:\s+[A-Z][\w'-]+)+$")


_WORD = re.compile(r"[\w’'.-]+")


_SPACES = re.compile(r"\s+")


_COMMA = re.compile(",")


_QUOTE_BREAK = re.compile(r"[.;“”\"]")


def _clean_speaker(phrase: str) -> str:
    phrase = _LEAD_IN.sub("", phrase.strip(" ,"))
    if (
        phrase.lower().rstrip().rstrip(",").rstrip().endswith(("meanwhile", "also", "however"))
    ):  # cheap test before the regex
        phrase = _TAIL_OUT.sub("", phrase)
    return phrase.strip(" ,")


def resolve_speaker(phrase: str, actors: Actors, speakers: Speakers) -> tuple[str, str | None]:
    """Speaker phrase to (claimant, side); pronouns and bare 'source' take the last named speaker, a
    surname its bearer.
    """
    phrase = _clean_speaker(phrase)
    side = actors.speaker_side(phrase)
    if side is None and _BARE_NAME.match(phrase) and (person := speakers.person(phrase)):
        return person
    if side is None and (_PRONOUN.match(phrase) or _SOURCES.search(phrase)):
        name, side = speakers.last()
        if side is None and phrase.lower() == "the group":
            return (
                phrase,
                "insurgent",
            )  # with no one named before, "the group" in a conflict report is the armed group
        return (name or phrase), side
    return phrase, side


def _plausible_speaker(phrase: str) -> bool:
    words = _clean_speaker(phrase).split()
    # "one source" names a speaker; "43 troops" in a clause means the regex overreached
    return 0 < len(words) <= 14 and (
        not _HAS_NUMBER.search(fold(phrase)) or all(q.value == 1 for q in find_quantities(phrase))
    )


# every word that can introduce a speaker
_SAY_HINT = folded(
    whole_words(
        [*_SAY_WORDS, "spoke of", "speak of", "speaks of", "according", *_MID_VERBS, "gave", "put"],
        lambda ch: r"\s+" if ch == " " else re.escape(ch),
    )
)


def attributions_in(sentence: str, actors: Actors, speakers: Speakers) -> list[Attribution]:
    found: list[Attribution] = []
    lowered = fold(sentence)
    cues = [m.start() for m in _SAY_HINT.finditer(lowered)]
    if not cues:
        return found

    def verb_within(start: int, reach: int, stop: int) -> bool:
        following = bisect_right(cues, start)
        return following < len(cues) and cues[following] - start <= reach and cues[following] < stop

    def add(m: re.Match[str], leading: bool) -> None:
        phrase = m.group("speaker")
        if not _plausible_speaker(phrase):
            return
        claimant, side = resolve_speaker(phrase, actors, speakers)
        if (
            side is None
            and not _PRONOUN.match(_clean_speaker(phrase))
            and not actors.speaker_re.search(fold(phrase))
        ):
            if not _PERSON_NAME.match(_clean_speaker(phrase)):
                return  # neither a known actor nor a person's name: not a speaker
        found.append(Attribution(m.start(), m.end(), claimant, side, leading))

    if verb_within(-1, _LEADING_REACH, len(sentence)) and (m := _LEADING.match(sentence)):
        add(m, True)
    commas = [m.start() for m in _COMMA.finditer(sentence)] + [len(sentence), len(sentence)]
    for i, start in enumerate([0, *commas[:-2]]):
        # a speaker phrase holds no comma: _TRAILING's verb stands before the next comma,
        # _CLAUSE_LEADING's ("..., however, the army said") before the one after
        if (
            verb_within(start, _CLAUSE_REACH, commas[i])
            and (m := _TRAILING.match(sentence, start))
            and (not found or m.start() >= found[-1].end)
        ):
            add(m, False)
        elif (
            start
            and verb_within(start, _CLAUSE_REACH, commas[i + 1])
            and (m := _CLAUSE_LEADING.match(sentence, start))
        ):
            add(m, True)
    if (
        ", said" in lowered
        or ", says" in lowered
        or ", added" in lowered
        or ", according" in lowered
    ):
        if m := _TRAILING_INVERTED.search(sentence):
            add(m, False)
    if any(verb in lowered for verb in _MID_VERBS):
        for m in _MID.finditer(sentence):
            add(m, True)
    if "according" in lowered and (m := _ACCORDING.search(sentence)):
        add(m, m.start() < 3)
    found.sort(key=lambda a: a.start)
    return found


def pick_attribution(attributions: list[Attribution], position: int) -> Attribution | None:
    leading = [a for a in attributions if a.leading and a.end <= position]
    if leading:
        return leading[-1]
    trailing = [a for a in attributions if not a.leading and a.start >= position]
    if trailing:
        return trailing[0]
    before = [a for a in attributions if a.end <= position]
    return before[-1] if before else None


def quote_speakers(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """(quote start, quote end, speaker phrase) for each quotation in a paragraph whose speaker is
    named.

    The phrase is resolved by the caller once the sentences before the quote have been read, so a
    surname ("...," Warsame said) finds the full name given earlier in the same paragraph.
    """
    for m in _QUOTE.finditer(text, start, end):
        after = _AFTER_QUOTE.match(text, m.end(), end)
        # the clause right before the quote, e.g. 'A spokesman said:'
        before = _BEFORE_QUOTE.fullmatch(
            _QUOTE_BREAK.split(text[max(start, m.start() - 150) : m.start()])[-1]
        )
        phrase = None
        if after:
            phrase = after.group("speaker_after_verb") or after.group("speaker")
        elif before:
            phrase = before.group("speaker")
        if phrase and _plausible_speaker(phrase):
            yield m.start(), m.end(), phrase


def names_a_speaker(attribution: Attribution) -> bool:
    """Whether an attribution names someone a later pronoun or "the source" can refer to."""
    return attribution.side is not None and not _PRONOUN.match(attribution.speaker)


class Quotes:
    """A paragraph's quotations with their speakers, in order, for the numbers inside them and for
    the speakers they leave behind. Each lookup costs the log of their number, however long the
    paragraph.
    """

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.spoken: list[Attribution] = []
        self.remembered = 0
        self.last_speaker: Attribution | None = None

    def add(self, quote: Attribution) -> None:
        self.starts.append(quote.start)
        self.spoken.append(quote)
        if names_a_speaker(quote):
            self.last_speaker = quote

    def around(self, position: int) -> Attribution | None:
        """The quotation that holds `position`, if one does."""
        i = bisect_right(self.starts, position) - 1
        return self.spoken[i] if i >= 0 and position < self.spoken[i].end else None

    def unremembered(self) -> list[Attribution]:
        """The quotes' speakers to remember after a sentence: those not yet remembered, then the
        last named one again, so that it is the last speaker, as if every quote so far were
        remembered once more.
        """
        fresh = self.spoken[self.remembered :]
        self.remembered = len(self.spoken)
        return fresh + ([self.last_speaker] if self.last_speaker is not None else [])
