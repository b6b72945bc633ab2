"""facts.control_shares kept current: the watchdog tables' shares rebuilt (they are few), the articles' only where articles changed.

A share an article states is a row of its own (one staged statement, one fact), so only the shares of
articles extracted since the last load, or gone since, are compared and written: a run costs its new
articles, not the feed. The ids are a hash of what identifies a share, computed in SQL.
"""

from __future__ import annotations

import duckdb
import polars as pl

from pipelines.control_shares import derive_control_shares
from pipelines.warehouse import execute_sql, merge_rows, registered, run_sql_file, sql_statements

REBUILT = "origin = 'table' OR article_id IN (SELECT article_id FROM changed_share_articles)"


def update_control_shares(conn: duckdb.DuckDBPyConnection, figures: pl.DataFrame, everything: bool) -> dict[str, int]:
    """Bring facts.control_shares up to date with the watchdog figures and the staged statements (inside the caller's transaction).

    `everything` compares every article's shares (a backfill). Returns the rows written and the articles compared.
    """
    with registered(conn, "table_shares", derive_control_shares(figures)):
        for _, statement in sql_statements("load/control_shares"):
            execute_sql(conn, statement, {"everything": everything})
        written = merge_rows(conn, "facts.control_shares", ["control_share_id"], "incoming_shares", scope=REBUILT)
        conn.execute("DROP VIEW incoming_shares")
    (articles,) = conn.execute("SELECT count(*) FROM changed_share_articles").fetchone()
    conn.execute("DROP TABLE changed_share_articles")
    run_sql_file(conn, "load/record_extraction_watermark", {"fact_table": "facts.control_shares"})
    return {"rows_written": written, "articles_compared": articles}
