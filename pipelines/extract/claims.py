"""Extract casualty and force-size claims from article text, each attributed to its claimant.

The rules follow how a conflict-data coder reads a report: find every count of people,
decide what happened to them (kind) and whose people they are (subject side) from the
words around the number, then find who says so (the speaker of the quote or clause that
holds the number, pronouns resolved to the last named speaker). Pure functions only.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field

from pipelines.extract.actors import Actors
from pipelines.extract.document import Document, dateline_end
from pipelines.extract.matching import STARTS_A_WORD, Guarded, fold, folded, search_at_hints, whole_words, word_starts
from pipelines.extract.numbers import NUMBER_HINT as _HAS_NUMBER
from pipelines.extract.numbers import Quantity, find_quantities
from pipelines.extract.trie import trie_pattern

EXTRACTOR_VERSION = "claims-0.3.0"

_SAY_WORDS = ("said says say told tells tell added adds claimed claims claim stated states announced announces reported reports "
              "report confirmed confirms insisted insists noted explained estimated estimates wrote tweeted posted").split()
# as a trie (one branch per letter), which the speaker patterns try at every word of a clause
_SAY = "(?:" + trie_pattern([*_SAY_WORDS, "spoke of", "speak of", "speaks of"], lambda ch: r"\s+" if ch == " " else re.escape(ch)) + ")"
_SAY_OBJECT = r"(?:\s+(?:the\s+)?(?:reporters|journalists|(?-i:[A-Z][\w.]+(?:\s+[A-Z][\w.]+){0,2})))?"
_PUT_FIGURE = r"(?:gave\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}toll|put\s+(?:the|its|their|his|her)\s+(?:death\s+)?(?:toll|number|figure|casualties)\s+at)"
_SPEAKER = r"[^;:!?“”\"]{1,110}?"  # periods inside a sentence belong to abbreviations ("Capt.", "U.S.")
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
_TRAILING_INVERTED = re.compile(r",\s*(?:said|says|added|according\s+to)\s+(?P<speaker>[^;]{2,140}?)\s*[.;]?$", re.IGNORECASE)
_MID = re.compile(
    r"\b(?:with|while|as|and)\s+(?P<speaker>(?:the\s+)?[\w’' -]{2,50}?)\s+(?:putting|saying|claiming|giving|reporting|estimating|citing)\b",
    re.IGNORECASE,
)
_MID_VERBS = ("putting", "saying", "claiming", "giving", "reporting", "estimating", "citing")
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<speaker>[^,.;]{2,100})", re.IGNORECASE)
_PASSIVE = folded(
    r"\b(?:(?:is|are|was|were|been)\s+(?:also\s+)?(?:reported(?:ly)?|said|believed|thought|feared|understood|estimated)\b|reportedly|according\s+to\s+reports)",
)
_PRONOUN = re.compile(r"^(?:he|she|they|it|the\s+(?:source|official|spokesman|spokeswoman|spokesperson|statement|report|group)|one\s+source|a\s+source|another\s+source|the\s+same\s+source)$", re.IGNORECASE)

_QUOTE = re.compile(r"[“\"](?P<body>[^”\"]{3,})[”\"]")
_AFTER_QUOTE = re.compile(
    rf"""\s*,?\s*(?:(?:{_SAY})\s+(?P<speaker_after_verb>[^.;“”"]{{2,150}}?)\s*[.;]|(?P<speaker>[^.;“”"]{{2,150}}?)\s+(?:also\s+)?(?:{_SAY}){_SAY_OBJECT}\b)""",
    re.IGNORECASE | re.VERBOSE,
)
_BEFORE_QUOTE = re.compile(rf"\s*(?P<speaker>.{{2,120}}?)\s+(?:{_SAY}){_SAY_OBJECT}\s*[:,]?\s*", re.IGNORECASE | re.DOTALL)

_KIND_BEFORE = [  # on folded text; each alternative starts at a word boundary
    ("killed_or_wounded", r"(?:killed|killing|kill|kills|left)\s+(?:or|and)\s+(?:wounded|injured|wounding|injuring)"),
    ("bodies", r"(?:bodies|corpses|remains)\s+of"),
    ("killed", r"(?:killed|killing|kill|kills|slew|slaying|executed|executing|massacred|lost|losing|beheaded|shot\s+dead)(?:\s+(?:himself|herself|themselves)\s+and)?"),
    ("killed", r"(?:death\s+)?toll(?:\s+(?:from|in|of)\s+[^,.;:]{1,90}?)?\s+(?:(?:has|had|have)\s+)?"
               r"(?:at|of|to|(?:rose|risen|climbed|jumped|increased|grew|grown)\s+to|stood\s+at|stands\s+at|reached|was|is)"),
    ("killed", r"number\s+of\s+(?:dead|deaths|fatalities|people\s+killed)\s+(?:(?:has|had)\s+)?(?:rose|risen|climbed|jumped|increased|reached|grew|grown|stood|stands|was|is)(?:\s+(?:to|at))?"),
    ("wounded", r"number\s+of\s+(?:wounded|injured)\s+(?:(?:has|had)\s+)?(?:rose|risen|climbed|jumped|increased|reached|grew|grown|stood|stands|was|is)(?:\s+(?:to|at))?"),
    ("wounded", r"(?:wounded|wounding|wounds|injured|injuring|injures|injure)"),
    ("captured", r"(?:captured|capturing|capture|abducted|abducting|kidnapped|kidnapping|arrested|arresting|detained|detaining|seized|took|taken)(?:\s+(?:captive|prisoner|hostage))?"),
    ("attackers", r"(?:group|force|band|unit|wave)\s+of"),
]
# one regex: the verb right before the number (the alternatives all end at the number, so one at most fits)
_KIND_BEFORE_RE = folded(
    r"\b(?:" + "|".join(f"(?P<b{i}>{pattern})" for i, (_, pattern) in enumerate(_KIND_BEFORE)) + r")\s+(?:(?:the|another|a\s+further|an\s+additional|some)\s+)?$"
)
# the first words of _KIND_BEFORE's alternatives: its matches start only where one does
_KIND_BEFORE_STARTS = word_starts(
    "kill left bodies corpses remains slew slay execut massacr lost losing behead shot death toll number "
    "wound injur captur abduct kidnap arrest detain seiz took taken group force band unit wave".split()
)

_FILLER = r"(?:\s*,?\s*(?:were|was|are|is|have|has|had|been|being|be|also|reportedly|reported|believed|said|feared|to|all|later|who|that|were\s+later|in\s+all|managed|tried)\b){0,5}\s*"
_KIND_AFTER = [
    ("killed_or_wounded", r"(?:killed|dead)\s+or\s+(?:wounded|injured)|casualties"),
    ("killed", r"killed|died|dead|die|perished|martyred|lost\s+their\s+lives|slain|executed|shot\s+dead|beheaded|among\s+the\s+(?:dead|killed|fatalities)"),
    ("wounded", r"wounded|injured|hurt|among\s+the\s+(?:wounded|injured)"),
    ("captured", r"captured|abducted|kidnapped|taken\s+(?:captive|prisoner|hostage)|arrested|detained|held\s+(?:captive|hostage)|hostages?|captives?"),
    ("missing", r"missing|unaccounted"),
    ("escaped", r"escaped|escape|managed\s+to\s+flee"),
    ("garrison", r"manning|stationed|guarding|defending|posted|based"),
    ("attackers", r"attacking|attacked|attack|stormed|storming|assaulted|raided|overran|overrunning|launched|besieged|besieging|surrounded|encircled|ambushed"),
]
_KIND_AFTER_RE = folded(rf"^{_FILLER}(?:" + "|".join(f"(?P<a{i}>{pattern})" for i, (_, pattern) in enumerate(_KIND_AFTER)) + r")\b")
_ASIDE = folded(
    r"^\s*(?:,\s*(?:including|among\s+them|most\s+of\s+them|many\s+of\s+them|mostly)\b[^,]{0,60},|\([^)]{0,60}\))"
    r"|^\s+(?:including|among\s+them)\s+(?:[\w-]+\s+){1,4}?(?=(?:were|was|are|have|had|died|perished|killed)\b)",  # "7 people including four soldiers died"
)
# "stationed at the base" is a garrison; "stationed in Afghanistan" is a troop level, not a claim
_STATIONED_AT_A_POST = folded(rf"^{_FILLER}stationed\s+(?:at|in|inside)\s+(?:the|a|an|that|this)\s+")
_GARRISON_BEFORE = folded(r"\b(?:of|out\s+of)\s+$")

_NOUNLESS = folded(
    r"^\s*(?:[,.;:)]|$|(?:were|was|are|is|have|has|had|in|on|at|and|or|during|from|to|with|more|of\s+them|who|after|as|but)\b)",
)
_CONFIRMATION_DENIED = folded(
    r"no\s+independent\s+(?:confirmation|verification)|(?:could|can)\s*(?:not|n't)\s+(?:be\s+)?(?:immediately\s+|independently\s+)*(?:be\s+)?(?:confirmed|verified|reconciled|confirm|verify)"
    r"|not\s+(?:be\s+)?independently\s+(?:confirmed|verified)|impossible\s+to\s+(?:confirm|verify)|unverified|unconfirmed",
)
_MONTH_NAMES = "january|february|march|april|may|june|july|august|september|october|november|december"
_BACKGROUND = folded(
    rf"^(?:(?:in|on|during|since|by|back\s+in|earlier\s+in|late|early)\s+(?:(?:late|early|mid)[\s-]+)?(?:{_MONTH_NAMES}|(?:19|20)\d\d)\b|last\s+(?:year|month)\b|(?:in|during)\s+(?:the\s+)?(?:previous|past)\s+(?:year|month)"
    r"|(?:meanwhile|separately|elsewhere),?\s+in\s+[\w\s'-]{2,40}?(?=,|\s+(?:province|district|region))|(?:separately|elsewhere)\b|in\s+(?:another|a\s+separate)\s+(?:attack|incident|clash|raid|strike))",
)


@dataclass
class Attribution:
    start: int
    end: int
    speaker: str
    side: str | None
    leading: bool


@dataclass
class Claim:
    kind: str
    subject_side: str
    value: int
    value_low: int | None
    value_high: int | None
    qualifier: str
    claimant: str | None
    claimant_side: str
    evidence: str
    span_start: int
    span_end: int
    incident_key: str
    confirmed: bool | None = None
    extractor_version: str = EXTRACTOR_VERSION
    mentions: int = 1


@dataclass
class _Speakers:
    """The last named speaker, for pronouns and 'the source'.

    Sentences without counts are queued and read for their speakers only when a pronoun needs
    the last speaker, in order; most articles never need it, and skipping them is most of the cost.
    """

    actors: Actors
    name: str | None = None
    side: str | None = None
    pending: deque[tuple[str | None, list[Attribution] | None]] = field(default_factory=deque)
    flushing: bool = False
    people: dict[str, tuple[str, str]] = field(default_factory=dict)  # a named person's every name -> (speaker, side)

    def remember(self, attributions: list[Attribution]) -> None:
        for attribution in attributions:
            if _names_a_speaker(attribution):
                self.name, self.side = attribution.speaker, attribution.side
                for person in _FULL_NAME.finditer(attribution.speaker):
                    for name in person.group(0).split():
                        self.people.setdefault(name, (attribution.speaker, attribution.side))

    def person(self, name: str) -> tuple[str, str] | None:
        """Who a bare name ("Ahmed", "Mr Wazir") refers to: a person named in full earlier, with their side."""
        self.last()
        return self.people.get(_TITLE.sub("", name))

    def last(self) -> tuple[str | None, str | None]:
        if not self.flushing:
            self.flushing = True
            try:
                while self.pending:
                    sentence, found = self.pending.popleft()
                    self.remember(found if found is not None else _attributions(sentence, self.actors, self))
            finally:
                self.flushing = False
        return self.name, self.side


# each alternative starts a word, checked after its first letter (STARTS_A_WORD) so that `re` scans for first letters
_PERIOD = Guarded(folded(
    rf"i{STARTS_A_WORD}n\s+the\s+(?:first|last|past)\s+(?:\w+\s+)?(?:months?|weeks?|years?|quarter|half)(?:\s+of\s+(?:the\s+year|\d{{4}}))?"
    rf"|s{STARTS_A_WORD}(?:o\s+far\s+(?:this|in)\s+\w+|ince\s+the\s+(?:start|beginning)\s+of|ince\s+(?:january|the\s+start|(?:19|20)\d\d\b))"
    rf"|o{STARTS_A_WORD}ver\s+the\s+past\s+year",
), any_of=("month", "week", "year", "quarter", "half", "far", "since"))


# "The attack comes a week after militants killed 7 people", "in a similar attack last month", "the 2017 attack"
_EARLIER_EVENT = Guarded(folded(
    rf"c{STARTS_A_WORD}(?:omes?|ame)\s+(?:just\s+|only\s+|barely\s+)?(?:a|an|one|two|three|four|five|six|several|a\s+few|\d+)\s+(?:days?|weeks?|months?)\s+after\b"
    rf"|i{STARTS_A_WORD}n\s+a\s+similar\s+(?:attack|incident|raid|assault|bombing)\b"
), any_of=("came", "come", "similar"))
_EARLIER_EVENT_OF_YEAR = Guarded(folded(r"the(?<!\wthe)\s+(?:19|20)\d\d\s+(?:attack|bombing|assault|raid|massacre|siege)\b"),
                                 any_of=("attack", "bombing", "assault", "raid", "massacre", "siege"))


def background_key(sentence: str) -> str | None:
    """'background:in april' for a sentence about an earlier or another event; 'period:...' for a tally over a period."""
    sentence = fold(sentence)
    if not (found := _BACKGROUND.match(sentence)):
        earlier = [m for m in (_EARLIER_EVENT.search(sentence), _EARLIER_EVENT_OF_YEAR.search(sentence)) if m]
        found = min(earlier, key=lambda m: m.start(), default=None)
    if found:
        return "background:" + " ".join(found.group(0).split())
    if found := _PERIOD.search(sentence):
        return "period:" + " ".join(found.group(0).split())
    return None


_LEAD_IN = re.compile(r"^(?:however|but|meanwhile|and|separately|earlier|later|still)\b,?\s*", re.IGNORECASE)
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
    if phrase.lower().rstrip().rstrip(",").rstrip().endswith(("meanwhile", "also", "however")):  # cheap test before the regex
        phrase = _TAIL_OUT.sub("", phrase)
    return phrase.strip(" ,")


def _resolve(phrase: str, actors: Actors, speakers: _Speakers) -> tuple[str, str | None]:
    """Speaker phrase to (claimant, side); pronouns and bare 'source' take the last named speaker, a surname its bearer."""
    phrase = _clean_speaker(phrase)
    side = actors.speaker_side(phrase)
    if side is None and _BARE_NAME.match(phrase) and (person := speakers.person(phrase)):
        return person
    if side is None and (_PRONOUN.match(phrase) or _SOURCES.search(phrase)):
        name, side = speakers.last()
        if side is None and phrase.lower() == "the group":
            return phrase, "insurgent"  # with no one named before, "the group" in a conflict report is the armed group
        return (name or phrase), side
    return phrase, side


def _plausible_speaker(phrase: str) -> bool:
    words = _clean_speaker(phrase).split()
    # "one source" names a speaker; "43 troops" in a clause means the regex overreached
    return 0 < len(words) <= 14 and (not _HAS_NUMBER.search(fold(phrase)) or all(q.value == 1 for q in find_quantities(phrase)))


# every word that can introduce a speaker
_SAY_HINT = folded(whole_words([*_SAY_WORDS, "spoke of", "speak of", "speaks of", "according", *_MID_VERBS, "gave", "put"],
                               lambda ch: r"\s+" if ch == " " else re.escape(ch)))


# the furthest a reporting verb can stand from where _LEADING, or _TRAILING and _CLAUSE_LEADING at a comma,
# start to match: their speaker phrases are bounded (110 and 90 characters), so farther verbs cannot be theirs
_LEADING_REACH, _CLAUSE_REACH = 250, 160


def _attributions(sentence: str, actors: Actors, speakers: _Speakers) -> list[Attribution]:
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
        claimant, side = _resolve(phrase, actors, speakers)
        if side is None and not _PRONOUN.match(_clean_speaker(phrase)) and not actors.speaker_re.search(fold(phrase)):
            if not _PERSON_NAME.match(_clean_speaker(phrase)):
                return  # neither a known actor nor a person's name: not a speaker
        found.append(Attribution(m.start(), m.end(), claimant, side, leading))

    if verb_within(-1, _LEADING_REACH, len(sentence)) and (m := _LEADING.match(sentence)):
        add(m, True)
    commas = [m.start() for m in _COMMA.finditer(sentence)] + [len(sentence), len(sentence)]
    for i, start in enumerate([0, *commas[:-2]]):
        # a speaker phrase holds no comma: _TRAILING's verb stands before the next comma,
        # _CLAUSE_LEADING's ("..., however, the army said") before the one after
        if (verb_within(start, _CLAUSE_REACH, commas[i]) and (m := _TRAILING.match(sentence, start))
                and (not found or m.start() >= found[-1].end)):
            add(m, False)
        elif start and verb_within(start, _CLAUSE_REACH, commas[i + 1]) and (m := _CLAUSE_LEADING.match(sentence, start)):
            add(m, True)
    if ", said" in lowered or ", says" in lowered or ", added" in lowered or ", according" in lowered:
        if m := _TRAILING_INVERTED.search(sentence):
            add(m, False)
    if any(verb in lowered for verb in _MID_VERBS):
        for m in _MID.finditer(sentence):
            add(m, True)
    if "according" in lowered and (m := _ACCORDING.search(sentence)):
        add(m, m.start() < 3)
    found.sort(key=lambda a: a.start)
    return found


def _pick_attribution(attributions: list[Attribution], position: int) -> Attribution | None:
    leading = [a for a in attributions if a.leading and a.end <= position]
    if leading:
        return leading[-1]
    trailing = [a for a in attributions if not a.leading and a.start >= position]
    if trailing:
        return trailing[0]
    before = [a for a in attributions if a.end <= position]
    return before[-1] if before else None


def _quote_speakers(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """(quote start, quote end, speaker phrase) for each quotation in a paragraph whose speaker is named.

    The phrase is resolved by the caller once the sentences before the quote have been read, so a
    surname ("...," Warsame said) finds the full name given earlier in the same paragraph.
    """
    for m in _QUOTE.finditer(text, start, end):
        after = _AFTER_QUOTE.match(text, m.end(), end)
        # the clause right before the quote, e.g. 'A spokesman said:'
        before = _BEFORE_QUOTE.fullmatch(_QUOTE_BREAK.split(text[max(start, m.start() - 150):m.start()])[-1])
        phrase = None
        if after:
            phrase = after.group("speaker_after_verb") or after.group("speaker")
        elif before:
            phrase = before.group("speaker")
        if phrase and _plausible_speaker(phrase):
            yield m.start(), m.end(), phrase


_STOP_WORD = folded(
    r"(?:were|was|are|is|have|has|had|in|on|at|and|or|during|from|to|with|who|after|as|the|a|an|of|by|for|while|when|near|since)",
)
# words of what happened right after a number ("five killed"), or as adjectives before the counted noun ("seven wounded soldiers")
_KIND_ADJECTIVE = {"dead": "killed", "killed": "killed", "wounded": "wounded", "injured": "wounded", "hurt": "wounded",
                   "captured": "captured", "abducted": "captured", "kidnapped": "captured", "arrested": "captured",
                   "detained": "captured", "missing": "missing"}
_KIND_WORD = folded(rf"\s+(?P<word>{'|'.join(_KIND_ADJECTIVE)})\b")
_PARTITIVE = folded(r"\s+of\s+(?:the|their|its|his|her|our|those)\s+")
_GROUP_OF = folded(r"\s+of\s+(?:the\s+|one\s+|a\s+|an\s+|his\s+|her\s+|their\s+|its\s+|same\s+)*")
# nouns that count people by what happened to them: "10 bodies", "50 casualties", "20 hostages"
_KIND_NOUN = {"bodies": "bodies", "corpses": "bodies", "casualties": "killed_or_wounded", "deaths": "killed",
              "fatalities": "killed", "hostages": "captured", "captives": "captured", "prisoners": "captured"}
_THING_NOUN = folded(rf"\s+(?:[\w-]+\s+)?(?P<noun>{'|'.join(_KIND_NOUN)})\b")


@dataclass(frozen=True)
class NounPhrase:
    """What follows a number: whose people it counts (None: no noun), where the phrase ends, a kind the noun implies."""

    side: str | None
    end: int
    people: bool
    kind: str | None = None


def _noun_phrase(text: str, pos: int, actors: Actors) -> NounPhrase:
    """The counted noun after a number in folded text: people ("afghan soldiers", "us service members"), nothing, or a thing."""
    window = text[pos:pos + 90]
    if adjective := _KIND_WORD.match(window):
        noun = _noun_phrase(text, pos + adjective.end(), actors)
        if noun.side is not None:
            return NounPhrase(noun.side, noun.end, True, _KIND_ADJECTIVE[adjective.group("word")])
        return NounPhrase(None, pos, True)
    if _NOUNLESS.match(window):
        return NounPhrase(None, pos, True)
    if (partitive := _PARTITIVE.match(window)) and (owner := actors.subject_re.match(window, partitive.end())):
        return NounPhrase(actors.subject_side(owner.group(0)), pos + owner.end(), True)  # "20 of the attackers"
    if m := _THING_NOUN.match(window):
        return NounPhrase(None, pos + m.end(), True, _KIND_NOUN[m.group("noun")])
    words = list(itertools.islice(_WORD.finditer(window), 5))
    for i, w in enumerate(words):
        if i and _STOP_WORD.fullmatch(w.group(0)):
            break
        if actors.subject_side(w.group(0)) is None and not actors.subject_re.match(window, w.start()):
            continue
        # extend over contiguous people names: "US service members", "Taliban fighters", "security forces"
        end = w.start()
        while (m := actors.subject_re.match(window, end)) is not None:
            end = m.end()
            nxt = _SPACES.match(window[end:])
            if nxt is None or not actors.subject_re.match(window, end + nxt.end()):
                break
            end += nxt.end()
        side = actors.subject_side(window[:end])
        if side == "any" and (group := _GROUP_OF.match(window, end)):
            # "members of the security forces", "nine members of one family"
            owner = actors.subject_re.match(window, group.end())
            if owner is not None or window[group.end():].startswith(("family", "families")):
                owner_end = owner.end() if owner else group.end() + window[group.end():].index("famil") + 6
                owner_side = actors.subject_side(window[group.end():owner_end]) or "civilian"
                return NounPhrase(owner_side, pos + owner_end, True)
        return NounPhrase(side, pos + end, True)
    return NounPhrase(None, pos, False)


def _matched(m: re.Match[str], kinds: list[tuple[str, str]]) -> str:
    return kinds[int(m.lastgroup[1:])][0] if m.lastgroup else next(
        kinds[int(name[1:])][0] for name, value in m.groupdict().items() if value is not None)


def _kind(text: str, quantity: Quantity, q_start: int, noun_end: int) -> str | None:
    """What happened to the people counted at q_start, from the words before the number or after its noun (folded text)."""
    before = text[max(0, q_start - 60):q_start]
    if m := search_at_hints(_KIND_BEFORE_RE, _KIND_BEFORE_STARTS, before):
        return _matched(m, _KIND_BEFORE)
    if "toll" in text[max(0, q_start - 160):q_start] and (m := search_at_hints(_KIND_BEFORE_RE, _KIND_BEFORE_STARTS, text, max(0, q_start - 160), q_start)):
        return _matched(m, _KIND_BEFORE)  # "the death toll from <a long description of the attack> has risen to 30"
    # skip an aside between the noun and its verb: "four civilians, including two children, were killed"
    after = _ASIDE.sub("", text[noun_end:noun_end + 120], count=1)
    if m := _KIND_AFTER_RE.match(after):
        kind = _matched(m, _KIND_AFTER)
        if kind != "garrison" or _GARRISON_BEFORE.search(before) or _STATIONED_AT_A_POST.match(after):
            return kind
    return None


def _merge_duplicates(claims: list[Claim]) -> list[Claim]:
    """One row per claim: the same number of the same kind restated (reported, then quoted) is one claim."""
    merged: list[Claim] = []
    alike: dict[tuple, list[Claim]] = {}  # merged claims by what they count: a twin is looked for among these only
    for claim in claims:
        same_count = alike.setdefault((claim.kind, claim.subject_side, claim.value, claim.incident_key), [])
        twin = next(
            (
                c for c in same_count
                if c.claimant_side == claim.claimant_side or "unattributed" in (c.claimant_side, claim.claimant_side)
                or "media" in (c.claimant_side, claim.claimant_side)
            ),
            None,
        )
        if twin is None:
            merged.append(claim)
            same_count.append(claim)
            continue
        twin.mentions += 1
        if twin.claimant_side in ("unattributed", "media") and claim.claimant_side not in ("unattributed", "media"):
            twin.claimant, twin.claimant_side = claim.claimant, claim.claimant_side
    return merged


_OTHERS = folded(r"\s+(?:other|others|more)\b")


_FIRST_PERSON = folded(r"\b(?:our|ours)\b")
_SUBSET_BEFORE = folded(r"\b(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them)\s+$")
_AND_ANOTHER_BEFORE = folded(r"\b(?:and|with|while)\s+(?:another|a\s+further|an\s+additional|other)\s+$")
_CONJUNCTION_GAP = folded(r"^\s*,?\s*(?:and|or|as\s+well\s+as|plus)\s+$")
_RESTATED_FIGURE_BEFORE = folded(
    r"\b(?:claimed|claims|put\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?(?:figure|number|toll|death\s+toll|casualties)\s+at|gave\s+(?:a|the)\s+(?:figure|toll|number)\s+(?:of|as))\s+$",
)


@dataclass
class _Candidate:
    quantity: Quantity
    start: int  # absolute offset of the quantity
    noun: NounPhrase
    kind: str | None


def _sentence_candidates(text: str, s_start: int, sentence: str, actors: Actors, previous: Claim | None) -> list[_Candidate]:
    """Counts of people in a sentence of folded text with their kind, filling in what coordination and ellipsis leave out."""
    candidates = []
    for quantity in find_quantities(sentence):
        q_start = s_start + quantity.start
        before = text[max(0, q_start - 40):q_start]
        if _SUBSET_BEFORE.search(before) or (candidates and q_start < candidates[-1].noun.end):
            continue  # a part ("including two children") or a number inside the last noun phrase ("of one family")
        noun = _noun_phrase(text, s_start + quantity.end, actors)
        if noun.people:
            candidates.append(_Candidate(quantity, q_start, noun, noun.kind or _kind(text, quantity, q_start, noun.end)))
    for i, c in enumerate(candidates):
        if c.kind is not None:
            continue
        before = text[max(0, c.start - 40):c.start]
        nxt = candidates[i + 1] if i + 1 < len(candidates) else None
        prev = candidates[i - 1] if i else None
        if nxt is not None and nxt.kind and _CONJUNCTION_GAP.match(text[c.noun.end:nxt.start]):
            c.kind = nxt.kind  # "seven policemen and three civilians were killed"
        elif prev is not None and prev.kind and _AND_ANOTHER_BEFORE.search(before):
            c.kind = prev.kind  # "twelve were killed on Monday and another five on Tuesday"
        elif c.noun.side is None and _RESTATED_FIGURE_BEFORE.search(before):
            # "the army said five soldiers died. The Taliban claimed 20." / "..., but the Taliban put the number at 20"
            if prev is not None and prev.kind:
                c.kind, c.noun = prev.kind, NounPhrase(prev.noun.side, c.noun.end, True)
            elif previous is not None:
                c.kind, c.noun = previous.kind, NounPhrase(previous.subject_side, c.noun.end, True)
    return [c for c in candidates if c.kind is not None or c.noun.side is not None]


def _names_a_speaker(attribution: Attribution) -> bool:
    """Whether an attribution names someone a later pronoun or "the source" can refer to."""
    return attribution.side is not None and not _PRONOUN.match(attribution.speaker)


class _Quotes:
    """A paragraph's quotations with their speakers, in order, for the numbers inside them and for the speakers
    they leave behind. Each lookup costs the log of their number, however long the paragraph."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.spoken: list[Attribution] = []
        self.remembered = 0
        self.last_speaker: Attribution | None = None

    def add(self, quote: Attribution) -> None:
        self.starts.append(quote.start)
        self.spoken.append(quote)
        if _names_a_speaker(quote):
            self.last_speaker = quote

    def around(self, position: int) -> Attribution | None:
        """The quotation that holds `position`, if one does."""
        i = bisect_right(self.starts, position) - 1
        return self.spoken[i] if i >= 0 and position < self.spoken[i].end else None

    def unremembered(self) -> list[Attribution]:
        """The quotes' speakers to remember after a sentence: those not yet remembered, then the last named one
        again, so that it is the last speaker, as if every quote so far were remembered once more."""
        fresh = self.spoken[self.remembered:]
        self.remembered = len(self.spoken)
        return fresh + ([self.last_speaker] if self.last_speaker is not None else [])


