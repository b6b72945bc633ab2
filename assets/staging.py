"""Staging stage: claims, incidents and control statements as each article states them; watchdog
figures in one form.
"""

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.extract.claims import EXTRACTOR_VERSION
from pipelines.resources import RawFolder, RunMode, open_warehouse, writing_partition
from pipelines.staging.mentions import stage_mentions
from pipelines.staging.watchdog_figures import stage_watchdog_figures


def _spec(name: str, deps: list[list[str]], description: str) -> dg.AssetSpec:
    return dg.AssetSpec(
        ["staging", name],
        group_name="staging",
        kinds={"duckdb", "polars"},
        deps=deps,
        code_version=EXTRACTOR_VERSION,
        description=description,
    )


def staging_mentions_asset(
    partitions: dg.PartitionsDefinition | None = None,
) -> dg.AssetsDefinition:
    """The staged mentions of every article, or of a feed partition's (pipelines/feed_parts.py)."""

    @dg.multi_asset(
        specs=[
            _spec(
                "claim_mentions",
                [["raw", "articles"], ["reference", "actors"], ["reference", "conflict_terms"]],
                "Claims as extracted from each article, attributed, before incidents are merged.",
            ),
            _spec(
                "incident_mentions",
                [
                    ["raw", "articles"],
                    ["reference", "actors"],
                    ["reference", "gazetteer"],
                    ["reference", "conflict_terms"],
                ],
                "Each article's main event and the earlier events it mentions: date, place, "
                "target, perpetrator.",
            ),
            _spec(
                "control_statements",
                [["raw", "articles"], ["reference", "actors"]],
                "Shares of territory that articles say a side controls, with the source they cite.",
            ),
        ],
        partitions_def=partitions,
    )
    def staging_mentions(
        context: dg.AssetExecutionContext, config: RunMode, warehouse: DuckDBResource
    ):
        """One pass over each article not yet read with this extractor and these reference
        tables, in batches.
        """
        with open_warehouse(warehouse) as conn, writing_partition(conn, context):
            added = stage_mentions(conn, context.run.run_id, config.full_refresh)
        yield from _mention_results(added)

    return staging_mentions


def _mention_results(added: dict[str, int] | None):
    """What the staged mentions' pass did, as each of its three assets' materialization."""
    skipped = {"articles_read": 0, "skipped": "raw articles unchanged"}
    yield dg.MaterializeResult(
        asset_key=["staging", "claim_mentions"],
        metadata=skipped
        if added is None
        else {
            "articles_read": added["articles"],
            "articles_quarantined": added["quarantined"],
            "articles_removed": added["removed"],
            "claims_added": added["claims"],
        },
    )
    yield dg.MaterializeResult(
        asset_key=["staging", "incident_mentions"],
        metadata=skipped if added is None else {"incident_mentions_added": added["incidents"]},
    )
    yield dg.MaterializeResult(
        asset_key=["staging", "control_statements"],
        metadata=skipped if added is None else {"statements_added": added["statements"]},
    )


staging_mentions = staging_mentions_asset()


@dg.asset(
    key=["staging", "watchdog_figures"],
    group_name="staging",
    kinds={"duckdb", "polars"},
    deps=[["raw", "watchdog_rows"]],
)
def staging_watchdog_figures(
    context: dg.AssetExecutionContext,
    config: RunMode,
    warehouse: DuckDBResource,
    raw_folder: RawFolder,
) -> dg.MaterializeResult:
    """One figure per (table row, measure) from both layouts; rows that cannot be trusted go to
    quarantine.
    """
    with open_warehouse(warehouse) as conn:
        counts = stage_watchdog_figures(
            conn, raw_folder.root, context.run.run_id, config.full_refresh
        )
    return dg.MaterializeResult(metadata=counts or {"skipped": "watchdog rows unchanged"})
