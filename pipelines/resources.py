"""Resources: the DuckDB warehouse (dagster-duckdb) and the folder of raw inputs."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource
from pydantic import PrivateAttr

from pipelines import config, lake
from pipelines.atomic_build import keep_failed, publish, run_lock, run_passed, start_build
from pipelines.feed_parts import writing_feed_part
from pipelines.warehouse import ensure_schema, sql_string, step_transaction


class RawFolder(dg.ConfigurableResource):
    """Where raw article files and watchdog tables are read from."""

    path: str

    @property
    def root(self) -> Path:
        return Path(self.path)


class WarehouseResource(DuckDBResource):
    """dagster-duckdb's resource, holding one connection for the whole run, to a copy that the run
    publishes.

    Dagster calls setup_for_execution once per run with the in-process executor (the job's): it
    takes the writer lock, copies the warehouse to `<warehouse>.building` and opens the copy once
    (opening the file in every step cost tens of milliseconds a step). teardown_after_execution
    closes it and renames it over the warehouse if every step and blocking check passed, else sets
    it aside as `<warehouse>.failed` (pipelines/publish.py). So every run, from `contested run`, the
    schedule, the sensor or the UI, is atomic and alone, and readers of the warehouse never block
    it. Outside a run, get_connection opens the warehouse itself, as DuckDBResource does.

    With `lake_catalog` set, the warehouse is that DuckLake instead (pipelines/lake.py): no copy and
    no lock, as many writers share it; each step process attaches it once.
    """

    lake_catalog: str = ""
    lake_data: str = ""
    lake_schema: str = ""
    _lock: ExitStack | None = PrivateAttr(default=None)
    _building: Path | None = PrivateAttr(default=None)
    _connection: duckdb.DuckDBPyConnection | None = PrivateAttr(default=None)

    @property
    def lake(self) -> lake.LakeTarget | None:
        if not self.lake_catalog:
            return None
        return lake.LakeTarget(self.lake_catalog, self.lake_data, self.lake_schema)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        if self.lake is not None:
            self._connection = lake.connect(self.lake, self.connection_config)
            ensure_schema(self._connection)
            return
        warehouse = Path(self.database)
        with ExitStack() as lock:
            lock.enter_context(run_lock(warehouse))
            building = start_build(warehouse)
            connection = None
            # the copy is this run's alone, so no retries as dagster-duckdb makes for a shared file:
            # a broken one fails at once
            try:
                connection = connect_build(building, self.connection_config)
                ensure_schema(connection)
            except Exception:
                if connection is not None:
                    connection.close()
                keep_failed(building, warehouse)
                raise
            self._building, self._connection = building, connection
            self._lock = lock.pop_all()

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self.lake is not None and self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._lock is None or self._connection is None or self._building is None:
            return
        lock, connection, building = self._lock, self._connection, self._building
        self._lock = self._building = self._connection = None
        with lock:  # released once the build is published or set aside
            connection.close()  # closed (and checkpointed) before the file moves
            if (
                context.instance is not None
                and context.run is not None
                and run_passed(context.instance, context.run.run_id)
            ):
                publish(building, Path(self.database))
            else:
                keep_failed(building, Path(self.database))

    @contextmanager
    def get_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if self._connection is not None:
            yield self._connection
            return
        if self.lake is not None:
            connection = lake.connect(self.lake, self.connection_config)
            try:
                ensure_schema(connection)
                yield connection
            finally:
                connection.close()
            return
        with super().get_connection() as conn:
            ensure_schema(conn)
            yield conn


def connect_build(building: Path, settings: dict[str, str]) -> duckdb.DuckDBPyConnection:
    """A connection to a run's copy of the warehouse, attached with row groups of
    `config.ROW_GROUP_SIZE` rows.

    DuckDB's row groups hold 122,880 rows. Every checkpoint (every few batches of a load) rewrote
    the table's last, still growing row group, so the raw stage's peak grew with the feed until
    122,880 articles' text. Row group size is an option of ATTACH only, hence the in-memory
    connection; it spills to `<copy>.tmp`, as a connection opened on the file does.
    """
    connection = duckdb.connect(
        ":memory:", config={"temp_directory": f"{building}.tmp", **settings}
    )
    try:
        connection.execute(
            f"ATTACH {sql_string(str(building))} AS warehouse (ROW_GROUP_SIZE "
            f"{config.ROW_GROUP_SIZE})"
        )
        connection.execute("USE warehouse")
    except Exception:
        connection.close()
        raise
    return connection


@contextmanager
def writing_partition(
    conn: duckdb.DuckDBPyConnection, context: dg.AssetExecutionContext
) -> Iterator[None]:
    """The block writes the run's feed partition (pipelines/feed_parts.py), if it has one."""
    if not context.has_partition_key:
        yield
        return
    with writing_feed_part(conn, context.partition_key, context.run.run_id):
        yield


# how often a lake step that lost a commit to another writer is run again
LAKE_RETRIES = 10


class RunMode(dg.Config):
    """`full_refresh` re-reads every file and re-extracts every article (a backfill), ignoring what
    is stored.
    """

    full_refresh: bool = False


def build_resources(
    raw_dir: Path | None = None, warehouse: Path | None = None
) -> dict[str, object]:
    """Resources for the given folders, defaulting to `$CONTESTED_RAW_DIR` and
    `$CONTESTED_WAREHOUSE`.
    """
    database = warehouse or config.warehouse_path()
    database.parent.mkdir(parents=True, exist_ok=True)
    target = lake.lake_target()
    return {
        "warehouse": WarehouseResource(
            database=str(database),
            connection_config=config.duckdb_settings(),
            lake_catalog=target.catalog if target else "",
            lake_data=target.data_path if target else "",
            lake_schema=target.metadata_schema if target else "",
        ),
        "raw_folder": RawFolder(path=str(raw_dir or config.raw_dir())),
    }


@contextmanager
def open_warehouse(resource: DuckDBResource) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection with every schema and table in place (the run's own, during a
    run).

    On a lake the block is one transaction, one snapshot; should another writer have committed a
    change to the same rows first, the step is run again (Dagster's RetryRequested) on what it
    committed.
    """
    with resource.get_connection() as conn:
        if not isinstance(resource, WarehouseResource):
            ensure_schema(conn)
        if not (isinstance(resource, WarehouseResource) and resource.lake is not None):
            yield conn
            return
        try:
            with step_transaction(conn):
                yield conn
        except duckdb.TransactionException as exc:
            if lake.is_conflict(exc):
                # a random wait, so that writers that collided do not collide again in step
                wait = random.uniform(0.2, 2.0)
                raise dg.RetryRequested(max_retries=LAKE_RETRIES, seconds_to_wait=wait) from exc
            raise
