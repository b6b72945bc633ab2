"""Incremental facts.control_shares against fresh builds, on staged statements and watchdog figures
in a real DuckDB file.
"""

import datetime as dt
import hashlib
import random

import duckdb
import polars as pl

from pipelines.facts.control_shares import update_control_shares
from pipelines.schemas import CONTROL_SHARE_SCHEMA
from pipelines.warehouse import ensure_schema, insert_frame, read_frame, transaction

FIGURES = pl.DataFrame(
    {
        "source": ["SIGAR"] * 3,
        "report_published": [dt.date(2018, 1, 30)] * 3,
        "as_of": [dt.date(2017, 10, 15)] * 3,
        "measure": ["districts"] * 3,
        "category": ["government", "contested", "insurgent"],
        "count": [229.0, 122.0, 56.0],
        "share": [0.563, 0.3, 0.138],
        "source_file": ["watchdog/sigar.csv"] * 3,
        "source_row": [1, 2, 3],
    }
)


def _statement(rng: random.Random, article_id: str, index: int) -> dict:
    return {
        "source": rng.choice(["SIGAR", "Wire A"]),
        "report_published": None,
        "as_of": dt.date(2021, 5, 1) + dt.timedelta(days=rng.randint(0, 9)),
        "measure": rng.choice(["districts", "territory"]),
        "category": rng.choice(["government", "insurgent"]),
        "parent_category": None,
        "count": None,
        "unit": None,
        "share": rng.randint(1, 99) / 100,
        "qualifier": rng.choice(["exact", "about", "more_than"]),
        "derivation": "stated",
        "origin": "article",
        "source_file": None,
        "source_row": None,
        "article_id": article_id,
        "span_start": 40 * index,
        "span_end": 40 * index + 30,
        "evidence": f"sentence {index} of {article_id}",
    }


def _stage(
    conn: duckdb.DuckDBPyConnection, staged: dict[str, tuple[list[dict], dt.datetime]]
) -> None:
    """Make the staging tables hold exactly `staged`: (statements, extraction time) by article."""
    for table in ("staging.control_statements", "staging.article_extractions"):
        conn.execute(f"DELETE FROM {table}")
    statements = [s for rows, _ in staged.values() for s in rows]
    if statements:
        insert_frame(
            conn,
            "staging.control_statements",
            pl.DataFrame(statements, schema=CONTROL_SHARE_SCHEMA),
        )
    extractions = [
        {"article_id": a, "extraction_key": "test", "n_claims": 0, "extracted_at": at}
        for a, (_, at) in staged.items()
    ]
    if extractions:
        insert_frame(conn, "staging.article_extractions", pl.DataFrame(extractions))


def _shares(conn: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return read_frame(conn, "SELECT * EXCLUDE (loaded_at) FROM facts.control_shares ORDER BY ALL")


def _update(
    conn: duckdb.DuckDBPyConnection, figures: pl.DataFrame, everything: bool = False
) -> dict[str, int]:
    with transaction(conn):
        return update_control_shares(conn, figures, everything)


def test_incremental_shares_are_a_fresh_build_and_compare_only_changed_articles(tmp_path):
    rng = random.Random(7)
    conn = duckdb.connect(str(tmp_path / "incremental.duckdb"))
    ensure_schema(conn)
    staged: dict[str, tuple[list[dict], dt.datetime]] = {}
    clock = dt.datetime(2026, 1, 1)
    next_id = 0
    for step in range(30):
        changed = set()
        for _ in range(rng.randint(1, 4)):
            clock += dt.timedelta(seconds=1)  # extraction stamps only grow
            action = rng.choice(["add", "add", "change", "delete"]) if staged else "add"
            if action == "add":
                article_id, next_id = f"art_{next_id:03d}", next_id + 1
            else:
                article_id = rng.choice(sorted(staged))
            changed.add(article_id)
            if action == "delete":
                del staged[article_id]
            else:
                staged[article_id] = (
                    [_statement(rng, article_id, i) for i in range(rng.randint(0, 3))],
                    clock,
                )
        # the watchdog table is sometimes revised
        figures = FIGURES.with_columns(pl.col("count") + rng.randint(0, 1))
        with_shares = set(_shares(conn)["article_id"].drop_nulls())
        _stage(conn, staged)
        result = _update(conn, figures)
        # the changed articles still staged, and the deleted ones that had shares: not the whole
        # feed
        assert result["articles_compared"] == len(
            {a for a in changed if a in staged or a in with_shares}
        )

        fresh = duckdb.connect(str(tmp_path / f"fresh-{step}.duckdb"))
        ensure_schema(fresh)
        _stage(fresh, staged)
        _update(fresh, figures, everything=True)
        assert _shares(conn).equals(_shares(fresh)), step
        fresh.close()
    assert _shares(conn).filter(pl.col("origin") == "article").height == sum(
        len(rows) for rows, _ in staged.values()
    )


def test_a_share_id_hashes_what_identifies_the_share(tmp_path):
    conn = duckdb.connect(str(tmp_path / "w.duckdb"))
    ensure_schema(conn)
    statement = _statement(random.Random(1), "art_1", 2)
    _stage(conn, {"art_1": ([statement], dt.datetime(2026, 1, 1))})
    _update(conn, FIGURES)
    key = "|".join(
        "" if statement[c] is None else str(statement[c])
        for c in (
            "source",
            "as_of",
            "measure",
            "category",
            "origin",
            "article_id",
            "span_start",
            "qualifier",
        )
    )
    (stored,) = conn.execute(
        "SELECT control_share_id FROM facts.control_shares WHERE origin = 'article'"
    ).fetchone()
    # ids stay those of earlier warehouses
    assert stored == "shr_" + hashlib.sha256(key.encode()).hexdigest()[:16]
    (table_ids,) = conn.execute(
        "SELECT count(DISTINCT control_share_id) FROM facts.control_shares WHERE origin = 'table'"
    ).fetchone()
    assert table_ids == FIGURES.height
