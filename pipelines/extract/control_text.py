"""Territorial-control statements in article text: who holds how much, in what unit, by whose
assessment, as of when.

A sentence with a word of control (control, influence, hold, contested, seize, occupy) is read
for its figures: a percent or fraction ("just under 60%", "two-thirds"), a count of districts
with its universe when stated ("229 of 407 districts"), an area ("1,300 square kilometres"; square
miles converted), "most of" (more than half). A figure in parentheses restating the one before in
the same unit is not read twice; in another unit ("59 districts (14.5%)") it is a second figure
of the same statement.

Each figure takes the category its own words give, read after it up to the next figure and then
back to the previous one: "as contested", "under insurgent control", "controlled by gangs",
"outside state control" (not_government), "controls or contests" (insurgent_or_contested). Else
it is the holder's: the side of the actor named last before the figure, or, when that actor is a
state at war with another state, `state` with the state in `category_actor` (an army holding
ground in an interstate war, as in Ukraine or Gaza). CATEGORY_ROLLUP says which of these roll up
into the trend's government / insurgent / contested.

The source is the watchdog the sentence names; else, for a sentence citing "the report" or none,
the watchdog named last in its paragraph; else the speaker of the reporting frame that holds the
figure (attribution.py); else the outlet itself (`media`). `as_of` is the date the figure's
sentence gives ("as of", "in March 2019", "the second quarter of 2019"), else the last date stated
with "as of" beside the same source before it, else (`as_of_precision` published) the article's.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pipelines.extract.actors import Actors
from pipelines.extract.attribution import Speakers, attributions_in, pick_attribution
from pipelines.extract.document import Document
from pipelines.extract.matching import Guarded, folded, whole_words
from pipelines.extract.numbers import HEDGES, MONTH_WORD, month_number

# Categories a text gives a share, and what each rolls up to for the trend and the watchdog
# comparison (None: no one top-level category): "controls or contests" is insurgent and contested
# together; "outside state control" is read as the armed non-state side's, as analysts read it;
# `state` is a state's forces holding ground in a war between states (category_actor names it).
CATEGORY_ROLLUP: dict[str, str | None] = {
    "government": "government",
    "insurgent": "insurgent",
    "contested": "contested",
    "unreported": "unreported",
    "insurgent_or_contested": None,
    "not_government": "insurgent",
    "state": None,
}

_HEDGE = "|".join(sorted((re.escape(h) for h in HEDGES), key=len, reverse=True))
_FIGURE = folded(
    r"(?P<pct>\d+(?:\.\d+)?)\s*(?:%|per\s?cent\b|percent\b)"
    r"|\b(?P<fraction>half|a\s+third|one[\s-]third|two[\s-]thirds|a\s+quarter|three[\s-]quarters)\b"
    r"|\b(?P<most>most)\s+of\b"
    r"|\b(?P<districts>\d{1,4})\s+(?:of\s+(?:the\s+)?(?:[\w-]+[’']s\s+|its\s+)?(?P<universe>\d{1,4})\s+)?"
    r"(?:\w+\s+)?districts?\b"
    r"|\b(?P<area>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?:square\s+(?P<area_unit>kilomet(?:er|re)s"
    r"|km|miles?)|sq\.?\s*km|km2|km²)"
)
# before a figure (searched up to it): a hedge, and "from X% to" for a change
_BEFORE = folded(
    rf"(?:(?:from\s+)?(?:(?:{_HEDGE})\s+)?(?P<prev>\d+(?:\.\d+)?)\s*(?:%|per\s?cent|percent)?\s+to\s+)?(?:(?P<hedge>{_HEDGE})\s+)?\Z",
)
# a count that is the universe of another ("the country's 407 districts")
_UNIVERSE_BEFORE = folded(r"(?:\bof|[’']s)\s+(?:the\s+)?\Z")
_HINT = Guarded(
    folded(
        r"%|per\s?cent|km|square|"
        + whole_words(
            ["half", "third", "thirds", "quarter", "quarters", "rest", "most", "districts"]
        )
    ),
    any_of=("%", "per", "half", "third", "quarter", "rest", "most", "district", "km", "square"),
)
_CONTROL = Guarded(
    folded(
        whole_words(
            [
                "control",
                "controls",
                "controlled",
                "controlling",
                "influence",
                "influences",
                "hold",
                "holds",
                "held",
                "contested",
                "contests",
                "seize",
                "seized",
                "seizes",
                "occupy",
                "occupies",
                "occupied",
            ]
        )
    ),
    any_of=("control", "influence", "hold", "held", "contest", "seize", "occup"),
)
_FRACTIONS = {
    "half": 0.5,
    "third": 1 / 3,
    "two thirds": 2 / 3,
    "quarter": 0.25,
    "three quarters": 0.75,
}
_SQUARE_MILE_KM2 = 2.589988
# how far before a side's noun a state's name still qualifies it, in characters
_ADJECTIVE_REACH = 12
# the category a figure's own words give (the earliest in its window wins)
_OWN_WORDS = folded(
    r"\b(?P<insurgent_or_contested>controls?\s+or\s+contests?|control(?:led)?\s+or\s+contested)\b"
    r"|\b(?P<not_government>outside\s+(?:of\s+)?(?:the\s+)?(?:state|government)(?:[’']s)?\s+control)\b"
    r"|\b(?P<contested>contested)\b"
    r"|\bunder\s+(?:the\s+)?(?P<under>[\w\s’'-]{1,40}?)\s+control\b"
    r"|\b(?:controlled|held|occupied|seized)\s+by\s+(?:the\s+)?(?P<by>[\w’'-]+(?:\s+[\w’'-]+){0,3})"
)
_CLAUSE_END = folded(r";|,\s+(?:while|but|whereas)\b|\b(?:and\s+)?the\s+rest\b")
_REMAINDER = folded(
    r"\b(?:the\s+)?rest\s+(?:of\s+the\s+country\s+)?(?:is|was|remains)\s+(?P<cat>contested|under\s+\w+\s+control)"
)
_MEASURES = (
    ("districts", folded(r"\bdistricts?\b")),
    ("population", folded(r"\b(?:population|people)\b")),
    ("area", folded(r"\b(?:land\s+)?area\b")),
)
_CITES = folded(r"\bthe\s+(?:latest\s+)?(?:report|data|assessment)\b")
# a date the text gives a figure: "as of" in any sentence; "in" or "by" a month, or a quarter, in
# the figure's own sentence
_AS_OF = folded(
    rf"\b(?P<cue>as\s+of|in|by)\s+(?:the\s+end\s+of\s+)?(?P<month>{MONTH_WORD})\s+"
    rf"(?:(?P<day>\d{{1,2}}),?\s+)?(?P<year>(?:19|20)\d\d)\b"
    r"|\b(?P<quarter>first|second|third|fourth)\s+quarter\s+of\s+(?P<quarter_year>(?:19|20)\d\d)\b"
)
_QUARTERS = ("first", "second", "third", "fourth")


@dataclass(frozen=True)
class ControlStatement:
    category: str
    share: float | None
    qualifier: str
    previous_share: float | None
    measure: str
    source: str | None  # None: the outlet's own
    source_side: str
    span_start: int
    span_end: int
    count: float | None = None
    unit: str = "share"
    category_actor: str | None = None
    as_of: dt.date | None = None
    as_of_precision: str | None = None


@dataclass(frozen=True)
class _Figure:
    start: int
    end: int
    share: float | None
    count: float | None
    unit: str
    qualifier: str
    previous: float | None
    parenthetical: bool  # "(14.5%)": restates the figure before it


def _fraction(text: str) -> float:
    key = re.sub(r"[\s-]+", " ", text.lower()).removeprefix("a ").removeprefix("one ")
    return _FRACTIONS[key]


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _figure(sentence: str, m: re.Match[str]) -> _Figure | None:
    """A figure as stated, its hedge and (for "from X% to Y%") the share before; None for a
    count that is another's universe."""
    before = _BEFORE.search(sentence, max(0, m.start() - 40), m.start())
    hedge = before.group("hedge") if before and before.group(0) else None
    qualifier = HEDGES[hedge] if hedge else "exact"
    previous = float(before.group("prev")) / 100 if before and before.group("prev") else None
    parenthetical = sentence[max(0, m.start() - 1) : m.start()] == "("
    share = count = None
    unit = "share"
    if m.group("pct"):
        share = float(m.group("pct")) / 100
    elif m.group("fraction"):
        share, qualifier = _fraction(m.group("fraction")), qualifier if hedge else "about"
    elif m.group("most"):
        share, qualifier = 0.5, "more_than"
    elif m.group("districts"):
        if _UNIVERSE_BEFORE.search(sentence, max(0, m.start() - 20), m.start()):
            return None
        count, unit = _number(m.group("districts")), "districts"
        share = count / _number(m.group("universe")) if m.group("universe") else None
    else:
        count, unit = _number(m.group("area")), "km2"
        if (m.group("area_unit") or "").startswith("mile"):
            count = round(count * _SQUARE_MILE_KM2)
    return _Figure(m.start(), m.end(), share, count, unit, qualifier, previous, parenthetical)


