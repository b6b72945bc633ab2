"""Watchdog rows as read, turned into one long form of reported figures; rows that cannot be trusted
are quarantined with the reason.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import duckdb
import polars as pl

from pipelines.raw.readers.decode import Rejected, decode_text, error_reason
from pipelines.raw.readers.guards import MAX_YAML_BYTES, is_formula, load_yaml, scalar_text
from pipelines.raw.readers.watchdog import MEASURES, TOP_CATEGORIES
from pipelines.schemas import WATCHDOG_QUARANTINE_SCHEMA, frame_schema
from pipelines.warehouse import (
    Replacement,
    apply_replacements,
    now,
    read_frame,
    rebuilding,
    up_to_date,
    versions_of,
)

CATEGORIES = {
    *TOP_CATEGORIES,
    "government_control",
    "government_influence",
    "insurgent_control",
    "insurgent_influence",
    "unreported",
}


UNITS = {
    "districts": "districts",
    "population": "million people",
    "area": "sq km",
    "territory": "share",
}


_WIDE_LABELS = {
    "giroa": "government",
    "government": "government",
    "afghan government": "government",
    "contested": "contested",
    "insurgent": "insurgent",
    "insurgents": "insurgent",
    "taliban": "insurgent",
    "control": "control",
    "influence": "influence",
    "total": "total",
}


def parse_number(cell: str | None) -> float | None:
    """'367,638' -> 367638.0, '' -> None; Rejected when a cell holds something that is not a
    number.
    """
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
    # a link may lead out of the raw folder: not followed
    if sidecar.is_file() and not sidecar.is_symlink():
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
    count, share = (
        parse_number(cells.get("count")),
        parse_share(cells.get("share_pct", cells.get("share"))),
    )
    if count is not None and count < 0:
        raise Rejected(f"negative count {cells.get('count')!r}")
    if count is None and share is None:
        raise Rejected("row has neither a count nor a share")
    source = (cells.get("source") or "").strip() or None
    return _figure(source, cells, measure, category, count, share, cells.get("note"))


def _figure(
    source: object,
    dates: dict,
    measure: str,
    category: str,
    count: float | None,
    share: float | None,
    note: str | None,
) -> dict[str, object]:
    """One reported figure, its dates read from `dates` (the row's cells, or a table's metadata)."""
    return {
        "source": source,
        "report_published": _date(dates.get("report_published"), "report_published"),
        "as_of": _date(dates.get("as_of"), "as_of"),
        "measure": measure,
        "category": category,
        "count": count,
        "share": share,
        "note": note,
    }


def _wide_figures(
    cells: dict[str, str | None], parent: str | None, meta: dict[str, object]
) -> tuple[list[dict[str, object]], str | None]:
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
        note = f"{label_column}: {cells[label_column]}"
        figures.append(_figure(meta["source"], meta, measure, category, count, share, note))
    return figures, parent


SUM_TOLERANCE = 0.011  # printed shares are rounded to 0.1% (sometimes 1%) each


def _reject_inconsistent_groups(
    figures: list[dict[str, object]],
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Drop (with a reason) every figure of a (source, as_of, measure) whose shares add up to more
    than 100%.
    """
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
            rejected.extend(
                {
                    "source_file": f["source_file"],
                    "source_row": f["source_row"],
                    "reason": reason,
                    "payload": json.dumps({k: str(v) for k, v in f.items()}),
                }
                for f in group
            )
        else:
            kept.extend(group)
    return kept, rejected


def _refuse_formulas(cells: dict[str, str | None]) -> None:
    """Rejected when a cell holds a spreadsheet formula: it would run when an analyst opens an
    export.
    """
    for column, value in cells.items():
        if is_formula(column) or isinstance(value, str) and is_formula(value):
            raise Rejected(f"spreadsheet formula in column {column!r}: refused")


def _metadata_once(raw_dir: Path) -> Callable[[str], dict[str, object]]:
    """`wide_table_metadata` of each table, its sidecar read and parsed once (and its problem
    raised again for every row of the table)."""
    known: dict[str, dict[str, object] | Rejected] = {}

    def metadata(source_file: str) -> dict[str, object]:
        if source_file not in known:
            try:
                known[source_file] = wide_table_metadata(raw_dir / source_file)
            except Rejected as exc:
                known[source_file] = exc
        if isinstance(found := known[source_file], Rejected):
            raise found
        return found

    return metadata


def normalize_rows(rows: pl.DataFrame, raw_dir: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(figures, quarantined) from `raw.watchdog_rows`: one figure per (row, measure); rejects with
    reasons.
    """
    figures: list[dict[str, object]] = []
    rejected: list[dict[str, object]] = []
    parent: dict[tuple[str, str | None], str | None] = {}
    metadata = _metadata_once(raw_dir)
    for row in rows.sort("source_file", "sheet", "source_row", nulls_last=False).iter_rows(
        named=True
    ):
        cells = json.loads(row["payload"])
        key = (row["source_file"], row["sheet"])
        try:
            _refuse_formulas(cells)
            if row["layout"] == "long":
                found = [_long_figure(cells)]
            else:
                found, parent[key] = _wide_figures(
                    cells, parent.get(key), metadata(row["source_file"])
                )
            for figure in found:
                if figure["source"] is None or figure["as_of"] is None:
                    raise Rejected("figure without a source or an as-of date")
                figures.append(
                    {**figure, "source_file": row["source_file"], "source_row": row["source_row"]}
                )
        except Exception as exc:  # one row's problem is that row's: quarantined with the reason
            reason = str(exc) if isinstance(exc, Rejected) else error_reason(exc)
            rejected.append(
                {
                    "source_file": row["source_file"],
                    "source_row": row["source_row"],
                    "reason": reason,
                    "payload": row["payload"],
                }
            )
    figures, inconsistent = _reject_inconsistent_groups(figures)
    rejected.extend(inconsistent)
    quarantined = {
        column: WATCHDOG_QUARANTINE_SCHEMA[column]
        for column in ("source_file", "source_row", "reason", "payload")
    }
    return pl.DataFrame(figures, schema=frame_schema("staging.watchdog_figures")), pl.DataFrame(
        rejected, schema=quarantined
    )


def stage_watchdog_figures(
    conn: duckdb.DuckDBPyConnection, raw_dir: Path, run_id: str, everything: bool
) -> dict[str, int] | None:
    """Normalize every watchdog row again when the rows changed (None when they did not); returns
    counts.

    Any change to a table or its sidecar (which holds the table's metadata) reloads
    raw.watchdog_rows whole, which raises its version.
    """
    fingerprint = versions_of(conn, ["raw.watchdog_rows"])
    if not everything and up_to_date(conn, "staging.watchdog_figures", fingerprint):
        return None
    rows = read_frame(
        conn, "SELECT source_file, sheet, source_row, layout, payload FROM raw.watchdog_rows"
    )
    figures, rejected = normalize_rows(rows, raw_dir)
    rejected = rejected.with_columns(quarantined_at=pl.lit(now()), run_id=pl.lit(run_id)).select(
        list(WATCHDOG_QUARANTINE_SCHEMA)
    )
    with rebuilding(conn, "staging.watchdog_figures", fingerprint):
        apply_replacements(
            conn,
            Replacement("staging.watchdog_figures", figures),
            Replacement("quarantine.watchdog_rows", rejected, "source_row IS NOT NULL"),
        )
    return {"figures": figures.height, "quarantined_rows": rejected.height}
