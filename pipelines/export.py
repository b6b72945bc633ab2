"""Facts as hive-partitioned Parquet: the storage other engines (and other machines) read.

DuckDB writes each fact table under `<dir>/<table>/<partition>=<value>/*.parquet`; Spark, Trino,
polars or another DuckDB read the folder back as the same table (`read_parquet(..., hive_partitioning = true)`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

# table -> the column it is partitioned by (low cardinality, what queries filter on)
PARTITIONS = {
    "facts.claims": "claimant_side",
    "facts.incidents": "country",
    "facts.incident_articles": None,
    "facts.control_shares": "origin",
}


def export_facts(conn: duckdb.DuckDBPyConnection, out_dir: Path) -> dict[str, Path]:
    """Write every fact table to `out_dir/<table>/`, replacing what was there; returns the folders."""
    written = {}
    for table, column in PARTITIONS.items():
        target = out_dir / table.split(".", 1)[1]
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        options = f"FORMAT parquet, PARTITION_BY ({column})" if column else "FORMAT parquet"
        destination = target if column else target / "part-0.parquet"
        conn.execute(f"COPY (SELECT * FROM {table}) TO '{destination}' ({options})")
        written[table] = target
    return written


def read_back(conn: duckdb.DuckDBPyConnection, folder: Path) -> duckdb.DuckDBPyRelation:
    """An exported table as DuckDB reads it back from its Parquet files."""
    return conn.sql(f"SELECT * FROM read_parquet('{folder}/**/*.parquet', hive_partitioning = true, union_by_name = true)")
