"""An article's prose, segmented once: paragraphs (furniture removed) and their sentences, as
offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipelines.extract.furniture import body_spans
from pipelines.extract.matching import fold

_ABBREVIATIONS = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Cpl|Gov|Sen|Rep|Prof|St|Jr|Sr|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z])\.$"
)
# "KABUL (Reuters) - ", "BEIRUT/JERUSALEM (Reuters) - "
_DATELINE = re.compile(r"^[A-Z][A-Za-z .'/-]{1,40}(?:\s*\([A-Za-z ]+\))?\s*[:—–-]\s+")
# without one, no dateline: a fast test before the backtracking pattern
_DATELINE_SEPARATOR = re.compile(r"[:—–-]\s")
# starts at the stop: a fast first-character scan
_SENTENCE_BREAK = re.compile(r"""[.!?](?P<gap>["'”’)]*\s+)(?=["“‘(]?[A-Z0-9])""")


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end], not breaking after abbreviations."""
    spans, cursor = [], start
    for m in _SENTENCE_BREAK.finditer(text, start, end):
        stop = m.start("gap")
        if _ABBREVIATIONS.search(text[max(cursor, stop - 6) : stop].rstrip("\"'”’)")):
            continue
        spans.append((cursor, stop))
        cursor = m.end()
    spans.append((cursor, end))
    return [(s, e) for s, e in spans if e > s]


def dateline_end(sentence: str) -> int:
    """Where a sentence's dateline ends (0 without one): what a sentence says starts after it."""
    if _DATELINE_SEPARATOR.search(sentence) and (dateline := _DATELINE.match(sentence)):
        return dateline.end()
    return 0


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    sentences: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Document:
    """The stored text and its prose structure; every extractor reads this, none re-segments or
    re-folds.
    """

    text: str
    paragraphs: tuple[Paragraph, ...]
    # fold(text): same offsets, for case-sensitive patterns
    folded: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "folded", fold(self.text))

    @classmethod
    def parse(cls, text: str, title: str | None = None) -> Document:
        return cls(
            text,
            tuple(
                Paragraph(s, e, tuple(split_sentences(text, s, e)))
                for s, e in body_spans(text, title)
            ),
        )

    def sentences(self) -> list[tuple[int, int]]:
        return [s for p in self.paragraphs for s in p.sentences]
