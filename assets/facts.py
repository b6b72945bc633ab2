"""Facts stage: claims tied to incidents, incidents with reconciled estimates, control shares."""

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from pipelines.loaders import build_control_shares, build_incident_facts
from pipelines.resources import RunMode, open_warehouse
from pipelines.warehouse import (Replacement, apply_replacements, built_from, create_views, mark_changed, read_frame,
                                 record_built_from, run_sql_file, transaction, versions_of)



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
        if not config.full_refresh and built_from(conn, "facts.incidents") == fingerprint:
            for key in ("incidents", "incident_articles", "claims"):
                yield dg.MaterializeResult(asset_key=["facts", key], metadata={"skipped": "staged mentions unchanged"})
            return
        mentions = read_frame(conn, "SELECT claim_id, article_id, incident_key, kind, subject_side, value, claimant_side, confirmed FROM staging.claim_mentions")
        incident_mentions = read_frame(conn, "SELECT * FROM staging.incident_mentions")
        incidents, bridge = build_incident_facts(mentions, incident_mentions)
        with transaction(conn):
            apply_replacements(conn, Replacement("facts.incidents", incidents), Replacement("facts.incident_articles", bridge),
                               Replacement("facts.claims", pl.DataFrame()))
            run_sql_file(conn, "load/insert_facts_claims")
            mark_changed(conn, "facts.claims")
            record_built_from(conn, "facts.incidents", fingerprint)
        n_claims = conn.execute("SELECT count(*) FROM facts.claims").fetchone()[0]
    yield dg.MaterializeResult(asset_key=["facts", "incidents"], metadata={"incidents": incidents.height})
    yield dg.MaterializeResult(asset_key=["facts", "incident_articles"], metadata={"links": bridge.height})
    yield dg.MaterializeResult(asset_key=["facts", "claims"], metadata={"claims": n_claims})


@dg.asset(key=["facts", "control_shares"], group_name="facts", kinds={"duckdb", "polars"},
          deps=[["staging", "watchdog_figures"], ["staging", "control_statements"]])
def fact_control_shares(config: RunMode, warehouse: DuckDBResource) -> dg.MaterializeResult:
    """Who controls how much: watchdog figures (reported and derived) and shares stated in articles; skipped when neither changed."""
    with open_warehouse(warehouse) as conn:
        fingerprint = versions_of(conn, ["staging.watchdog_figures", "staging.control_statements"])
        if not config.full_refresh and built_from(conn, "facts.control_shares") == fingerprint:
            return dg.MaterializeResult(metadata={"skipped": "inputs unchanged"})
        figures = read_frame(conn, "SELECT * FROM staging.watchdog_figures")
        statements = read_frame(conn, "SELECT * FROM staging.control_statements")
        shares = build_control_shares(figures, statements)
        with transaction(conn):
            apply_replacements(conn, Replacement("facts.control_shares", shares))
            record_built_from(conn, "facts.control_shares", fingerprint)
    return dg.MaterializeResult(metadata={"rows": shares.height, "from_articles": (shares["origin"] == "article").sum()})


@dg.asset(key=["facts", "views"], group_name="facts", kinds={"duckdb"},
          deps=[["facts", "claims"], ["facts", "incidents"], ["facts", "incident_articles"], ["facts", "control_shares"]])
def analyst_views(warehouse: DuckDBResource) -> dg.MaterializeResult:
    """The SQL views of sql/views, recreated over the fresh facts."""
    with open_warehouse(warehouse) as conn:
        names = create_views(conn)
    return dg.MaterializeResult(metadata={"views": ", ".join(names)})
