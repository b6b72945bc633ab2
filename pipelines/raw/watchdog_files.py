"""Watchdog tables and their sidecars as read into raw rows, or quarantined whole with the
reason.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import duckdb
import polars as pl

from pipelines.raw.readers.decode import Rejected, error_reason
from pipelines.raw.readers.watchdog import read_watchdog_file
from pipelines.raw.scan import InputFile, file_row, scan_inputs
from pipelines.schemas import FILE_SCHEMA, WATCHDOG_QUARANTINE_SCHEMA, WATCHDOG_ROW_SCHEMA
from pipelines.warehouse import Replacement, apply_replacements, now, rebuilding, up_to_date


def _first_bytes(path: Path, size: int = 2000) -> str:
    """The start of a file as text, for a quarantine row's payload ("" when it cannot be read)."""
    try:
        with path.open("rb") as stream:
            return stream.read(size).decode("utf-8", errors="replace")
    except OSError:
        return ""


def load_watchdog_inputs(
    inputs: list[InputFile], run_id: str | None
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(rows as read, whole files quarantined, files) for the watchdog tables and sidecars of a
    raw-folder scan.
    """
    stamp = now()
    rows: list[dict] = []
    rejected: list[dict] = []
    files: list[dict] = []
    for item in inputs:
        if item.kind == "sidecar":
            files.append(file_row(item, "metadata", 0, 0, stamp))
            continue
        if item.kind != "watchdog":
            continue
        try:
            read = read_watchdog_file(item.path, item.source_file)
        except Exception as exc:  # one table's problem is that table's: quarantined with the reason
            reason = (
                str(exc) if isinstance(exc, Rejected) else f"unreadable table: {error_reason(exc)}"
            )
            rejected.append(
                {
                    "source_file": item.source_file,
                    "source_row": None,
                    "reason": reason,
                    "payload": _first_bytes(item.path),
                    "quarantined_at": stamp,
                    "run_id": run_id,
                }
            )
            files.append(file_row(item, "quarantined", 0, 1, stamp, reason=reason))
            continue
        rows.extend({**asdict(r), "ingested_at": stamp} for r in read)
        files.append(file_row(item, "loaded", len(read), 0, stamp))
    return (
        pl.DataFrame(rows, schema=WATCHDOG_ROW_SCHEMA),
        pl.DataFrame(rejected, schema=WATCHDOG_QUARANTINE_SCHEMA),
        pl.DataFrame(files, schema=FILE_SCHEMA),
    )


def load_watchdog_files(
    conn: duckdb.DuckDBPyConnection, raw_dir: Path, run_id: str | None, everything: bool
) -> dict[str, int | str]:
    """Reload every watchdog table and sidecar when any of them changed (they are few and small);
    returns counts.
    """
    inputs, fingerprint = scan_inputs(raw_dir, ("watchdog", "sidecar"))
    if not everything and up_to_date(conn, "raw.watchdog_rows", fingerprint):
        return {"skipped": "watchdog files unchanged"}
    rows, quarantined, files = load_watchdog_inputs(inputs, run_id)
    with rebuilding(conn, "raw.watchdog_rows", fingerprint):
        apply_replacements(
            conn,
            Replacement("raw.watchdog_rows", rows),
            Replacement("quarantine.watchdog_rows", quarantined, "source_row IS NULL"),
            Replacement("raw.files", files, "input_kind IN ('watchdog', 'sidecar')"),
        )
    return {
        "rows": rows.height,
        "quarantined_files": quarantined.height,
        "files_seen": files.height,
    }
