"""Which event each sentence tells of: opened by a date, a place elsewhere, a town a sentence opens
with, or another day; carried by the sentences after it. Sentences are written for the tests."""

from pipelines.extract.document import Document
from pipelines.extract.events import EventSegmenter, event_days
from pipelines.extract.incidents import ArticleEvents
from pipelines.reference.gazetteer import Gazetteer

GAZETTEER = Gazetteer.load()


def _keys(text):
    document = Document.parse(text)
    keys = ArticleEvents.read(document, GAZETTEER).keys
    return [keys[start] for start, _ in document.sentences()]


def test_a_place_in_another_province_opens_another_event_and_the_next_sentence_stays_there():
    keys = _keys(
        "Militants killed four soldiers in eastern Turkey, the army said. "
        "Three of them died in a clash in the Caldiran district of Van province.\n\n"
        "Another soldier was killed near an outpost in Hakkari province. "
        "Two militants also died in the clash.\n\n"
        "Jets later struck militant camps in northern Iraq."
    )
    # a country first, then a province of it: the same event, told more precisely
    assert keys[:2] == ["main", "main"]
    assert keys[2] == keys[3] != "main"
    assert keys[4] not in ("main", keys[2])


def test_a_sentence_that_opens_with_a_town_tells_of_that_towns_event():
    keys = _keys(
        "Militants attacked troops in Anbar province on Thursday, killing 14 soldiers. "
        "In the town of Hit, rockets killed nine people. "
        "Troops also killed three militants in Anbar, officials said."
    )
    assert keys[0] == "main" and keys[1].startswith("place:") and keys[2] == "main"


def test_another_day_is_another_event_and_a_tally_opens_nothing():
    keys = _keys(
        "Gunmen killed five soldiers at a checkpoint in Borno state on Sunday. "
        "On Saturday, the army said it had killed 35 militants. "
        "More than 10,000 people have been killed in the conflict since 2009. "
        "Sources said 12 of the militants were commanders."
    )
    assert keys[0] == "main"
    assert keys[1] == "day:saturday"
    assert keys[2].startswith("period:")
    assert keys[3] == "day:saturday"


def test_the_day_something_was_said_is_not_the_day_it_happened():
    assert event_days("officials said on sunday that 12 soldiers died") == set()
    assert event_days("on 29 april, rebels killed 40 soldiers") == {"29 april"}
    assert event_days("fighting on saturday and sunday killed 9") == {"saturday", "sunday"}


def test_without_a_gazetteer_only_dates_and_tallies_open_events():
    document = Document.parse(
        "Rebels killed 12 soldiers in Kunduz. Last month, a raid killed 30 in Herat."
    )
    keys = EventSegmenter().keys(document)
    assert list(keys.values()) == ["main", "background:last month"]


def test_a_tally_since_a_dated_turn_of_the_war_is_a_period():
    from pipelines.extract.events import background_key

    assert background_key(
        "officials say 9,000 fighters have died since a ceasefire collapsed in july 2015."
    ).startswith("period:since")
    assert background_key("rebels killed 9 soldiers in an ambush on tuesday.") is None


def test_the_attack_told_of_again_stays_its_event_whatever_day_the_sentence_gives():
    keys = _keys(
        "Gunmen killed 12 soldiers in Monday's attack on a convoy, officials said. "
        "The attack, which the army said killed 11 soldiers, hit trucks carrying ballots from "
        "Sunday's vote. "
        "On Saturday, gunmen killed three farmers."
    )
    assert keys == ["main", "main", "day:saturday"]


def test_what_a_report_says_this_came_after_is_an_earlier_event():
    from pipelines.extract.events import background_key

    for sentence in (
        "this came after another clash on tuesday in the border town killed 4 soldiers.",
        "the killings come less than a month after three officers were killed in the north.",
        "he said six fighters were killed this month in similar attacks by the army.",
    ):
        assert background_key(sentence).startswith("background:"), sentence
    assert background_key("the attack came after midnight, police said.") is None


def test_a_count_from_one_month_to_another_is_a_tally_over_a_period():
    from pipelines.extract.events import background_key

    assert background_key(
        "troops killed 114 civilians from july 2016 to january 2017, the un said."
    ).startswith("period:from july 2016 to")
    assert background_key("some 900 people were killed from april to the end of june.")
    assert background_key("fighters from the north killed 9 soldiers on tuesday.") is None
