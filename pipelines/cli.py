"""`contested`: run the pipeline, evaluate extraction against gold annotations."""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

from pipelines import config


@functools.cache
def _instance():
    """The Dagster instance of this process: $DAGSTER_HOME's, or an in-memory one (created once: its storage imports are slow)."""
    import os

    from dagster import DagsterInstance

    return DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else DagsterInstance.ephemeral()


def run_pipeline(raw_dir: Path, warehouse: Path, full_refresh: bool = False):
    """Materialize every asset and check in-process; returns Dagster's result."""
    from pipelines.definitions import build_definitions

    defs = build_definitions(raw_dir, warehouse)
    job = defs.resolve_job_def("contested_job")
    mode = {"config": {"full_refresh": full_refresh}}
    takes_mode = [node.name for node in job.graph.node_defs  # the assets and checks configured by RunMode
                  if node.config_field is not None and "full_refresh" in getattr(node.config_field.config_type, "fields", {})]
    run_config = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}, "ops": dict.fromkeys(takes_mode, mode)}
    return job.execute_in_process(instance=_instance(), raise_on_error=False, run_config=run_config)


def summarize(result, warehouse: Path) -> list[str]:
    """Short report: rows per table, the input accounting, checks passed and failed."""
    from pipelines.resources import build_resources, open_warehouse
    from pipelines.warehouse import table_counts

    lines = [f"warehouse: {warehouse}"]
    with open_warehouse(build_resources(warehouse=warehouse)["warehouse"]) as conn:
        counts = table_counts(conn)
        for schema in ("raw", "staging", "facts", "quarantine", "reference"):
            parts = [f"{name.split('.', 1)[1]}={n}" for name, n in counts.items() if name.startswith(schema + ".")]
            lines.append(f"  {schema:<10} " + "  ".join(parts))
        seen, loaded, partial, quarantined, duplicates, metadata, refused, deleted = conn.execute(
            "SELECT count(*) FILTER (status <> 'deleted'), count(*) FILTER (status = 'loaded'), count(*) FILTER (status = 'partial'), "
            "count(*) FILTER (status = 'quarantined'), count(*) FILTER (status = 'duplicate'), "
            "count(*) FILTER (status = 'metadata'), count(*) FILTER (status = 'refused'), "
            "count(*) FILTER (status = 'deleted') FROM raw.files"
        ).fetchone()
    lines.append(f"files: seen {seen} = loaded {loaded} + partly loaded {partial} + quarantined {quarantined} "
                 f"+ duplicates {duplicates} + metadata {metadata} + refused {refused}"
                 + (f"; {deleted} deleted, their rows removed" if deleted else ""))
    evaluations = result.get_asset_check_evaluations()
    failed = [e for e in evaluations if not e.passed]
    kept = sum("reused_from_run" in e.metadata for e in evaluations)
    lines.append(f"checks: {len(evaluations) - len(failed)} passed, {len(failed)} failed"
                 + (f" ({kept} verdicts kept from earlier runs: their tables did not change)" if kept else ""))
    lines.extend(f"  FAILED [{e.severity.value}] {e.asset_key.to_user_string()}:{e.check_name}" for e in failed)
    lines.append("run: " + ("succeeded" if result.success else "FAILED"))
    return lines


def publish_run(raw_dir: Path, warehouse: Path, full_refresh: bool = False):
    """Run under the writer lock; the run builds a copy and publishes it if every step and blocking check passed.

    Returns (ok, result, path of the warehouse as built: the published one, or the failed build).
    The lock is taken here too, so that a busy warehouse raises WarehouseBusy before the run starts.
    """
    from pipelines.publish import failed_sibling, run_lock, run_passed

    with run_lock(warehouse):
        result = run_pipeline(raw_dir, warehouse, full_refresh=full_refresh)
    ok = result.success and run_passed(_instance(), result.run_id)
    return ok, result, warehouse if ok else failed_sibling(warehouse)


def _setup_failure(result) -> str | None:
    """Why a run failed before any step ran (its resources could not start, e.g. a warehouse file that is not DuckDB's), if it did."""
    from dagster import DagsterEventType

    if any(event.is_step_event for event in result.all_events):
        return None
    failures = [e for e in result.all_events if e.event_type in (DagsterEventType.RESOURCE_INIT_FAILURE, DagsterEventType.RUN_FAILURE)]
    errors = [e.event_specific_data.error for e in failures if getattr(e.event_specific_data, "error", None)]
    return errors[0].message.strip() if errors else "unknown error"