def extract_claims(document: Document, actors: Actors, outlet: str | None = None) -> list[Claim]:
    """All claims in one article, with offsets into its stored text."""
    text, folded_text = document.text, document.folded
    speakers = _Speakers(actors)
    claims: list[Claim] = []
    unconfirmed = any(w in folded_text for w in ("confirm", "verif", "reconcil")) and bool(_CONFIRMATION_DENIED.search(folded_text))
    incident_key = "main"
    for paragraph in document.paragraphs:
        unread_quotes = deque(_quote_speakers(text, paragraph.start, paragraph.end))
        quotes = _Quotes()
        last_subject: str | None = None
        for s_start, s_end in paragraph.sentences:
            sentence = text[s_start:s_end]
            while unread_quotes and unread_quotes[0][0] < s_end:
                q_start, q_end, phrase = unread_quotes.popleft()
                quotes.add(Attribution(q_start, q_end, *_resolve(phrase, actors, speakers), leading=True))
            folded_sentence = folded_text[s_start:s_end]
            candidates = _sentence_candidates(folded_text, s_start, folded_sentence, actors, claims[-1] if claims else None)
            if not candidates:
                speakers.pending.append((sentence, None))
                speakers.pending.append((None, quotes.unremembered()))
                continue
            sentence_incident = background_key(folded_sentence[dateline_end(sentence):]) or "main"  # keyed as describe_incidents keys it
            attributions = _attributions(sentence, actors, speakers)
            passive = _PASSIVE.search(folded_sentence) is not None
            for candidate in candidates:
                quantity, kind, subject = candidate.quantity, candidate.kind, candidate.noun.side
                if kind is None:
                    last_subject = subject
                    continue
                quote = quotes.around(candidate.start)
                if quote is not None and quote.side in ("government", "insurgent", "foreign") and _FIRST_PERSON.search(folded_text[candidate.start:candidate.noun.end]):
                    subject = quote.side  # "we have lost 12 of our men," a commander said
                if subject == "any" and last_subject and _OTHERS.match(folded_text, s_start + quantity.end):
                    subject = last_subject  # "three policemen were wounded and two others are missing"
                if subject is None:
                    earlier = next((c.subject_side for c in reversed(claims) if c.kind == kind), None)
                    subject = "insurgent" if kind == "attackers" else (last_subject or earlier or "any")
                last_subject = subject
                attribution = quote or _pick_attribution(attributions, quantity.start)
                if attribution is not None and attribution.side is not None:
                    claimant, claimant_side = attribution.speaker, attribution.side
                elif passive:
                    claimant, claimant_side = None, "unattributed"
                else:
                    claimant, claimant_side = outlet, "media"
                claims.append(
                    Claim(
                        kind=kind, subject_side=subject, value=quantity.value, value_low=quantity.value_low,
                        value_high=quantity.value_high, qualifier=quantity.qualifier, claimant=claimant,
                        claimant_side=claimant_side, evidence=sentence, span_start=s_start, span_end=s_end,
                        incident_key=sentence_incident,
                        confirmed=False if unconfirmed and sentence_incident == incident_key else None,
                    )
                )
            speakers.pending.append((None, attributions + quotes.unremembered()))
    return _merge_duplicates(claims)
