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
