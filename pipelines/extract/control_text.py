"""Territorial-control statements in article text ("control just under 60% of the country")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.extract.actors import Actors
from pipelines.extract.document import Document
from pipelines.extract.numbers import HEDGES

_HEDGE = "|".join(sorted((re.escape(h) for h in HEDGES), key=len, reverse=True))
_SHARE = re.compile(
    rf"(?:(?:from\s+)?(?:(?P<prev_hedge>{_HEDGE})\s+)?(?P<prev>\d+(?:\.\d+)?)\s*(?:%|per\s?cent|percent)?\s+to\s+)?"
    rf"(?:(?P<hedge>{_HEDGE})\s+)?(?:(?P<pct>\d+(?:\.\d+)?)\s*(?:%|per\s?cent\b|percent\b)|(?P<fraction>half|a\s+third|one[\s-]third|two[\s-]thirds|a\s+quarter|three[\s-]quarters))",
    re.IGNORECASE,
)
_FRACTIONS = {"half": 0.5, "third": 1 / 3, "two thirds": 2 / 3, "quarter": 0.25, "three quarters": 0.75}
_CONTROL = re.compile(r"\b(?:control|controls|controlled|controlling|influence|hold|holds|held|contested)\b", re.IGNORECASE)
_REMAINDER = re.compile(r"\b(?:the\s+)?rest\s+(?:of\s+the\s+country\s+)?(?:is|was|remains)\s+(?P<cat>contested|under\s+\w+\s+control)", re.IGNORECASE)
_MEASURES = (("districts", r"\bdistricts?\b"), ("population", r"\b(?:population|people)\b"))


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
    """Shares of territory that the text says a side controls, with the source it cites (if any)."""
    found: list[ControlStatement] = []
    last_source: str | None = None
    for s_start, s_end in document.sentences():
        sentence = document.text[s_start:s_end]
        watchdog = next((m.group(0) for m in actors.speaker_re.finditer(sentence) if actors.speaker_side(m.group(0)) == "watchdog" and m.group(0).lower() != "watchdog"), None)
        source = watchdog.upper() if watchdog else (last_source if re.search(r"\bthe\s+report\b", sentence, re.IGNORECASE) else None)
        if not _CONTROL.search(sentence):
            continue
        measure = next((name for name, pattern in _MEASURES if re.search(pattern, sentence, re.IGNORECASE)), "territory")
        subject = sentence[: _CONTROL.search(sentence).start()]
        category = actors.speaker_side(subject) or actors.subject_side(subject)
        category = {"government": "government", "insurgent": "insurgent"}.get(category or re.sub(r"^.*\bforces\b.*$", "government", subject, flags=re.I))
        for m in _SHARE.finditer(sentence):
            if category is None:
                break
            share = float(m.group("pct")) / 100 if m.group("pct") else _fraction(m.group("fraction"))
            qualifier = HEDGES[m.group("hedge").lower()] if m.group("hedge") else ("about" if m.group("fraction") else "exact")
            previous = float(m.group("prev")) / 100 if m.group("prev") else None
            found.append(ControlStatement(category, share, qualifier, previous, measure, source, s_start, s_end))
        if rest := _REMAINDER.search(sentence):
            found.append(ControlStatement("contested" if "contested" in rest.group("cat").lower() else category or "unreported",
                                          None, "remainder", None, measure, source, s_start, s_end))
        last_source = source or last_source
    return found
