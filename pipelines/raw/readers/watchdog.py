"""Watchdog tables (CSV/XLSX) in the two layouts SIGAR's figures come in, read as-is and normalized.

`read_watchdog_file` keeps every row as read (strings), with its row number; `normalize_rows`
turns both layouts into one long form of reported figures, quarantining rows it cannot trust.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.config import MAX_FILE_BYTES
from pipelines.raw.readers.decode import Rejected, decode_text

WATCHDOG_SUFFIXES = {".csv", ".xlsx", ".xlsm"}
LONG_COLUMNS = {"source", "report_published", "as_of", "measure", "category"}
MEASURES = {"districts", "population", "area", "territory"}
TOP_CATEGORIES = ("government", "contested", "insurgent")


@dataclass(frozen=True)
class WatchdogRow:
    source_file: str
    sheet: str | None
    source_row: int  # 1-based line of the row in its sheet, header = 1
    layout: str
    payload: str  # JSON object of the row's cells as read


# A watchdog table is a few hundred rows; a workbook this large unpacked is a zip bomb, not a table.
MAX_TABLE_ROWS = 100_000
MAX_WORKBOOK_UNPACKED_BYTES = 200 * 1024 * 1024


def _frames(path: Path) -> list[tuple[str | None, pl.DataFrame]]:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise Rejected(f"file over size limit ({path.stat().st_size} > {MAX_FILE_BYTES} bytes)")
    if path.suffix.lower() == ".csv":
        text, _ = decode_text(path.read_bytes())
        try:
            frames = [
                (
                    None,
                    pl.read_csv(
                        io.StringIO(text),
                        infer_schema=False,
                        truncate_ragged_lines=False,
                        n_rows=MAX_TABLE_ROWS + 1,
                    ),
                )
            ]
        except pl.exceptions.PolarsError as exc:
            raise Rejected(f"unparseable CSV: {str(exc).splitlines()[0]}") from None
    else:
        frames = _workbook_frames(path)
    if any(frame.height > MAX_TABLE_ROWS for _, frame in frames):
        raise Rejected(f"table over row limit ({MAX_TABLE_ROWS} rows)")
    return frames


def _workbook_frames(path: Path) -> list[tuple[str | None, pl.DataFrame]]:
    """Every sheet of a workbook, its unpacked size checked before any sheet is read."""
    if path.stat().st_size == 0:
        raise Rejected("empty file")
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Rejected(f"unreadable workbook: {exc}") from None
    if unpacked > MAX_WORKBOOK_UNPACKED_BYTES:
        raise Rejected(
            f"workbook over unpacked size limit ({unpacked} > {MAX_WORKBOOK_UNPACKED_BYTES} bytes)"
        )
    try:
        sheets = pl.read_excel(
            path,
            sheet_id=0,
            engine="calamine",
            infer_schema_length=0,
            read_options={"n_rows": MAX_TABLE_ROWS + 1},
        )
    except Exception as exc:  # the Excel engine raises its own exception types
        raise Rejected(f"unreadable workbook: {str(exc).splitlines()[0]}") from None
    return [(name, frame.cast(pl.String)) for name, frame in sheets.items()]


def detect_layout(columns: list[str]) -> str | None:
    """'long' (one figure a row) or 'wide' (the printed table), from the header."""
    lowered = {c.strip().lower() for c in columns}
    if lowered >= LONG_COLUMNS:
        return "long"
    if any("%" in c for c in columns) and any(
        c.strip().lower().split(" ")[0] in MEASURES for c in columns
    ):
        return "wide"
    return None


def read_watchdog_file(path: Path, source_file: str) -> list[WatchdogRow]:
    """Every row of every sheet, as read. Raises Rejected when the file as a whole is unusable."""
    rows: list[WatchdogRow] = []
    for sheet, frame in _frames(path):
        layout = detect_layout(frame.columns)
        if layout is None:
            raise Rejected(f"unknown table layout; columns: {', '.join(frame.columns)}")
        for number, record in enumerate(frame.iter_rows(named=True), start=2):
            rows.append(
                WatchdogRow(
                    source_file, sheet, number, layout, json.dumps(record, ensure_ascii=False)
                )
            )
    if not rows:
        raise Rejected("table has a header but no rows")
    return rows
