"""Running the pipeline: the Dagster instance, one run of every asset and check, its publication
under the lock, and its summary.
"""

from __future__ import annotations

import functools
import os
from contextlib import nullcontext
from pathlib import Path


@functools.cache
def dagster_instance():
    """The Dagster instance of this process: $DAGSTER_HOME's, or an in-memory one (created once: its
    storage imports are slow).
    """
    from dagster import DagsterInstance

    return DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else DagsterInstance.ephemeral()


def run_pipeline(raw_dir: Path, warehouse: Path, full_refresh: bool = False):
    """Materialize every asset and check in-process; returns Dagster's result."""
    from pipelines.definitions import build_definitions

    return execute_job(build_definitions(raw_dir, warehouse), "contested_job", full_refresh)


def execute_job(defs, job_name: str, full_refresh: bool, partition_key: str | None = None):
    """One job of `defs` run in this process, every step told whether this is a backfill."""
    job = defs.resolve_job_def(job_name)
    mode = {"config": {"full_refresh": full_refresh}}
    takes_mode = [
        node.name
        for node in job.graph.node_defs  # the assets and checks configured by RunMode
        if node.config_field is not None
        and "full_refresh" in getattr(node.config_field.config_type, "fields", {})
    ]
    run_config = {
        "loggers": {"console": {"config": {"log_level": "WARNING"}}},
        "ops": dict.fromkeys(takes_mode, mode),
    }
    return job.execute_in_process(
        instance=dagster_instance(),
        raise_on_error=False,
        run_config=run_config,
        partition_key=partition_key,
    )


def summarize(result, warehouse: Path) -> list[str]:
    """Short report: rows per table, the input accounting, checks passed and failed."""
    from pipelines.lake import lake_target
    from pipelines.resources import build_resources, open_warehouse
    from pipelines.warehouse import table_counts

    target = lake_target()
    lines = [f"warehouse: {target.describe() if target else warehouse}"]
    with open_warehouse(build_resources(warehouse=warehouse)["warehouse"]) as conn:
        counts = table_counts(conn)
        for schema in ("raw", "staging", "facts", "quarantine", "reference"):
            parts = [
                f"{name.split('.', 1)[1]}={n}"
                for name, n in counts.items()
                if name.startswith(schema + ".")
            ]
            lines.append(f"  {schema:<10} " + "  ".join(parts))
        seen, loaded, partial, quarantined, duplicates, metadata, refused, deleted = conn.execute(
            "SELECT count(*) FILTER (status <> 'deleted'), count(*) FILTER (status = "
            "'loaded'), count(*) FILTER (status = 'partial'), "
            "count(*) FILTER (status = 'quarantined'), count(*) FILTER (status = 'duplicate'), "
            "count(*) FILTER (status = 'metadata'), count(*) FILTER (status = 'refused'), "
            "count(*) FILTER (status = 'deleted') FROM raw.files"
        ).fetchone()
        article_lines = _article_lines(conn)
    lines.append(
        f"files: seen {seen} = loaded {loaded} + partly loaded {partial} + quarantined "
        f"{quarantined} "
        f"+ duplicates {duplicates} + metadata {metadata} + refused {refused}"
        + (f"; {deleted} deleted, their rows removed" if deleted else "")
    )
    lines.extend(article_lines)
    evaluations = result.get_asset_check_evaluations()
    failed = [e for e in evaluations if not e.passed]
    kept = sum("reused_from_run" in e.metadata for e in evaluations)
    lines.append(
        f"checks: {len(evaluations) - len(failed)} passed, {len(failed)} failed"
        + (
            f" ({kept} verdicts kept from earlier runs: their tables did not change)"
            if kept
            else ""
        )
    )
    lines.extend(
        f"  FAILED [{e.severity.value}] {e.asset_key.to_user_string()}:{e.check_name}"
        for e in failed
    )
    lines.append("run: " + ("succeeded" if result.success else "FAILED"))
    return lines


def _article_lines(conn) -> list[str]:
    """Articles per language (English and undetermined are extracted) and per relevance class."""
    import duckdb

    from pipelines.warehouse import sql_file

    try:
        rows = conn.execute(sql_file("report/articles_by_language_and_relevance")).fetchall()
    except duckdb.CatalogException:  # a run that failed before the views were made
        return []
    languages: dict[str, int] = {}
    classes: dict[str, int] = {}
    for language, relevance, articles in rows:
        languages[language] = languages.get(language, 0) + articles
        classes[relevance] = classes.get(relevance, 0) + articles
    return [
        "articles by language: "
        + ", ".join(f"{code} {n}" for code, n in languages.items())
        + " (en and und, too short to tell, are extracted; the others are kept)",
        "articles by relevance: " + ", ".join(f"{name} {n}" for name, n in classes.items()),
    ]


def publish_run(raw_dir: Path, warehouse: Path, full_refresh: bool = False):
    """Run under the writer lock; the run builds a copy and publishes it if every step and blocking
    check passed.

    Returns (ok, result, path of the warehouse as built: the published one, or the failed build).
    The lock is taken here too, so that a busy warehouse raises WarehouseBusy before the run starts.
    A lake (pipelines/lake.py) takes no lock: its writers commit step by step, side by side.
    """
    from pipelines.atomic_build import failed_sibling, run_lock, run_passed
    from pipelines.lake import lake_target

    with nullcontext() if lake_target() else run_lock(warehouse):
        result = run_pipeline(raw_dir, warehouse, full_refresh=full_refresh)
    ok = result.success and run_passed(dagster_instance(), result.run_id)
    return ok, result, warehouse if ok else failed_sibling(warehouse)


def setup_failure(result) -> str | None:
    """Why a run failed before any step ran (its resources could not start, e.g. a warehouse file
    that is not DuckDB's), if it did.
    """
    from dagster import DagsterEventType

    if any(event.is_step_event for event in result.all_events):
        return None
    failures = [
        e
        for e in result.all_events
        if e.event_type in (DagsterEventType.RESOURCE_INIT_FAILURE, DagsterEventType.RUN_FAILURE)
    ]
    errors = [
        e.event_specific_data.error
        for e in failures
        if getattr(e.event_specific_data, "error", None)
    ]
    return errors[0].message.strip() if errors else "unknown error"
