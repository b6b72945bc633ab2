"""Raw stage: every input file read as-is into the warehouse, or quarantined with a reason."""

from collections.abc import Callable

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from pipelines.extract.actors import read_actors
from pipelines.incidents import read_gazetteer
from pipelines.config import ARTICLE_BATCH
from pipelines.loaders import article_input_batches, load_watchdog_inputs, scan_inputs
from pipelines.resources import RawFolder, RunMode, open_warehouse
from pipelines.warehouse import Replacement, apply_replacements, rebuilding, replace_rows, up_to_date


@dg.asset(key=["raw", "articles"], group_name="raw", kinds={"duckdb", "polars"})
def raw_articles(context: dg.AssetExecutionContext, config: RunMode, warehouse: DuckDBResource, raw_folder: RawFolder) -> dg.MaterializeResult:
    """Articles from front-mattered Markdown/text, JSONL bundles and HTML pages; one row per distinct content.

    Incremental: only new or changed files are read; a deleted file's rows are removed. Files are
    read and loaded in batches (the first also removes the old rows of every touched file).
    """
    counts = dict.fromkeys(("files_read", "files_deleted", "articles_added", "quarantined", "duplicates", "unsupported_files"), 0)
    with open_warehouse(warehouse) as conn:
        batches = article_input_batches(conn, raw_folder.root, context.run.run_id, everything=config.full_refresh, batch=ARTICLE_BATCH)
        first_scope = "true" if config.full_refresh else "source_file IN (SELECT source_file FROM touched_files)"
        for number, delta in enumerate(batches):
            # the first batch removes the old rows of every touched file, and the old accounting of bundles that grew
            old_rows = "false" if number else first_scope
            old_files = "false" if number else f"{first_scope} OR source_file IN (SELECT source_file FROM appended_files)"
            replace_rows(
                conn,
                Replacement("raw.articles", delta.articles, old_rows),
                Replacement("quarantine.articles", delta.quarantined, old_rows),
                Replacement("quarantine.files", delta.unsupported, old_rows),
                Replacement("raw.files", delta.files, f"input_kind IN ('article', 'unsupported', 'refused') AND ({old_files})"),
            )
            for name, value in (("files_read", delta.files.filter(delta.files["status"] != "deleted").height),
                                ("files_deleted", delta.deleted), ("articles_added", delta.articles.height),
                                ("quarantined", delta.quarantined["duplicate_of"].is_null().sum()),
                                ("duplicates", delta.quarantined["duplicate_of"].is_not_null().sum()),
                                ("unsupported_files", delta.unsupported.height)):
                counts[name] += value
    return dg.MaterializeResult(metadata=counts)


@dg.asset(key=["raw", "watchdog_rows"], group_name="raw", kinds={"duckdb", "polars"})
def raw_watchdog_rows(context: dg.AssetExecutionContext, config: RunMode, warehouse: DuckDBResource,
                      raw_folder: RawFolder) -> dg.MaterializeResult:
    """Every row of every watchdog table (CSV, XLSX; wide or long layout), as read. Small: reloaded whole when any file changed."""
    inputs, fingerprint = scan_inputs(raw_folder.root, ("watchdog", "sidecar"))
    with open_warehouse(warehouse) as conn:
        if not config.full_refresh and up_to_date(conn, "raw.watchdog_rows", fingerprint):
            return dg.MaterializeResult(metadata={"skipped": "watchdog files unchanged"})
        rows, quarantined, files = load_watchdog_inputs(inputs, context.run.run_id)
        with rebuilding(conn, "raw.watchdog_rows", fingerprint):
            apply_replacements(
                conn,
                Replacement("raw.watchdog_rows", rows),
                Replacement("quarantine.watchdog_rows", quarantined, "source_row IS NULL"),
                Replacement("raw.files", files, "input_kind IN ('watchdog', 'sidecar')"),
            )
    return dg.MaterializeResult(metadata={"rows": rows.height, "quarantined_files": quarantined.height, "files_seen": files.height})


def _reference_asset(table: str, read: Callable[[], pl.DataFrame], description: str) -> dg.AssetsDefinition:
    """A reference table loaded whole from its CSV under data/reference: edit the CSV, not the code."""
    schema, name = table.split(".")

    @dg.asset(key=[schema, name], group_name="reference", kinds={"duckdb"}, description=description)
    def _load(warehouse: DuckDBResource) -> dg.MaterializeResult:
        rows = read()
        fingerprint = str(rows.hash_rows().sum())
        with open_warehouse(warehouse) as conn:
            if up_to_date(conn, table, fingerprint):
                return dg.MaterializeResult(metadata={"rows": rows.height, "skipped": "unchanged"})
            with rebuilding(conn, table, fingerprint):
                apply_replacements(conn, Replacement(table, rows))
        return dg.MaterializeResult(metadata={"rows": rows.height})

    return _load


reference_actors = _reference_asset("reference.actors", read_actors, "Who is who: aliases and the sides they speak for and count, from actors.csv.")
reference_gazetteer = _reference_asset(
    "reference.gazetteer", read_gazetteer,
    "Place names and spellings (Afghanistan's provinces and districts with P-codes, Somalia's regions), from gazetteer.csv.",
)
