"""The Definitions object, its schedule and its sensor, evaluated for real on files on disk."""

import uuid

import dagster as dg

from pipelines.definitions import build_definitions
from pipelines.resources import RawFolder
from pipelines.sensors import raw_files_sensor


def test_definitions_load_with_job_schedule_and_sensor(tmp_path):
    defs = build_definitions(tmp_path, tmp_path / "w.duckdb")
    assert defs.resolve_job_def("contested_job") is not None
    assert defs.resolve_schedule_def("contested_daily").cron_schedule == "0 6 * * *"
    assert defs.resolve_sensor_def("raw_files_sensor") is not None
    assert len(defs.resolve_asset_graph().get_all_asset_keys()) >= 12


def test_sensor_requests_a_run_only_when_the_folder_changes(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: A\n---\nText.\n")
    resources = {"raw_folder": RawFolder(path=str(tmp_path))}
    with dg.build_sensor_context(
        resources=resources, instance=dg.DagsterInstance.ephemeral()
    ) as context:
        first = raw_files_sensor(context)
        assert isinstance(first, dg.RunRequest)
        assert isinstance(raw_files_sensor(context), dg.SkipReason)
        (tmp_path / "b.md").write_text("---\ntitle: B\n---\nMore text.\n")
        second = raw_files_sensor(context)
        assert (
            isinstance(second, dg.RunRequest)
            and second.tags["raw_fingerprint"] != first.tags["raw_fingerprint"]
        )
        (tmp_path / "b.md").unlink()
        back = raw_files_sensor(context)
        assert (
            isinstance(back, dg.RunRequest)
            and back.tags["raw_fingerprint"] == first.tags["raw_fingerprint"]
        )


def test_sensor_waits_while_a_run_is_queued_or_going_and_then_launches_one(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: A\n---\nText.\n")
    instance = dg.DagsterInstance.ephemeral()
    with dg.build_sensor_context(
        resources={"raw_folder": RawFolder(path=str(tmp_path))}, instance=instance
    ) as context:
        assert isinstance(raw_files_sensor(context), dg.RunRequest)
        going = instance.add_run(
            dg.DagsterRun(
                job_name="contested_job",
                run_id=str(uuid.uuid4()),
                status=dg.DagsterRunStatus.STARTED,
            )
        )
        instance.add_run(
            dg.DagsterRun(
                job_name="another_job", run_id=str(uuid.uuid4()), status=dg.DagsterRunStatus.STARTED
            )
        )
        (tmp_path / "b.md").write_text("---\ntitle: B\n---\nMore text.\n")
        waiting = raw_files_sensor(context)
        assert isinstance(waiting, dg.SkipReason) and "in progress" in waiting.skip_message
        # another job's run still going does not hold the sensor back
        instance.report_run_failed(going)
        assert isinstance(raw_files_sensor(context), dg.RunRequest)  # the change made meanwhile
        assert isinstance(raw_files_sensor(context), dg.SkipReason)


def test_daily_schedule_skips_while_a_run_is_going(tmp_path):
    schedule = build_definitions(tmp_path, tmp_path / "w.duckdb").resolve_schedule_def(
        "contested_daily"
    )
    with (
        dg.instance_for_test() as instance,
        dg.build_schedule_context(instance=instance) as context,
    ):
        assert isinstance(schedule.evaluate_tick(context).run_requests[0], dg.RunRequest)
        going = instance.add_run(
            dg.DagsterRun(
                job_name="contested_job",
                run_id=str(uuid.uuid4()),
                status=dg.DagsterRunStatus.STARTED,
            )
        )
        assert not schedule.evaluate_tick(context).run_requests
        instance.report_run_failed(going)
        assert len(schedule.evaluate_tick(context).run_requests) == 1
