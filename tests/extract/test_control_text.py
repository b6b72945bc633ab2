"""Control statements on sentences written for these tests: category per figure, units, assessor
and date."""

from __future__ import annotations

import datetime as dt
import functools

import pytest

from pipelines.extract.actors import Actors
from pipelines.extract.control_text import extract_control_statements
from pipelines.extract.document import Document


@functools.cache
def _actors() -> Actors:
    return Actors.load()


def _read(text: str) -> list[tuple]:
    return [
        (s.category, s.category_actor, s.share and round(s.share, 3), s.count, s.unit, s.qualifier)
        for s in extract_control_statements(Document.parse(text), _actors())
    ]


def _sources(text: str) -> list[tuple]:
    return [
        (s.source, s.source_side, s.as_of, s.as_of_precision)
        for s in extract_control_statements(Document.parse(text), _actors())
    ]


def test_each_figure_takes_the_category_of_its_own_words():
    text = (
        "The government controlled 61% of districts as of March 2019; SIGAR described 25% as "
        "contested and 14% as under insurgent control."
    )
    assert _read(text) == [
        ("government", None, 0.61, None, "share", "exact"),
        ("contested", None, 0.25, None, "share", "exact"),
        ("insurgent", None, 0.14, None, "share", "exact"),
    ]
    assert set(_sources(text)) == {("SIGAR", "watchdog", dt.date(2019, 3, 1), "month")}


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("The rebels control or contest 40 percent of the country.", "insurgent_or_contested"),
        ("About half of the region is outside state control.", "not_government"),
        ("The capital, 70% of which is controlled by armed gangs, is cut off.", "insurgent"),
        ("Troops hold most of the province after the offensive.", "government"),
    ],
)
def test_a_category_from_the_words_of_control(sentence, category):
    assert [row[0] for row in _read(sentence)] == [category]


def test_a_state_at_war_holds_ground_as_a_state():
    assert _read("Russian forces now hold about 18% of the territory of Ukraine.") == [
        ("state", "Russia", 0.18, None, "share", "about")
    ]
    # a state at war with no other state holds its own ground as the government
    assert _read("Afghan forces control 60% of the country.")[0][:2] == ("government", None)


def test_counts_of_districts_with_their_universe_and_areas_in_square_kilometres():
    assert _read("Insurgents control 45 of the country's 380 districts.") == [
        ("insurgent", None, 0.118, 45.0, "districts", "exact")
    ]
    assert _read("Rebels seized about 2,000 square kilometres (770 square miles) in a week.") == [
        ("insurgent", None, None, 2000.0, "km2", "about")
    ]
    assert _read("Rebels seized 100 square miles.")[0][3] == 259.0


def test_the_assessor_is_the_speaker_the_paragraphs_watchdog_or_the_outlet():
    said = "A spokesman for the rebels said they hold two-thirds of the province."
    assert _sources(said)[0][:2] == ("A spokesman for the rebels", "insurgent")
    paragraph = (
        "The monitor's latest figures were published on Monday. The army controls 55% of "
        "the districts."
    )
    assert _sources(paragraph)[0][:2] == ("MONITOR", "watchdog")
    assert _sources("The army controls 55% of the districts.")[0][:2] == (None, "media")


def test_a_date_stated_beside_the_source_or_as_a_quarter():
    text = (
        "SIGAR's data is dated as of Jan. 31, 2018.\n\nAccording to SIGAR, the army controls "
        "56% of the districts."
    )
    assert _sources(text)[0][2:] == (dt.date(2018, 1, 31), "day")
    quarter = "In the second quarter of 2018, the army held 58% of the districts, the UN said."
    assert _sources(quarter)[0][2:] == (dt.date(2018, 4, 1), "quarter")


def test_shares_no_armed_side_holds_are_not_read():
    assert _read("The company controls 30% of the market, analysts said.") == []
