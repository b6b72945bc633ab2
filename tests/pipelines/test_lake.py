"""The pipeline writing a DuckLake whose catalog is a real PostgreSQL server: the same rows as the
file warehouse, increments, older snapshots, and feed partitions written side by side.
"""

from __future__ import annotations

import shutil
import uuid
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines import lake
from pipelines.cli import main
from pipelines.definitions import build_definitions
from pipelines.feed_parts import WHOLE_FEED, hold, register_feed_parts, writing_feed_part
from pipelines.lake_run import run_feed_part, run_on_lake
from pipelines.resources import build_resources, open_warehouse
from pipelines.runner import execute_job, run_pipeline
from pipelines.synthetic import write_synthetic_corpus
from tests.conftest import DEV_CORPUS, OUTSIDE_MARKER, REPO, hostile_raw_folder, names_under
from tests.postgres import start_postgres

# the tables a run writes, compared row for row; columns that say when or by which run are not
STAMPS = {"loaded_at", "ingested_at", "extracted_at", "seen_at", "quarantined_at", "run_id"}
COMPARED = [
    "raw.articles",
    "raw.files",
    "staging.claim_mentions",
    "staging.incident_mentions",
    "staging.control_statements",
    "facts.claims",
    "facts.incidents",
    "facts.incident_articles",
    "facts.control_shares",
    "quarantine.articles",
]


@pytest.fixture(scope="module")
def postgres():
    server = start_postgres()
    yield server
    server.stop()


