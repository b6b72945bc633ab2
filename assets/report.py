"""Report stage: the analyst's HTML page, drawn again after every run's facts and views."""

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines import config
from pipelines.report.page import refresh_report
from pipelines.resources import open_warehouse


@dg.asset(
    key=["report", "page"],
    group_name="report",
    kinds={"html", "plotly"},
    deps=[["facts", "views"]],
)
def analyst_report(warehouse: DuckDBResource) -> dg.MaterializeResult:
    """One self-contained HTML page (disputed tolls, control over time, where, feed health) beside
    the warehouse, or at `$CONTESTED_REPORT`; it opens with no network. Drawn again only when what
    it shows changed.
    """
    out = config.report_path(Path(warehouse.database))
    with open_warehouse(warehouse) as conn:
        written = refresh_report(conn, out)
    return dg.MaterializeResult(
        metadata={
            **({} if written else {"skipped": "tables and verdicts unchanged"}),
            "path": dg.MetadataValue.path(str(out)),
            "open": dg.MetadataValue.url(out.as_uri()),
            "bytes": out.stat().st_size,
        }
    )
