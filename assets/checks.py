"""Data-quality checks: one SQL file each under sql/checks/<schema>.<table>/, plus pandera table schemas.

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
from pipelines.schemas import TABLE_SCHEMAS, schema_failures
from pipelines.warehouse import Replacement, read_frame, replace_rows

CHECKS_DIR = SQL_DIR / "checks"


def _header(sql: str) -> tuple[bool, str]:
    comments = [line.removeprefix("--").strip() for line in sql.splitlines() if line.startswith("--")]
    blocking = any(c.lower() == "severity: blocking" for c in comments)
    description = " ".join(c for c in comments if not c.lower().startswith("severity:"))
    return blocking, description


def _result(context: dg.AssetCheckExecutionContext, conn, table: str, name: str, severity: dg.AssetCheckSeverity,
            description: str, offending: pl.DataFrame) -> dg.AssetCheckResult:
    """The check's outcome for Dagster, recorded in ops.check_results for SQL users."""
    sample = offending.head(5).to_dicts()
    record = pl.DataFrame([{
        "asset_key": table, "check_name": name, "passed": offending.height == 0, "severity": severity.value,
        "description": description, "metadata": json.dumps({"offending_rows": offending.height, "sample": sample}, default=str),
        "run_id": context.run.run_id, "checked_at": now(),
    }])
    replace_rows(conn, Replacement("ops.check_results", record, f"asset_key = '{table}' AND check_name = '{name}'"))
    return dg.AssetCheckResult(passed=offending.height == 0, severity=severity,
                               metadata={"offending_rows": offending.height, "sample": dg.MetadataValue.json(json.loads(json.dumps(sample, default=str)))})


def _sql_check(path: Path) -> dg.AssetChecksDefinition:
    schema, table = path.parent.name.split(".")
    sql = path.read_text(encoding="utf-8")
    blocking, description = _header(sql)
    severity = dg.AssetCheckSeverity.ERROR if blocking else dg.AssetCheckSeverity.WARN

    @dg.asset_check(asset=dg.AssetKey([schema, table]), name=path.stem, description=description, blocking=blocking)
    def _check(context: dg.AssetCheckExecutionContext, warehouse: DuckDBResource) -> dg.AssetCheckResult:
        with open_warehouse(warehouse) as conn:
            return _result(context, conn, f"{schema}.{table}", path.stem, severity, description, read_frame(conn, sql))

    return _check


def _schema_check(table: str, model: type) -> dg.AssetChecksDefinition:
    description = f"The table conforms to the pandera schema {model.__name__}: types, vocabularies, value ranges."

    @dg.asset_check(asset=dg.AssetKey(table.split(".")), name="conforms_to_schema", description=description, blocking=True)
    def _check(context: dg.AssetCheckExecutionContext, warehouse: DuckDBResource) -> dg.AssetCheckResult:
        with open_warehouse(warehouse) as conn:
            failures = schema_failures(model, read_frame(conn, f"SELECT * FROM {table}"))
            return _result(context, conn, table, "conforms_to_schema", dg.AssetCheckSeverity.ERROR, description, failures)

    return _check


def load_checks(folder: Path = CHECKS_DIR) -> list[dg.AssetChecksDefinition]:
    """Every check under sql/checks, and a pandera schema check per contracted table, as Dagster asset checks."""
    return [_sql_check(path) for path in sorted(folder.glob("*.*/*.sql"))] + [
        _schema_check(table, model) for table, model in TABLE_SCHEMAS.items()
    ]
