"""The guards against hostile inputs: names, YAML metadata and cell values."""

import os

import pytest

from pipelines.raw.readers.decode import Rejected
from pipelines.raw.readers.guards import (
    MAX_YAML_BYTES,
    defused,
    display_name,
    is_formula,
    load_yaml,
    plain_fields,
    scalar_text,
)


def test_an_undecodable_name_is_shown_escaped_and_the_escape_keeps_every_byte():
    name = os.fsdecode(b"caf\xe9-\xff.md")
    assert display_name(name) == "caf\\xe9-\\xff.md"
    assert display_name("kabul-\u00e9t\u00e9.md") == "kabul-\u00e9t\u00e9.md"
    # written out, not undecodable
    assert display_name("caf\\xe9-\\xff.md") == "caf\\\\xe9-\\\\xff.md"


def test_yaml_aliases_are_refused_before_they_expand():
    bomb = "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n"
    with pytest.raises(Rejected, match="aliases"):
        load_yaml(bomb, "front matter")
    assert load_yaml("title: plain\ncount: 3\n", "front matter") == {"title": "plain", "count": 3}


def test_yaml_over_the_size_limit_or_broken_is_refused_with_a_reason():
    with pytest.raises(Rejected, match="over size limit"):
        load_yaml("t: " + "x" * MAX_YAML_BYTES, "sidecar")
    with pytest.raises(Rejected, match="broken YAML sidecar"):
        load_yaml("a: [unclosed", "sidecar")


@pytest.mark.parametrize(
    ("value", "expected"), [(None, None), ("  ", None), (" Reuters ", "Reuters"), (1984, "1984")]
)
def test_a_metadata_scalar_becomes_text(value, expected):
    assert scalar_text(value, "title") == expected


@pytest.mark.parametrize("value", [["a"], {"code": "en"}])
def test_a_list_or_mapping_as_metadata_is_rejected(value):
    with pytest.raises(Rejected, match="'language' is a"):
        scalar_text(value, "language")


@pytest.mark.parametrize(
    "text", ["=cmd|'/c calc'!A1", '+HYPERLINK("x")', "-2+3", "@SUM(A1)", "\tx", "\rx"]
)
def test_formulas_are_told_from_values(text):
    assert is_formula(text) and defused(text) == "'" + text


@pytest.mark.parametrize("text", [None, "", "SIGAR", "-5", "+3.5%", "1,200", "a=b"])
def test_values_are_not_formulas(text):
    assert not is_formula(text) and defused(text) == text


def test_plain_key_value_lines_that_are_not_yaml_are_read_as_fields():
    text = (
        "title: Toll higher than reported: monitors\noutlet: 'The Wire'\n"
        "published: 2022-05-12\nurl:\n"
    )
    assert plain_fields(text) == {
        "title": "Toll higher than reported: monitors",
        "outlet": "The Wire",
        "published": "2022-05-12",
        "url": None,
    }
    assert plain_fields("title: fine\n  - a list item\n") is None
    assert plain_fields("title: [unclosed\n") is None  # YAML syntax: broken YAML, not plain text
