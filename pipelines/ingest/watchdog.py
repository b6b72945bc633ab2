"""Watchdog tables (CSV/XLSX) in the two layouts SIGAR's figures come in, read as-is and normalized.

`read_watchdog_file` keeps every row as read (strings), with its row number; `normalize_rows`
turns both layouts into one long form of reported figures, quarantining rows it cannot trust.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.config import MAX_FILE_BYTES
from pipelines.ingest.decode import Rejected, decode_text, error_reason
from pipelines.ingest.guards import MAX_YAML_BYTES, is_formula, load_yaml, scalar_text

WATCHDOG_SUFFIXES = {".csv", ".xlsx", ".xlsm"}
LONG_COLUMNS = {"source", "report_published", "as_of", "measure", "category"}
MEASURES = {"districts", "population", "area", "territory"}
TOP_CATEGORIES = ("government", "contested", "insurgent")
CATEGORIES = {*TOP_CATEGORIES, "government_control", "government_influence", "insurgent_control", "insurgent_influence", "unreported"}
UNITS = {"districts": "districts", "population": "million people", "area": "sq km", "territory": "share"}
_WIDE_LABELS = {
    "giroa": "government", "government": "government", "afghan government": "government",
    "contested": "contested", "insurgent": "insurgent", "insurgents": "insurgent", "taliban": "insurgent",
    "control": "control", "influence": "influence", "total": "total",
}


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
            frames = [(None, pl.read_csv(io.StringIO(text), infer_schema=False, truncate_ragged_lines=False,
                                         n_rows=MAX_TABLE_ROWS + 1))]
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
        raise Rejected(f"workbook over unpacked size limit ({unpacked} > {MAX_WORKBOOK_UNPACKED_BYTES} bytes)")
    try:
        sheets = pl.read_excel(path, sheet_id=0, engine="calamine", infer_schema_length=0,
                               read_options={"n_rows": MAX_TABLE_ROWS + 1})
    except Exception as exc:  # the Excel engine raises its own exception types
        raise Rejected(f"unreadable workbook: {str(exc).splitlines()[0]}") from None
    return [(name, frame.cast(pl.String)) for name, frame in sheets.items()]


def detect_layout(columns: list[str]) -> str | None:
    """'long' (one figure a row) or 'wide' (the printed table), from the header."""
    lowered = {c.strip().lower() for c in columns}
    if LONG_COLUMNS <= lowered:
        return "long"
    if any("%" in c for c in columns) and any(c.strip().lower().split(" ")[0] in MEASURES for c in columns):
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
            rows.append(WatchdogRow(source_file, sheet, number, layout, json.dumps(record, ensure_ascii=False)))
    if not rows:
        raise Rejected("table has a header but no rows")
    return rows


def parse_number(cell: str | None) -> float | None:
    """'367,638' -> 367638.0, '' -> None; Rejected when a cell holds something that is not a number."""
    if cell is None or not str(cell).strip():
        return None
    text = str(cell).strip().replace(",", "").replace("\u00a0", "")
    try:
        return float(text.rstrip("%"))
    except ValueError:
        raise Rejected(f"unparseable number {cell!r}") from None


def parse_share(cell: str | None) -> float | None:
    """'57.1%' or '57.1' (percent) -> 0.571; Rejected outside 0..100%."""
    pct = parse_number(cell)
    if pct is None:
        return None
    if not 0 <= pct <= 100:
        raise Rejected(f"share out of range: {cell!r}")
    return pct / 100


def _date(cell: str | None, name: str) -> dt.date | None:
    if cell is None or not str(cell).strip():
        return None
    try:
        return dt.date.fromisoformat(str(cell).strip()[:10])
    except ValueError:
        raise Rejected(f"impossible {name} date {cell!r}") from None


def wide_table_metadata(path: Path) -> dict[str, object]:
    """Source and dates of a printed table: a `<file>.meta.yaml` sidecar, else the file name."""
    sidecar = path.with_name(path.name + ".meta.yaml")
    meta: dict[str, object] = {}
    if sidecar.is_file() and not sidecar.is_symlink():  # a link may lead out of the raw folder: not followed
        if sidecar.stat().st_size > MAX_YAML_BYTES:
            raise Rejected(f"sidecar {sidecar.name} over size limit ({MAX_YAML_BYTES} bytes)")
        meta = load_yaml(decode_text(sidecar.read_bytes())[0], "sidecar") or {}
        if not isinstance(meta, dict):
            raise Rejected(f"sidecar {sidecar.name} is not a mapping")
    found = re.search(r"(\d{4}-\d{2}-\d{2})", path.name)
    meta["source"] = scalar_text(meta.get("source"), "source")
    if is_formula(meta["source"]):
        raise Rejected(f"sidecar {sidecar.name}: spreadsheet formula as the source")
    meta["source"] = meta["source"] or path.name.split("-")[0].upper()
    meta.setdefault("as_of", found.group(1) if found else None)
    meta.setdefault("report_published", None)
    return meta


def _long_figure(cells: dict[str, str | None]) -> dict[str, object]:
    cells = {k.strip().lower(): v for k, v in cells.items()}
    measure = (cells.get("measure") or "").strip().lower()
    category = (cells.get("category") or "").strip().lower()
    if measure not in MEASURES:
        raise Rejected(f"unknown measure {measure!r}")
    if category not in CATEGORIES:
        raise Rejected(f"unknown category {category!r}")
    count, share = parse_number(cells.get("count")), parse_share(cells.get("share_pct", cells.get("share")))
    if count is not None and count < 0:
        raise Rejected(f"negative count {cells.get('count')!r}")
    if count is None and share is None:
        raise Rejected("row has neither a count nor a share")
    return {
        "source": (cells.get("source") or "").strip() or None,
        "report_published": _date(cells.get("report_published"), "report_published"),
        "as_of": _date(cells.get("as_of"), "as_of"),
        "measure": measure, "category": category, "count": count, "share": share,
        "note": cells.get("note"),
    }


def _wide_figures(cells: dict[str, str | None], parent: str | None, meta: dict[str, object]) -> tuple[list[dict[str, object]], str | None]:
    """Figures in one printed row, and the top-level category later sub-rows belong to."""
    label_column = next(iter(cells))
    label = (cells[label_column] or "").strip().lower()
    if label not in _WIDE_LABELS:
        raise Rejected(f"unknown row label {cells[label_column]!r}")
    category = _WIDE_LABELS[label]
    if category in ("control", "influence"):
        if parent not in ("government", "insurgent"):
            raise Rejected(f"{label!r} row without a government or insurgent row above it")
        category = f"{parent}_{category}"
    else:
        parent = category
    figures = []
    for measure in ("districts", "population", "area"):
        count_col = next((c for c in cells if c.lower().startswith(measure) and "%" not in c), None)
        share_col = next((c for c in cells if c.lower().startswith(measure) and "%" in c), None)
        count = parse_number(cells.get(count_col)) if count_col else None
        share = parse_share(cells.get(share_col)) if share_col else None
        if count is not None and count < 0:
            raise Rejected(f"negative count in {count_col!r}")
        if count is None and share is None:
            continue
        figures.append({
            "source": meta["source"], "report_published": _date(meta.get("report_published"), "report_published"),
            "as_of": _date(meta.get("as_of"), "as_of"), "measure": measure, "category": category,
            "count": count, "share": share, "note": f"{label_column}: {cells[label_column]}",
        })
    return figures, parent


SUM_TOLERANCE = 0.011  # printed shares are rounded to 0.1% (sometimes 1%) each


def _reject_inconsistent_groups(figures: list[dict[str, object]]) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Drop (with a reason) every figure of a (source, as_of, measure) whose shares add up to more than 100%."""
    groups: dict[tuple, list[dict[str, object]]] = {}
    for figure in figures:
        groups.setdefault((figure["source"], figure["as_of"], figure["measure"]), []).append(figure)
    kept, rejected = [], []
    for key, group in groups.items():
        shares = {f["category"]: f["share"] for f in group if f["share"] is not None}
        total = 0.0
        for top in TOP_CATEGORIES:
            parts = [shares.get(f"{top}_control"), shares.get(f"{top}_influence")]
            total += shares.get(top, sum(p for p in parts if p is not None))
        if total > 1 + SUM_TOLERANCE:
            reason = f"shares of {key[0]} {key[1]} {key[2]} add up to {total:.1%}, over 100%"
            rejected.extend({"source_file": f["source_file"], "source_row": f["source_row"], "reason": reason,
                             "payload": json.dumps({k: str(v) for k, v in f.items()})} for f in group)
        else:
            kept.extend(group)
    return kept, rejected


