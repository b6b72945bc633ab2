"""Case folding that keeps offsets, so patterns can run without IGNORECASE.

Python's `re` is several times slower with IGNORECASE: it cannot skip ahead on a literal prefix or
a first-character set, and compares every character through its lower-case form. The extractors
therefore search a lower-cased copy of the text with case-sensitive patterns written in lower case,
and read what they report (speakers, actor names) from the original at the same offsets.
"""

from __future__ import annotations

import re

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def fold(text: str) -> str:
    """`text` in lower case, character for character (str.lower lengthens a few letters, such as 'İ')."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


def folded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern written in lower case, for folded text; refuses upper-case letters, which could never match."""
    if re.search(r"[A-Z]", re.sub(r"\\.|\(\?P[<=]\w+", "", pattern)):
        raise ValueError(f"folded patterns must be lower case: {pattern[:80]!r}")
    return re.compile(pattern, flags)
