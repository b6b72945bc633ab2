"""Data-quality checks as Dagster asset checks: one step per table, its checks' verdicts from
pipelines/checks.py.
"""

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.checks import (
    CHECKS_DIR,
    TableCheck,
    judge,
    keep_verdicts,
    last_verdicts,
    table_checks,
)
from pipelines.resources import RunMode, open_warehouse
from pipelines.warehouse import table_versions


def _checks_for(table: str, checks: list[TableCheck]) -> dg.AssetChecksDefinition:
    key = dg.AssetKey(table.split("."))
    specs = [
        dg.AssetCheckSpec(c.name, asset=key, description=c.description, blocking=c.blocking)
        for c in checks
    ]

    @dg.multi_asset_check(name=f"check_{table.replace('.', '_')}", specs=specs)
    def _run(context: dg.AssetCheckExecutionContext, config: RunMode, warehouse: DuckDBResource):
        with open_warehouse(warehouse) as conn:
            versions = table_versions(conn)
            # a backfill judges afresh
            last = {} if config.full_refresh else last_verdicts(conn, table)
            verdicts = [
                judge(conn, check, versions, last.get(check.name), context.run.run_id)
                for check in checks
            ]
            keep_verdicts(conn, table, verdicts)
        for check, verdict in zip(checks, verdicts, strict=True):
            severity = dg.AssetCheckSeverity.ERROR if check.blocking else dg.AssetCheckSeverity.WARN
            metadata = {
                **verdict.metadata,
                "sample": dg.MetadataValue.json(verdict.metadata["sample"]),
            }
            yield dg.AssetCheckResult(
                asset_key=key,
                check_name=check.name,
                passed=verdict.passed,
                severity=severity,
                metadata=metadata,
            )

    return _run


def load_checks(folder=CHECKS_DIR) -> list[dg.AssetChecksDefinition]:
    """All checks as Dagster asset checks, one step per table."""
    return [_checks_for(table, checks) for table, checks in table_checks(folder).items()]
