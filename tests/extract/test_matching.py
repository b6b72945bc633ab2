"""The fast-matching helpers give exactly what the plain patterns give."""

import random
import re

import pytest

from pipelines.extract.matching import (
    Guarded,
    fold,
    folded,
    matches_at_hints,
    search_at_hints,
    whole_words,
    word_starts,
)
from pipelines.extract.trie import trie_pattern

TEXTS = [
    "",
    "On Monday, officials said 20 were killed last week.",
    "earlier this week and this week; SINCE 2014 so far",
    "İstanbul: the governor's office said on Tuesday's raid",
    "monday mondays on on-monday last  night",
]


@pytest.mark.parametrize("text", TEXTS)
def test_fold_keeps_every_offset(text):
    assert len(fold(text)) == len(text)
    assert fold(text) == text.lower() or "İ" in text


def test_folded_patterns_must_be_lower_case():
    assert folded(r"\bkilled(?P<Count>\d+)\s").match("killed 5") is None
    with pytest.raises(ValueError):
        folded(r"\bKilled")


@pytest.mark.parametrize("text", TEXTS)
def test_guarded_pattern_finds_what_the_plain_pattern_finds(text):
    plain = folded(r"\bsince\s+(?:19|20)\d\d|so\s+far")
    guarded = Guarded(plain, any_of=("since", "far"))
    low = fold(text)
    assert [m.span() for m in guarded.finditer(low)] == [m.span() for m in plain.finditer(low)]
    assert (guarded.search(low) or re.match("", "")).span() == (
        plain.search(low) or re.match("", "")
    ).span()


@pytest.mark.parametrize("text", TEXTS)
def test_matches_at_hints_equal_finditer(text):
    pattern = folded(
        r"\b(?:(?:earlier\s+)?this\s+week|last\s+(?:week|night)|on\s+monday|monday['’]s|this)\b"
    )
    hint = folded(rf"\b(?:{trie_pattern(['earlier', 'this', 'last', 'on', 'monday'])})\b")
    low = fold(text)
    assert [m.span() for m in matches_at_hints(pattern, hint, low)] == [
        m.span() for m in pattern.finditer(low)
    ]


def test_trie_lookbehind_after_first_letter_matches_whole_words_only():
    words = ["Kandahar", "Kabul", "Farah"]
    plain = re.compile(r"(?<![\w-])(?:" + trie_pattern(words) + r")(?![\w-])")
    fast = re.compile(r"(?:" + trie_pattern(words, after_first=r"(?<![\w-].)") + r")(?![\w-])")
    text = "Kandahar, Kabul and Farahrud; xKabul, Kabul-based, -Farah, Farah"
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def _random_texts(vocabulary: list[str], count: int = 3000) -> list[str]:
    """Words glued by spaces, hyphens, apostrophes, commas or nothing: word boundaries in every
    guise (seeded).
    """
    rng = random.Random(20211)
    return [
        "".join(
            rng.choice(vocabulary) + rng.choice([" ", "", "-", "'", ", "])
            for _ in range(rng.randint(1, 12))
        )
        for _ in range(count)
    ]


def test_whole_words_finds_what_a_bounded_alternation_finds():
    words = ["control", "controls", "controlled", "hold", "held", "spoke of", "5"]
    plain = re.compile(
        r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\b"
    )
    fast = re.compile(whole_words(words, lambda ch: r"\s+" if ch == " " else re.escape(ch)))
    for text in _random_texts([*words, "uncontrolled", "holder", "beheld", "x", "of", "spoke"]):
        assert [m.span() for m in fast.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ], text


def test_search_at_word_starts_finds_what_search_finds():
    pattern = folded(
        r"\b(?:(?:killed|kill)\s+(?:or|and)\s+wounded|toll\s+(?:rose\s+)?to|group\s+of)\s+(?:the\s+)?$"
    )
    starts = word_starts(["kill", "toll", "group"])
    for text in _random_texts(
        [
            "killed",
            "kill",
            "skilled",
            "or",
            "wounded",
            "toll",
            "rose",
            "to",
            "group",
            "subgroup",
            "of",
            "the",
        ]
    ):
        text += " "
        found, expected = search_at_hints(pattern, starts, text), pattern.search(text)
        assert (found and found.span()) == (expected and expected.span()), text
