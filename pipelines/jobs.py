"""Jobs and schedules."""

from __future__ import annotations

import dagster as dg

# Every asset and check; runs in one process because the steps are short and share one DuckDB file.
contested_job = dg.define_asset_job("contested_job", selection=dg.AssetSelection.all(),
                                    executor_def=dg.in_process_executor,
                                    description="The whole pipeline: raw files to facts, with every check.")

daily_schedule = dg.ScheduleDefinition(name="contested_daily", job=contested_job, cron_schedule="0 6 * * *",
                                       default_status=dg.DefaultScheduleStatus.STOPPED,
                                       description="Rebuild the warehouse every morning at 06:00 UTC.")
