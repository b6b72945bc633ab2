"""The actors reference table: an edited CSV loads, and sides come from it."""

import polars as pl

from pipelines.extract.actors import ACTORS_CSV, Actors, read_actors


def test_an_alias_written_twice_keeps_its_first_row(tmp_path):
    csv = tmp_path / "actors.csv"
    csv.write_text(
        "alias,speaker_side,subject_side,note\n"
        "rebels,insurgent,insurgent,\n"
        "army,government,government,\n"
        "rebels,government,government,a second row by mistake\n"
    )
    rows = read_actors(csv)
    assert rows["alias"].to_list() == ["rebels", "army"]
    assert Actors.from_frame(rows).speaker_side("the rebels") == "insurgent"


def test_the_shipped_table_has_one_row_per_alias():
    aliases = pl.read_csv(ACTORS_CSV, infer_schema=False)["alias"]
    assert aliases.len() == aliases.n_unique() > 300


def test_a_phrase_names_its_actor_by_alias_adjective_or_country_name():
    actors = Actors.load()
    assert actors.actor("the Turkish defence ministry") == "Turkey"
    assert actors.actor("a TDF spokesman") == "TDF"
    assert actors.actor("Mali") == "Mali"  # by its ISO name, with no row of its own
    assert actors.actor("local officials") is None


def test_a_state_is_foreign_on_another_states_soil_unless_they_are_at_war(tmp_path):
    csv = tmp_path / "actors.csv"
    csv.write_text(
        "alias,speaker_side,subject_side,actor,country_code,at_war_with\n"
        "northland,,,Northland,NL,SL\n"
        "southland,,,Southland,SL,\n"
        "eastland,,,Eastland,EL,\n"
    )
    actors = Actors.from_frame(read_actors(csv))
    assert actors.abroad_side("government", "Northland", "EL") == "foreign"
    assert actors.abroad_side("government", "Northland", "SL") == "government"  # at war
    assert actors.abroad_side("government", "Southland", "NL") == "government"  # both ways
    assert actors.abroad_side("foreign", "Eastland", "EL") == "government"  # at home
    assert actors.abroad_side("government", "Northland", None) == "government"  # place unknown
    assert actors.abroad_side("insurgent", "Northland", "EL") == "insurgent"
