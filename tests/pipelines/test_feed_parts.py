"""Feed partitions without a server: which partition a path is in, and the DDL a lake takes."""

from __future__ import annotations

import duckdb
import polars as pl
import pytest

from pipelines.feed_parts import TOP_LEVEL, feed_part_expr, feed_parts_in
from pipelines.lake import lake_target
from pipelines.warehouse import sql_statements, without_keys


@pytest.mark.parametrize(
    ("path", "part"),
    [("2026-12-07/a.md", "2026-12-07"), ("wire/x/y.jsonl", "wire"), ("a.md", TOP_LEVEL)],
)
def test_a_path_is_in_the_partition_of_its_first_folder(path, part):
    frame = pl.DataFrame({"source_file": [path]})
    assert frame.select(feed_part_expr()).item() == part


def test_the_partitions_are_the_visible_top_level_folders_and_the_top_level(tmp_path):
    for folder in ("day-2", "day-1", ".hidden"):
        (tmp_path / folder).mkdir()
    assert feed_parts_in(tmp_path) == ["day-1", "day-2"]
    (tmp_path / "up").symlink_to("..")  # a link is a name of the top level, not a partition
    assert feed_parts_in(tmp_path) == [TOP_LEVEL, "day-1", "day-2"]


def test_the_lake_ddl_has_no_primary_keys_and_the_same_columns():
    file_db, lake_like = duckdb.connect(), duckdb.connect()
    for _, statement in sql_statements("ddl"):
        file_db.execute(statement)
        lake_like.execute(without_keys(statement))
    columns = "SELECT table_name, column_name, data_type FROM duckdb_columns() ORDER BY ALL"
    assert file_db.execute(columns).fetchall() == lake_like.execute(columns).fetchall()
    keys = "SELECT count(*) FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
    assert file_db.execute(keys).fetchone()[0] > 10
    assert lake_like.execute(keys).fetchone()[0] == 0


def test_a_lake_variable_that_names_no_catalog_is_refused(monkeypatch):
    monkeypatch.setenv("CONTESTED_LAKE", "mysql:host=x")
    with pytest.raises(ValueError, match="postgres:"):
        lake_target()
    monkeypatch.setenv("CONTESTED_LAKE", "postgres:host=db password=secret dbname=x")
    assert "secret" not in lake_target().describe()
    monkeypatch.setenv("CONTESTED_LAKE", "")
    assert lake_target() is None
