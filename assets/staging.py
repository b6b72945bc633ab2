"""Staging stage: claims and incidents as each article states them; watchdog figures in one long form."""


import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from pipelines.extract.actors import Actors
from pipelines.incidents import Gazetteer
from pipelines.ingest.watchdog import normalize_rows
from pipelines.loaders import WATCHDOG_QUARANTINE_SCHEMA, extract_mentions, now
from pipelines.resources import RawFolder, open_warehouse
from pipelines.warehouse import Replacement, read_frame, replace_rows


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["staging", "claim_mentions"], group_name="staging", kinds={"duckdb", "polars"},
                     deps=[["raw", "articles"], ["reference", "actors"]],
                     description="Claims as extracted from each article, attributed, before incidents are merged."),
        dg.AssetSpec(["staging", "incident_mentions"], group_name="staging", kinds={"duckdb", "polars"},
                     deps=[["raw", "articles"], ["reference", "actors"], ["reference", "gazetteer"]],
                     description="Each article's main event and the earlier events it mentions: date, place, target, perpetrator."),
        dg.AssetSpec(["staging", "control_statements"], group_name="staging", kinds={"duckdb", "polars"},
                     deps=[["raw", "articles"], ["reference", "actors"]],
                     description="Shares of territory that articles say a side controls, with the source they cite."),
    ]
)
def staging_mentions(warehouse: DuckDBResource):
    """One pass over each article's text yields its claims, its incidents and its control statements."""
    with open_warehouse(warehouse) as conn:
        articles = read_frame(conn, "SELECT article_id, text, title, outlet, published FROM raw.articles ORDER BY article_id")
        actors = Actors.from_frame(read_frame(conn, "SELECT * FROM reference.actors"))
        gazetteer = Gazetteer(read_frame(conn, "SELECT * FROM reference.gazetteer"))
        claims, incidents, statements = extract_mentions(articles, actors, gazetteer)
        replace_rows(conn, Replacement("staging.claim_mentions", claims), Replacement("staging.incident_mentions", incidents),
                     Replacement("staging.control_statements", statements))
    yield dg.MaterializeResult(asset_key=["staging", "claim_mentions"], metadata={"claims": claims.height, "articles": articles.height})
    yield dg.MaterializeResult(asset_key=["staging", "incident_mentions"], metadata={"incident_mentions": incidents.height})
    yield dg.MaterializeResult(asset_key=["staging", "control_statements"], metadata={"statements": statements.height})


@dg.asset(key=["staging", "watchdog_figures"], group_name="staging", kinds={"duckdb", "polars"}, deps=[["raw", "watchdog_rows"]])
def staging_watchdog_figures(context: dg.AssetExecutionContext, warehouse: DuckDBResource, raw_folder: RawFolder) -> dg.MaterializeResult:
    """One figure per (table row, measure) from both layouts; rows that cannot be trusted go to quarantine."""
    with open_warehouse(warehouse) as conn:
        rows = read_frame(conn, "SELECT source_file, sheet, source_row, layout, payload FROM raw.watchdog_rows")
        figures, rejected = normalize_rows(rows, raw_folder.root)
        rejected = rejected.with_columns(quarantined_at=pl.lit(now()), run_id=pl.lit(context.run.run_id)).select(list(WATCHDOG_QUARANTINE_SCHEMA))
        replace_rows(conn, Replacement("staging.watchdog_figures", figures),
                     Replacement("quarantine.watchdog_rows", rejected, "source_row IS NOT NULL"))
    return dg.MaterializeResult(metadata={"figures": figures.height, "quarantined_rows": rejected.height})

