"""Languages as stated (normalized to ISO 639) and as detected, on sentences written for these
tests."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.raw.readers.language import article_language, iso_code


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ("en", "en"),
        ("EN-gb", "en"),
        ("en_US", "en"),
        ("eng", "en"),
        ("English", "en"),
        ("ger", "de"),
        ("fil", "fil"),
        ("xx", None),
        ("", None),
        (None, None),
        ("12", None),
    ],
)
def test_a_stated_language_is_read_as_its_iso_code(given, code):
    assert iso_code(given) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The ministry said the bridge would reopen next week after repairs.", "en"),
        ("Das Ministerium teilte mit, die Brücke werde nächste Woche wieder geöffnet.", "de"),
        ("Le ministère a indiqué que le pont rouvrirait la semaine prochaine.", "fr"),
        ("12345 67 890", "und"),
    ],
)
def test_an_unstated_language_is_detected(text, code):
    assert article_language(None, text) == (code, "detected")


def test_a_stated_language_wins_over_the_text_and_a_meaningless_one_does_not():
    german = "Das Ministerium teilte mit, die Brücke werde nächste Woche wieder geöffnet."
    assert article_language("en", german) == ("en", "given")
    assert article_language("unknown", german) == ("de", "detected")


@settings(max_examples=300, deadline=None)
@given(text=st.text(), stated=st.one_of(st.none(), st.text(max_size=20)))
def test_any_text_and_any_stated_language_get_a_code_and_never_raise(text, stated):
    """Detection runs in the reading workers outside any quarantine: it must not raise on any
    text, however broken (lone surrogates, NULs, nothing at all)."""
    code, source = article_language(stated, text)
    assert code and source in ("given", "detected")
