"""A sensor that launches a run when files under the raw folder appear, change or go."""

from __future__ import annotations

import hashlib

import dagster as dg

from pipelines.jobs import contested_job
from pipelines.loaders import iter_inputs
from pipelines.resources import RawFolder


def raw_folder_fingerprint(raw_folder: RawFolder) -> str:
    """A hash of every input's path, size and mtime: it changes exactly when the folder's content does.

    The files' hashes are added up (modulo 2**256), so the order of the scan does not matter and
    the folder is never held as one list, however many files a feed has.
    """
    total = 0
    for item in iter_inputs(raw_folder.root):
        line = f"{item.source_file}\0{item.size}\0{item.modified_at.isoformat()}".encode()
        total = (total + int.from_bytes(hashlib.sha256(line).digest(), "big")) % 2**256
    return f"{total:064x}"


@dg.sensor(job=contested_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.STOPPED,
           description="Runs the pipeline when files under the raw folder are added, changed or deleted.")
def raw_files_sensor(context: dg.SensorEvaluationContext, raw_folder: RawFolder):
    fingerprint = raw_folder_fingerprint(raw_folder)
    if fingerprint == context.cursor:
        return dg.SkipReason("no new, changed or deleted files")
    context.update_cursor(fingerprint)
    # no run_key: the cursor already dedupes, and a folder may legitimately return to an earlier state
    return dg.RunRequest(tags={"trigger": "raw_files_sensor", "raw_fingerprint": fingerprint[:16]})
