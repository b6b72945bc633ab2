"""Who says a number: the reporting frames of a sentence (said, told, according to, a quote and its
speaker) and the speakers they name, resolved to a side.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from pipelines.extract.actors import COUNTRY_BY_NAME, Actors
from pipelines.extract.frames import (
    ACCORDING,
    AFTER_QUOTE,
    BEFORE_QUOTE,
    CLAUSE_LEADING,
    EMBEDDED,
    LEADING,
    MID,
    MID_VERBS,
    QUOTE,
    QUOTED_AS,
    RELATIVE,
    RELATIVE_SPEAKER_AFTER,
    SAID_BEFORE_PARTICIPLE,
    SAY_HINT,
    SUBJECT_PARTICIPLE,
    TRAILING,
    TRAILING_APPOSED,
    TRAILING_INVERTED,
)
from pipelines.extract.matching import fold
from pipelines.extract.numbers import NUMBER_HINT as _HAS_NUMBER
from pipelines.extract.numbers import find_quantities

# start to match: their speaker phrases are bounded (110 and 90 characters), so farther verbs cannot
# be theirs
_LEADING_REACH, _CLAUSE_REACH = 250, 160
# the most words a speaker phrase has; a longer one means a pattern overreached
_SPEAKER_WORDS = 14


# the head nouns a definite reference repeats: "a military source ... the source"
_HEADS = re.compile(r"\b(?:source|official|spokesman|spokeswoman|spokesperson|commander)\b")
_PRONOUN = re.compile(
    r"^(?:he|she|they|it|the\s+(?:source|official|spokesman|spokeswoman|spokesperson|statement|report|group)|one\s+source|a\s+source|another\s+source|the\s+same\s+source)$",
    re.IGNORECASE,
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
    # a named person's every name -> (speaker, side)
    people: dict[str, tuple[str, str]] = field(default_factory=dict)
    # the last speaker whose phrase holds a head noun ("a French military source") -> (speaker,
    # side), for "the source" when another speaker came between
    by_head: dict[str, tuple[str, str]] = field(default_factory=dict)

    def remember(self, attributions: list[Attribution]) -> None:
        for attribution in attributions:
            if names_a_speaker(attribution):
                self.name, self.side = attribution.speaker, attribution.side
                for head in _HEADS.findall(attribution.speaker.lower()):
                    self.by_head[head] = (attribution.speaker, attribution.side)
                if attribution.side in ("insurgent", "watchdog"):
                    # "the group" is an armed group or a rights group, never a ministry
                    self.by_head["group"] = (attribution.speaker, attribution.side)
                for person in _FULL_NAME.finditer(attribution.speaker):
                    for name in person.group(0).split():
                        # "al-Mismari" is also "Mismari"
                        for known in {name, _PARTICLE.sub("", name)}:
                            self.people.setdefault(known, (attribution.speaker, attribution.side))

    def person(self, name: str) -> tuple[str, str] | None:
        """Who a bare name ("Ahmed", "Mr Wazir") refers to: a person named in full earlier, with
        their side.
        """
        self.last()
        return self.people.get(_TITLE.sub("", name))

    def last_like(self, phrase: str) -> tuple[str | None, str | None]:
        """The speaker "the source" or "the official" refers to: the last one so called, else the
        last one; "the group" is the last armed or rights group."""
        last = self.last()
        if phrase.lower() == "the group":
            return self.by_head.get("group", (None, None))
        head = _HEADS.search(phrase.lower())
        return self.by_head.get(head.group(0), last) if head else last

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


# what may open a speaker phrase without being the speaker: a connective, or an adverbial of time
# or place set off by a comma ("On Sunday afternoon, Kokang News reported:")
_LEAD_IN = re.compile(
    r"^(?:(?:however|but|meanwhile|and|separately|earlier|later|still)\b,?\s*"
    r"|(?:on|in|at|late|early|during|after|before|by)\s[^,]{1,40},\s*"
    # "Two days later, the ministry said", "A day earlier, officials said"
    r"|(?:a|an|one|two|three|four|five|six|several|\d+)\s+(?:hours?|days?|weeks?|months?)"
    r"\s+(?:later|earlier|after|before)\b,?\s*)+",
    re.IGNORECASE,
)


_TAIL_OUT = re.compile(r"\s*,?\s*(?:meanwhile|also|however)\s*,?\s*$", re.IGNORECASE)


_SOURCES = re.compile(r"\bsources?\b", re.IGNORECASE)
_UNNAMED_SOURCES = re.compile(
    r"^(?:(?:some|other|several|many|unnamed|anonymous)\s+)*sources$", re.IGNORECASE
)
_GROUP = re.compile(r"\bgroup$", re.IGNORECASE)
# countries by their ISO names and common names ("Iran", "Syria", "Russia"), lower-cased
_TITLES = r"(?:Mr|Mrs|Ms|Dr|Gen|Col|Capt|Maj|Lt|Sgt|Brig|Gov|Sheikh|Mullah|Maulvi|Qari|Haji)\.?\s+"


_TITLE = re.compile(rf"^{_TITLES}")


_BARE_NAME = re.compile(rf"^(?:{_TITLES})?[A-Z][a-z’'-]{{2,}}$")


# a name in full, with the particles of Arabic and European surnames: "Ahmed al-Mismari"
_FULL_NAME = re.compile(
    r"(?<![\w.])[A-Z][a-z’'-]+(?:\s+(?:(?:al|el|bin|ibn|abu|de|da|van|von)[\s-])?[A-Z][a-z’'-]+)+"
)
_PARTICLE = re.compile(r"^(?:al|el)-", re.IGNORECASE)


_PERSON_NAME = re.compile(r"^[A-Z][a-z]+\.?(?:\s+[A-Z][\w'-]+)+$")


_WORD = re.compile(r"[\w’'.-]+")


_SPACES = re.compile(r"\s+")


_COMMA = re.compile(",")


_QUOTE_BREAK = re.compile(r"[.;“”\"]")


# an aside inside a speaker phrase: "Local officials, speaking on condition of anonymity, [said]"
_SPEAKER_ASIDE = re.compile(
    r",\s*(?:speaking|who\s+(?:spoke|asked|declined|requested)|asking|declining|requesting)\b[^,]*(?:,|$)",
    re.IGNORECASE,
)


def _clean_speaker(phrase: str) -> str:
    phrase = _LEAD_IN.sub("", phrase.strip(" ,"))
    # cheap test before the regex
    if phrase.lower().rstrip().rstrip(",").rstrip().endswith(("meanwhile", "also", "however")):
        phrase = _TAIL_OUT.sub("", phrase)
    if "," in phrase:
        phrase = _SPEAKER_ASIDE.sub("", phrase)
    if phrase.endswith(" and"):
        # the speaker's own clause before "and said": "The ministry rejected the claim and"
        words = phrase.split()
        verb = next((i for i in range(1, len(words)) if _PAST_VERB.match(words[i])), None)
        phrase = " ".join(words[:verb]) if verb else phrase
    return phrase.strip(" ,")


def resolve_speaker(phrase: str, actors: Actors, speakers: Speakers) -> tuple[str, str | None]:
    """Speaker phrase to (claimant, side); pronouns and bare 'source' take the last named speaker, a
    surname its bearer.
    """
    phrase = _clean_speaker(phrase)
    side = actors.speaker_side(phrase)
    if side is None and fold(phrase) in COUNTRY_BY_NAME:
        return phrase, "government"  # "Ukraine has said": a state speaks through its government
    if side is None and _BARE_NAME.match(phrase) and (person := speakers.person(phrase)):
        return person
    if side is None and _UNNAMED_SOURCES.match(phrase):
        return phrase, "unattributed"  # "Sources said": no one is named, not even by reference
    if side is None and _GROUP.search(phrase) and not _PRONOUN.match(phrase):
        return phrase, "insurgent"  # "the Tigrayan group says": a group no table names is armed
    if side is None and (_PRONOUN.match(phrase) or _SOURCES.search(phrase)):
        name, side = speakers.last_like(phrase)
        if side is None and phrase.lower() == "the group":
            # with no one named before, "the group" in a conflict report is the armed group
            return phrase, "insurgent"
        return (name or phrase), side
    return phrase, side


# a clause with its own finite verb before a comma: "A soldier was killed, police [said]" is a
# report and then its speaker, found at the comma, not one speaker ("Ali Khan, the governor," and
# "the monitor, which has sources there," are)
_CLAUSE_BEFORE_COMMA = re.compile(
    r"^(?:(?!\b(?:who|which|that)\b)[^,])*?\b(?:was|were|is|are|has|have|had)\b[^,]*,",
    re.IGNORECASE,
)


# a few people who speak, counted: "two police sources", "three senior officials"
_COUNTED_SOURCES = re.compile(
    r"^(?:two|three|four|five|six|several|[2-9])\s+(?:[\w.’'-]+\s+){0,3}"
    r"(?:sources|officials|witnesses|residents|medics|doctors|diplomats|officers|commanders)$",
    re.IGNORECASE,
)


# a clause of its own joined by "and" or "but" before the speaker: "The toll was unclear and the
# defence minister [said]" is spoken by the minister
_CLAUSE_BEFORE_AND = re.compile(
    r"^(?:(?!\b(?:who|which|that)\b).)*?\b(?:was|were|is|are|has|have|had)\b.*\s(?:and|but)\s+"
    r"(?P<speaker>\S.*)$",
    re.IGNORECASE,
)


def _plausible_speaker(phrase: str) -> bool:
    words = _clean_speaker(phrase).split()
    # "one source" names a speaker; "43 troops" in a clause means the regex overreached; a phrase
    # ending in an article is no speaker: "an estimated 80%" is a participle qualifying a figure
    if words and words[-1].lower() in ("a", "an", "the") or _CLAUSE_BEFORE_COMMA.match(phrase):
        return False
    return 0 < len(words) <= _SPEAKER_WORDS and (
        not _HAS_NUMBER.search(fold(phrase))
        or all(q.value == 1 for q in find_quantities(phrase))
        or _COUNTED_SOURCES.match(_clean_speaker(phrase)) is not None
    )


def _verb_within(cues: list[int], start: int, reach: int, stop: int) -> bool:
    """Whether a reporting verb's cue stands after `start`, within `reach` and before `stop`."""
    following = bisect_right(cues, start)
    return following < len(cues) and cues[following] - start <= reach and cues[following] < stop


