"""`contested`: run the pipeline, evaluate extraction against gold annotations."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines import config


def cmd_run(args: argparse.Namespace) -> int:
    from pipelines.atomic_build import WarehouseBusy
    from pipelines.lake import lake_target
    from pipelines.runner import publish_run, setup_failure, summarize

    raw_dir, warehouse = config.raw_dir(), config.warehouse_path()
    if not raw_dir.is_dir():
        print(
            f"contested: raw folder {raw_dir} does not exist (set CONTESTED_RAW_DIR)",
            file=sys.stderr,
        )
        return 2
    try:
        on_lake = lake_target() is not None
    except ValueError as exc:
        print(f"contested: {exc}", file=sys.stderr)
        return 2
    if on_lake:
        return _run_on_lake(raw_dir, warehouse, args)
    existed = warehouse.exists()
    unchanged = (
        f"{warehouse} is unchanged"
        if existed
        else f"no warehouse existed at {warehouse}, and none was made"
    )
    try:
        ok, result, built = publish_run(raw_dir, warehouse, full_refresh=args.full)
    except WarehouseBusy as exc:
        print(f"contested: {exc}", file=sys.stderr)
        return 3
    except OSError as exc:  # the warehouse's folder cannot be made or written: not about an input
        print(f"contested: cannot write the warehouse ({exc}); {unchanged}", file=sys.stderr)
        return 1
    if not ok and (failure := setup_failure(result)):
        print(
            f"contested: run failed before its first step: {failure}\n{unchanged}; the failed "
            f"build is kept at {built}",
            file=sys.stderr,
        )
        return 1
    print("\n".join(summarize(result, built)))
    if not ok:
        print(
            f"contested: run failed; {unchanged}; the failed build is kept at {built}",
            file=sys.stderr,
        )
    return 0 if ok else 1


def _run_on_lake(raw_dir: Path, warehouse: Path, args: argparse.Namespace) -> int:
    """`contested run` with $CONTESTED_LAKE: the lake jobs, `--workers` feed partitions at once."""
    from pipelines.lake_run import run_on_lake
    from pipelines.runner import summarize

    result = run_on_lake(raw_dir, warehouse, full_refresh=args.full, workers=args.workers)
    for part in result.parts:
        print(f"feed partition {part.part}: {'ok' if part.success else 'FAILED'} ({part.run_id})")
    print("\n".join(summarize(result, warehouse)))
    if not result.success:
        print("contested: run failed; the lake holds every step that committed", file=sys.stderr)
    return 0 if result.success else 1


def cmd_export(args: argparse.Namespace) -> int:
    import duckdb

    from pipelines.export import export_facts, export_to_ducklake

    with duckdb.connect(str(config.warehouse_path()), read_only=True) as conn:
        if args.ducklake:
            for table, (deleted, inserted) in export_to_ducklake(conn, Path(args.out_dir)).items():
                print(
                    f"{table} -> lake.{table.split('.', 1)[1]}: {deleted} rows deleted, "
                    f"{inserted} inserted"
                )
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


def cmd_report(args: argparse.Namespace) -> int:
    import duckdb

    from pipelines.report.page import write_report

    warehouse = config.warehouse_path()
    out = Path(args.out).resolve() if args.out else config.report_path(warehouse)
    if not warehouse.exists():
        print(f"contested: no warehouse at {warehouse}; run `contested run` first", file=sys.stderr)
        return 2
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        write_report(conn, out)
    print(f"wrote {out}")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from pipelines.benchmark import run_benchmark, run_long_line_benchmark

    if args.lake:
        from pipelines.lake_benchmark import run_lake_benchmark

        lines = run_lake_benchmark(args.articles)
    elif args.long_line:
        lines = run_long_line_benchmark()
    else:
        lines = run_benchmark(args.articles, layout=args.layout)
    print("\n".join(lines))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from pipelines.control_evaluation import ControlScore
    from pipelines.evaluation import Report, evaluate_gold_dir
    from pipelines.incident_evaluation import IncidentScore

    if args.warehouse and len(args.gold_dir) > 1:
        print("contested: --warehouse keeps the warehouse of one gold folder", file=sys.stderr)
        return 2
    reports = []
    for gold_dir in args.gold_dir:
        reports.append(
            evaluate_gold_dir(Path(gold_dir), Path(args.warehouse) if args.warehouse else None)
        )
        if len(args.gold_dir) > 1:
            print(f"== {gold_dir}")
        print(reports[-1].render())
    if len(reports) > 1:
        print("== all folders")
        merged, controls = IncidentScore(), ControlScore()
        for report in reports:
            merged, controls = merged.merged(report.incidents), controls.merged(report.controls)
        both = Report([m for r in reports for m in r.matches], merged, controls)
        print("\n".join(both.render().splitlines()[:5]))
    return 0


def _add_run(sub) -> None:
    run = sub.add_parser(
        "run",
        help="run the whole pipeline on $CONTESTED_RAW_DIR into $CONTESTED_WAREHOUSE (incremental)",
    )
    run.add_argument(
        "--full",
        action="store_true",
        help="backfill: re-read every file, re-extract every article, re-run every check over "
        "every row",
    )
    run.add_argument(
        "--workers",
        type=int,
        default=1,
        help="with $CONTESTED_LAKE: feed partitions (top-level folders of the raw folder) read and "
        "extracted at once, each in its own process (default 1)",
    )
    run.set_defaults(func=cmd_run)


def _add_bench(sub) -> None:
    bench = sub.add_parser(
        "bench", help="benchmark a full, an empty and a 1%% incremental run on N synthetic articles"
    )
    bench.add_argument("--articles", type=int, default=20000)
    bench.add_argument(
        "--layout",
        choices=("files", "bundle", "pages"),
        default="files",
        help="a Markdown file per article (default), one JSONL bundle that the 1%% are "
        "appended to, "
        "or an HTML page per article",
    )
    bench.add_argument(
        "--long-line",
        action="store_true",
        help="instead, time 4 MB of text as one single-line article against the same text as 2,000 "
        "articles",
    )
    bench.add_argument(
        "--lake",
        action="store_true",
        help="instead, the file warehouse against the DuckLake of $CONTESTED_LAKE with 1 and 2 "
        "feed partitions written at once",
    )
    bench.set_defaults(func=cmd_bench)


def _add_export_and_docs(sub) -> None:
    export = sub.add_parser(
        "export",
        help="write the fact tables of $CONTESTED_WAREHOUSE as hive-partitioned Parquet (or, with "
        "--ducklake, into a DuckLake)",
    )
    export.add_argument("out_dir")
    export.add_argument(
        "--ducklake",
        action="store_true",
        help="instead, bring a DuckLake at OUT_DIR (SQLite catalog, Parquet data) level with the "
        "facts, as one snapshot",
    )
    export.set_defaults(func=cmd_export)
    docs = sub.add_parser(
        "docs", help="write the table and view reference generated from $CONTESTED_WAREHOUSE"
    )
    docs.add_argument("--out", default="docs/warehouse.md")
    docs.set_defaults(func=cmd_docs)
    report = sub.add_parser(
        "report",
        help="write the analyst report of $CONTESTED_WAREHOUSE: one HTML page that opens offline",
    )
    report.add_argument(
        "out",
        nargs="?",
        help="where to write it (default: $CONTESTED_REPORT, or report.html beside the warehouse)",
    )
    report.set_defaults(func=cmd_report)


def _add_eval(sub) -> None:
    evaluate = sub.add_parser(
        "eval", help="run the pipeline on a gold folder's articles and score the claims"
    )
    evaluate.add_argument(
        "gold_dir",
        nargs="+",
        help="folders with gold/*.json (articles in ../articles or articles/ beside each); each is "
        "scored on its own, then all together",
    )
    evaluate.add_argument(
        "--warehouse", help="keep the evaluation warehouse here (default: a temporary file)"
    )
    evaluate.set_defaults(func=cmd_eval)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="contested", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for add in (_add_run, _add_bench, _add_export_and_docs, _add_eval):
        add(sub)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
