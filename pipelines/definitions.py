"""The single Definitions object that `dagster dev`, the `dagster`/`dg` CLIs and `contested run`
load.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from assets import checks, facts, raw, reference, report, staging
from pipelines.jobs import contested_job, daily_schedule
from pipelines.resources import build_resources
from pipelines.sensors import raw_files_sensor


def build_definitions(raw_dir: Path | None = None, warehouse: Path | None = None) -> dg.Definitions:
    """Definitions over the given folders (default: `$CONTESTED_RAW_DIR`,
    `$CONTESTED_WAREHOUSE`).
    """
    return dg.Definitions(
        assets=dg.load_assets_from_modules([raw, reference, staging, facts, report]),
        asset_checks=checks.load_checks(),
        jobs=[contested_job],
        schedules=[daily_schedule],
        sensors=[raw_files_sensor],
        resources=build_resources(raw_dir, warehouse),
        executor=dg.in_process_executor,
    )


defs = build_definitions()
