"""Reference tables (who is who, where is where): loaded whole from their CSVs under data/reference
when they change.
"""

from __future__ import annotations

import duckdb
import polars as pl

from pipelines.warehouse import Replacement, apply_replacements, rebuilding, up_to_date


def load_reference_table(
    conn: duckdb.DuckDBPyConnection, table: str, rows: pl.DataFrame
) -> dict[str, int | str]:
    """Replace a reference table with `rows` unless it holds them already; returns counts."""
    fingerprint = str(rows.hash_rows().sum())
    if up_to_date(conn, table, fingerprint):
        return {"rows": rows.height, "skipped": "unchanged"}
    with rebuilding(conn, table, fingerprint):
        apply_replacements(conn, Replacement(table, rows))
    return {"rows": rows.height}
