"""`contested bench`: three real runs on distinct synthetic articles, reported with their CPU, and
extraction alone.
"""

import re

import duckdb
import pytest

from pipelines.benchmark import run_benchmark, run_long_line_benchmark
from pipelines.parallel import MIN_PARALLEL_ITEMS


@pytest.mark.parametrize(
    ("layout", "floor"), [("files", "read_text"), ("bundle", "read_json"), ("pages", "read_text")]
)
def test_the_benchmark_times_a_full_an_empty_and_a_one_percent_run(
    tmp_path, monkeypatch, layout, floor
):
    monkeypatch.setenv("CONTESTED_WORKERS", "2")
    # the bundle is read in pieces, by the workers
    monkeypatch.setattr("pipelines.raw.read_tasks.BUNDLE_PIECE_BYTES", 100_000)
    articles = MIN_PARALLEL_ITEMS + 50  # enough for the workers to take part
    report = "\n".join(run_benchmark(articles, keep=tmp_path, layout=layout))
    with duckdb.connect(str(tmp_path / "bench.duckdb"), read_only=True) as conn:
        loaded, distinct = conn.execute(
            "SELECT count(*), count(DISTINCT content_sha256) FROM raw.articles"
        ).fetchone()
        (files,) = conn.execute(
            "SELECT count(*) FROM raw.files WHERE input_kind = 'article'"
        ).fetchone()
    # every copy distinct, and the 1% run added its own
    assert loaded == distinct == articles + articles // 100
    assert files == (1 if layout == "bundle" else loaded)
    for label in (
        f"floor (DuckDB {floor}",
        "full run:",
        "second run, nothing new:",
        "adding 1% new articles:",
        "peak memory:",
    ):
        assert label in report, label
    cpu = [
        tuple(map(float, m))
        for m in re.findall(
            r"CPU ([\d.]+) s: ([\d.]+) in this process, ([\d.]+) in the workers", report
        )
    ]
    assert len(cpu) == 3
    (total, own, workers), *_ = cpu
    # the full run's workers had exited and were counted
    assert workers > 0 and abs(total - own - workers) < 0.02
    # every article, once
    assert (
        f"extraction alone, as staging runs it with nothing written ({loaded} articles):" in report
    )


def test_the_long_line_benchmark_runs_the_same_text_both_ways():
    lines = run_long_line_benchmark(articles=30, article_bytes=400)
    assert re.fullmatch(
        r"the same [\d.]+ MB of text, a full run each into a fresh warehouse:", lines[0]
    )
    split, single = (float(re.search(r": ([\d.]+) s \(", line).group(1)) for line in lines[1:3])
    assert "30 articles of 400 bytes" in lines[1] and "one article on one line" in lines[2]
    ratio = float(re.fullmatch(r"  one line / split: ([\d.]+)x", lines[3]).group(1))
    assert ratio == pytest.approx(single / split, rel=0.02)  # of the times as printed, rounded
