"""Find counted quantities in text: digits, number words, hedges, ranges and vague amounts.

Number words are converted by `text2num`; this module only finds where they are and
what hedge or range surrounds them, and skips numbers that are not counts (years,
times of day, durations, percentages, dates).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

from pipelines.extract.matching import fold, folded
from pipelines.extract.trie import trie_pattern

NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
]
_UNITS = trie_pattern(NUMBER_WORDS)
_WORD_NUMBER = rf"(?:{_UNITS})(?:(?:[\s-]+|\s+and\s+)(?:{_UNITS}))*"
_DIGIT_NUMBER = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?![\d,]\d)"
_DOZENS = rf"(?:\b(?:{_WORD_NUMBER}|\d+)|\bhalf\s+a)\s+dozen\b"  # "two dozen", "half a dozen"
NUMBER = rf"(?:{_DOZENS}|{_DIGIT_NUMBER}|\b{_WORD_NUMBER}\b|\ba\s(?:dozen|hundred|thousand)\b)"

# hedge phrase -> qualifier (vocabulary of ../shared/README.md)
HEDGES: dict[str, str] = {
    "at least": "at_least",
    "no fewer than": "at_least",
    "a minimum of": "at_least",
    "more than": "more_than",
    "over": "more_than",
    "just over": "more_than",
    "upwards of": "more_than",
    "about": "about",
    "around": "about",
    "nearly": "about",
    "almost": "about",
    "some": "about",
    "roughly": "about",
    "approximately": "about",
    "an estimated": "about",
    "close to": "about",
    "just under": "under",
    "under": "under",
    "fewer than": "under",
    "less than": "under",
    "just below": "under",
    "up to": "up_to",
    "as many as": "up_to",
    "at most": "up_to",
}
_HEDGE = trie_pattern(list(HEDGES))

# vague amounts: word -> (qualifier, unit value, high bound)
VAGUE: dict[str, tuple[str, int, int | None]] = {
    "dozens": ("dozens", 12, 99),
    "scores": ("dozens", 20, 99),
    "tens": ("tens", 10, 99),
    "hundreds": ("hundreds", 100, 999),
    "thousands": ("at_least", 1000, None),
}

QUANTITY_RE = folded(
    rf"""
    (?:(?P<range_intro>\b(?:anywhere\s+)?(?:from|between))
       \s+(?P<range_low>{NUMBER})\s+(?:to|and)\s+(?P<range_high>{NUMBER})\b)
    | (?:\b(?P<vague>dozens|scores|tens|hundreds|thousands)\s+of\b)
    # a vague amount standing alone for people: "dozens were killed"
    | (?:(?<!of\s)\b(?P<vague_alone>dozens|scores|hundreds|thousands)
       (?=\s+(?:more\s+)?(?:were|have|had|died|are)\b))
    | (?:(?:\b(?P<hedge>{_HEDGE})\s+)?(?P<number>{NUMBER})
       (?:\s*(?:-|–|to)\s*(?P<number_high>{_DIGIT_NUMBER}))?)
    """,
    re.VERBOSE,
)

# a month's name or its abbreviation, not any word that starts like one ("separatists", "marines")
MONTH_WORD = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_MONTH_STARTS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def month_number(word: str) -> int:
    """1..12 for a month's name or abbreviation that MONTH_WORD matched ("Sept.", "march")."""
    return _MONTH_STARTS.index(word.lower()[:3]) + 1


_NOT_COUNT_AFTER = folded(
    r"""^(?:
        \s*(?:%|per\s?cent\b|percent\b|pc\b)          # shares
      | \s*(?::\d|[ap]\.?m\b\.?|o'clock|gmt\b|hrs\b)    # times of day
      | (?:-|\s+)(?:years?|yrs?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?
                  |centur(?:y|ies)|nights?)\b
      | -year|-day|-hour|-month|-week|-strong\b
      | \s*(?:km|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|kg|tons?|tonnes?)\b
      | (?:st|nd|rd|th)\b
      | /\d
      | \s+(?:million|billion|trillion)\b
      | \s+"""
    + MONTH_WORD
    + r"""(?:\s|$)
    )""",
    re.VERBOSE,
)
_NOT_COUNT_BEFORE = folded(
    rf"(?:[$£€]|\d/|\b{MONTH_WORD}\s|\b(?:no|number|route|highway|camp|unit|brigade|corps|division|battalion|article|resolution|page|section)\.?\s)$",
)
_YEAR = re.compile(r"^(?:1[89]\d\d|20\d\d)$")


@dataclass(frozen=True)
class Quantity:
    """A counted amount found in text; offsets are relative to the searched string."""

    start: int
    end: int
    value: int
    value_low: int | None
    value_high: int | None
    qualifier: str
    number_start: int  # where the number itself (not the hedge) starts


_SPACES = re.compile(r"\s+")
# more than everyone alive: no count of people, places or events is larger (and the warehouse's
# BIGINT holds it)
MAX_COUNT = 10**10


def parse_number(token: str) -> int | None:
    """Digits or English number words to an int; None when it is not a number, or too large to count
    anything.
    """
    value = _number_value(token)
    return None if value is None or value > MAX_COUNT else value