def _figures(sentence: str) -> list[_Figure]:
    """The sentence's figures, without "from" figures of a change and without a parenthetical
    restating the figure before it in the same unit."""
    found: list[_Figure] = []
    for m in _FIGURE.finditer(sentence):
        if sentence[m.end() : m.end() + 5].lstrip().startswith("to "):
            continue  # the "from" figure of "from 10% to 11%": the current figure follows
        figure = _figure(sentence, m)
        if figure is None or (figure.parenthetical and found and found[-1].unit == figure.unit):
            continue
        found.append(figure)
    return found


def _after(sentence: str, figures: list[_Figure], index: int) -> int:
    """Where a figure's own words end: at the next figure that does not restate it, or where
    another clause begins ("; ...", ", while ...", "and the rest ...")."""
    end = next((f.start for f in figures[index + 1 :] if not f.parenthetical), len(sentence))
    clause = _CLAUSE_END.search(sentence, figures[index].end, end)
    return clause.start() if clause else end


def _own_category(sentence: str, start: int, end: int, actors: Actors) -> str | None:
    m = _OWN_WORDS.search(sentence, start, end)
    if m is None:
        return None
    if m.lastgroup in ("under", "by"):
        who = m.group(m.lastgroup)
        side = actors.speaker_side(who) or actors.subject_side(who)
        return side if side in ("government", "insurgent") else None
    return m.lastgroup


