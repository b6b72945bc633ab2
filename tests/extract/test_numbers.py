import pytest

from pipelines.extract.numbers import find_quantities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("killed at least 26 Afghan soldiers", [(26, "at_least", 26, None)]),
        ("Thirteen soldiers were wounded", [(13, "exact", 13, 13)]),
        ("more than 70 soldiers", [(70, "more_than", 70, None)]),
        ("killed or injured about 80 insurgents", [(80, "about", 72, 88)]),
        ("hundreds of militants", [(100, "hundreds", 100, 999)]),
        ("dozens of people", [(12, "dozens", 12, 99)]),
        ("tens of civilians", [(10, "tens", 10, 99)]),
        ("anywhere from two to 25 people", [(25, "range", 2, 25)]),
        ("between 10 and 15 soldiers", [(15, "range", 10, 15)]),
        ("just under 30 policemen", [(30, "under", None, 30)]),
        ("up to 40 fighters", [(40, "up_to", None, 40)]),
        ("a dozen guards", [(12, "about", 10, 14)]),
        (
            "twenty-five troops and 1,200 people",
            [(25, "exact", 25, 25), (1200, "exact", 1200, 1200)],
        ),
        ("putting the toll at at least 60", [(60, "at_least", 60, None)]),
        ("some 8,000,000,000 people", [(8_000_000_000, "about", 7_200_000_000, 8_800_000_000)]),
    ],
)
def test_counts_with_hedges(text, expected):
    found = [(q.value, q.qualifier, q.value_low, q.value_high) for q in find_quantities(text)]
    assert found == expected


@pytest.mark.parametrize(
    "text",
    [
        "since 2001 when US-led troops ousted the Taliban",
        "Published: 2:13 pm",
        "increase from about 10% to 11%",
        "the nearly 18-year war",
        "Nearly 19 years later",
        "In this Feb. 8, 2019, file photo",
        "after 9/11 to root out",
        "for a decade and a half",
        "a 30-day ceasefire",
        "$5 million in aid",
        "on July 28 the army",
        # too large to count anything (and to store)
        "99999999999999999999999 soldiers were killed",
        "a trillion trillion people",
        "between 5 and 20,000,000,000,000 people",
        "1e309 soldiers were killed",  # scientific notation
        "2.5e3 fighters",
        "-5 soldiers were wounded",  # signed
        "−7 soldiers",
        "2.5 fighters were captured",  # decimal
        "M23 rebels attacked",  # a name with digits
        "AK47 rifles",
        "12,3456 people",  # digits glued to a longer numeral
    ],
)
def test_non_counts_are_skipped(text):
    assert find_quantities(text) == []


def test_a_count_beside_a_code_is_still_a_count():
    found = [
        q.value for q in find_quantities("M23 rebels killed 12 soldiers (and 3 more) on 5-6 May")
    ]
    assert found[:2] == [12, 3]
