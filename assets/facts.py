"""Facts stage: claims tied to incidents, incidents with reconciled estimates, control shares."""

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.config import ARTICLE_BATCH
from pipelines.control_share_facts import update_control_shares
from pipelines.incident_facts import update_incident_facts
from pipelines.resources import RunMode, open_warehouse
from pipelines.warehouse import create_views, read_frame, rebuilding, table_counts, up_to_date, versions_of



@dg.multi_asset(
    specs=[
        dg.AssetSpec(["facts", "incidents"], group_name="facts", kinds={"duckdb"},
                     deps=[["staging", "incident_mentions"], ["staging", "claim_mentions"]],
                     description="Events with date, place, actors and low/best/high casualty estimates from competing claims."),
        dg.AssetSpec(["facts", "incident_articles"], group_name="facts", kinds={"duckdb"},
                     deps=[["staging", "incident_mentions"]], description="Which articles report which incident."),
        dg.AssetSpec(["facts", "claims"], group_name="facts", kinds={"duckdb"},
                     deps=[["staging", "claim_mentions"], ["staging", "incident_mentions"]],
                     description="Who claimed which number about what, with the exact evidence span."),
    ]
)
def fact_incidents_and_claims(config: RunMode, warehouse: DuckDBResource):
    """Incidents merged across articles and claims tied to them, clustered again only where articles changed.

    Skipped when the staged mentions did not change; `full_refresh` clusters everything again.
    """
    with open_warehouse(warehouse) as conn:
        fingerprint = versions_of(conn, ["staging.claim_mentions", "staging.incident_mentions"])
        if not config.full_refresh and up_to_date(conn, "facts.incidents", fingerprint):
            for key in ("incidents", "incident_articles", "claims"):
                yield dg.MaterializeResult(asset_key=["facts", key], metadata={"skipped": "staged mentions unchanged"})
            return
        with rebuilding(conn, "facts.incidents", fingerprint):
            written = update_incident_facts(conn, config.full_refresh, ARTICLE_BATCH)
        counts = table_counts(conn, ["facts.incidents", "facts.incident_articles", "facts.claims"])
    clustered = {"articles_clustered": written["articles_clustered"], "mentions_clustered": written["mentions_clustered"]}
    yield dg.MaterializeResult(asset_key=["facts", "incidents"],
                               metadata={"incidents": counts["facts.incidents"], "rows_written": written["incidents"], **clustered})
    yield dg.MaterializeResult(asset_key=["facts", "incident_articles"],
                               metadata={"links": counts["facts.incident_articles"], "rows_written": written["incident_articles"]})
    yield dg.MaterializeResult(asset_key=["facts", "claims"], metadata={"claims": counts["facts.claims"], "rows_written": written["claims"]})


@dg.asset(key=["facts", "control_shares"], group_name="facts", kinds={"duckdb", "polars"},
          deps=[["staging", "watchdog_figures"], ["staging", "control_statements"]])
def fact_control_shares(config: RunMode, warehouse: DuckDBResource) -> dg.MaterializeResult:
    """Who controls how much: watchdog figures (reported and derived) and shares stated in articles; skipped when neither changed.

    Incremental: the shares of articles extracted since the last load (or gone since) are compared and written.
    """
    with open_warehouse(warehouse) as conn:
        fingerprint = versions_of(conn, ["staging.watchdog_figures", "staging.control_statements"])
        if not config.full_refresh and up_to_date(conn, "facts.control_shares", fingerprint):
            return dg.MaterializeResult(metadata={"skipped": "inputs unchanged"})
        figures = read_frame(conn, "SELECT * FROM staging.watchdog_figures")
        with rebuilding(conn, "facts.control_shares", fingerprint):
            written = update_control_shares(conn, figures, config.full_refresh)
        rows, from_articles = conn.execute("SELECT count(*), count(*) FILTER (origin = 'article') FROM facts.control_shares").fetchone()
    return dg.MaterializeResult(metadata={"rows": rows, "from_articles": from_articles, **written})


@dg.asset(key=["facts", "views"], group_name="facts", kinds={"duckdb"},
          deps=[["facts", "claims"], ["facts", "incidents"], ["facts", "incident_articles"], ["facts", "control_shares"]])
def analyst_views(warehouse: DuckDBResource) -> dg.MaterializeResult:
    """The SQL views of sql/views, recreated over the fresh facts."""
    with open_warehouse(warehouse) as conn:
        names = create_views(conn)
    return dg.MaterializeResult(metadata={"views": ", ".join(names)})