def _attribution(
    m: re.Match[str], leading: bool, actors: Actors, speakers: Speakers
) -> Attribution | None:
    """The frame's speaker as an attribution, unless the phrase names no one (neither a known actor,
    nor a role, nor a person's name)."""
    return _speaking(m.group("speaker"), m.start(), m.end(), leading, actors, speakers)


def _speaking(
    phrase: str, start: int, end: int, leading: bool, actors: Actors, speakers: Speakers
) -> Attribution | None:
    """A frame from `start` to `end` spoken by `phrase`, unless the phrase names no one."""
    if joined := _CLAUSE_BEFORE_AND.match(phrase):
        phrase = joined.group("speaker")
    if not _plausible_speaker(phrase):
        return None
    claimant, side = resolve_speaker(phrase, actors, speakers)
    if (
        side is None
        and not _PRONOUN.match(_clean_speaker(phrase))
        and not actors.speaker_re.search(fold(phrase))
        and not _PERSON_NAME.match(_clean_speaker(phrase))
    ):
        return None
    return Attribution(start, end, claimant, side, leading)


_NEXT_WORD = re.compile(r"\s+(\S+)")


def _leading(sentence: str, actors: Actors, speakers: Speakers) -> Attribution | None:
    """The frame the sentence opens with ("X said that ..."). A reporting word whose speaker names
    no one is a noun ("An earlier report from the ministry stated"): it is masked and the frame is
    looked for further on, a few times at most."""
    masked = sentence
    for _ in range(3):
        if (m := LEADING.match(masked)) is None:
            return None
        phrase = sentence[m.start("speaker") : m.end("speaker")]
        if (found := _speaking(phrase, m.start(), m.end(), True, actors, speakers)) is not None:
            return found
        if (word := _NEXT_WORD.match(masked, m.end("speaker"))) is None:
            return None
        masked = masked[: word.start(1)] + "#" * len(word.group(1)) + masked[word.end(1) :]
    return None


