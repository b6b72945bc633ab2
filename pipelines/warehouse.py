"""The DuckDB warehouse: its DDL (sql/ddl), views (sql/views), and transactional table loads."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from pipelines.config import SQL_DIR


def sql_statements(folder: str) -> list[tuple[str, str]]:
    """(file name, statement) of every .sql file in a folder of sql/, in name order."""
    return [(path.name, path.read_text(encoding="utf-8")) for path in sorted((SQL_DIR / folder).glob("*.sql"))]


def ensure_schema(conn: duckdb.DuckDBPyConnection) -> None:
    """Create every schema and table that does not exist yet (idempotent)."""
    for _, statement in sql_statements("ddl"):
        conn.execute(statement)


def create_views(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """(Re)create the analyst views of sql/views; returns their file names."""
    names = []
    for name, statement in sql_statements("views"):
        conn.execute(statement)
        names.append(name)
    return names


@dataclass(frozen=True)
class Replacement:
    """New rows for a table, or for the part of it that `where` selects."""

    table: str
    frame: pl.DataFrame
    where: str | None = None


def replace_rows(conn: duckdb.DuckDBPyConnection, *replacements: Replacement) -> dict[str, int]:
    """Swap the rows of one or more tables in a single transaction: readers see all old or all new."""
    conn.execute("BEGIN TRANSACTION")
    try:
        for r in replacements:
            conn.execute(f"DELETE FROM {r.table}" + (f" WHERE {r.where}" if r.where else ""))
            if r.frame.height:
                conn.register("incoming_rows", r.frame.to_arrow())
                conn.execute(f"INSERT INTO {r.table} BY NAME SELECT * FROM incoming_rows")
                conn.unregister("incoming_rows")
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise
    return {r.table: r.frame.height for r in replacements}


def read_frame(conn: duckdb.DuckDBPyConnection, query: str, params: list[object] | None = None) -> pl.DataFrame:
    """Run a query and return all its rows as a polars frame."""
    return conn.execute(query, params or []).pl()


def table_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows per table of the warehouse."""
    tables = conn.execute(
        "SELECT table_schema || '.' || table_name FROM information_schema.tables "
        "WHERE table_type = 'BASE TABLE' AND table_catalog = current_database() ORDER BY 1"
    ).fetchall()
    return {name: conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for (name,) in tables}
