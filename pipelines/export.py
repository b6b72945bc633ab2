"""Facts in open storage that other engines, machines and writers share.

- Hive-partitioned Parquet: DuckDB writes each fact table under
  `<dir>/<table>/<partition>=<value>/*.parquet`; Spark, Trino, polars or another DuckDB read the
  folder back as the same table (`read_parquet(..., hive_partitioning = true)`).
- DuckLake: the fact tables in a lake of Parquet files with a SQL catalog (SQLite here), which
  several processes can attach and write; each export is one snapshot, readable later with `AT
  (VERSION => n)`. The extensions come from PyPI (`duckdb-ext-ducklake`, `duckdb-ext-sqlite`), so
  nothing is downloaded at run time.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from pipelines.lake import LakeTarget, attach
from pipelines.warehouse import sql_string

# table -> the column it is partitioned by (low cardinality, what queries filter on)
PARTITIONS = {
    "facts.claims": "claimant_side",
    "facts.incidents": "country",
    "facts.incident_articles": None,
    "facts.control_shares": "origin",
}


def export_facts(conn: duckdb.DuckDBPyConnection, out_dir: Path) -> dict[str, Path]:
    """Write every fact table to `out_dir/<table>/`, replacing what was there; returns the
    folders.
    """
    written = {}
    for table, column in PARTITIONS.items():
        target = out_dir / table.split(".", 1)[1]
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        options = f"FORMAT parquet, PARTITION_BY ({column})" if column else "FORMAT parquet"
        destination = target if column else target / "part-0.parquet"
        conn.execute(f"COPY (SELECT * FROM {table}) TO {sql_string(str(destination))} ({options})")
        written[table] = target
    return written


def read_back(conn: duckdb.DuckDBPyConnection, folder: Path) -> duckdb.DuckDBPyRelation:
    """An exported table as DuckDB reads it back from its Parquet files."""
    return conn.sql(
        f"SELECT * FROM read_parquet({sql_string(f'{folder}/**/*.parquet')}, hive_partitioning "
        f"= true, union_by_name = true)"
    )


def attach_lake(
    conn: duckdb.DuckDBPyConnection, lake_dir: Path, name: str = "lake", read_only: bool = False
) -> None:
    """Attach the DuckLake at lake_dir (catalog `catalog.sqlite`, data under `data/`) as `name`,
    creating it if need be.
    """
    target = LakeTarget(f"sqlite:{lake_dir / 'catalog.sqlite'}", str(lake_dir / "data"))
    attach(conn, target, name, read_only)


def _primary_key(conn: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    schema, name = table.split(".")
    (columns,) = conn.execute(
        "SELECT constraint_column_names FROM duckdb_constraints() WHERE schema_name = $s AND "
        "table_name = $t "
        "AND constraint_type = 'PRIMARY KEY'",
        {"s": schema, "t": name},
    ).fetchone()
    return columns


def export_to_ducklake(
    conn: duckdb.DuckDBPyConnection, lake_dir: Path
) -> dict[str, tuple[int, int]]:
    """Bring the DuckLake at lake_dir level with the fact tables, as one snapshot; returns (rows
    deleted, rows inserted) per table.

    Only what changed is written: rows the lake holds that differ from the facts are deleted by key,
    and facts the lake does not hold are inserted. So an export after an increment writes a few
    small Parquet files, not the whole warehouse, and the lake's snapshots are its history.
    """
    attach_lake(conn, lake_dir)
    written = {}
    try:
        conn.execute("BEGIN TRANSACTION")
        for table, column in PARTITIONS.items():
            name = table.split(".", 1)[1]
            target = f"lake.{name}"
            if not conn.execute(
                "SELECT count(*) FROM duckdb_tables() WHERE database_name = 'lake' AND "
                "table_name = $t",
                {"t": name},
            ).fetchone()[0]:
                conn.execute(f"CREATE TABLE {target} AS FROM {table} LIMIT 0")
                if column:
                    conn.execute(f"ALTER TABLE {target} SET PARTITIONED BY ({column})")
            keys = _primary_key(conn, table)
            same_key = " AND ".join(f"t.{k} = gone.{k}" for k in keys)
            (deleted,) = conn.execute(
                f"DELETE FROM {target} t USING (SELECT {', '.join(keys)} FROM (FROM {target} "
                f"EXCEPT FROM {table})) gone "
                f"WHERE {same_key}"
            ).fetchone()
            (inserted,) = conn.execute(
                f"INSERT INTO {target} FROM {table} EXCEPT FROM {target}"
            ).fetchone()
            written[table] = (deleted, inserted)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute("DETACH lake")
    return written
