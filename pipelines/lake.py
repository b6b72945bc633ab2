"""The warehouse as a DuckLake whose catalog is PostgreSQL: one store that many processes and
machines write and read at once.

`CONTESTED_LAKE=postgres:<libpq connection string>` (and `CONTESTED_LAKE_DATA`, the folder or
object-store path of its Parquet files) makes every run write there instead of the DuckDB file. A
connection attaches the lake as `warehouse` and makes it the default database, so every statement
of the pipeline (`raw.articles`, `facts.claims`...) reads and writes the lake unchanged.

What differs from the file, and why:
- DuckLake has no PRIMARY KEY or UNIQUE constraints: the DDL is run without them
  (`warehouse.ensure_schema`), and the loads, which only ever delete by key before they insert,
  keep the keys unique.
- Atomicity is per step, not per run: each asset's writes are one DuckLake transaction, one
  snapshot (`warehouse.step_transaction`). Readers on any machine see a step's rows all or not
  at all, and an older state stays readable with `AT (VERSION => n)`.
- Concurrency is optimistic: two transactions that deleted the same rows (the same partition
  written twice, or the same counter row in `ops`) cannot both commit. The later one fails with a
  conflict and Dagster runs its step again, on the rows the first one committed.
The extensions come from PyPI (`duckdb-ext-ducklake`, `duckdb-ext-postgres`), so nothing is
downloaded at run time.
"""

from __future__ import annotations

import importlib.util
import os
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.warehouse import sql_string

LAKE_VARIABLE = "CONTESTED_LAKE"
LAKE_DATA_VARIABLE = "CONTESTED_LAKE_DATA"
LAKE_SCHEMA_VARIABLE = "CONTESTED_LAKE_SCHEMA"
# the catalogs a lake can have here: PostgreSQL for a team's shared lake, SQLite for one machine
CATALOG_EXTENSIONS = {"postgres": "postgres_scanner", "sqlite": "sqlite_scanner"}


@dataclass(frozen=True)
class LakeTarget:
    """Where a DuckLake lives: its catalog (`postgres:<libpq string>` or `sqlite:<file>`), the
    folder of its data files, and the catalog database's schema that holds it (several lakes can
    share one PostgreSQL database; empty: DuckLake's default)."""

    catalog: str
    data_path: str
    metadata_schema: str = ""

    @property
    def catalog_kind(self) -> str:
        return self.catalog.split(":", 1)[0]

    @property
    def shown_catalog(self) -> str:
        """The catalog without its password, to print."""
        return re.sub(r"password=\S+", "password=***", self.catalog)

    def describe(self) -> str:
        """The lake for a person: the catalog without a password, and the data path."""
        return f"DuckLake {self.shown_catalog} (data {self.data_path})"


def lake_target() -> LakeTarget | None:
    """The lake that `$CONTESTED_LAKE` names (data in `$CONTESTED_LAKE_DATA`, default
    `data/lake/` under the current directory; catalog in the schema `$CONTESTED_LAKE_SCHEMA`), or
    None: the DuckDB file is the warehouse.
    """
    catalog = os.environ.get(LAKE_VARIABLE, "").strip()
    if not catalog:
        return None
    if catalog.split(":", 1)[0] not in CATALOG_EXTENSIONS or ":" not in catalog:
        raise ValueError(
            f"{LAKE_VARIABLE} must be postgres:<libpq connection string> or sqlite:<file>, "
            f"not {catalog!r}"
        )
    data = os.environ.get(LAKE_DATA_VARIABLE) or str(Path("data/lake").resolve())
    return LakeTarget(
        catalog,
        data if "://" in data else str(Path(data).resolve()),
        os.environ.get(LAKE_SCHEMA_VARIABLE, ""),
    )


def extension_directory() -> Path:
    """Where the PyPI packages `duckdb-ext-*` put DuckDB's extensions (a namespace folder
    `duckdb_ext`).
    """
    spec = importlib.util.find_spec("duckdb_ext")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "DuckDB's DuckLake extension is not installed (pip package duckdb-ext-ducklake)"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "extensions"


def attach(
    conn: duckdb.DuckDBPyConnection,
    target: LakeTarget,
    name: str = "warehouse",
    read_only: bool = False,
) -> None:
    """Attach the lake as `name`, creating it (catalog tables, data folder) if need be."""
    conn.execute(f"SET extension_directory = {sql_string(str(extension_directory()))}")
    conn.execute("LOAD ducklake")
    conn.execute(f"LOAD {CATALOG_EXTENSIONS[target.catalog_kind]}")
    if "://" not in target.data_path:
        Path(target.data_path).mkdir(parents=True, exist_ok=True)
    # READ_ONLY said either way: attached to a read-only connection, a lake would default to it
    options = [
        f"DATA_PATH {sql_string(target.data_path.rstrip('/') + '/')}",
        f"READ_ONLY {str(read_only).lower()}",
    ]
    if target.metadata_schema:
        options.append(f"METADATA_SCHEMA {sql_string(target.metadata_schema)}")
    conn.execute(
        f"ATTACH {sql_string('ducklake:' + target.catalog)} AS {name} ({', '.join(options)})"
    )


def connect(
    target: LakeTarget, settings: dict[str, str] | None = None
) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection whose default database is the lake."""
    connection = duckdb.connect(":memory:", config=settings or {})
    try:
        attach(connection, target)
        connection.execute("USE warehouse")
    except Exception:
        connection.close()
        raise
    return connection


def is_conflict(error: BaseException) -> bool:
    """Whether a failed commit lost to another transaction (DuckLake's optimistic concurrency)."""
    return isinstance(error, duckdb.TransactionException) and "conflict" in str(error).lower()