def _holder(sentence: str, upto: int, actors: Actors) -> tuple[str | None, str | None]:
    """(category, category_actor) of the actor named last before a figure: a state at war with
    another state holds as `state`; any other actor as its side."""
    sides = list(actors.speaker_re.finditer(sentence, 0, upto))
    named = list(actors.actor_re.finditer(sentence, 0, upto))
    # a state named last, or just before the last side's noun ("the Israeli army"), is the holder
    if named and (not sides or named[-1].start() >= sides[-1].start() - _ADJECTIVE_REACH):
        state = actors.actor(named[-1].group(0))
        code = actors.state_codes.get(state or "")
        if code and any(pair[0] == code for pair in actors.wars):
            return "state", state
    side = actors.speaker_side(sides[-1].group(0)) if sides else None
    return (side, None) if side in ("government", "insurgent") else (None, None)


def _category(
    sentence: str, figures: list[_Figure], index: int, control: int, actors: Actors
) -> tuple[str | None, str | None]:
    figure = figures[index]
    own = _own_category(sentence, figure.end, _after(sentence, figures, index), actors)
    previous_end = next((f.end for f in reversed(figures[:index]) if not f.parenthetical), 0)
    own = own or _own_category(sentence, previous_end, figure.start, actors)
    if own:
        return own, None
    return _holder(sentence, min(control, figure.start), actors)


def _as_of(sentence: str, own: bool) -> tuple[dt.date, str] | None:
    """The date a sentence gives its figures, and its precision: with "as of" in any sentence;
    in the figure's own sentence (`own`), also "in March 2019" or "the second quarter of 2019"."""
    for m in _AS_OF.finditer(sentence):
        if m.group("quarter") and own:
            first_month = 3 * _QUARTERS.index(m.group("quarter")) + 1
            return dt.date(int(m.group("quarter_year")), first_month, 1), "quarter"
        if m.group("month") and (own or m.group("cue").startswith("as")):
            month = month_number(m.group("month"))
            day = int(m.group("day")) if m.group("day") else None
            try:
                return dt.date(int(m.group("year")), month, day or 1), "day" if day else "month"
            except ValueError:
                return None
    return None


