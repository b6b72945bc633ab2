"""A sensor that launches a run when files under the raw folder appear, change or go."""

from __future__ import annotations

import dagster as dg

from pipelines.jobs import contested_job, job_in_progress
from pipelines.raw.scan import files_fingerprint, scan_frames
from pipelines.resources import RawFolder


def raw_folder_fingerprint(raw_folder: RawFolder) -> str:
    """The fingerprint of every input under the raw folder: it changes exactly when the folder's
    content does.
    """
    return files_fingerprint(scan_frames(raw_folder.root))


@dg.sensor(
    job=contested_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Runs the pipeline when files under the raw folder are added, changed or deleted.",
)
def raw_files_sensor(context: dg.SensorEvaluationContext, raw_folder: RawFolder):
    # while a run is queued or going the cursor stays, so what changes meanwhile launches one run
    # once it ends
    if job_in_progress(context.instance):
        return dg.SkipReason(
            "a contested_job run is queued or in progress; changes are picked up once it ends"
        )
    fingerprint = raw_folder_fingerprint(raw_folder)
    if fingerprint == context.cursor:
        return dg.SkipReason("no new, changed or deleted files")
    context.update_cursor(fingerprint)
    # no run_key: the cursor already dedupes, and a folder may legitimately return to an earlier
    # state
    return dg.RunRequest(tags={"trigger": "raw_files_sensor", "raw_fingerprint": fingerprint[:16]})
