"""The single Definitions object that `dagster dev`, the `dagster`/`dg` CLIs and `contested run`
load.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from assets import checks, facts, raw, reference, report, staging
from pipelines.feed_parts import FEED_PARTS
from pipelines.jobs import LAKE_JOBS, contested_job, daily_schedule
from pipelines.lake import lake_target
from pipelines.resources import build_resources
from pipelines.sensors import raw_files_sensor


def build_definitions(raw_dir: Path | None = None, warehouse: Path | None = None) -> dg.Definitions:
    """Definitions over the given folders (default: `$CONTESTED_RAW_DIR`,
    `$CONTESTED_WAREHOUSE`).

    With `$CONTESTED_LAKE` set, the feed stage is partitioned by feed folder and a run is the three
    lake jobs (pipelines/jobs.py), which `contested run` launches in order.
    """
    assets = dg.load_assets_from_modules([raw, reference, staging, facts, report])
    on_lake = lake_target() is not None
    if on_lake:
        by_part = [raw.raw_articles_asset(FEED_PARTS), staging.staging_mentions_asset(FEED_PARTS)]
        partitioned = {key for a in by_part for key in a.keys}
        assets = [a for a in assets if not set(a.keys) & partitioned] + by_part
    return dg.Definitions(
        assets=assets,
        asset_checks=checks.load_checks(),
        jobs=list(LAKE_JOBS) if on_lake else [contested_job],
        schedules=[] if on_lake else [daily_schedule],
        sensors=[] if on_lake else [raw_files_sensor],
        resources=build_resources(raw_dir, warehouse),
        executor=dg.in_process_executor,
    )


defs = build_definitions()