def _clause_frames(sentence: str, cues: list[int], found: list[Attribution], add: Callable) -> None:
    """Frames at the sentence start and after each comma: "X said," and "..., but X said", and
    "..., Ali Khan, the governor, said"."""
    commas = [m.start() for m in _COMMA.finditer(sentence)] + [len(sentence)] * 3
    for i, start in enumerate([0, *commas[:-3]]):
        # a speaker phrase holds no comma: TRAILING's verb stands before the next comma,
        # CLAUSE_LEADING's ("..., however, the army said") before the one after, and an apposed
        # speaker's ("..., Khan, the governor, said") before the third
        if (
            _verb_within(cues, start, _CLAUSE_REACH, commas[i])
            and (m := TRAILING.match(sentence, start))
            and (not found or m.start() >= found[-1].end)
        ):
            add(m, False)
        elif start and _verb_within(cues, start, _CLAUSE_REACH, commas[i + 1]):
            if m := CLAUSE_LEADING.match(sentence, start):
                add(m, True)
            elif m := TRAILING_APPOSED.match(sentence, start):
                add(m, False)
        elif (
            start
            and _verb_within(cues, start, _CLAUSE_REACH, commas[i + 2])
            and (m := TRAILING_APPOSED.match(sentence, start))
        ):
            add(m, False)


