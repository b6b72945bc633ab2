"""Jobs and schedules."""

from __future__ import annotations

import dagster as dg

# Every asset and check; runs in one process because the steps are short and share one DuckDB file.
contested_job = dg.define_asset_job(
    "contested_job",
    selection=dg.AssetSelection.all(),
    executor_def=dg.in_process_executor,
    description="The whole pipeline: raw files to facts, with every check.",
)

# On a lake (pipelines/lake.py) a run is three jobs: the reference tables; the feed stage, one run
# per feed partition (pipelines/feed_parts.py), several at once; then the rest, with every check.
REFERENCE_STAGE = dg.AssetSelection.groups("reference")
FEED_STAGE = dg.AssetSelection.assets(
    ["raw", "articles"],
    ["staging", "claim_mentions"],
    ["staging", "incident_mentions"],
    ["staging", "control_statements"],
)
lake_reference_job = dg.define_asset_job(
    "lake_reference_job",
    selection=REFERENCE_STAGE.without_checks(),
    executor_def=dg.in_process_executor,
    description="The reference tables, before any feed partition is extracted.",
)
feed_part_job = dg.define_asset_job(
    "feed_part_job",
    selection=FEED_STAGE.without_checks(),
    executor_def=dg.in_process_executor,
    description="One feed partition read and extracted; runs of different partitions go at once.",
)
lake_merge_job = dg.define_asset_job(
    "lake_merge_job",
    selection=(dg.AssetSelection.all() - REFERENCE_STAGE - FEED_STAGE)
    | dg.AssetSelection.all_asset_checks(),
    executor_def=dg.in_process_executor,
    description="Watchdog tables, facts, views and the report, after the feed partitions; every "
    "check.",
)
LAKE_JOBS = (lake_reference_job, feed_part_job, lake_merge_job)

_WAITING_OR_GOING = [
    dg.DagsterRunStatus.QUEUED,
    dg.DagsterRunStatus.NOT_STARTED,
    dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED,
]


def job_in_progress(instance: dg.DagsterInstance) -> bool:
    """Whether a contested_job run is queued or going (Dagster's run status): a run launched now
    would only wait behind its lock.
    """
    return bool(
        instance.get_run_records(
            dg.RunsFilter(job_name=contested_job.name, statuses=_WAITING_OR_GOING), limit=1
        )
    )


@dg.schedule(
    name="contested_daily",
    job=contested_job,
    cron_schedule="0 6 * * *",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Bring the warehouse up to date every morning at 06:00 UTC (skipped while a "
    "run is in progress).",
)
def daily_schedule(context: dg.ScheduleEvaluationContext):
    if job_in_progress(context.instance):
        return dg.SkipReason("a contested_job run is queued or in progress")
    return dg.RunRequest()
