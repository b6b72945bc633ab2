"""`contested bench --lake`: the same runs as the file warehouse's benchmark, on the DuckLake of
`$CONTESTED_LAKE`, with 1 and 2 feed partitions written at once.

The articles are spread over four feed folders (a folder a day), and the 1% new arrive as a fifth,
as a daily feed's would. Each worker count writes a new lake: its catalog in a schema of its own
(dropped at the end), its data in a temporary folder. Besides the seconds, each run reports the
catalog commits (DuckLake snapshots) it made: what a shared catalog must take per second.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipelines import lake
from pipelines.benchmark import BUNDLED_RAW, SHARED_ARTICLES, _peak_mib
from pipelines.synthetic import write_synthetic_corpus
from pipelines.warehouse import sql_string

FEED_FOLDERS = 4


def _write_feed(raw: Path, articles: int) -> int:
    """The articles in FEED_FOLDERS day folders, then 1% more in the next: returns that 1%."""
    sources = sorted(SHARED_ARTICLES.glob("*.md"))
    share = -(-articles // FEED_FOLDERS)
    for day in range(FEED_FOLDERS):
        count = min(share, articles - day * share)
        write_synthetic_corpus(sources, raw / f"day-{day}", count, first=day * share)
    return max(1, articles // 100)


@contextmanager
def _environment(values: dict[str, str | None]) -> Iterator[None]:
    """The process environment with `values` set (None: unset) for the block, then as it was."""
    saved = {key: os.environ.get(key) for key in values}
    _set_environment(values)
    try:
        yield
    finally:
        _set_environment(saved)


def _set_environment(values: dict[str, str | None]) -> None:
    for key, value in values.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@contextmanager
def _fresh_lake(base: Path, name: str) -> Iterator[lake.LakeTarget]:
    """$CONTESTED_LAKE's catalog with a new schema and data folder for the block, dropped after."""
    schema = {
        lake.LAKE_DATA_VARIABLE: str(base / name),
        lake.LAKE_SCHEMA_VARIABLE: f"{name}_{os.getpid()}",
    }
    with _environment(schema):
        target = lake.lake_target()
        try:
            yield target
        finally:
            _drop_catalog(target)


def _drop_catalog(target: lake.LakeTarget) -> None:
    if target.catalog_kind != "postgres":
        return
    import duckdb

    with duckdb.connect() as conn:
        conn.execute(f"SET extension_directory = {sql_string(str(lake.extension_directory()))}")
        conn.execute("LOAD postgres_scanner")
        dsn = target.catalog.split(":", 1)[1]
        conn.execute(f"ATTACH {sql_string(dsn)} AS catalog (TYPE postgres)")
        schema = target.metadata_schema.replace('"', "")
        conn.execute(f"CALL postgres_execute('catalog', 'DROP SCHEMA \"{schema}\" CASCADE')")


def _snapshots(target: lake.LakeTarget) -> int:
    with lake.connect(target) as conn:
        return conn.execute("SELECT count(*) FROM warehouse.snapshots()").fetchone()[0]


def _timed(raw: Path, workers: int | None, target: lake.LakeTarget | None) -> tuple[str, float]:
    """One run (into the file warehouse when workers is None): its figures shown, and seconds."""
    from pipelines.lake_run import run_on_lake
    from pipelines.runner import publish_run

    before = _snapshots(target) if target else 0
    started = time.perf_counter()
    if workers is None:
        ok = publish_run(raw, raw.with_name("bench.duckdb"))[0]
    else:
        ok = run_on_lake(raw, raw.with_name("unused.duckdb"), workers=workers).success
    seconds = time.perf_counter() - started
    if not ok:
        raise RuntimeError("benchmark run failed")
    commits = (_snapshots(target) - before) if target else 0
    return f"{seconds:.2f} s" + (f", {commits} commits" if target else ""), seconds


def _bench_target(base: Path, articles: int, workers: int | None) -> list[str]:
    """Full, nothing new and 1% new on a fresh copy of the feed, into one target."""
    raw = base / f"raw-{workers or 'file'}"
    extra = _write_feed(raw, articles)
    shutil.copytree(BUNDLED_RAW / "watchdog", raw / "watchdog")
    name = f"contested_bench_{workers}"
    with _fresh_lake(base, name) if workers else _environment({lake.LAKE_VARIABLE: None}) as target:
        full, full_seconds = _timed(raw, workers, target)
        empty, _ = _timed(raw, workers, target)
        write_synthetic_corpus(
            sorted(SHARED_ARTICLES.glob("*.md")), raw / f"day-{FEED_FOLDERS}", extra, articles
        )
        increment, _ = _timed(raw, workers, target)
    label = "file warehouse" if workers is None else f"lake, {workers} worker(s)"
    return [
        f"{label}: full run {full} = {articles / full_seconds:,.0f} articles/s; "
        f"nothing new {empty}; 1% new {increment}"
    ]


def run_lake_benchmark(articles: int) -> list[str]:
    """The file warehouse, then the lake with 1 and 2 workers, on the same feed."""
    if lake.lake_target() is None:
        raise RuntimeError(f"bench --lake needs ${lake.LAKE_VARIABLE} (postgres:<libpq string>)")
    base = Path(tempfile.mkdtemp(prefix="contested-lake-bench-"))
    try:
        lines = [
            f"articles: {articles} in {FEED_FOLDERS} feed folders (+1% in a new one), catalog: "
            f"{lake.lake_target().shown_catalog}"
        ]
        for workers in (None, 1, 2):
            lines += _bench_target(base, articles, workers)
        lines.append(f"peak memory: {_peak_mib():,.0f} MiB (largest of this process and workers)")
        return lines
    finally:
        shutil.rmtree(base, ignore_errors=True)
