"""The relevance rules on sentences written for these tests, with the repo's terms and a made-up
table (an analyst's edit)."""

from __future__ import annotations

import datetime as dt
import functools

import polars as pl
import pytest

from pipelines.extract.actors import read_actors
from pipelines.extract.document import Document
from pipelines.extract.relevance import (
    STRONG,
    WEAK,
    ConflictTerms,
    assess_relevance,
    event_strength,
    read_conflict_terms,
)

PUBLISHED = dt.date(2024, 5, 1)


@functools.cache
def _terms() -> ConflictTerms:
    return ConflictTerms.from_frames(read_conflict_terms(), read_actors())


def _relevance(text: str, title: str | None = None, published=PUBLISHED):
    return assess_relevance(Document.parse(text, title), title, published, _terms())


def _strength(sentence: str) -> int:
    return event_strength(_terms().cues(sentence.lower()))


@pytest.mark.parametrize(
    ("sentence", "strength"),
    [
        ("An airstrike hit the market on Monday.", STRONG),
        ("Rebels killed four villagers overnight.", STRONG),
        ("The explosion killed nine people near the mosque.", STRONG),
        ("Gunmen attacked a checkpoint at dawn.", WEAK),
        ("Critics attacked the government's plan to expand the army.", WEAK),
        ("A bus crash killed 12 people on the coast road.", 0),
        ("The outbreak has killed 40 people this month.", 0),
        ("A heart attack killed the singer at 58.", 0),
        ("Militants fired on a bus, and the crash killed 12.", STRONG),
        ("Three fishermen drowned when their boat sank.", 0),
    ],
)
def test_a_sentence_tells_of_a_violent_event_by_its_cues(sentence, strength):
    assert _strength(sentence) == strength


def test_an_event_in_the_lede_makes_a_conflict_event():
    text = (
        "Soldiers killed six insurgents in a raid on Tuesday. The army said the raid was planned."
    )
    assert _relevance(text).relevance == "conflict_event"


def test_weak_sentences_alone_are_context_not_an_event():
    text = (
        "Lawmakers attacked the defence minister over the army's new trucks. "
        "The military said the trucks were needed. A vote on the war budget is due in June."
    )
    relevance = _relevance(text)
    assert relevance.relevance == "conflict_context"
    assert "0 strong, 1 weak" in relevance.evidence


def test_a_battle_long_past_is_history():
    text = "In 1916, more than 19,000 soldiers were killed on the first day of the battle."
    assert _relevance(text).relevance == "not_conflict"
    assert _relevance(text, published=dt.date(1917, 1, 1)).relevance == "conflict_event"


def test_a_claim_needs_a_conflict_frame_in_its_sentence_or_the_one_before():
    text = (
        "Militants stormed an army post on Sunday. Officials said 14 were killed. "
        "The post reopened later. Officials said 9 died in a road accident."
    )
    relevance = _relevance(text)
    starts = [start for start, _ in Document.parse(text).sentences()]
    assert relevance.frames_claim(starts[1] + 10)  # after the sentence of the attack
    assert not relevance.frames_claim(starts[3])  # the road accident


def test_an_analyst_tunes_the_rules_by_editing_the_terms():
    terms = pl.DataFrame(
        {"term": ["skirmish", "casualties"], "cue": ["armed_violence", "casualty"], "note": None}
    )
    tuned = ConflictTerms.from_frames(terms, read_actors().head(0))
    text = "A skirmish near the ridge left casualties on both sides."
    assert assess_relevance(Document.parse(text), None, PUBLISHED, tuned).relevance == (
        "conflict_event"
    )
    assert _relevance("The ridge is quiet in spring.").relevance == "not_conflict"


def test_the_terms_table_is_folded_and_a_term_written_twice_keeps_its_first_row(tmp_path):
    csv = tmp_path / "terms.csv"
    csv.write_text("term,cue,note\n Ambush ,armed_violence,\nambush,violence,\n,violence,\n")
    assert read_conflict_terms(csv).rows() == [("ambush", "armed_violence", None)]


def test_violence_with_casualties_and_no_armed_actor_anywhere_is_not_a_conflict_event():
    crime = "Two men were wounded in a shooting outside a bar on Saturday. The bar is closed."
    assert _relevance(crime, title="Two wounded in shooting").relevance != "conflict_event"
    war = crime + " Police blamed a militia that controls the district."
    assert _relevance(war, title="Two wounded in shooting").relevance == "conflict_event"
