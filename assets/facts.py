"""Facts stage: claims tied to incidents, incidents with reconciled estimates, control shares."""

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.loaders import build_control_shares, build_incident_facts
from pipelines.resources import RunMode, open_warehouse
from pipelines.warehouse import create_views, merge_rows, read_frame, rebuilding, sql_file, up_to_date, versions_of



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
    """Incidents merged across articles and claims tied to them; skipped when the staged mentions did not change."""
    with open_warehouse(warehouse) as conn:
        fingerprint = versions_of(conn, ["staging.claim_mentions", "staging.incident_mentions"])
        if not config.full_refresh and up_to_date(conn, "facts.incidents", fingerprint):
            for key in ("incidents", "incident_articles", "claims"):
                yield dg.MaterializeResult(asset_key=["facts", key], metadata={"skipped": "staged mentions unchanged"})
            return
        mentions = read_frame(conn, "SELECT claim_id, article_id, incident_key, kind, subject_side, value, claimant_side, confirmed FROM staging.claim_mentions")
        incident_mentions = read_frame(conn, "SELECT * FROM staging.incident_mentions")
        incidents, bridge = build_incident_facts(mentions, incident_mentions)
        # the facts are rebuilt whole but written as a merge: only incidents, links and claims that changed are touched
        with rebuilding(conn, "facts.incidents", fingerprint):
            conn.register("incoming_incidents", incidents.to_arrow())
            conn.register("incoming_links", bridge.to_arrow())
            written = {"incidents": merge_rows(conn, "facts.incidents", ["incident_id"], "incoming_incidents"),
                       "incident_articles": merge_rows(conn, "facts.incident_articles", ["incident_id", "article_id", "incident_key"],
                                                       "incoming_links")}
            conn.execute(f"CREATE OR REPLACE TEMP TABLE incoming_claims AS {sql_file('load/facts_claims')}")
            written["claims"] = merge_rows(conn, "facts.claims", ["claim_id"], "incoming_claims")
            conn.execute("DROP TABLE incoming_claims")
        n_claims = conn.execute("SELECT count(*) FROM facts.claims").fetchone()[0]
    yield dg.MaterializeResult(asset_key=["facts", "incidents"], metadata={"incidents": incidents.height, "rows_written": written["incidents"]})
    yield dg.MaterializeResult(asset_key=["facts", "incident_articles"], metadata={"links": bridge.height, "rows_written": written["incident_articles"]})
    yield dg.MaterializeResult(asset_key=["facts", "claims"], metadata={"claims": n_claims, "rows_written": written["claims"]})


@dg.asset(key=["facts", "control_shares"], group_name="facts", kinds={"duckdb", "polars"},
          deps=[["staging", "watchdog_figures"], ["staging", "control_statements"]])
def fact_control_shares(config: RunMode, warehouse: DuckDBResource) -> dg.MaterializeResult:
    """Who controls how much: watchdog figures (reported and derived) and shares stated in articles; skipped when neither changed."""
    with open_warehouse(warehouse) as conn:
        fingerprint = versions_of(conn, ["staging.watchdog_figures", "staging.control_statements"])
        if not config.full_refresh and up_to_date(conn, "facts.control_shares", fingerprint):
            return dg.MaterializeResult(metadata={"skipped": "inputs unchanged"})
        figures = read_frame(conn, "SELECT * FROM staging.watchdog_figures")
        statements = read_frame(conn, "SELECT * FROM staging.control_statements")
        shares = build_control_shares(figures, statements)
        with rebuilding(conn, "facts.control_shares", fingerprint):
            conn.register("incoming_shares", shares.to_arrow())
            merge_rows(conn, "facts.control_shares", ["control_share_id"], "incoming_shares")
    return dg.MaterializeResult(metadata={"rows": shares.height, "from_articles": (shares["origin"] == "article").sum()})


@dg.asset(key=["facts", "views"], group_name="facts", kinds={"duckdb"},
          deps=[["facts", "claims"], ["facts", "incidents"], ["facts", "incident_articles"], ["facts", "control_shares"]])
def analyst_views(warehouse: DuckDBResource) -> dg.MaterializeResult:
    """The SQL views of sql/views, recreated over the fresh facts."""
    with open_warehouse(warehouse) as conn:
        names = create_views(conn)
    return dg.MaterializeResult(metadata={"views": ", ".join(names)})
