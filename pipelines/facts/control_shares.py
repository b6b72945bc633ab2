"""facts.control_shares kept current: the watchdog tables' shares rebuilt (they are few), the
articles' only where articles changed.

A share an article states is a row of its own (one staged statement, one fact), so only the shares
of articles extracted since the last load, or gone since, are compared and written: a run costs its
new articles, not the feed. The ids are a hash of what identifies a share, computed in SQL.
"""

from __future__ import annotations

import duckdb
import polars as pl

from pipelines.facts.share_derivation import derive_control_shares
from pipelines.warehouse import (
    execute_sql,
    merge_rows,
    read_frame,
    rebuilding,
    registered,
    run_sql_file,
    sql_file,
    sql_statements,
    up_to_date,
    versions_of,
)

REBUILT = "origin = 'table' OR article_id IN (SELECT article_id FROM changed_share_articles)"


def update_control_shares(
    conn: duckdb.DuckDBPyConnection, figures: pl.DataFrame, everything: bool
) -> dict[str, int]:
    """Bring facts.control_shares up to date with the watchdog figures and the staged statements
    (inside the caller's transaction).

    `everything` compares every article's shares (a backfill). Returns the rows written and the
    articles compared.
    """
    with registered(conn, "table_shares", derive_control_shares(figures)):
        for _, statement in sql_statements("load/control_shares"):
            execute_sql(conn, statement, {"everything": everything})
        written = merge_rows(
            conn, "facts.control_shares", ["control_share_id"], "incoming_shares", scope=REBUILT
        )
        conn.execute("DROP VIEW incoming_shares")
    (articles,) = conn.execute("SELECT count(*) FROM changed_share_articles").fetchone()
    conn.execute("DROP TABLE changed_share_articles")
    run_sql_file(conn, "load/record_extraction_watermark", {"fact_table": "facts.control_shares"})
    return {"rows_written": written, "articles_compared": articles}


def build_control_shares(
    conn: duckdb.DuckDBPyConnection, everything: bool
) -> dict[str, int] | None:
    """facts.control_shares brought level with the watchdog figures and the statements (None:
    neither changed).
    """
    fingerprint = versions_of(conn, ["staging.watchdog_figures", "staging.control_statements"])
    if not everything and up_to_date(conn, "facts.control_shares", fingerprint):
        return None
    figures = read_frame(conn, "SELECT * FROM staging.watchdog_figures")
    with rebuilding(conn, "facts.control_shares", fingerprint):
        written = update_control_shares(conn, figures, everything)
    rows, from_articles = conn.execute(sql_file("load/control_shares/counts")).fetchone()
    return {"rows": rows, "from_articles": from_articles, **written}