def _refuse_formulas(cells: dict[str, str | None]) -> None:
    """Rejected when a cell holds a spreadsheet formula: it would run when an analyst opens an export."""
    for column, value in cells.items():
        if is_formula(column) or isinstance(value, str) and is_formula(value):
            raise Rejected(f"spreadsheet formula in column {column!r}: refused")


def normalize_rows(rows: pl.DataFrame, raw_dir: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(figures, quarantined) from `raw.watchdog_rows`: one figure per (row, measure); rejects with reasons."""
    figures: list[dict[str, object]] = []
    rejected: list[dict[str, object]] = []
    parent: dict[tuple[str, str | None], str | None] = {}
    for row in rows.sort("source_file", "sheet", "source_row", nulls_last=False).iter_rows(named=True):
        cells = json.loads(row["payload"])
        key = (row["source_file"], row["sheet"])
        try:
            _refuse_formulas(cells)
            if row["layout"] == "long":
                found = [_long_figure(cells)]
            else:
                found, parent[key] = _wide_figures(cells, parent.get(key), wide_table_metadata(raw_dir / row["source_file"]))
            for figure in found:
                if figure["source"] is None or figure["as_of"] is None:
                    raise Rejected("figure without a source or an as-of date")
                figures.append({**figure, "source_file": row["source_file"], "source_row": row["source_row"]})
        except Exception as exc:  # one row's problem is that row's: quarantined with the reason
            reason = str(exc) if isinstance(exc, Rejected) else error_reason(exc)
            rejected.append({"source_file": row["source_file"], "source_row": row["source_row"], "reason": reason,
                             "payload": row["payload"]})
    figures, inconsistent = _reject_inconsistent_groups(figures)
    rejected.extend(inconsistent)
    schema = {"source": pl.String, "report_published": pl.Date, "as_of": pl.Date, "measure": pl.String, "category": pl.String,
              "count": pl.Float64, "share": pl.Float64, "note": pl.String, "source_file": pl.String, "source_row": pl.Int64}
    quarantine_schema = {"source_file": pl.String, "source_row": pl.Int64, "reason": pl.String, "payload": pl.String}
    return pl.DataFrame(figures, schema=schema), pl.DataFrame(rejected, schema=quarantine_schema)
