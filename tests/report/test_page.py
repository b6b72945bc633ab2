"""The report page, drawn from real warehouses and opened in a real headless Chromium, offline."""

from __future__ import annotations

import shutil

import pytest

from pipelines.report import page
from pipelines.report.figures import stated
from pipelines.runner import run_pipeline
from tests.conftest import DEV_CORPUS, connect
from tests.report.browser import drawn_sections, rendered_dom, screenshot

SECTIONS = ["disputed", "control", "where", "feed"]


@pytest.fixture(scope="module")
def bundled_report(bundled_run):
    """The page the bundled run's Dagster asset wrote beside its warehouse."""
    _, warehouse, result = bundled_run
    assert result.success
    return warehouse.with_name("report.html"), warehouse


def test_the_run_writes_a_self_contained_page(bundled_report):
    report, _ = bundled_report
    text = report.read_text(encoding="utf-8")
    assert "<script src=" not in text and "<link" not in text
    assert all(f'<section id="{anchor}">' in text for anchor in SECTIONS)


def test_the_page_draws_every_section_offline_in_chromium(bundled_report, tmp_path):
    report, _ = bundled_report
    drawn = drawn_sections(rendered_dom(report))
    assert drawn.errors == ""
    assert {s: drawn.charts.get(s, 0) for s in SECTIONS} == dict.fromkeys(SECTIONS, 1)
    assert all(drawn.points[s] > 0 for s in SECTIONS), drawn.points
    shot = screenshot(report, tmp_path / "report.png")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    print(f"screenshot: {shot}")


def test_a_script_error_shows_in_the_banner(bundled_report, tmp_path):
    report, _ = bundled_report
    broken = tmp_path / "broken.html"
    broken.write_text(
        report.read_text(encoding="utf-8").replace(
            "</body>", "<script>chart_that_is_not_defined()</script></body>"
        ),
        encoding="utf-8",
    )
    assert "chart_that_is_not_defined" in drawn_sections(rendered_dom(broken)).errors


def test_the_seed_toll_is_drawn_claim_by_claim(bundled_report):
    _, warehouse = bundled_report
    with connect(warehouse) as conn:
        figure = page.disputed_section(conn).figure
    claims = [t for t in figure.data if t.mode == "markers" and t.name != "best estimate"]
    by_side = {t.name: sorted(t.x) for t in claims}
    assert by_side["government"][0] == 26 and by_side["insurgent"] == [70]
    insurgent = next(t for t in claims if t.name == "insurgent")
    assert list(insurgent.marker.symbol) == ["triangle-right"]  # "more than 70": open above
    best = next(t for t in figure.data if t.name == "best estimate")
    assert list(best.x) == [40]


def test_the_seed_statements_agree_with_the_watchdog_trend(bundled_report):
    _, warehouse = bundled_report
    with connect(warehouse) as conn:
        figure = page.control_section(conn).figure
    stars = [t for t in figure.data if t.mode == "markers"]
    assert [t.name for t in stars] == ["article: agrees with the watchdog"]
    assert len(stars[0].x) == 2
    assert {t.name for t in figure.data if t.mode == "lines+markers"} >= {"government", "insurgent"}


def test_a_run_on_an_empty_feed_writes_a_page_that_says_so(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    assert run_pipeline(raw, tmp_path / "w.duckdb").success
    text = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "No incident has belligerents" in text and "No incident has a position" in text
    assert not list(tmp_path.glob("*.partial"))
    drawn = (tmp_path / "report.html").stat().st_mtime_ns
    assert run_pipeline(raw, tmp_path / "w.duckdb").success
    assert (tmp_path / "report.html").stat().st_mtime_ns == drawn  # nothing changed: not redrawn
    shutil.copy(DEV_CORPUS / "articles" / "bbc-2017-07-26-kandahar.md", raw / "bbc.md")
    assert run_pipeline(raw, tmp_path / "w.duckdb").success
    assert "No incident has a position" not in (tmp_path / "report.html").read_text("utf-8")


@pytest.mark.parametrize(
    ("qualifier", "value", "low", "high", "words"),
    [
        ("more_than", 70, 70, None, "more than 70"),
        ("range", 40, 40, 50, "40–50"),
        ("dozens", 24, 24, 99, "dozens (24)"),
        ("exact", 13, 13, 13, "13"),
    ],
)
def test_a_claimed_figure_is_said_as_the_text_hedged_it(qualifier, value, low, high, words):
    assert stated(qualifier, value, low, high) == words


def test_the_cli_writes_the_page_where_asked(bundled_report, tmp_path, monkeypatch):
    from pipelines.cli import main

    _, warehouse = bundled_report
    copy = tmp_path / "w.duckdb"
    shutil.copy(warehouse, copy)
    monkeypatch.setenv("CONTESTED_WAREHOUSE", str(copy))
    assert main(["report", str(tmp_path / "out.html")]) == 0
    assert (tmp_path / "out.html").stat().st_size > 1_000_000
    monkeypatch.setenv("CONTESTED_WAREHOUSE", str(tmp_path / "none.duckdb"))
    assert main(["report"]) == 2
