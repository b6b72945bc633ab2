"""`contested bench --articles N`: the pipeline's speed on N distinct articles, against DuckDB
reading the same files.

Prints, from one run on this machine: articles/s of a full run (process start-up excluded), the time
of a second run with nothing new, the time to add 1% new articles, peak memory, and the floor:
DuckDB's `read_text` over the same files. Ratios are to that floor. With `--layout bundle` the
articles are one JSONL bundle instead of a file each, the 1% are appended to it, and the floor is
DuckDB's `read_json` of the bundle (reading it as text would not read its articles). With `--layout
pages` each article is a news site's HTML page, whose text trafilatura finds.

It also times extraction alone, as the staging stage runs it (every core, a batch ahead) but with
nothing written: what a full run could not go below without a faster extractor.
"""

from __future__ import annotations

import random
import resource
import shutil
import tempfile
import time
from pathlib import Path

import duckdb

from pipelines.synthetic import append_synthetic_bundle, write_synthetic_corpus

SHARED_ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev" / "articles"
BUNDLED_RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def _peak_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _cpu_seconds() -> tuple[float, float]:
    """CPU seconds so far of this process (DuckDB's threads included) and of its finished
    workers.
    """
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _timed_run(raw: Path, warehouse: Path) -> tuple[float, str, str]:
    """(seconds, where they went, CPU seconds): a whole `contested run`, timed around the call.

    CPU seconds are reported too: on a shared machine they vary less than the wall clock. The
    workers have exited when the run returns (each stage closes its pool), so theirs are counted.
    """
    from pipelines.runner import publish_run

    cpu_before, started = _cpu_seconds(), time.perf_counter()
    ok, result, _ = publish_run(raw, warehouse)
    if not ok:
        raise RuntimeError("benchmark run failed")
    seconds = time.perf_counter() - started
    own, workers = (
        after - before for after, before in zip(_cpu_seconds(), cpu_before, strict=True)
    )
    cpu = f"CPU {own + workers:.2f} s: {own:.2f} in this process, {workers:.2f} in the workers"
    return seconds, _by_stage(result.run_id, seconds), cpu


def _by_stage(run_id: str, seconds: float) -> str:
    """Seconds per stage from the run's step events; the rest is Dagster's run machinery and the
    publish.
    """
    from pipelines.runner import dagster_instance

    started, spent = {}, {}
    for record in dagster_instance().all_logs(run_id):
        event = record.dagster_event
        if event is None or event.step_key is None:
            continue
        stage = "checks" if event.step_key.startswith("check_") else event.step_key.split("_")[0]
        stage = {"fact": "facts"}.get(stage, stage)  # fact_incidents_and_claims
        if event.event_type_value == "STEP_START":
            started[event.step_key] = record.timestamp
        elif (
            event.event_type_value in ("STEP_SUCCESS", "STEP_FAILURE") and event.step_key in started
        ):
            spent[stage] = spent.get(stage, 0.0) + record.timestamp - started[event.step_key]
    spent["run and publish"] = seconds - sum(spent.values())
    return ", ".join(f"{stage} {value:.2f}" for stage, value in spent.items())


_FLOORS = {
    "files": (
        "DuckDB read_text of the same files",
        "SELECT count(*), sum(length(content)) FROM read_text(?)",
        "*.md",
    ),
    "bundle": (
        "DuckDB read_json of the same bundle",
        "SELECT count(*), sum(length(text)) FROM read_json(?, format = 'newline_delimited')",
        "*.jsonl",
    ),
    "pages": (
        "DuckDB read_text of the same pages",
        "SELECT count(*), sum(length(content)) FROM read_text(?)",
        "*.html",
    ),
}


def _floor(raw: Path, layout: str) -> float:
    _, query, pattern = _FLOORS[layout]
    started = time.perf_counter()
    with duckdb.connect() as conn:
        conn.execute(query, [str(raw / "feed" / pattern)]).fetchall()
    return time.perf_counter() - started


def _extraction_alone(warehouse: Path) -> tuple[int, float, float]:
    """(articles, seconds, CPU seconds) of extracting every article of the built warehouse as the
    staging stage does, writing nothing.
    """
    from pipelines import config
    from pipelines.staging.mentions import (
        ArticleExtractor,
        extract_mentions,
        pending_article_batches,
    )

    extractor = ArticleExtractor.load()
    with duckdb.connect(str(warehouse), config=config.duckdb_settings()) as conn:
        cpu_before, started = sum(_cpu_seconds()), time.perf_counter()
        batches = pending_article_batches(
            conn,
            key="",
            everything=True,
            batch=config.ARTICLE_BATCH,
            batch_bytes=config.BATCH_BYTES,
        )
        extracted = sum(
            batch.articles.height + batch.failed.height
            for batch in extract_mentions(batches, extractor)
        )
        return extracted, time.perf_counter() - started, sum(_cpu_seconds()) - cpu_before


def _write_articles(
    sources: list[Path], feed: Path, layout: str, count: int, first: int = 0
) -> None:
    """Copies number `first` on: new files or pages in `feed` (new-<n>/ for a later call), or lines
    appended to its one bundle.
    """
    if layout == "bundle":
        append_synthetic_bundle(sources, feed / "feed.jsonl", count, first)
    else:
        write_synthetic_corpus(
            sources, feed / (f"new-{first}" if first else ""), count, first, pages=layout == "pages"
        )


