"""Raw stage: every input file read as-is into the warehouse, or quarantined with a reason."""

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.feed_parts import WHOLE_FEED, hold
from pipelines.raw.article_files import load_article_files
from pipelines.raw.watchdog_files import load_watchdog_files
from pipelines.resources import RawFolder, RunMode, open_warehouse, writing_partition


def raw_articles_asset(partitions: dg.PartitionsDefinition | None = None) -> dg.AssetsDefinition:
    """raw/articles over the whole raw folder, or per feed partition (pipelines/feed_parts.py)."""

    @dg.asset(
        key=["raw", "articles"],
        group_name="raw",
        kinds={"duckdb", "polars"},
        partitions_def=partitions,
    )
    def raw_articles(
        context: dg.AssetExecutionContext,
        config: RunMode,
        warehouse: DuckDBResource,
        raw_folder: RawFolder,
    ) -> dg.MaterializeResult:
        """Articles from front-mattered Markdown/text, JSONL bundles and HTML pages; one row per
        distinct content.

        Incremental: only new or changed files are read; a deleted file's rows are removed.
        """
        with open_warehouse(warehouse) as conn, writing_partition(conn, context):
            counts = load_article_files(
                conn, raw_folder.root, context.run.run_id, config.full_refresh
            )
            if context.has_partition_key and any(counts.values()):
                # raw writers that wrote commit one at a time (pipelines/feed_parts.hold)
                hold(conn, WHOLE_FEED, context.run.run_id)
        return dg.MaterializeResult(metadata=counts)

    return raw_articles


raw_articles = raw_articles_asset()


@dg.asset(key=["raw", "watchdog_rows"], group_name="raw", kinds={"duckdb", "polars"})
def raw_watchdog_rows(
    context: dg.AssetExecutionContext,
    config: RunMode,
    warehouse: DuckDBResource,
    raw_folder: RawFolder,
) -> dg.MaterializeResult:
    """Every row of every watchdog table (CSV, XLSX; wide or long layout), as read; reloaded whole
    when any changed.
    """
    with open_warehouse(warehouse) as conn:
        counts = load_watchdog_files(conn, raw_folder.root, context.run.run_id, config.full_refresh)
    return dg.MaterializeResult(metadata=counts)
