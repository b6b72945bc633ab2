"""A run on a lake (pipelines/lake.py): the reference tables, then the feed partitions side by
side, each in its own process, then the rest with every check.

Dagster runs the partitions of an asset as separate runs, as a backfill does; here `workers` of
them go at once, as a Dagster deployment's run queue with that many concurrent runs would launch
them. Each commits its partition to the lake step by step; the merge job then builds the facts
from all of them.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from pipelines.feed_parts import FEED_PARTS, feed_parts_in, register_feed_parts


@dataclass(frozen=True)
class PartOutcome:
    """How the run of one feed partition ended."""

    part: str
    run_id: str
    success: bool
    started: float  # time.time() at the start and end of the partition's run
    ended: float
    retries: int  # steps run again after losing a commit to another writer


@dataclass(frozen=True)
class LakeRun:
    """A whole run on a lake: its partitions' outcomes and the merge job's result (whose checks
    are the run's)."""

    parts: list[PartOutcome]
    merge: object

    @property
    def success(self) -> bool:
        return self.merge.success and all(p.success for p in self.parts)

    @property
    def run_id(self) -> str:
        return self.merge.run_id

    def get_asset_check_evaluations(self) -> list:
        return self.merge.get_asset_check_evaluations()


def run_on_lake(raw_dir: Path, warehouse: Path, full_refresh: bool = False, workers: int = 1):
    """The whole pipeline on the lake of `$CONTESTED_LAKE`; `workers` feed partitions at once."""
    from pipelines.definitions import build_definitions
    from pipelines.runner import dagster_instance, execute_job

    defs = build_definitions(raw_dir, warehouse)
    reference = execute_job(defs, "lake_reference_job", full_refresh)
    parts = feed_parts_in(raw_dir) if reference.success else []
    with defs.resources["warehouse"].get_connection() as conn:  # no step transaction around it
        register_feed_parts(conn, parts)
    _add_partitions(dagster_instance(), parts)
    outcomes = run_feed_parts(raw_dir, warehouse, parts, full_refresh, workers)
    merge = execute_job(defs, "lake_merge_job", full_refresh)
    return LakeRun(outcomes, merge)


def run_feed_parts(
    raw_dir: Path, warehouse: Path, parts: list[str], full_refresh: bool, workers: int
) -> list[PartOutcome]:
    """Run feed_part_job for every partition, `workers` at a time (in this process for one)."""
    if workers <= 1 or len(parts) <= 1:
        return [run_feed_part(raw_dir, warehouse, part, full_refresh) for part in parts]
    # each run extracts with its share of the cores: the runs already fill the machine
    share = max(1, (os.cpu_count() or 1) // workers)
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("spawn"),  # a fresh interpreter: no DuckDB or Dagster state forked
        initializer=_set_cores,
        initargs=(share,),
    ) as pool:
        futures = [
            pool.submit(run_feed_part, raw_dir, warehouse, part, full_refresh) for part in parts
        ]
        return [future.result() for future in futures]


def _set_cores(share: int) -> None:
    os.environ["CONTESTED_WORKERS"] = str(share)


def run_feed_part(raw_dir: Path, warehouse: Path, part: str, full_refresh: bool) -> PartOutcome:
    """feed_part_job for one registered partition, in this process."""
    from dagster import DagsterEventType

    from pipelines.definitions import build_definitions
    from pipelines.runner import dagster_instance, execute_job

    _add_partitions(dagster_instance(), [part])
    defs = build_definitions(raw_dir, warehouse)
    started = time.time()
    result = execute_job(defs, "feed_part_job", full_refresh, partition_key=part)
    retries = sum(e.event_type == DagsterEventType.STEP_UP_FOR_RETRY for e in result.all_events)
    return PartOutcome(part, result.run_id, result.success, started, time.time(), retries)


def _add_partitions(instance, parts: list[str]) -> None:
    """Make the partitions known to this Dagster instance (an ephemeral one knows none)."""
    known = set(instance.get_dynamic_partitions(FEED_PARTS.name))
    new = [part for part in parts if part not in known]
    if new:
        instance.add_dynamic_partitions(FEED_PARTS.name, new)