class _Sources:
    """Who assessed each sentence's figures, and as of when: a watchdog named in the sentence,
    in its paragraph or (for "the report") before it; the speaker of the frame holding a figure;
    the dates stated beside each source."""

    def __init__(self, document: Document, actors: Actors):
        self.document, self.actors = document, actors
        self.speakers = Speakers(actors)
        self.paragraph_watchdog: str | None = None
        self.last_watchdog: str | None = None
        self.dates: dict[str | None, tuple[dt.date, str]] = {}

    def read(self, sentence: str, new_paragraph: bool) -> str | None:
        """Note what a sentence names (every sentence, in order); the watchdog it names."""
        if new_paragraph:
            self.paragraph_watchdog = None
        named = next(
            (
                m.group(0)
                for m in self.actors.watchdog_re.finditer(sentence)
                if m.group(0) != "watchdog"
            ),
            None,
        )
        named = re.sub(r"[’']s$", "", named) if named else None
        watchdog = self.actors.actor(named) or named.upper() if named else None
        if watchdog:
            self.paragraph_watchdog = self.last_watchdog = watchdog
        if "as of" in sentence and (stated := _as_of(sentence, own=False)):
            self.dates[watchdog] = stated
        return watchdog

    def of(self, folded_sentence: str, sentence: str, watchdog: str | None, at: int):
        """(source, side) of the figure at `at`: None as the source for the outlet's own."""
        if watchdog:
            return watchdog, "watchdog"
        frame = pick_attribution(attributions_in(sentence, self.actors, self.speakers), at)
        if frame is not None and frame.side and frame.side != "media":
            return frame.speaker, frame.side
        cited = self.last_watchdog if _CITES.search(folded_sentence) else None
        if found := cited or (self.paragraph_watchdog if frame is None else None):
            return found, "watchdog"
        return (frame.speaker, "media") if frame is not None else (None, "media")


def extract_control_statements(document: Document, actors: Actors) -> list[ControlStatement]:
    """Shares and amounts of territory the text says a side holds, with their assessor and date
    (see the module docstring)."""
    # the cheaper, rarer test first
    if not (_CONTROL.search(document.folded) and _HINT.search(document.folded)):
        return []
    sources = _Sources(document, actors)
    found: list[ControlStatement] = []
    for paragraph in document.paragraphs:
        for number, (start, end) in enumerate(paragraph.sentences):
            sentence = document.folded[start:end]
            watchdog = sources.read(sentence, number == 0)
            if control := _CONTROL.search(sentence):
                found += _statements(sentence, start, control.start(), watchdog, sources)
    return found


def _statements(
    sentence: str, start: int, control: int, watchdog: str | None, sources: _Sources
) -> list[ControlStatement]:
    """The statements of one sentence with a word of control at `control`."""
    actors, text = sources.actors, sources.document.text[start : start + len(sentence)]
    measure = next((name for name, pattern in _MEASURES if pattern.search(sentence)), "territory")
    figures, found = _figures(sentence), []
    for index, figure in enumerate(figures):
        category, holder = _category(sentence, figures, index, control, actors)
        if category is None:
            continue
        source, side = sources.of(sentence, text, watchdog, figure.start)
        dated = _as_of(sentence, own=True) or sources.dates.get(source)
        found.append(
            ControlStatement(
                category, figure.share, figure.qualifier, figure.previous,
                {"districts": "districts", "km2": "area"}.get(figure.unit, measure),
                source, side, start, start + len(sentence), figure.count, figure.unit, holder,
                *(dated or (None, None)),
            )
        )  # fmt: skip
    if rest := _REMAINDER.search(sentence):
        source, side = sources.of(sentence, text, watchdog, rest.start())
        category = "contested" if "contested" in rest.group("cat") else "unreported"
        found.append(
            ControlStatement(
                category, None, "remainder", None, measure, source, side, start,
                start + len(sentence),
            )
        )  # fmt: skip
    return found
