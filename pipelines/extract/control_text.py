"""Territorial-control statements in article text ("control just under 60% of the country")."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from pipelines.extract.actors import Actors
from pipelines.extract.document import Document
from pipelines.extract.matching import Guarded, folded, whole_words
from pipelines.extract.numbers import HEDGES

_HEDGE = "|".join(sorted((re.escape(h) for h in HEDGES), key=len, reverse=True))
_SHARE = folded(
    r"(?:(?P<pct>\d+(?:\.\d+)?)\s*(?:%|per\s?cent\b|percent\b)|\b(?P<fraction>half|a\s+third|one[\s-]third|two[\s-]thirds|a\s+quarter|three[\s-]quarters)\b)",
)
# what stands right before a share (searched up to it, the longest phrase wins): a hedge, and "from
# X% to" for a change
_BEFORE_SHARE = folded(
    rf"(?:(?:from\s+)?(?:(?:{_HEDGE})\s+)?(?P<prev>\d+(?:\.\d+)?)\s*(?:%|per\s?cent|percent)?\s+to\s+)?(?:(?P<hedge>{_HEDGE})\s+)?\Z",
)
_SHARE_HINT = Guarded(
    folded(
        r"%|per\s?cent|" + whole_words(["half", "third", "thirds", "quarter", "quarters", "rest"])
    ),
    any_of=("%", "per", "half", "third", "quarter", "rest"),
)
_FRACTIONS = {
    "half": 0.5,
    "third": 1 / 3,
    "two thirds": 2 / 3,
    "quarter": 0.25,
    "three quarters": 0.75,
}
_CONTROL = Guarded(
    folded(
        whole_words(
            [
                "control",
                "controls",
                "controlled",
                "controlling",
                "influence",
                "hold",
                "holds",
                "held",
                "contested",
            ]
        )
    ),
    any_of=("control", "influence", "hold", "held", "contested"),
)
_REMAINDER = folded(
    r"\b(?:the\s+)?rest\s+(?:of\s+the\s+country\s+)?(?:is|was|remains)\s+(?P<cat>contested|under\s+\w+\s+control)"
)
_MEASURES = (
    ("districts", folded(r"\bdistricts?\b")),
    ("population", folded(r"\b(?:population|people)\b")),
)
_CITES_REPORT = folded(r"\bthe\s+report\b")


@dataclass(frozen=True)
class ControlStatement:
    category: str
    share: float | None
    qualifier: str
    previous_share: float | None
    measure: str
    source: str | None
    span_start: int
    span_end: int


def _fraction(text: str) -> float:
    key = re.sub(r"[\s-]+", " ", text.lower()).removeprefix("a ").removeprefix("one ")
    return _FRACTIONS[key]


def extract_control_statements(document: Document, actors: Actors) -> list[ControlStatement]:
    """Shares of territory that the text says a side controls, with the source it cites (if any).

    The source of a statement is the watchdog its sentence names, or, when the sentence cites "the
    report", the watchdog named last before it; sentences are searched for names only when a
    statement needs its source.
    """
    # the cheaper, rarer test first
    if not (_CONTROL.search(document.folded) and _SHARE_HINT.search(document.folded)):
        return []
    spans = document.sentences()
    sources = _Sources([document.folded[s_start:s_end] for s_start, s_end in spans], actors)
    found: list[ControlStatement] = []
    for i, (s_start, s_end) in enumerate(spans):
        sentence = sources.sentences[i]
        if not (control := _CONTROL.search(sentence)):
            continue
        measure = next(
            (name for name, pattern in _MEASURES if pattern.search(sentence)), "territory"
        )
        side = actors.speaker_side(sentence[: control.start()])
        if side in ("government", "insurgent"):
            for share, qualifier, previous in _shares(sentence):
                found.append(
                    ControlStatement(
                        side, share, qualifier, previous, measure, sources.of(i), s_start, s_end
                    )
                )
        if rest := _REMAINDER.search(sentence):
            remainder = "contested" if "contested" in rest.group("cat") else "unreported"
            found.append(
                ControlStatement(
                    remainder, None, "remainder", None, measure, sources.of(i), s_start, s_end
                )
            )
    return found


def _shares(sentence: str) -> Iterator[tuple[float, str, float | None]]:
    """(share, qualifier, previous share) of each figure of a sentence, its hedge read off the
    words before it."""
    for m in _SHARE.finditer(sentence):
        if sentence[m.end() : m.end() + 5].lstrip().startswith("to"):
            continue  # the "from" figure of "from 10% to 11%": the current figure follows
        before = _BEFORE_SHARE.search(sentence, max(0, m.start() - 40), m.start())
        before = before if before and before.group(0) else None
        share = float(m.group("pct")) / 100 if m.group("pct") else _fraction(m.group("fraction"))
        hedge = before.group("hedge") if before else None
        qualifier = HEDGES[hedge] if hedge else ("about" if m.group("fraction") else "exact")
        previous = float(before.group("prev")) / 100 if before and before.group("prev") else None
        yield share, qualifier, previous


class _Sources:
    """The watchdog each sentence cites: named in it, or, for "the report", named last before it."""

    def __init__(self, sentences: list[str], actors: Actors):
        self.sentences, self.actors = sentences, actors
        self.named = functools.cache(self._named)

    def _named(self, i: int) -> str | None:
        found = (m.group(0).upper() for m in self.actors.watchdog_re.finditer(self.sentences[i]))
        return next((name for name in found if name != "WATCHDOG"), None)

    def of(self, i: int) -> str | None:
        if named := self.named(i):
            return named
        if _CITES_REPORT.search(self.sentences[i]):
            return next((named for j in range(i - 1, -1, -1) if (named := self.named(j))), None)
        return None
