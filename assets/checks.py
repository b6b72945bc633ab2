"""Data-quality checks, one SQL file each under sql/checks/<schema>.<table>/.

A check's query returns the offending rows: none means it passes. The file's first comment
lines give its severity (`-- severity: blocking` stops downstream assets) and description.
Results go to the Dagster UI with metadata and to `ops.check_results` for SQL users.
"""


import json
from pathlib import Path

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from pipelines.config import SQL_DIR
from pipelines.loaders import now
from pipelines.resources import open_warehouse
from pipelines.warehouse import Replacement, read_frame, replace_rows

CHECKS_DIR = SQL_DIR / "checks"


def _header(sql: str) -> tuple[bool, str]:
    comments = [line.removeprefix("--").strip() for line in sql.splitlines() if line.startswith("--")]
    blocking = any(c.lower() == "severity: blocking" for c in comments)
    description = " ".join(c for c in comments if not c.lower().startswith("severity:"))
    return blocking, description


def _sql_check(path: Path) -> dg.AssetChecksDefinition:
    schema, table = path.parent.name.split(".")
    sql = path.read_text(encoding="utf-8")
    blocking, description = _header(sql)
    severity = dg.AssetCheckSeverity.ERROR if blocking else dg.AssetCheckSeverity.WARN

    @dg.asset_check(asset=dg.AssetKey([schema, table]), name=path.stem, description=description, blocking=blocking)
    def _check(context: dg.AssetCheckExecutionContext, warehouse: DuckDBResource) -> dg.AssetCheckResult:
        with open_warehouse(warehouse) as conn:
            offending = read_frame(conn, sql)
            sample = offending.head(5).to_dicts()
            metadata = {"offending_rows": offending.height, "sample": json.dumps(sample, default=str)}
            record = pl.DataFrame([{
                "asset_key": f"{schema}.{table}", "check_name": path.stem, "passed": offending.height == 0,
                "severity": severity.value, "description": description, "metadata": json.dumps(metadata),
                "run_id": context.run.run_id, "checked_at": now(),
            }])
            replace_rows(conn, Replacement("ops.check_results", record,
                                           f"asset_key = '{schema}.{table}' AND check_name = '{path.stem}'"))
        return dg.AssetCheckResult(passed=offending.height == 0, severity=severity,
                                   metadata={"offending_rows": offending.height, "sample": dg.MetadataValue.json(sample)})

    return _check


def load_sql_checks(folder: Path = CHECKS_DIR) -> list[dg.AssetChecksDefinition]:
    """Every check under sql/checks, as Dagster asset checks."""
    return [_sql_check(path) for path in sorted(folder.glob("*.*/*.sql"))]
