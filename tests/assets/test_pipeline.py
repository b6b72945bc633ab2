"""The whole pipeline materialized by Dagster into a real DuckDB file, on the bundled inputs."""

import json
import subprocess
from pathlib import Path

import polars as pl
import pytest

from pipelines.evaluation import match_claims
from pipelines.warehouse import read_frame
from tests.conftest import DEV_CORPUS, REPO, connect

FACT_TABLES = ["facts.claims", "facts.incidents", "facts.incident_articles", "facts.control_shares"]


def test_run_succeeds_with_every_check_passing(bundled_run):
    _, _, result = bundled_run
    assert result.success
    evaluations = result.get_asset_check_evaluations()
    assert len(evaluations) >= 20
    assert [e.check_name for e in evaluations if not e.passed] in ([], ["raw_inputs_fresh"])


def test_every_fact_table_has_rows(bundled_run):
    raw, warehouse, _ = bundled_run
    with connect(warehouse, raw) as conn:
        for table in FACT_TABLES:
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0, table


def test_seed_article_gives_its_gold_claims(bundled_run):
    raw, warehouse, _ = bundled_run
    gold = json.loads((DEV_CORPUS / "gold" / "bbc-2017-07-26-kandahar.json").read_text())
    with connect(warehouse, raw) as conn:
        claims = read_frame(
            conn,
            "SELECT c.* FROM facts.claims c JOIN raw.articles a USING (article_id) "
            "WHERE a.source_file LIKE '%bbc-2017-07-26-kandahar.md'",
        ).to_dicts()
    matches = match_claims("bbc", gold["claims"], claims)
    assert not [m.gold for m in matches if m.gold and not m.found and not m.gold.get("optional")]
    assert not [m.found for m in matches if m.found and not m.gold]
    assert all(
        m.gold["claimant_side"] == m.found["claimant_side"] for m in matches if m.gold and m.found
    )


def test_watchdog_shares_sum_to_one_per_source_date_and_measure(bundled_run):
    raw, warehouse, _ = bundled_run
    with connect(warehouse, raw) as conn:
        sums = read_frame(
            conn,
            "SELECT source, as_of, measure, sum(share) AS total FROM facts.control_shares "
            "WHERE origin = 'table' AND parent_category IS NULL GROUP BY ALL",
        )
        raw_rows = conn.execute("SELECT count(*) FROM raw.watchdog_rows").fetchone()[0]
    assert sums.height >= 8
    assert sums["total"].to_list() == pytest.approx([1.0] * sums.height, abs=0.011)
    assert raw_rows == 8 + 22  # every line of both shared tables, header excepted


def test_every_input_file_is_accounted_for(bundled_run):
    raw, warehouse, _ = bundled_run
    on_disk = sorted(p.relative_to(raw).as_posix() for p in raw.rglob("*") if p.is_file())
    with connect(warehouse, raw) as conn:
        recorded = read_frame(conn, "SELECT source_file, status FROM raw.files ORDER BY 1")
    assert recorded["source_file"].to_list() == on_disk
    assert set(recorded["status"]) <= {"loaded", "metadata"}


def test_warehouse_opens_in_the_duckdb_cli(bundled_run):
    raw, warehouse, _ = bundled_run
    cli = Path(REPO / ".venv" / "bin" / "duckdb")
    out = subprocess.run(
        [str(cli), "-readonly", "-csv", str(warehouse), "-c", "SELECT count(*) FROM facts.claims"],
        capture_output=True,
        text=True,
        check=True,
    )
    with connect(warehouse, raw) as conn:
        expected = conn.execute("SELECT count(*) FROM facts.claims").fetchone()[0]
    assert out.stdout.strip().splitlines()[-1] == str(expected)


def test_check_results_are_queryable(bundled_run):
    raw, warehouse, result = bundled_run
    with connect(warehouse, raw) as conn:
        results = read_frame(conn, "SELECT * FROM ops.check_results")
    assert results.height == len(result.get_asset_check_evaluations())
    assert results.filter(pl.col("severity") == "ERROR")["passed"].all()


@pytest.mark.parametrize(
    "example", sorted((REPO / "sql" / "examples").glob("*.sql")), ids=lambda p: p.stem
)
def test_example_queries_run_and_answer(bundled_run, example):
    raw, warehouse, _ = bundled_run
    with connect(warehouse, raw) as conn:
        rows = read_frame(conn, example.read_text())
    assert rows.height > 0, f"{example.name} returned nothing on the bundled warehouse"


def test_text_shares_agree_with_the_report_they_cite(bundled_run):
    raw, warehouse, _ = bundled_run
    with connect(warehouse, raw) as conn:
        rows = read_frame(
            conn,
            "SELECT category, stated_share, watchdog_share, watchdog_report, agrees "
            "FROM views.control_text_vs_watchdog ORDER BY category",
        )
    history = pl.read_csv(REPO / "data" / "raw" / "watchdog" / "sigar-district-control-history.csv")
    cited_report = history.filter(pl.col("report_published") < "2017-07-26")[
        "report_published"
    ].max()
    assert rows["category"].to_list() == ["government", "insurgent"]
    assert rows["agrees"].to_list() == [True, True]
    assert {str(d) for d in rows["watchdog_report"]} == {cited_report}


def test_docs_page_matches_the_warehouse(bundled_run):
    from pipelines.docs import render_docs

    raw, warehouse, _ = bundled_run
    with connect(warehouse, raw) as conn:
        rendered = render_docs(conn)
    assert (REPO / "docs" / "warehouse.md").read_text() == rendered, (
        "regenerate with: contested docs"
    )
    for table in FACT_TABLES + ["views.incident_claims", "views.control_text_vs_watchdog"]:
        assert f"## `{table}`" in rendered
