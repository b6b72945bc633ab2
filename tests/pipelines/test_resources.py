"""The warehouse resource: DuckDB settings from the environment reach the connection; every run
builds a copy and publishes it.
"""

import hashlib
import shutil
import subprocess
import sys

import dagster as dg
import duckdb

from pipelines import config
from pipelines.definitions import build_definitions
from pipelines.resources import connect_build
from pipelines.warehouse import fresh_stamp, mark_changed
from tests.conftest import DEV_CORPUS, REPO, connect, lock_in_another_process


def test_duckdb_memory_settings_reach_the_connection(tmp_path, monkeypatch):
    settings = (
        "SELECT current_setting('memory_limit'), "
        "current_setting('allocator_bulk_deallocation_flush_threshold')"
    )
    with connect(tmp_path / "default.duckdb") as conn:
        default, flush = conn.execute(settings).fetchone()
    monkeypatch.setenv("CONTESTED_DUCKDB_MEMORY", "256MB")
    with connect(tmp_path / "capped.duckdb") as conn:
        capped, _ = conn.execute(settings).fetchone()
    # 512 MB by default, 256 MB as asked, shown in MiB
    assert (default, capped) == (
        "488.2 MiB",
        "244.1 MiB",
    )
    # 1 MB, shown in KiB: freed memory goes back after any bulk free over it
    assert flush == "976.5 KiB"


def test_a_runs_copy_is_written_in_small_row_groups_and_spills_beside_it(tmp_path):
    """A checkpoint rewrites a table's last row group whole: the smaller the row groups, the smaller
    that rewrite.
    """
    building = tmp_path / "w.duckdb.building"
    conn = connect_build(building, {"memory_limit": "256MB"})
    rows = 3 * config.ROW_GROUP_SIZE + 1
    conn.execute(
        f"CREATE TABLE t AS SELECT range AS i, repeat('x', 100) AS text FROM range({rows})"
    )
    conn.execute("CHECKPOINT")
    (groups,) = conn.execute(
        "SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('t')"
    ).fetchone()
    temp, memory, database = conn.execute(
        "SELECT current_setting('temp_directory'), current_setting('memory_limit'), "
        "current_database()"
    ).fetchone()
    conn.close()
    assert groups == 4
    assert (temp, memory, database) == (f"{building}.tmp", "244.1 MiB", "warehouse")
    with duckdb.connect(str(building)) as again:  # an ordinary file, read as any other
        assert again.execute("SELECT count(*) FROM t").fetchone() == (rows,)


def _launched_as_the_daemon_launches_it(raw, warehouse):
    """The job executed by Dagster itself, as a schedule, sensor or UI run is: no `contested run`
    around it.
    """
    job = build_definitions(raw, warehouse).resolve_job_def("contested_job")
    return job.execute_in_process(instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)


def _reader_holding(warehouse):
    """Another process with a read-only connection open on the warehouse, until its stdin closes."""
    code = (
        f"import duckdb, sys\nconn = duckdb.connect({str(warehouse)!r}, "
        f"read_only=True)\nprint('open', flush=True)\nsys.stdin.read()"
    )
    reader = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert reader.stdout.readline().strip() == "open"
    return reader


def test_every_run_builds_a_copy_and_publishes_it_only_when_it_passed(tmp_path):
    """Scheduled and sensor runs are atomic too: readers never block them, and a failed run leaves
    the warehouse as it was.
    """
    raw, warehouse = tmp_path / "raw", tmp_path / "w.duckdb"
    shutil.copytree(REPO / "data" / "raw", raw)
    assert _launched_as_the_daemon_launches_it(raw, warehouse).success
    shutil.copy(DEV_CORPUS / "articles" / "defenceweb-2020-02-20-el-salini.md", raw / "added.md")
    # an analyst's session: a run writing the warehouse in place could not open it
    reader = _reader_holding(warehouse)
    try:
        assert _launched_as_the_daemon_launches_it(raw, warehouse).success
    finally:
        reader.communicate("")
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        assert conn.execute(
            "SELECT count(*) FROM raw.files WHERE source_file = 'added.md'"
        ).fetchone() == (1,)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "raw",
        "report.html",
        "w.duckdb",
        "w.duckdb.lock",
    ]

    # a row that breaks a blocking check, stamped as a load stamps it
    with connect(warehouse, raw) as conn:
        conn.execute(
            "INSERT INTO raw.articles SELECT * REPLACE ('art_0000000000000000' AS article_id, "
            "$stamp AS ingested_at) "
            "FROM raw.articles LIMIT 1",
            {"stamp": fresh_stamp(conn, "raw.articles", "ingested_at")},
        )
        mark_changed(conn, "raw.articles")
    published = hashlib.sha256(warehouse.read_bytes()).hexdigest()
    report = (tmp_path / "report.html").read_bytes()
    assert not _launched_as_the_daemon_launches_it(raw, warehouse).success
    assert hashlib.sha256(warehouse.read_bytes()).hexdigest() == published
    assert (tmp_path / "report.html").read_bytes() == report  # the blocked run drew no page
    with duckdb.connect(str(tmp_path / "w.duckdb.failed"), read_only=True) as conn:
        assert conn.execute(
            "SELECT passed FROM ops.check_results WHERE check_name = 'id_matches_content'"
        ).fetchone() == (False,)


def test_a_run_waits_for_the_writer_lock_and_fails_clearly_without_touching_the_warehouse(
    tmp_path, monkeypatch
):
    raw, warehouse = tmp_path / "raw", tmp_path / "w.duckdb"
    shutil.copytree(REPO / "data" / "raw", raw)
    assert _launched_as_the_daemon_launches_it(raw, warehouse).success
    published = hashlib.sha256(warehouse.read_bytes()).hexdigest()
    holder = lock_in_another_process(warehouse, hold=True)
    assert holder.stdout.readline().strip() == "held"
    monkeypatch.setenv("CONTESTED_LOCK_WAIT", "0")
    try:
        result = _launched_as_the_daemon_launches_it(raw, warehouse)
    finally:
        holder.communicate("")
    assert not result.success
    (failure,) = [
        e for e in result.all_events if e.event_type == dg.DagsterEventType.RESOURCE_INIT_FAILURE
    ]
    assert failure.event_specific_data.error.message.startswith(
        f"pipelines.atomic_build.WarehouseBusy: another contested run (pid {holder.pid})"
    )
    assert hashlib.sha256(warehouse.read_bytes()).hexdigest() == published
    assert not (tmp_path / "w.duckdb.building").exists()
