"""Data-quality checks: one SQL file each under sql/checks/<schema>.<table>/, plus pandera table
schemas.

A SQL check's query returns the offending rows: none means it passes. The file's first comment lines
give its severity (`-- severity: blocking` stops downstream assets) and description. Each contracted
table is also validated against its pandera schema (pipelines/schemas.py), blocking. The checks of
one table run in one step on one connection; results go to the Dagster UI with metadata and to
`ops.check_results` for SQL users.

A check whose query and tables did not change since its last evaluation (same table versions in
`ops.table_versions`) keeps that verdict, reported with the run it came from, instead of scanning
the tables again: a run with nothing new costs almost nothing. Checks that read the clock always
run. A row-local check names a load stamp (`-- since: <table>.<column>`) and after a passing verdict
reads only the rows stamped after the newest stamp that verdict saw (`$since`). A backfill
(`full_refresh`) re-runs every check over every row. A check that joins article text reads `$part`
and `$parts` and is evaluated in parts (`check_parts`), so that it fits DuckDB's memory cap.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import inspect
import json
import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.config import SQL_DIR
from pipelines.schemas import NEW_ROWS, TABLE_SCHEMAS, table_schema_failures
from pipelines.warehouse import (
    Replacement,
    execute_sql,
    memory_cap_bytes,
    newest_stamp,
    now,
    read_frame,
    replace_rows,
)

CHECKS_DIR = SQL_DIR / "checks"


SCHEMA_CHECK = "conforms_to_schema"


_TABLE_NAME = re.compile(r"\b(?:raw|staging|facts|quarantine|reference|views)\.\w+")


_CLOCK = re.compile(r"\bnow\(\)|\bcurrent_(?:date|timestamp)\b", re.IGNORECASE)


@dataclass(frozen=True)
class TableCheck:
    table: str
    name: str
    blocking: bool
    description: str
    sql: str | None  # None: the pandera schema check
    since: str | None = (
        # "<table>.<column>", a load stamp: after a passing verdict, only rows stamped later are
        # read
        None
    )

    @property
    def definition(self) -> str:
        return self.sql if self.sql is not None else _schema_source(self.table)

    def offending(self, conn, since: dt.datetime | None = None) -> pl.DataFrame:
        """The offending rows: of the whole table, or with `since` of the rows written after it."""
        if self.sql is None:
            return table_schema_failures(conn, self.table, since)
        parts = check_parts(conn, since) if "$parts" in self.sql else 1
        return pl.concat(
            [
                execute_sql(conn, self.sql, {"since": since, "part": part, "parts": parts}).pl()
                for part in range(parts)
            ]
        )

    def watermark(self, conn) -> dt.datetime | None:
        """The newest load stamp the check reads now: rows stamped later are new to its next run."""
        return newest_stamp(conn, *self.since.rsplit(".", 1))

    def inputs_key(self, versions: dict[str, int]) -> str | None:
        """What the verdict depends on: the query (or schema) and the versions of the tables it
        reads; None if it reads the clock.
        """
        if self.sql is not None and _CLOCK.search(self.sql):
            return None
        tables = {self.table, *_TABLE_NAME.findall(self.sql or "")}
        if any(t.startswith("views.") or t == "facts.views" for t in tables):
            tables |= {t for t in versions if t.startswith("facts.")}  # views show the fact tables
        # a table no load has changed yet is at version 0
        relevant = {t: versions.get(t, 0) for t in tables}
        return hashlib.sha256(
            json.dumps([self.definition, sorted(relevant.items())]).encode()
        ).hexdigest()[:16]

    def checked_since(self, passed: bool, metadata: dict) -> dt.datetime | None:
        """The watermark of the last verdict if it passed under this definition: the rows stamped up
        to it passed then.
        """
        if self.since is None or not passed:
            return None
        same = metadata.get("definition") == _digest(self.definition)
        return (
            dt.datetime.fromisoformat(metadata["watermark"])
            if same and metadata.get("watermark")
            else None
        )


def check_parts(conn, since: dt.datetime | None) -> int:
    """How many parts a check that joins article text to spans is evaluated in (`$part` of `$parts`,
    by article id hash).

    DuckDB cannot spill such a join far enough: it holds about two thirds of the articles' text
    bytes in memory. So a check over every row takes half the cap's worth of text a part; one over
    the rows stamped `since` its last passing verdict reads few, in one part.
    """
    if since is None:
        (text_bytes,) = conn.execute(
            "SELECT coalesce(sum(strlen(text)), 0) FROM raw.articles"
        ).fetchone()
        return max(1, -(-text_bytes // (memory_cap_bytes(conn) // 2)))
    return 1


@functools.cache
def _schema_source(table: str) -> str:
    return inspect.getsource(TABLE_SCHEMAS[table])  # reads and parses the module: once per process


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _sql_check(path: Path) -> TableCheck:
    sql = path.read_text(encoding="utf-8")
    comments = [
        line.removeprefix("--").strip() for line in sql.splitlines() if line.startswith("--")
    ]
    blocking = any(c.lower() == "severity: blocking" for c in comments)
    since = next(
        (c.split(":", 1)[1].strip() for c in comments if c.lower().startswith("since:")), None
    )
    if (since is None) != ("$since" not in sql):
        raise ValueError(
            f"{path}: a check reads $since exactly when its header names the stamp (-- since: "
            f"<table>.<column>)"
        )
    description = " ".join(c for c in comments if not c.lower().startswith(("severity:", "since:")))
    return TableCheck(path.parent.name, path.stem, blocking, description, sql, since)


def table_checks(folder: Path = CHECKS_DIR) -> dict[str, list[TableCheck]]:
    """Every check, by the table it checks."""
    checks: dict[str, list[TableCheck]] = {}
    for path in sorted(folder.glob("*.*/*.sql")):
        check = _sql_check(path)
        checks.setdefault(check.table, []).append(check)
    for table, model in TABLE_SCHEMAS.items():
        description = (
            f"The table conforms to the pandera schema {model.__name__}: types, "
            f"vocabularies, value ranges."
        )
        since = NEW_ROWS[table][0] if table in NEW_ROWS else None
        checks.setdefault(table, []).append(
            TableCheck(table, SCHEMA_CHECK, True, description, None, since)
        )
    return checks


@dataclass(frozen=True)
class Verdict:
    """A check's result: whether it passed, what the UI shows, and the row `ops.check_results`
    keeps.
    """

    passed: bool
    metadata: dict
    record: dict


def judge(
    conn, check: TableCheck, versions: dict[str, int], last: dict | None, run_id: str
) -> Verdict:
    """The check's verdict: the last one again if neither its query nor its tables changed, else a
    fresh one (over the rows stamped after the last passing verdict's watermark, for a row-local
    check).
    """
    last_metadata = json.loads(last["metadata"]) if last else {}
    inputs_key = check.inputs_key(versions)
    if (
        last is not None
        and inputs_key is not None
        and last_metadata.get("inputs_key") == inputs_key
    ):
        kept = {key: last_metadata[key] for key in ("offending_rows", "sample")}
        return Verdict(last["passed"], {**kept, "reused_from_run": last["run_id"]}, last)
    since = check.checked_since(bool(last and last["passed"]), last_metadata)
    watermark = check.watermark(conn) if check.since else None
    offending = check.offending(conn, since)
    shown = {
        "offending_rows": offending.height,
        "sample": json.loads(json.dumps(offending.head(5).to_dicts(), default=str)),
        "rows_checked": "all" if since is None else f"stamped after {since.isoformat()}",
    }
    stored = {
        **shown,
        "inputs_key": inputs_key,
        "definition": _digest(check.definition),
        "watermark": watermark.isoformat() if watermark else None,
    }
    return Verdict(
        offending.height == 0, shown, _record(check, offending.height == 0, stored, run_id)
    )


def _record(check: TableCheck, passed: bool, stored: dict, run_id: str) -> dict:
    """A verdict as a row of ops.check_results."""
    return {
        "asset_key": check.table,
        "check_name": check.name,
        "passed": passed,
        "severity": "ERROR" if check.blocking else "WARN",
        "description": check.description,
        "metadata": json.dumps(stored),
        "run_id": run_id,
        "checked_at": now(),
    }


def last_verdicts(conn, table: str) -> dict[str, dict]:
    """The last verdict of each check of a table, by check name."""
    rows = read_frame(
        conn, "SELECT * FROM ops.check_results WHERE asset_key = $table", {"table": table}
    )
    return {row["check_name"]: row for row in rows.iter_rows(named=True)}


def keep_verdicts(conn, table: str, verdicts: list[Verdict]) -> None:
    """Replace a table's rows of `ops.check_results` with these verdicts."""
    records = pl.DataFrame([v.record for v in verdicts])
    replace_rows(
        conn, Replacement("ops.check_results", records, scope=pl.DataFrame({"asset_key": [table]}))
    )
