"""Feed partitions: the raw folder's top-level folders, each read and extracted on its own, so that
several processes (and machines, on a lake) work on different parts of a feed at once.

A feed that lands a folder a day (`raw/2026-12-07/...`) gets daily partitions; files directly in
the raw folder form the partition `.`. A partition's writer sets the DuckDB variable `feed_part`
on its connection: the raw stage then reads only the partition's files and removes only the
partition's vanished files, the staging stage extracts only the partition's articles, and the
counters in `ops` (table versions, load stamps) are raised in the partition's own rows, so writers
of different partitions never update one row.

Two writers of the same partition always update one row, `ops.feed_parts`: on a lake only one of
them can commit, and the other is run again on what the first one wrote. Writers of the raw stage
that wrote anything also update the row of the whole feed (`*`), so they commit one after the
other and an article that arrives in two folders at once is one article.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
import polars as pl

from pipelines.warehouse import insert_frame, now, run_sql_file, transaction

FEED_PARTS = dg.DynamicPartitionsDefinition(name="feed_parts")
TOP_LEVEL = "."
# the row of ops.feed_parts that writers which must not commit side by side all hold
WHOLE_FEED = "*"


def feed_part_expr(column: str = "source_file") -> pl.Expr:
    """The partition of each path (relative to the raw folder) in a column: its first folder, or
    `.`."""
    path = pl.col(column)
    return (
        pl.when(path.str.contains("/", literal=True))
        .then(path.str.split("/").list.first())
        .otherwise(pl.lit(TOP_LEVEL))
    )


def define_written_feed_part(conn: duckdb.DuckDBPyConnection) -> None:
    """The SQL macro `in_written_feed_part(path)`, for this connection's statements that touch
    only the partition being written (sql/load/written_feed_part_macro.sql)."""
    run_sql_file(conn, "load/written_feed_part_macro")


def scoped_key(conn: duckdb.DuckDBPyConnection, name: str) -> str:
    """`name` for the whole feed, `name@part` for a partition's writer: a key of ops.asset_inputs
    that each partition keeps for itself."""
    part = current_feed_part(conn)
    return name if part is None else f"{name}@{part}"


def feed_parts_in(raw_dir: Path) -> list[str]:
    """The partitions a raw folder holds now: its visible top-level folders, and `.` when other
    names lie directly in it (files, and links, which the scan accounts for by their own names), in
    name order."""
    parts = []
    with os.scandir(raw_dir) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            parts.append(entry.name if entry.is_dir(follow_symlinks=False) else TOP_LEVEL)
    return sorted(set(parts))


def current_feed_part(conn: duckdb.DuckDBPyConnection) -> str | None:
    """The partition this connection writes, or None: the whole feed."""
    (part,) = conn.execute("SELECT getvariable('feed_part')").fetchone()
    return part


@contextmanager
def writing_feed_part(
    conn: duckdb.DuckDBPyConnection, part: str, run_id: str | None
) -> Iterator[None]:
    """The block writes only partition `part` (which must be registered), and holds its row of
    ops.feed_parts."""
    conn.execute("SET VARIABLE feed_part = $part", {"part": part})
    try:
        hold(conn, part, run_id)
        yield
    finally:
        conn.execute("RESET VARIABLE feed_part")


def hold(conn: duckdb.DuckDBPyConnection, part: str, run_id: str | None) -> None:
    """Update the row of `part` in ops.feed_parts (`WHOLE_FEED` for the whole feed's) in the open
    transaction: of two transactions that hold one row, only the first to commit can.

    The raw stage holds the whole feed's row when it wrote anything: the same content may arrive
    in two folders at once (a wire story on two days), and the writer that commits second must see
    the first one's article to file its copy as a duplicate. Staging extracts each partition's own
    articles, side by side.
    """
    (claimed,) = conn.execute(
        "UPDATE ops.feed_parts SET last_run_id = $run, written_at = now()::TIMESTAMP "
        "WHERE feed_part = $part",
        {"run": run_id, "part": part},
    ).fetchone()
    if not claimed:
        raise dg.Failure(f"feed partition {part!r} is not registered (register_feed_parts)")


def register_feed_parts(conn: duckdb.DuckDBPyConnection, parts: list[str]) -> list[str]:
    """Give every partition not yet known its row in ops.feed_parts, and the whole feed its row;
    returns the new ones.

    Registration comes before any writer of the partition starts, from one process, outside any
    transaction: each row is committed on its own, so that it lies in a data file of its own, as
    DuckLake tells conflicts by data file. Writers of two partitions then never touch one file.
    """
    known = {part for (part,) in conn.execute("SELECT feed_part FROM ops.feed_parts").fetchall()}
    new = [part for part in [WHOLE_FEED, *parts] if part not in known]
    for part in new:
        frame = pl.DataFrame(
            {"feed_part": [part], "registered_at": [now()]},
            schema={"feed_part": pl.String, "registered_at": pl.Datetime("us")},
        )
        with transaction(conn):
            insert_frame(conn, "ops.feed_parts", frame)
    return new
