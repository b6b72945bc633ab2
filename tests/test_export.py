"""Facts exported as partitioned Parquet, and into a DuckLake, read back identically (the storage
other engines, machines and writers use).
"""

import os
import shutil
import subprocess
import sys

import duckdb

from pipelines.export import PARTITIONS, attach_lake, export_facts, export_to_ducklake, read_back
from pipelines.runner import run_pipeline
from tests.conftest import DEV_CORPUS, REPO


def test_exported_facts_read_back_identically(bundled_run, tmp_path):
    raw, warehouse, _ = bundled_run
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        # a quote in the path: literals are escaped
        folders = export_facts(conn, tmp_path / "analyst's lake")
        for table, folder in folders.items():
            columns = [c[0] for c in conn.execute(f"SELECT * FROM {table} LIMIT 0").description]
            original = conn.execute(
                f"SELECT {', '.join(columns)} FROM {table} ORDER BY ALL"
            ).fetchall()
            exported = read_back(conn, folder)
            assert exported.select(*columns).order("ALL").fetchall() == original, table
            if PARTITIONS[table]:
                assert any(p.name.startswith(PARTITIONS[table] + "=") for p in folder.iterdir()), (
                    table
                )


def _lake_rows(conn, table, at=None):
    version = f" AT (VERSION => {at})" if at is not None else ""
    return conn.execute(
        f"SELECT * FROM lake.{table.split('.', 1)[1]}{version} ORDER BY ALL"
    ).fetchall()


def _export_in_another_process(warehouse, lake) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "export", "--ducklake", str(lake)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "CONTESTED_WAREHOUSE": str(warehouse)},
        timeout=300,
    )


def test_facts_exported_to_a_ducklake_read_back_identically_and_keep_their_history(tmp_path):
    """Each export is one DuckLake snapshot that writes only what changed; another process reads the
    lake, and its past.
    """
    raw, warehouse, lake = tmp_path / "raw", tmp_path / "w.duckdb", tmp_path / "analyst's lake"
    shutil.copytree(REPO / "data" / "raw", raw)
    assert run_pipeline(raw, warehouse).success
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        first = export_to_ducklake(conn, lake)
        before = {t: conn.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in PARTITIONS}
        # nothing changed, nothing written
        assert export_to_ducklake(conn, lake) == dict.fromkeys(PARTITIONS, (0, 0))
    assert all(
        inserted == len(before[t]) and not deleted for t, (deleted, inserted) in first.items()
    )

    shutil.copy(DEV_CORPUS / "articles" / "defenceweb-2020-02-20-el-salini.md", raw / "added.md")
    assert run_pipeline(raw, warehouse).success
    export = _export_in_another_process(warehouse, lake)
    assert export.returncode == 0, export.stderr[-2000:]
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        after = {t: conn.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in PARTITIONS}
    added = len(after["facts.claims"]) - len(before["facts.claims"])
    assert (
        added > 0
        and f"facts.claims -> lake.claims: 0 rows deleted, {added} inserted" in export.stdout
    )

    with duckdb.connect() as conn:  # a process of its own, as another engine or machine would be
        attach_lake(conn, lake, read_only=True)
        snapshots = [
            s
            for (s,) in conn.execute(
                "SELECT snapshot_id FROM ducklake_snapshots('lake') ORDER BY 1"
            ).fetchall()
        ]
        assert len(snapshots) == 3  # the lake's creation and two exports that changed something
        for table in PARTITIONS:
            assert _lake_rows(conn, table) == after[table], table
            assert _lake_rows(conn, table, at=snapshots[1]) == before[table], table
        partitions = conn.execute(
            "SELECT count(DISTINCT claimant_side) FROM lake.claims"
        ).fetchone()[0]
    assert len(list((lake / "data" / "main" / "claims").glob("claimant_side=*"))) == partitions
