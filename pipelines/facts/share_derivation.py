"""Territorial-control figures to `facts.control_shares`: one row per (source, as_of, measure,
category).

Figures the source printed are kept as `reported`; what follows from them is added and marked:
shares computed from counts (`share_from_count`), government/insurgent totals from their control +
influence parts (`rollup`), and the share no category accounts for (`remainder`: the one missing
top-level category, or `unreported` when several are missing).
"""

from __future__ import annotations

import polars as pl

from pipelines.raw.readers.watchdog import TOP_CATEGORIES
from pipelines.schemas import CONTROL_SHARE_SCHEMA
from pipelines.staging.watchdog_figures import UNITS

PARTS = {
    "government": ("government_control", "government_influence"),
    "insurgent": ("insurgent_control", "insurgent_influence"),
}
SHARE_TOLERANCE = 0.011  # printed shares are rounded to 0.1% (sometimes 1%) each


def _parent(category: str) -> str | None:
    return next((top for top, parts in PARTS.items() if category in parts), None)


def _totals(figures: pl.DataFrame) -> dict[tuple[str, str], list[tuple[object, float]]]:
    """Known universe sizes (407 districts...) per (source, measure), by as_of: printed totals or
    count/share.
    """
    totals = figures.filter(pl.col("category") == "total", pl.col("count").is_not_null())
    implied = figures.filter(
        pl.col("category") != "total", pl.col("count") > 0, pl.col("share") > 0
    ).with_columns(count=(pl.col("count") / pl.col("share")).round(0))
    known: dict[tuple[str, str], list[tuple[object, float]]] = {}
    for frame in (totals, implied):
        for row in (
            frame.group_by("source", "measure", "as_of")
            .agg(pl.col("count").median())
            .iter_rows(named=True)
        ):
            known.setdefault((row["source"], row["measure"]), []).append(
                (row["as_of"], row["count"])
            )
    return known


def _nearest_total(
    known: dict[tuple[str, str], list[tuple[object, float]]],
    source: str,
    measure: str,
    as_of: object,
) -> float | None:
    options = known.get((source, measure), [])
    if not options:
        return None
    return min(options, key=lambda item: abs((item[0] - as_of).days))[1]


def derive_control_shares(figures: pl.DataFrame) -> pl.DataFrame:
    """Facts from normalized table figures (see module docstring); one figure per key, first file
    wins.
    """
    known = _totals(figures)
    best = (
        figures.filter(pl.col("category") != "total")
        .with_columns(
            _info=pl.col("count").is_not_null().cast(pl.Int8)
            + pl.col("share").is_not_null().cast(pl.Int8)
        )
        .sort(["_info", "source_file", "source_row"], descending=[True, False, False])
        .unique(["source", "as_of", "measure", "category"], keep="first", maintain_order=True)
        .drop("_info")
    )
    out: list[dict[str, object]] = []
    for (source, as_of, measure), group in best.group_by(
        ["source", "as_of", "measure"], maintain_order=True
    ):
        rows = {r["category"]: {**r, "derivation": "reported"} for r in group.iter_rows(named=True)}
        published = next(
            (r["report_published"] for r in rows.values() if r["report_published"]), None
        )
        _derive(rows, _nearest_total(known, source, measure, as_of))
        out.extend(_share_row(source, published, as_of, measure, row) for row in rows.values())
    frame = pl.DataFrame(out, schema=CONTROL_SHARE_SCHEMA).with_columns(pl.col("share").round(6))
    return frame.sort("source", "as_of", "measure", "category")


def _derive(rows: dict[str, dict], total: float | None) -> None:
    """Add to one report's figures what follows from them: shares from counts and the universe,
    parent totals from their parts, and the remainder no category accounts for."""
    for row in rows.values():
        if row["share"] is None and row["count"] is not None and total:
            row["share"], row["derivation"] = row["count"] / total, "share_from_count"
    for top, parts in PARTS.items():
        if top not in rows and all(p in rows for p in parts):
            counts = [rows[p]["count"] for p in parts]
            shares = [rows[p]["share"] for p in parts]
            rows[top] = {
                "category": top,
                "count": sum(counts) if None not in counts else None,
                "share": sum(shares) if None not in shares else None,
                "derivation": "rollup",
            }
    missing = [c for c in TOP_CATEGORIES if c not in rows]
    known_share = sum(rows[c]["share"] or 0.0 for c in TOP_CATEGORIES if c in rows)
    if missing and all(rows[c]["share"] is not None for c in TOP_CATEGORIES if c in rows):
        category = missing[0] if len(missing) == 1 else "unreported"
        rows[category] = {
            "category": category,
            "count": None,
            "share": max(0.0, 1.0 - known_share),
            "derivation": "remainder",
        }


def _share_row(
    source: str, published: object, as_of: object, measure: str, row: dict
) -> dict[str, object]:
    """A derived or reported figure as a row of facts.control_shares (origin 'table')."""
    reported = row["derivation"] in ("reported", "share_from_count")
    return {
        "source": source,
        "report_published": published,
        "as_of": as_of,
        "measure": measure,
        "category": row["category"],
        "parent_category": _parent(row["category"]),
        "count": row["count"],
        "unit": UNITS.get(measure),
        "share": row["share"],
        "qualifier": "exact",
        "derivation": row["derivation"],
        "origin": "table",
        "source_file": row.get("source_file") if reported else None,
        "source_row": row.get("source_row") if reported else None,
        "article_id": None,
        "span_start": None,
        "span_end": None,
        "evidence": None,
    }
