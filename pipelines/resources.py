"""Resources: the DuckDB warehouse (dagster-duckdb) and the folder of raw inputs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource

from pipelines import config
from pipelines.warehouse import ensure_schema


class RawFolder(dg.ConfigurableResource):
    """Where raw article files and watchdog tables are read from."""

    path: str

    @property
    def root(self) -> Path:
        return Path(self.path)


class RunMode(dg.Config):
    """`full_refresh` re-reads every file and re-extracts every article (a backfill), ignoring what is stored."""

    full_refresh: bool = False


def build_resources(raw_dir: Path | None = None, warehouse: Path | None = None) -> dict[str, object]:
    """Resources for the given folders, defaulting to `$CONTESTED_RAW_DIR` and `$CONTESTED_WAREHOUSE`."""
    database = warehouse or config.warehouse_path()
    database.parent.mkdir(parents=True, exist_ok=True)
    return {
        "warehouse": DuckDBResource(database=str(database)),
        "raw_folder": RawFolder(path=str(raw_dir or config.raw_dir())),
    }


@contextmanager
def open_warehouse(resource: DuckDBResource) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection with every schema and table in place."""
    with resource.get_connection() as conn:
        ensure_schema(conn)
        yield conn