def run_benchmark(
    articles: int, sources: Path = SHARED_ARTICLES, keep: Path | None = None, layout: str = "files"
) -> list[str]:
    """Build the corpus (a file or an HTML page per article, or one JSONL bundle), run the pipeline
    three ways, and return the report lines.
    """
    base = Path(tempfile.mkdtemp(prefix="contested-bench-")) if keep is None else keep
    try:
        raw = base / "raw"
        shutil.copytree(BUNDLED_RAW / "watchdog", raw / "watchdog")
        files = sorted(sources.glob("*.md"))
        _write_articles(files, raw / "feed", layout, articles)
        warehouse = base / "bench.duckdb"
        start_up = _start_up()
        floor = _floor(raw, layout)
        runs = {"full": _timed_run(raw, warehouse), "nothing new": _timed_run(raw, warehouse)}
        extra = max(1, articles // 100)
        _write_articles(files, raw / "feed", layout, extra, first=articles)
        runs["1% new"] = _timed_run(raw, warehouse)
        peak = _peak_mib()  # before the workers of the extraction alone
        extracted, extraction, extraction_cpu = _extraction_alone(warehouse)
        return [
            f"articles: {articles} (+{extra} new for the incremental run), sources: "
            f"{len(files)} dev articles, layout: {layout}",
            f"process start-up (imports, first Dagster instance), not counted below: "
            f"{start_up:.2f} s",
            f"floor ({_FLOORS[layout][0]}): {floor:.2f} s = {articles / floor:,.0f} articles/s",
            *_run_lines(runs, articles, floor),
            f"peak memory: {peak:,.0f} MiB (largest of this process and its workers)",
            f"extraction alone, as staging runs it with nothing written ({extracted} articles): "
            f"{extraction:.2f} s = {extracted / extraction:,.0f} articles/s, "
            f"{extraction / floor * articles / extracted:.1f}x the floor; CPU "
            f"{extraction_cpu:.2f} s",
        ]
    finally:
        if keep is None:
            shutil.rmtree(base, ignore_errors=True)


def _start_up() -> float:
    """Seconds to import the definitions and make the first Dagster instance (its storage layer
    imports SQLAlchemy and Alembic): paid once per process, not counted in the runs."""
    started = time.perf_counter()
    import pipelines.definitions  # noqa: F401
    from pipelines.runner import dagster_instance

    dagster_instance()
    return time.perf_counter() - started


def _run_lines(runs: dict[str, tuple[float, str, str]], articles: int, floor: float) -> list[str]:
    """Each run's seconds against the floor, by stage, and its CPU seconds."""
    (full, *_), (empty, *_), (increment, *_) = runs["full"], runs["nothing new"], runs["1% new"]
    heads = [
        f"full run: {full:.2f} s = {articles / full:,.0f} articles/s, {full / floor:.1f}x the "
        f"floor",
        f"second run, nothing new: {empty:.2f} s ({empty / floor:.1f}x the floor)",
        f"adding 1% new articles: {increment:.2f} s ({increment / floor:.1f}x the floor)",
    ]
    lines = []
    for head, (_, stages, cpu) in zip(heads, runs.values(), strict=True):
        lines += [head, f"  seconds by stage: {stages}", f"  {cpu}"]
    return lines


def _fresh_run(raw: Path) -> tuple[float, str, str]:
    """A timed full run of `raw` into a new warehouse beside it."""
    return _timed_run(raw, raw.with_name(raw.name + ".duckdb"))


def run_long_line_benchmark(articles: int = 2000, article_bytes: int = 2048) -> list[str]:
    """The same text as one single-line article and as `articles` articles of `article_bytes`, each
    a full run into a fresh warehouse: extraction must stay linear in an article's length (one long
    line may not stall a feed).
    """
    from pipelines.runner import dagster_instance
    from pipelines.synthetic import conflict_report

    dagster_instance()  # start-up (the first Dagster instance) is paid before either run
    rng = random.Random(7)
    texts = [conflict_report(rng, article_bytes) for _ in range(articles)]
    base = Path(tempfile.mkdtemp(prefix="contested-bench-line-"))
    try:
        split, single = base / "split", base / "single"
        split.mkdir()
        single.mkdir()
        for number, text in enumerate(texts):
            (split / f"article-{number:05d}.txt").write_text(text + "\n", encoding="utf-8")
        (single / "one-line.txt").write_text(" ".join(texts) + "\n", encoding="utf-8")
        size = (single / "one-line.txt").stat().st_size
        split_seconds, split_stages, split_cpu = _fresh_run(split)
        single_seconds, single_stages, single_cpu = _fresh_run(single)
        return [
            f"the same {size / 1e6:.1f} MB of text, a full run each into a fresh warehouse:",
            f"  {articles} articles of {article_bytes} bytes: {split_seconds:.2f} s "
            f"({split_stages}; {split_cpu})",
            f"  one article on one line: {single_seconds:.2f} s ({single_stages}; {single_cpu})",
            f"  one line / split: {single_seconds / split_seconds:.2f}x",
        ]
    finally:
        shutil.rmtree(base, ignore_errors=True)