def attributions_in(sentence: str, actors: Actors, speakers: Speakers) -> list[Attribution]:
    """Every reporting frame of a sentence with its speaker, in order of where it stands."""
    found: list[Attribution] = []
    lowered = fold(sentence)
    cues = [m.start() for m in SAY_HINT.finditer(lowered)]
    if not cues:
        return found

    def add(m: re.Match[str], leading: bool) -> None:
        if (attribution := _attribution(m, leading, actors, speakers)) is not None:
            found.append(attribution)

    if _verb_within(cues, -1, _LEADING_REACH, len(sentence)) and (
        leading := _leading(sentence, actors, speakers)
    ):
        found.append(leading)
    _clause_frames(sentence, cues, found, add)
    inverted = any(verb in lowered for verb in (", said", ", says", ", added", ", according"))
    if inverted and (m := TRAILING_INVERTED.search(sentence)):
        # the speaker runs to the sentence's end; its first words name it, the rest is apposition
        phrase = " ".join(m.group("speaker").split()[:_SPEAKER_WORDS])
        if inverted_frame := _speaking(phrase, m.start(), m.end(), False, actors, speakers):
            found.append(inverted_frame)
    if any(verb in lowered for verb in MID_VERBS):
        for m in MID.finditer(sentence):
            add(m, True)
    if not found:
        found.extend(_subject_participle(sentence, actors, speakers))
    if "according" in lowered and (m := ACCORDING.search(sentence)):
        add(m, m.start() < 3)
    if ", which" in lowered or ", who" in lowered:
        found.extend(_relative_frames(sentence, actors, speakers))
    if "which" in lowered or "that" in lowered:
        for m in EMBEDDED.finditer(sentence):
            add(m, True)
    if "quot" in lowered and (m := QUOTED_AS.search(sentence)):
        add(m, True)
    found.sort(key=lambda a: a.start)
    return found


# the verb after a sentence's subject: a past tense, regular or among the commonest irregular ones
_PAST_VERB = re.compile(
    r"^(?:[a-z]+ed|took|made|gave|held|led|fought|won|lost|struck|hit|shot|sent|left|put|began"
    r"|came|went|said|says|has|have|had)$"
)


def _subject_participle(sentence: str, actors: Actors, speakers: Speakers) -> list[Attribution]:
    """The frame of a participle after a comma, spoken by the sentence's subject when that is an
    actor's name followed by its verb ("The group denied the attack, blaming stray bullets for
    eight deaths"): the longest such opening of at most four words before a past tense; or by the
    speaker of the frame it follows ('"...," the chief said, adding that five attackers died')."""
    participle = SUBJECT_PARTICIPLE.search(sentence)
    if participle is None:
        return []
    if said := SAID_BEFORE_PARTICIPLE.search(sentence, 0, participle.start()):
        frame = _speaking(
            said.group("speaker"), participle.start(), participle.end(), True, actors, speakers
        )
        return [frame] if frame else []
    words = sentence[: participle.start()].split()
    for n in range(min(4, len(words) - 1), 0, -1):
        phrase = " ".join(words[:n])
        if not _PAST_VERB.match(words[n]) or resolve_speaker(phrase, actors, speakers)[1] is None:
            continue
        frame = _speaking(phrase, participle.start(), participle.end(), True, actors, speakers)
        return [frame] if frame else []
    return []


def _relative_frames(sentence: str, actors: Actors, speakers: Speakers) -> Iterator[Attribution]:
    """Frames of relative clauses ("the army, which said 26 died"): the speaker is the noun phrase
    before the comma, from after its last preposition or conjunction."""
    for m in RELATIVE.finditer(sentence):
        words = m.group("speaker").split()
        after = [i + 1 for i, word in enumerate(words) if word.lower() in RELATIVE_SPEAKER_AFTER]
        cut = max(after, default=0)
        if cut == len(words):
            continue
        start = m.start("speaker") + m.group("speaker").index(words[cut])
        found = _speaking(" ".join(words[cut:]), start, m.end(), True, actors, speakers)
        if found is not None:
            yield found


def pick_attribution(attributions: list[Attribution], position: int) -> Attribution | None:
    """The frame whose words hold the number at `position`: the last leading frame before it, else
    the first trailing frame after it, else the last frame before it. Where both a leading and a
    trailing frame hold it and one of them is an outlet, the other is the source the outlet relays
    ("Reuters reports that ... , according to the U.N.")."""
    leading = [a for a in attributions if a.leading and a.end <= position]
    trailing = [a for a in attributions if not a.leading and a.start >= position]
    if leading and trailing and leading[-1].side == "media" and trailing[0].side != "media":
        return trailing[0]
    if leading:
        return leading[-1]
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
    for m in QUOTE.finditer(text, start, end):
        after = AFTER_QUOTE.match(text, m.end(), end)
        # the clause right before the quote, e.g. 'A spokesman said:'
        before = BEFORE_QUOTE.fullmatch(
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
