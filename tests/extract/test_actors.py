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