def _number_value(token: str) -> int | None:
    token = token.strip().lower()
    if token.replace(",", "").isdigit():
        return int(token.replace(",", ""))
    token = _SPACES.sub(" ", token)
    if token == "half a dozen":
        return 6
    if token.endswith(" dozen") and not token.startswith("a "):
        units = _number_value(token.removesuffix(" dozen"))
        return None if units is None else units * 12
    if token.startswith("a "):
        return {"a dozen": 12, "a hundred": 100, "a thousand": 1000}.get(token)
    try:
        return int(text2num(token.replace("-", " "), "en"))
    except ValueError:
        return None


def _bounds(value: int, qualifier: str) -> tuple[int | None, int | None]:
    """Interval a hedged number stands for, keeping value_low <= value <= value_high."""
    if qualifier == "exact":
        return value, value
    if qualifier in ("at_least", "more_than"):
        return value, None
    if qualifier == "about":
        return int(value * 0.9), -(-value * 11 // 10)
    if qualifier in ("under", "up_to"):
        return None, value
    return None, None


def is_count_context(text: str, start: int, end: int, number: str) -> bool:
    """False for numbers that are years, times, durations, percentages, dates or labels, and for
    digits that are part of something else: glued to letters or digits ("M23", "AK47", "1e309",
    "12,3456"), signed ("-5") or decimal ("2.5").
    """
    if _NOT_COUNT_AFTER.match(text[end : end + 24]) or _NOT_COUNT_BEFORE.search(
        text[max(0, start - 12) : start]
    ):
        return False
    if _YEAR.match(number):
        return False
    return not (number[:1].isdigit() and _glued(text, start, end))


def _glued(text: str, start: int, end: int) -> bool:
    """True when the digits from `start` to `end` are part of a code, a signed or decimal number, or
    a longer numeral.
    """
    before = text[start - 1] if start else " "
    before2 = text[start - 2] if start > 1 else " "
    after = text[end : end + 2]
    if before.isalnum() or after[:1].isalnum() or after[:1] in ".," and after[1:].isdigit():
        return True
    if before in "./:-," and before2.isdigit():
        return True
    return before in "-\u2212+" and not before2.isalnum()


_AMOUNT_WORDS = ["dozen", "dozens", "scores", "tens", "hundreds", "thousands"]
NUMBER_HINT = folded(rf"\d|\b(?:{trie_pattern(NUMBER_WORDS + _AMOUNT_WORDS)})\b")  # on folded text


_WORD = re.compile(r"(?<![\w'’-])[\w'’-]+")
# the words a quantity can start with before its number: hedges, range openers, "half a dozen", "a
# hundred"
_OPENERS = frozenset(hedge.split()[0] for hedge in HEDGES) | {
    "anywhere",
    "from",
    "between",
    "half",
    "a",
}


def _quantity_matches(text: str):
    """QUANTITY_RE's matches, tried only where a number word or digit is near (scanning every
    position is slow).

    A match may start up to three words before its number ("at least 26", "anywhere from two to
    25"), at an opener word: a match that starts at a number starts at an earlier hint, tried
    already.
    """
    consumed = 0
    for hint in NUMBER_HINT.finditer(text):
        if hint.start() < consumed:
            continue
        window_start = max(consumed, hint.start() - 32)
        words = list(_WORD.finditer(text, window_start, hint.start()))[-3:]
        starts = [w.start() for w in words if w.group() in _OPENERS] + [hint.start()]
        for start in starts:
            m = QUANTITY_RE.match(text, start)
            if m is not None and m.end() > hint.start():
                consumed = m.end()
                yield m
                break


def find_quantities(text: str) -> list[Quantity]:
    """Every count-like quantity in `text`, left to right."""
    text = fold(text)
    found: list[Quantity] = []
    for m in _quantity_matches(text):
        if m.group("range_intro"):
            low, high = parse_number(m.group("range_low")), parse_number(m.group("range_high"))
            if low is None or high is None or low >= high:
                continue
            if not is_count_context(
                text, m.start("range_high"), m.end("range_high"), m.group("range_high")
            ):
                continue
            found.append(
                Quantity(m.start(), m.end(), high, low, high, "range", m.start("range_low"))
            )
        elif vague := m.group("vague") or m.group("vague_alone"):
            qualifier, unit, high = VAGUE[vague.lower()]
            found.append(Quantity(m.start(), m.end(), unit, unit, high, qualifier, m.start()))
        else:
            number = m.group("number")
            value = parse_number(number)
            if value is None or not is_count_context(text, m.start("number"), m.end(), number):
                continue
            if m.group("number_high"):
                high = parse_number(m.group("number_high"))
                if high is not None and value < high:
                    found.append(
                        Quantity(m.start(), m.end(), high, value, high, "range", m.start("number"))
                    )
                continue
            hedge = m.group("hedge")
            qualifier = (
                HEDGES[hedge.lower()]
                if hedge
                else ("about" if number.lower() == "a dozen" else "exact")
            )
            low, high = _bounds(value, qualifier)
            found.append(
                Quantity(m.start(), m.end(), value, low, high, qualifier, m.start("number"))
            )
    return found
