"""docs/warehouse.md: every table and view with its columns, types and meaning, generated from the
warehouse.

Types come from DuckDB's catalog; meanings from the comments in sql/ddl and sql/views (the first
comment line of a file describes the table, a trailing `-- ...` describes a column).
"""

from __future__ import annotations

import re

import duckdb

from pipelines.config import SQL_DIR

_CREATE = re.compile(r"CREATE (?:TABLE IF NOT EXISTS|OR REPLACE VIEW) (\w+\.\w+)", re.IGNORECASE)
_COLUMN_COMMENT = re.compile(r"^\s+(\w+)\s+[A-Z][^-]*?--\s*(.+)$")


def _comments() -> dict[str, tuple[str, dict[str, str]]]:
    found = {}
    for folder in ("ddl", "views"):
        for path in sorted((SQL_DIR / folder).glob("*.sql")):
            text = path.read_text(encoding="utf-8")
            if not (m := _CREATE.search(text)):
                continue
            description = " ".join(
                line.removeprefix("--").strip()
                for line in text.splitlines()
                if line.startswith("--")
            )
            columns = {
                c.group(1): c.group(2).strip()
                for c in map(_COLUMN_COMMENT.match, text.splitlines())
                if c
            }
            found[m.group(1)] = (description, columns)
    return found


def render_docs(conn: duckdb.DuckDBPyConnection) -> str:
    """The reference page as Markdown, in schema order."""
    comments = _comments()
    rows = conn.execute(
        "SELECT schema_name || '.' || table_name, column_name, data_type FROM duckdb_columns() "
        "WHERE database_name = current_database() AND schema_name IN ('raw', 'staging', "
        "'facts', 'quarantine', 'reference', 'ops', 'views') "
        "ORDER BY list_position(['raw', 'reference', 'staging', 'facts', 'views', "
        "'quarantine', 'ops'], schema_name), table_name, column_index"
    ).fetchall()
    lines = [
        "# Warehouse reference",
        "",
        "Generated from the warehouse by `contested docs`; do not edit by hand.",
        "",
    ]
    current = None
    for table, column, data_type in rows:
        if table != current:
            current = table
            description, _ = comments.get(table, ("", {}))
            lines += [
                "",
                f"## `{table}`",
                "",
                description,
                "",
                "| column | type | meaning |",
                "|---|---|---|",
            ]
        meaning = comments.get(table, ("", {}))[1].get(column, "").replace("|", "\\|")
        lines.append(f"| `{column}` | {data_type} | {meaning} |")
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"
