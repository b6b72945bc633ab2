"""The DuckDB warehouse: its DDL (sql/ddl), views (sql/views), and transactional table loads."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

import duckdb
import polars as pl

from pipelines.config import SQL_DIR


@functools.cache
def sql_statements(folder: str) -> list[tuple[str, str]]:
    """(file name, statement) of every .sql file in a folder of sql/, in name order."""
    return [
        (path.name, path.read_text(encoding="utf-8"))
        for path in sorted((SQL_DIR / folder).glob("*.sql"))
    ]


@functools.cache
def ddl_columns() -> tuple[tuple[str, str, str, str], ...]:
    """(schema, table, column, DuckDB type) of every table the DDL makes, in column order, read off
    an in-memory build of sql/ddl: the one definition of every table's shape.
    """
    memory = duckdb.connect()
    for _, statement in sql_statements("ddl"):
        memory.execute(statement)
    return tuple(memory.execute(sql_file("ddl_columns")).fetchall())


def _contract_columns() -> frozenset[tuple[str, str, str]]:
    return frozenset(column[:3] for column in ddl_columns())


def on_lake(conn: duckdb.DuckDBPyConnection) -> bool:
    """Whether the connection's default database is a DuckLake (pipelines/lake.py), not a file."""
    (kind,) = conn.execute(
        "SELECT type FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    return kind == "ducklake"


_KEY_CLAUSE = re.compile(r",\s*PRIMARY KEY\s*\([^)]*\)", re.IGNORECASE)
_KEY_COLUMN = re.compile(r"\s+PRIMARY KEY\b", re.IGNORECASE)


def without_keys(statement: str) -> str:
    """A DDL statement without its PRIMARY KEY constraints (of a column or of the table), as a
    DuckLake takes it."""
    return _KEY_COLUMN.sub("", _KEY_CLAUSE.sub("", statement))


def ensure_schema(conn: duckdb.DuckDBPyConnection) -> None:
    """Create every schema, table and column that does not exist yet (idempotent; a no-op when all
    are there).

    The DDL is CREATE ... IF NOT EXISTS, plus ALTER TABLE ... ADD COLUMN IF NOT EXISTS for columns
    added after a table was first shipped, so a warehouse built by an older version is brought up to
    date. A lake takes it without primary keys, in one transaction.
    """
    present = set(
        conn.execute(
            "SELECT schema_name, table_name, column_name FROM duckdb_columns() "
            "WHERE database_name = current_database() AND NOT internal"
        ).fetchall()
    )
    if _contract_columns() <= present:
        return
    lake = on_lake(conn)
    with transaction(conn) if lake else nullcontext():
        for _, statement in sql_statements("ddl"):
            conn.execute(without_keys(statement) if lake else statement)


def create_views(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """(Re)create the analyst views of sql/views; returns their file names."""
    names = []
    for name, statement in sql_statements("views"):
        conn.execute(statement)
        names.append(name)
    return names


@dataclass(frozen=True)
class Replacement:
    """New rows for a table, or for the part of it that `where` and `scope` select.

    `scope` is a one-column frame: rows whose value in that column is listed are replaced.
    """

    table: str
    frame: pl.DataFrame
    where: str | None = None
    scope: pl.DataFrame | None = None


# connections (by id) inside a step_transaction: their inner transactions join it
_IN_STEP: set[int] = set()


@contextmanager
def step_transaction(conn: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """All of one step's writes as one transaction (on a lake, one snapshot): transaction() and
    commit_and_continue() inside the block join it instead of committing.
    """
    with transaction(conn):
        _IN_STEP.add(id(conn))
        try:
            yield
        finally:
            _IN_STEP.discard(id(conn))


@contextmanager
def transaction(conn: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """One DuckDB transaction: committed when the block ends, rolled back if it raises (inside a
    step_transaction, part of it)."""
    if id(conn) in _IN_STEP:
        yield
        return
    conn.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def commit_and_continue(conn: duckdb.DuckDBPyConnection) -> None:
    """Commit the open transaction's writes and go on in a new one: DuckDB holds uncommitted rows in
    memory.

    Only for a step that writes in parts inside a run: the run's writes go to its own copy of the
    warehouse, published whole or not at all (pipelines/publish.py), and the step must be able to
    finish what an earlier, failed attempt left half done. Inside a step_transaction (a lake's
    step, whose data files are written as it goes) nothing is committed until the step ends.
    """
    if id(conn) in _IN_STEP:
        return
    conn.execute("COMMIT")
    conn.execute("BEGIN TRANSACTION")


def now() -> dt.datetime:
    """The current time in UTC, as the warehouse's TIMESTAMP columns hold it."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def newest_stamp(conn: duckdb.DuckDBPyConnection, table: str, column: str) -> dt.datetime | None:
    """The latest load stamp in `table.column` (None when the table is empty)."""
    (newest,) = conn.execute(f"SELECT max({column}) FROM {table}").fetchone()
    return newest


def fresh_stamp(conn: duckdb.DuckDBPyConnection, table: str, column: str) -> dt.datetime:
    """A load stamp for new rows of `table`: now, or just after the newest stamp it ever had should
    the clock be behind it.

    Stamps then only grow, whatever the clock does between runs and whatever rows are deleted (the
    newest stamp handed out is kept in ops.load_stamps), so a check can take "stamped after its last
    passing verdict" to mean "written since": row-local checks read only those rows.
    """
    stamp_column = f"{table}.{column}"
    (issued,) = conn.execute(
        "SELECT max(newest) FROM ops.load_stamps WHERE stamp_column = $c", {"c": stamp_column}
    ).fetchone()
    newest = max(
        (s for s in (newest_stamp(conn, table, column), issued) if s is not None), default=None
    )
    stamp = now()
    if newest is not None and stamp <= newest:
        stamp = newest + dt.timedelta(microseconds=1)
    run_sql_file(conn, "load/record_load_stamp", {"stamp_column": stamp_column, "stamp": stamp})
    return stamp


@contextmanager
def registered(conn: duckdb.DuckDBPyConnection, name: str, frame: pl.DataFrame) -> Iterator[None]:
    """`frame` readable by SQL as the view `name` for the duration of the block."""
    conn.register(name, frame.to_arrow())
    try:
        yield
    finally:
        conn.unregister(name)


def insert_frame(conn: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    """Insert a frame's rows into a table, column by name."""
    if frame.height:
        with registered(conn, "incoming_rows", frame):
            conn.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming_rows")


def apply_replacements(conn: duckdb.DuckDBPyConnection, *replacements: Replacement) -> None:
    """Delete the rows each replacement selects and insert its frame (inside the caller's
    transaction).

    A table whose rows changed gets its version in ops.table_versions raised.
    """
    for r in replacements:
        conditions = [r.where] if r.where else []
        if r.scope is not None:
            column = r.scope.columns[0]
            conditions.append(f"{column} IN (SELECT {column} FROM scope_rows)")
        if r.scope is not None and r.scope.is_empty():
            deleted = 0  # nothing in scope: no scan of the table to find nothing
        else:
            with registered(conn, "scope_rows", r.scope) if r.scope is not None else nullcontext():
                (deleted,) = conn.execute(
                    f"DELETE FROM {r.table}"
                    + (" WHERE " + " AND ".join(conditions) if conditions else "")
                ).fetchone()
        insert_frame(conn, r.table, r.frame)
        if (deleted or r.frame.height) and not r.table.startswith("ops."):
            mark_changed(conn, r.table)


# fact tables carry this column: when a load last wrote the row
LOAD_STAMP = "loaded_at"


def merge_rows(
    conn: duckdb.DuckDBPyConnection,
    table: str,
    keys: list[str],
    incoming: str,
    scope: str | None = None,
) -> int:
    """Make `table` (or the part of it the SQL condition `scope` selects) hold exactly the rows of
    `incoming`, writing only the rows that differ.

    Rows of the table that incoming does not hold identically are deleted by their key, and rows of
    incoming the table does not hold are inserted: a rebuilt fact table costs what changed, not its
    size. A table with a `loaded_at` column has it left out of the comparison and set to a fresh
    load stamp on the rows written, so it tells when a row last changed. Returns the rows written;
    the table's version is raised when any were.
    """
    names = [name for name, *_ in conn.execute(f"DESCRIBE {table}").fetchall()]
    columns = ", ".join(f'"{c}"' for c in names if c != LOAD_STAMP)
    # rows are compared by key and a hash of the whole row, so the set operations hold no text
    fingerprint = f"{', '.join(keys)}, hash({columns}) AS row_hash"

    def differing(this: str, that: str) -> str:
        return f"SELECT {fingerprint} FROM {this} EXCEPT SELECT {fingerprint} FROM {that}"

    def same_key(left: str, right: str) -> str:
        return " AND ".join(f"{left}.{k} IS NOT DISTINCT FROM {right}.{k}" for k in keys)

    current = table if scope is None else f"(SELECT * FROM {table} WHERE {scope})"
    (deleted,) = conn.execute(
        f"DELETE FROM {table} t USING ({differing(current, incoming)}) gone WHERE "
        f"{same_key('t', 'gone')}"
    ).fetchone()
    stamped = LOAD_STAMP in names
    (inserted,) = conn.execute(
        f"INSERT INTO {table} BY NAME SELECT "
        f"{columns}{f', $stamp AS {LOAD_STAMP}' if stamped else ''} FROM {incoming} i "
        f"SEMI JOIN ({differing(incoming, current)}) new ON {same_key('i', 'new')}",
        {"stamp": fresh_stamp(conn, table, LOAD_STAMP)} if stamped else {},
    ).fetchone()
    if deleted or inserted:
        mark_changed(conn, table)
    return deleted + inserted


def mark_changed(conn: duckdb.DuckDBPyConnection, table: str) -> None:
    """Raise the version of a table whose rows a load changed."""
    run_sql_file(conn, "load/bump_table_version", {"table": table})


def table_versions(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """The current version of every table a load has changed."""
    return dict(
        conn.execute(
            "SELECT table_name, sum(version)::BIGINT FROM ops.table_versions GROUP BY table_name"
        ).fetchall()
    )


def versions_of(conn: duckdb.DuckDBPyConnection, tables: list[str]) -> str:
    """A fingerprint of the given tables' current versions."""
    versions = table_versions(conn)
    return ",".join(f"{table}:{versions.get(table, 0)}" for table in tables)


def up_to_date(conn: duckdb.DuckDBPyConnection, asset_key: str, fingerprint: str) -> bool:
    """True when the asset was last built from inputs with this fingerprint (ops.asset_inputs):
    nothing to do.
    """
    row = conn.execute(
        "SELECT fingerprint FROM ops.asset_inputs WHERE asset_key = $key", {"key": asset_key}
    ).fetchone()
    return row is not None and row[0] == fingerprint


@contextmanager
def rebuilding(conn: duckdb.DuckDBPyConnection, asset_key: str, fingerprint: str) -> Iterator[None]:
    """One transaction that rebuilds an asset and records the fingerprint of the inputs it was built
    from.
    """
    with transaction(conn):
        yield
        run_sql_file(
            conn, "load/record_asset_inputs", {"asset_key": asset_key, "fingerprint": fingerprint}
        )


def replace_rows(conn: duckdb.DuckDBPyConnection, *replacements: Replacement) -> None:
    """Swap the rows of one or more tables in a single transaction: readers see all old or
    all new.
    """
    with transaction(conn):
        apply_replacements(conn, *replacements)


def execute_sql(
    conn: duckdb.DuckDBPyConnection, statement: str, params: dict[str, object] | None = None
) -> duckdb.DuckDBPyConnection:
    """Execute a statement with those of `params` it names as `$name` (DuckDB refuses parameters a
    statement does not use).
    """
    return conn.execute(
        statement,
        {
            name: value
            for name, value in (params or {}).items()
            if re.search(rf"\${name}\b", statement)
        },
    )


def run_sql_file(
    conn: duckdb.DuckDBPyConnection, name: str, params: dict[str, object] | None = None
) -> None:
    """Execute one statement of sql/<name>.sql."""
    execute_sql(conn, sql_file(name), params)


@functools.cache
def sql_file(name: str) -> str:
    """The text of sql/<name>.sql."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def read_frame(
    conn: duckdb.DuckDBPyConnection,
    query: str,
    params: list[object] | dict[str, object] | None = None,
) -> pl.DataFrame:
    """Run a query and return all its rows as a polars frame (named parameters it does not use are
    left out).
    """
    if isinstance(params, dict):
        return execute_sql(conn, query, params).pl()
    return conn.execute(query, params or []).pl()


def sql_string(text: str) -> str:
    """`text` as a SQL string literal, for where DuckDB takes no parameter (ATTACH) or must see a
    constant.
    """
    return "'" + text.replace("'", "''") + "'"


_BYTE_UNITS = {"bytes": 1, "KiB": 2**10, "MiB": 2**20, "GiB": 2**30, "TiB": 2**40}


def memory_cap_bytes(conn: duckdb.DuckDBPyConnection) -> int:
    """The connection's DuckDB memory cap in bytes (DuckDB shows it as e.g. '488.2 MiB')."""
    (shown,) = conn.execute("SELECT current_setting('memory_limit')").fetchone()
    number, unit = shown.split()
    return int(float(number) * _BYTE_UNITS[unit])


def table_counts(
    conn: duckdb.DuckDBPyConnection, tables: list[str] | None = None
) -> dict[str, int]:
    """Rows per table: of the given tables, or of every table of the warehouse."""
    if tables is None:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT table_schema || '.' || table_name FROM information_schema.tables "
                "WHERE table_type = 'BASE TABLE' AND table_catalog = current_database() ORDER BY 1"
            ).fetchall()
        ]
    return {name: conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in tables}
