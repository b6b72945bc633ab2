"""Resources: the DuckDB warehouse (dagster-duckdb) and the folder of raw inputs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource
from pydantic import PrivateAttr

from pipelines import config
from pipelines.warehouse import ensure_schema


class RawFolder(dg.ConfigurableResource):
    """Where raw article files and watchdog tables are read from."""

    path: str

    @property
    def root(self) -> Path:
        return Path(self.path)


class WarehouseResource(DuckDBResource):
    """dagster-duckdb's resource, holding one connection for the whole run.

    Opening the file in every step (and checkpointing it on every close) cost tens of milliseconds a
    step, most of a run with nothing new. Dagster calls setup_for_execution once per run and process
    (once per run with the in-process executor, once per step process with the multiprocess one), so
    each process opens the file once and checks the schema once. Outside a run, get_connection opens
    a connection of its own, as DuckDBResource does.
    """

    _opened: AbstractContextManager | None = PrivateAttr(default=None)
    _connection: duckdb.DuckDBPyConnection | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        self._opened = super().get_connection()
        self._connection = self._opened.__enter__()
        ensure_schema(self._connection)

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._opened is not None:
            self._connection, opened, self._opened = None, self._opened, None
            opened.__exit__(None, None, None)

    @contextmanager
    def get_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if self._connection is not None:
            yield self._connection
            return
        with super().get_connection() as conn:
            ensure_schema(conn)
            yield conn


class RunMode(dg.Config):
    """`full_refresh` re-reads every file and re-extracts every article (a backfill), ignoring what is stored."""

    full_refresh: bool = False


def build_resources(raw_dir: Path | None = None, warehouse: Path | None = None) -> dict[str, object]:
    """Resources for the given folders, defaulting to `$CONTESTED_RAW_DIR` and `$CONTESTED_WAREHOUSE`."""
    database = warehouse or config.warehouse_path()
    database.parent.mkdir(parents=True, exist_ok=True)
    return {
        "warehouse": WarehouseResource(database=str(database), connection_config=config.duckdb_settings()),
        "raw_folder": RawFolder(path=str(raw_dir or config.raw_dir())),
    }


@contextmanager
def open_warehouse(resource: DuckDBResource) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection with every schema and table in place (the run's own, during a run)."""
    with resource.get_connection() as conn:
        if not isinstance(resource, WarehouseResource):
            ensure_schema(conn)
        yield conn
