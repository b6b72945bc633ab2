"""Facts stage: claims tied to incidents, incidents with reconciled estimates, control shares, the
analyst views.
"""

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.facts.control_shares import build_control_shares
from pipelines.facts.incidents import build_incident_facts
from pipelines.resources import RunMode, open_warehouse
from pipelines.warehouse import create_views


def _spec(name: str, deps: list[list[str]], description: str) -> dg.AssetSpec:
    return dg.AssetSpec(
        ["facts", name], group_name="facts", kinds={"duckdb"}, deps=deps, description=description
    )


@dg.multi_asset(
    specs=[
        _spec(
            "incidents",
            [["staging", "incident_mentions"], ["staging", "claim_mentions"]],
            "Events with date, place, actors and low/best/high casualty estimates from "
            "competing claims.",
        ),
        _spec(
            "incident_articles",
            [["staging", "incident_mentions"]],
            "Which articles report which incident.",
        ),
        _spec(
            "claims",
            [["staging", "claim_mentions"], ["staging", "incident_mentions"]],
            "Who claimed which number about what, with the exact evidence span.",
        ),
    ]
)
def fact_incidents_and_claims(config: RunMode, warehouse: DuckDBResource):
    """Incidents merged across articles and claims tied to them, clustered again only where articles
    changed.
    """
    with open_warehouse(warehouse) as conn:
        built = build_incident_facts(conn, config.full_refresh)
    if built is None:
        for key in ("incidents", "incident_articles", "claims"):
            yield dg.MaterializeResult(
                asset_key=["facts", key], metadata={"skipped": "staged mentions unchanged"}
            )
        return
    clustered = {
        "articles_clustered": built["articles_clustered"],
        "mentions_clustered": built["mentions_clustered"],
    }
    yield dg.MaterializeResult(
        asset_key=["facts", "incidents"],
        metadata={
            "incidents": built["facts.incidents"],
            "rows_written": built["incidents"],
            **clustered,
        },
    )
    yield dg.MaterializeResult(
        asset_key=["facts", "incident_articles"],
        metadata={
            "links": built["facts.incident_articles"],
            "rows_written": built["incident_articles"],
        },
    )
    yield dg.MaterializeResult(
        asset_key=["facts", "claims"],
        metadata={"claims": built["facts.claims"], "rows_written": built["claims"]},
    )


@dg.asset(
    key=["facts", "control_shares"],
    group_name="facts",
    kinds={"duckdb", "polars"},
    deps=[["staging", "watchdog_figures"], ["staging", "control_statements"]],
)
def fact_control_shares(config: RunMode, warehouse: DuckDBResource) -> dg.MaterializeResult:
    """Who controls how much: watchdog figures (reported and derived) and shares stated in
    articles.
    """
    with open_warehouse(warehouse) as conn:
        built = build_control_shares(conn, config.full_refresh)
    return dg.MaterializeResult(metadata=built or {"skipped": "inputs unchanged"})


@dg.asset(
    key=["facts", "views"],
    group_name="facts",
    kinds={"duckdb"},
    deps=[
        ["facts", "claims"],
        ["facts", "incidents"],
        ["facts", "incident_articles"],
        ["facts", "control_shares"],
    ],
)
def analyst_views(warehouse: DuckDBResource) -> dg.MaterializeResult:
    """The SQL views of sql/views, recreated over the fresh facts."""
    with open_warehouse(warehouse) as conn:
        names = create_views(conn)
    return dg.MaterializeResult(metadata={"views": ", ".join(names)})