@pytest.fixture()
def on_lake(postgres, tmp_path, monkeypatch, request) -> lake.LakeTarget:
    """$CONTESTED_LAKE set to a new database of the server, its data under tmp_path."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    monkeypatch.setenv(lake.LAKE_VARIABLE, "postgres:" + postgres.database(name))
    monkeypatch.setenv(lake.LAKE_DATA_VARIABLE, str(tmp_path / "lake-data"))
    return lake.lake_target()


def _differences(target: lake.LakeTarget, warehouse: Path, table: str) -> tuple[int, int]:
    """Rows of `table` only in the lake, and only in the file (stamp columns aside)."""
    with lake.connect(target) as conn:
        conn.execute(f"ATTACH '{warehouse}' AS file_warehouse (READ_ONLY)")
        columns = ", ".join(
            f'"{name}"' for name, *_ in conn.execute(f"DESCRIBE {table}").fetchall()
            if name not in STAMPS
        )  # fmt: skip
        return tuple(
            conn.execute(
                f"SELECT count(*) FROM (SELECT {columns} FROM {a}.{table} EXCEPT ALL "
                f"SELECT {columns} FROM {b}.{table})"
            ).fetchone()[0]
            for a, b in (("warehouse", "file_warehouse"), ("file_warehouse", "warehouse"))
        )


def _count(target: lake.LakeTarget, query: str):
    with lake.connect(target) as conn:
        return conn.execute(query).fetchone()[0]


def test_contested_run_on_a_lake_holds_the_same_rows_as_the_file_warehouse(
    on_lake, bundled_run, tmp_path, monkeypatch, capsys
):
    raw, warehouse, file_result = bundled_run
    assert file_result.success
    monkeypatch.setenv("CONTESTED_RAW_DIR", str(raw))
    monkeypatch.setenv("CONTESTED_WAREHOUSE", str(tmp_path / "unused.duckdb"))
    assert main(["run", "--workers", "2"]) == 0
    shown = capsys.readouterr().out
    assert "warehouse: DuckLake postgres:" in shown and "feed partition articles: ok" in shown
    assert " passed, 0 failed" in shown and "run: succeeded" in shown
    assert not (tmp_path / "unused.duckdb").exists()  # the lake is the warehouse
    for table in COMPARED:
        assert _differences(on_lake, warehouse, table) == (0, 0), table
    assert _count(on_lake, "SELECT count(*) FROM facts.claims") > 0


def test_an_increment_adds_rows_and_an_older_snapshot_still_reads(on_lake, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(REPO / "data" / "raw", raw)
    assert run_on_lake(raw, tmp_path / "w.duckdb").success
    before = _count(on_lake, "SELECT count(*) FROM facts.claims")
    snapshot = _count(on_lake, "SELECT max(snapshot_id) FROM warehouse.snapshots()")
    shutil.copy(DEV_CORPUS / "articles" / "cna-2017-10-19-kandahar-base.md", raw / "articles")
    again = run_on_lake(raw, tmp_path / "w.duckdb")
    assert again.success
    after = _count(on_lake, "SELECT count(*) FROM facts.claims")
    assert after > before
    old = _count(on_lake, f"SELECT count(*) FROM facts.claims AT (VERSION => {snapshot})")
    assert old == before
    assert _count(on_lake, "SELECT count(*) FROM raw.articles") == 2


def _feed(raw: Path, parts: int, per_part: int) -> None:
    sources = sorted((DEV_CORPUS / "articles").glob("*.md"))
    for number in range(parts):
        write_synthetic_corpus(sources, raw / f"day-{number}", per_part, first=number * per_part)


def test_two_workers_write_different_partitions_at_once_without_loss(
    on_lake, tmp_path, monkeypatch
):
    raw = tmp_path / "raw"
    _feed(raw, parts=2, per_part=80)
    result = run_on_lake(raw, tmp_path / "unused.duckdb", workers=2)
    assert result.success
    first, second = result.parts
    assert max(first.started, second.started) < min(first.ended, second.ended)  # side by side
    by_part = dict(
        lake.connect(on_lake)
        .execute("SELECT split_part(source_file, '/', 1), count(*) FROM raw.articles GROUP BY 1")
        .fetchall()
    )
    assert by_part == {"day-0": 80, "day-1": 80}
    # the same feed in one file warehouse, by one process: the same facts
    monkeypatch.delenv(lake.LAKE_VARIABLE)
    warehouse = tmp_path / "file.duckdb"
    assert run_pipeline(raw, warehouse).success
    for table in COMPARED:
        assert _differences(on_lake, warehouse, table) == (0, 0), table


def test_the_same_content_in_two_folders_written_at_once_is_one_article(on_lake, tmp_path):
    raw = tmp_path / "raw"
    _feed(raw, parts=2, per_part=30)
    shutil.copytree(raw / "day-0", raw / "day-1" / "wire")  # the day-0 stories again on day 1
    result = run_on_lake(raw, tmp_path / "unused.duckdb", workers=2)
    assert result.success  # the blocking check article_id_unique passed
    assert _count(on_lake, "SELECT count(*) FROM raw.articles") == 60
    assert _count(on_lake, "SELECT count(DISTINCT article_id) FROM raw.articles") == 60
    duplicates = "SELECT count(*) FROM raw.files WHERE status = 'duplicate'"
    assert _count(on_lake, duplicates) == 30
    staged = "SELECT count(*) - count(DISTINCT article_id) FROM staging.article_extractions"
    assert _count(on_lake, staged) == 0


def test_the_same_partition_written_twice_at_once_lands_once(on_lake, tmp_path):
    raw = tmp_path / "raw"
    _feed(raw, parts=1, per_part=120)
    warehouse = tmp_path / "unused.duckdb"
    assert execute_job(build_definitions(raw, warehouse), "lake_reference_job", False).success
    with build_resources(raw, warehouse)["warehouse"].get_connection() as conn:
        register_feed_parts(conn, ["day-0"])
    with ProcessPoolExecutor(2, mp_context=get_context("spawn")) as pool:
        runs = [pool.submit(run_feed_part, raw, warehouse, "day-0", False) for _ in range(2)]
        outcomes = [run.result() for run in runs]
    assert all(outcome.success for outcome in outcomes)
    assert _count(on_lake, "SELECT count(*) FROM raw.articles") == 120
    assert _count(on_lake, "SELECT count(DISTINCT article_id) FROM staging.claim_mentions") == 120
    assert _count(on_lake, "SELECT count(*) FROM staging.article_extractions") == 120


def test_a_writer_that_loses_the_commit_is_run_again(on_lake, tmp_path):
    resource = build_resources(tmp_path, tmp_path / "unused.duckdb")["warehouse"]
    with resource.get_connection() as conn:
        register_feed_parts(conn, ["day-0"])
    first, second = lake.connect(on_lake), lake.connect(on_lake)
    for conn in (first, second):
        conn.execute("BEGIN TRANSACTION")
    for conn in (first, second):
        with writing_feed_part(conn, "day-0", "run"):
            pass
    first.execute("COMMIT")
    with pytest.raises(duckdb.TransactionException) as lost:
        second.execute("COMMIT")
    assert lake.is_conflict(lost.value)
    # and through the warehouse resource, which a step writes with: Dagster runs the step again
    with (
        pytest.raises(dg.RetryRequested),
        open_warehouse(resource) as conn,
        writing_feed_part(conn, "day-0", "run"),
    ):
        first.execute("BEGIN TRANSACTION")
        with writing_feed_part(first, "day-0", "other"):
            pass
        first.execute("COMMIT")


@pytest.mark.parametrize("raw_stage", [False, True])
def test_raw_writers_of_two_partitions_commit_one_after_the_other(on_lake, tmp_path, raw_stage):
    resource = build_resources(tmp_path, tmp_path / "unused.duckdb")["warehouse"]
    with resource.get_connection() as conn:
        register_feed_parts(conn, ["day-0", "day-1"])
    first, second = lake.connect(on_lake), lake.connect(on_lake)
    for conn, part in ((first, "day-0"), (second, "day-1")):
        conn.execute("BEGIN TRANSACTION")
        with writing_feed_part(conn, part, "run"):
            if raw_stage:  # a raw writer that wrote rows
                hold(conn, WHOLE_FEED, "run")
    first.execute("COMMIT")
    if not raw_stage:  # the staging stage: side by side
        second.execute("COMMIT")
        return
    with pytest.raises(duckdb.TransactionException) as lost:  # the raw stage: one after the other
        second.execute("COMMIT")
    assert lake.is_conflict(lost.value)


def test_a_partition_that_is_not_registered_is_refused(on_lake, tmp_path):
    resource = build_resources(tmp_path, tmp_path / "unused.duckdb")["warehouse"]
    with (
        pytest.raises(dg.Failure, match="not registered"),
        open_warehouse(resource) as conn,
        writing_feed_part(conn, "day-9", "run"),
    ):
        pass


def test_every_hostile_name_is_accounted_for_on_a_lake(on_lake, tmp_path):
    raw = hostile_raw_folder(tmp_path)
    (raw / "up").symlink_to("..")  # a link at the top level: no partition of its own
    result = run_on_lake(raw, tmp_path / "unused.duckdb")
    assert result.success
    with lake.connect(on_lake) as conn:
        files = dict(conn.execute("SELECT source_file, status FROM raw.files").fetchall())
        outside = conn.execute(
            "SELECT count(*) FROM raw.articles WHERE contains(text, $m)", {"m": OUTSIDE_MARKER}
        ).fetchone()[0]
    assert set(files) == names_under(raw)
    assert files["up"] == files["links/up"] == "refused"
    assert files["links/to-good.md"] == "duplicate"  # partitions one after another: one article
    assert outside == 0