def cmd_run(args: argparse.Namespace) -> int:
    from pipelines.publish import WarehouseBusy

    raw_dir, warehouse = config.raw_dir(), config.warehouse_path()
    if not raw_dir.is_dir():
        print(f"contested: raw folder {raw_dir} does not exist (set CONTESTED_RAW_DIR)", file=sys.stderr)
        return 2
    existed = warehouse.exists()
    try:
        ok, result, built = publish_run(raw_dir, warehouse, full_refresh=args.full)
    except WarehouseBusy as exc:
        print(f"contested: {exc}", file=sys.stderr)
        return 3
    unchanged = (f"{warehouse} is unchanged" if existed else f"no warehouse existed at {warehouse}, and none was made")
    if not ok and (failure := _setup_failure(result)):
        print(f"contested: run failed before its first step: {failure}\n{unchanged}; the failed build is kept at {built}",
              file=sys.stderr)
        return 1
    print("\n".join(summarize(result, built)))
    if not ok:
        print(f"contested: run failed; {unchanged}; the failed build is kept at {built}", file=sys.stderr)
    return 0 if ok else 1


def cmd_export(args: argparse.Namespace) -> int:
    import duckdb

    from pipelines.export import export_facts, export_to_ducklake

    with duckdb.connect(str(config.warehouse_path()), read_only=True) as conn:
        if args.ducklake:
            for table, (deleted, inserted) in export_to_ducklake(conn, Path(args.out_dir)).items():
                print(f"{table} -> lake.{table.split('.', 1)[1]}: {deleted} rows deleted, {inserted} inserted")
            return 0
        for table, folder in export_facts(conn, Path(args.out_dir)).items():
            print(f"{table} -> {folder}")
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    import duckdb

    from pipelines.docs import render_docs

    with duckdb.connect(str(config.warehouse_path()), read_only=True) as conn:
        Path(args.out).write_text(render_docs(conn), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from pipelines.benchmark import run_benchmark, run_long_line_benchmark

    lines = run_long_line_benchmark() if args.long_line else run_benchmark(args.articles, layout=args.layout)
    print("\n".join(lines))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from pipelines.evaluation import evaluate_gold_dir

    report = evaluate_gold_dir(Path(args.gold_dir), Path(args.warehouse) if args.warehouse else None)
    print(report.render())
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="contested", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the whole pipeline on $CONTESTED_RAW_DIR into $CONTESTED_WAREHOUSE (incremental)")
    run.add_argument("--full", action="store_true",
                     help="backfill: re-read every file, re-extract every article, re-run every check over every row")
    run.set_defaults(func=cmd_run)
    bench = sub.add_parser("bench", help="benchmark a full, an empty and a 1%% incremental run on N synthetic articles")
    bench.add_argument("--articles", type=int, default=20000)
    bench.add_argument("--layout", choices=("files", "bundle", "pages"), default="files",
                       help="a Markdown file per article (default), one JSONL bundle that the 1%% are appended to, or an HTML page per article")
    bench.add_argument("--long-line", action="store_true",
                       help="instead, time 4 MB of text as one single-line article against the same text as 2,000 articles")
    bench.set_defaults(func=cmd_bench)
    export = sub.add_parser("export", help="write the fact tables of $CONTESTED_WAREHOUSE as hive-partitioned Parquet (or, with --ducklake, into a DuckLake)")
    export.add_argument("out_dir")
    export.add_argument("--ducklake", action="store_true",
                        help="instead, bring a DuckLake at OUT_DIR (SQLite catalog, Parquet data) level with the facts, as one snapshot")
    export.set_defaults(func=cmd_export)
    docs = sub.add_parser("docs", help="write the table and view reference generated from $CONTESTED_WAREHOUSE")
    docs.add_argument("--out", default="docs/warehouse.md")
    docs.set_defaults(func=cmd_docs)
    evaluate = sub.add_parser("eval", help="run the pipeline on a gold folder's articles and score the claims")
    evaluate.add_argument("gold_dir", help="folder with gold/*.json (articles in ../articles or articles/ beside it)")
    evaluate.add_argument("--warehouse", help="keep the evaluation warehouse here (default: a temporary file)")
    evaluate.set_defaults(func=cmd_eval)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
