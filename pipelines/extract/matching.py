"""Fast matching for the extractors: case folding that keeps offsets, and cheap tests before costly
patterns.

Python's `re` is several times slower with IGNORECASE: it cannot skip ahead on a literal prefix or a
first-character set, and compares every character through its lower-case form. The extractors
therefore search a lower-cased copy of the text with case-sensitive patterns written in lower case,
and read what they report (speakers, actor names) from the original at the same offsets.

Scanning a whole text with a pattern of many alternatives is the other cost. `Guarded` runs a
pattern only when one of the literals every match must contain occurs (a substring test, done in C),
and `matches_at_hints` tries a pattern only where a cheap pattern of its first words matches. Both
give exactly the matches of the plain pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pipelines.extract.trie import trie_pattern

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def fold(text: str) -> str:
    """`text` in lower case, character for character (str.lower lengthens a few letters, such as
    'İ').
    """
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


def folded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern written in lower case, for folded text; refuses upper-case letters, which could
    never match.
    """
    if re.search(r"[A-Z]", re.sub(r"\\.|\(\?P[<=]\w+", "", pattern)):
        raise ValueError(f"folded patterns must be lower case: {pattern[:80]!r}")
    return re.compile(pattern, flags)


@dataclass(frozen=True)
class Guarded:
    """A folded pattern and literals of which every match contains at least one: without them, no
    match.
    """

    pattern: re.Pattern[str]
    any_of: tuple[str, ...]

    def possible(self, text: str) -> bool:
        # a plain loop: cheaper than any() over a generator
        for literal in self.any_of:  # noqa: SIM110
            if literal in text:
                return True
        return False

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.possible(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self.possible(text) else iter(())


def matches_at_hints(
    pattern: re.Pattern[str], hint: re.Pattern[str], text: str
) -> Iterator[re.Match[str]]:
    """pattern.finditer(text), trying the pattern only where `hint` (which every match starts with)
    matches.
    """
    consumed = 0
    for start in hint.finditer(text):
        if start.start() < consumed:
            continue
        if (m := pattern.match(text, start.start())) is not None:
            consumed = max(m.end(), start.start() + 1)
            yield m


# "not preceded by a word character", checked after a word's first letter instead of a leading \b:
# a pattern that starts with literal letters is scanned for them fast (see trie_pattern)
STARTS_A_WORD = r"(?<!\w.)"


def word_starts(stems: list[str]) -> re.Pattern[str]:
    """Where a word beginning with one of `stems` starts (folded text): a hint for
    `matches_at_hints`, scanned fast.
    """
    return re.compile(trie_pattern(stems, after_first=STARTS_A_WORD))


def whole_words(words: list[str], escape=re.escape) -> str:
    """Regex of any of `words` as a whole word (folded text), as a bounded alternation would match,
    but scanned fast.
    """
    return trie_pattern(words, escape, after_first=STARTS_A_WORD) + r"\b"


def search_at_hints(
    pattern: re.Pattern[str],
    hint: re.Pattern[str],
    text: str,
    pos: int = 0,
    endpos: int | None = None,
) -> re.Match[str] | None:
    """pattern.search(text, pos, endpos), trying the pattern only where `hint` (which every match
    starts with) matches.
    """
    endpos = len(text) if endpos is None else endpos
    for start in hint.finditer(text, pos, endpos):
        if (m := pattern.match(text, start.start(), endpos)) is not None:
            return m
    return None
