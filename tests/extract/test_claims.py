"""Claims extraction on real dev articles (scored against their gold) and on general reporting
patterns.
"""

import json

import frontmatter
import pytest

from pipelines.evaluation import match_claims
from pipelines.extract.actors import Actors
from pipelines.extract.claims import extract_claims
from pipelines.extract.document import Document

ACTORS = Actors.load()


def _claims(text, title=None, outlet="Test Outlet"):
    return [
        (c.kind, c.subject_side, c.value, c.qualifier, c.claimant_side)
        for c in extract_claims(Document.parse(text, title), ACTORS, outlet)
    ]


def _dev_articles(dev_corpus):
    return sorted((dev_corpus / "articles").glob("*.md"))


def test_each_dev_article_matches_its_gold(dev_corpus):
    for path in _dev_articles(dev_corpus):
        post = frontmatter.load(path)
        gold = json.loads((dev_corpus / "gold" / f"{path.stem}.json").read_text())
        found = [
            c.__dict__
            for c in extract_claims(
                Document.parse(post.content, post.get("title")), ACTORS, post.get("outlet")
            )
        ]
        matches = match_claims(path.name, gold["claims"], found)
        misses = [m.gold for m in matches if m.gold and not m.found and not m.gold.get("optional")]
        false = [m.found for m in matches if m.found and not m.gold]
        assert not misses, f"{path.name} missed {misses}"
        assert not false, f"{path.name} invented {false}"


def test_evidence_spans_slice_the_stored_text(dev_corpus):
    for path in _dev_articles(dev_corpus):
        post = frontmatter.load(path)
        for claim in extract_claims(
            Document.parse(post.content, post.get("title")), ACTORS, post.get("outlet")
        ):
            assert post.content[claim.span_start : claim.span_end] == claim.evidence
            assert claim.value_low is None or claim.value_low <= claim.value
            assert claim.value_high is None or claim.value <= claim.value_high


def test_photo_credit_is_not_a_claimant():
    text = (
        "Image source, AFP\nImage caption,\nA caption.\n\nSeven soldiers were killed in the "
        "attack.\n"
    )
    assert _claims(text) == [("killed", "government", 7, "exact", "media")]


def test_two_sides_two_claims_and_restated_claim_is_one():
    text = (
        "Militants killed at least 12 soldiers in the raid, the defence ministry said.\n\n"
        "\u201cWe lost 12 soldiers,\u201d army spokesman John Doe said.\n\n"
        "A spokesman for the insurgents said they killed 30 soldiers.\n"
    )
    assert _claims(text) == [
        ("killed", "government", 12, "at_least", "government"),
        ("killed", "government", 30, "exact", "insurgent"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "At least 20 people were killed in the blast, according to local residents.",
            ("killed", "any", 20, "at_least", "local"),
        ),
        (
            "Five civilians died when a mortar hit the market, witnesses told Reuters.",
            ("killed", "civilian", 5, "exact", "local"),
        ),
        (
            "Al Shabaab said its fighters had killed 47 AMISOM troops.",
            ("killed", "foreign", 47, "exact", "insurgent"),
        ),
        ("Police said 14 people were wounded.", ("wounded", "any", 14, "exact", "government")),
        (
            "About 30 civilians are reported to have been abducted.",
            ("captured", "civilian", 30, "about", "unattributed"),
        ),
        (
            "Dozens of militants stormed the checkpoint, a police official said.",
            ("attackers", "insurgent", 12, "dozens", "government"),
        ),
    ],
)
def test_general_reporting_patterns(text, expected):
    assert _claims(text) == [expected]


def test_pronoun_takes_the_last_named_speaker():
    text = (
        "\u201cWe took the base,\u201d Abu Ahmed, the Taliban's spokesman, told reporters.\n\n"
        "He said the fighters killed nine soldiers.\n"
    )
    assert _claims(text) == [("killed", "government", 9, "exact", "insurgent")]


def test_no_independent_confirmation_marks_claims_unconfirmed():
    text = (
        "Ten soldiers were killed, the army said.\n\nThere is no independent confirmation "
        "of the figure.\n"
    )
    (claim,) = extract_claims(Document.parse(text), ACTORS)
    assert claim.confirmed is False
    (claim,) = extract_claims(Document.parse("Ten soldiers were killed, the army said.\n"), ACTORS)
    assert claim.confirmed is None


def test_equipment_and_durations_are_not_claims():
    text = (
        "\u201cWe took two pickups and destroyed four military vehicles,\u201d the spokesman "
        "said.\n\n"
        "The group has fought for a decade and a half and for nearly 18 years.\n"
    )
    assert _claims(text) == []


def test_an_attack_named_by_its_year_is_another_incident():
    (claim,) = extract_claims(
        Document.parse("The 2017 attack killed 150 soldiers at a base in the north."),
        ACTORS,
        "Outlet",
    )
    assert claim.incident_key != "main"


def test_another_outlet_is_named_by_its_head_noun_not_replaced_by_ours():
    text = "Nine soldiers died in the raid, private broadcaster Rudaw said on its website."
    (claim,) = extract_claims(Document.parse(text), ACTORS, "Test Outlet")
    assert (claim.claimant, claim.claimant_side) == ("private broadcaster Rudaw", "media")


def test_a_claimant_is_named_without_its_asides_and_clauses():
    text = (
        "\u201cAt least 12 of our men died,\u201d the police chief told AFP, adding that 5 "
        "attackers were also killed. "
        "Local officials, speaking on condition of anonymity, said 17 people were killed. "
        "The ministry rejected the claim and said only 3 had died. "
        "The al-Qassam Brigades said its fighters had killed 10 soldiers."
    )
    found = [
        (c.value, c.claimant, c.claimant_side)
        for c in extract_claims(Document.parse(text), ACTORS, "Test Outlet")
    ]
    assert found == [
        (12, "the police chief", "government"),
        (5, "the police chief", "government"),
        (17, "Local officials", "government"),
        (3, "The ministry", "government"),
        (10, "The al-Qassam Brigades", "insurgent"),
    ]
