"""Checks across incremental runs: verdicts kept for unchanged tables, row checks reading only new
rows, and a backfill judging everything again."""

import shutil

from pipelines.checks import SCHEMA_CHECK
from pipelines.runner import run_pipeline
from pipelines.warehouse import fresh_stamp, mark_changed
from tests.conftest import DEV_CORPUS, FEED_ARTICLES, connect


def _check_runs(result) -> tuple[set, set]:
    """(checks evaluated afresh, checks whose verdict was kept) of one run, as (asset, check
    name).
    """
    evaluations = result.get_asset_check_evaluations()
    assert all(e.passed for e in evaluations)
    kept = {
        (e.asset_key.to_user_string(), e.check_name)
        for e in evaluations
        if "reused_from_run" in e.metadata
    }
    return {(e.asset_key.to_user_string(), e.check_name) for e in evaluations} - kept, kept


def test_checks_of_unchanged_tables_keep_their_verdicts(feed):
    raw, warehouse = feed
    nothing_new = run_pipeline(raw, warehouse)
    fresh, kept = _check_runs(nothing_new)
    # only the checks that read the clock run again; every other verdict is the first run's
    assert fresh == {
        ("raw/articles", "published_not_in_future"),
        ("raw/articles", "raw_inputs_fresh"),
    }
    first_run = {
        e.metadata["reused_from_run"].value
        for e in nothing_new.get_asset_check_evaluations()
        if "reused_from_run" in e.metadata
    }
    assert len(first_run) == 1 and nothing_new.run_id not in first_run
    with connect(warehouse, raw) as conn:
        versions = dict(
            conn.execute("SELECT table_name, version FROM ops.table_versions").fetchall()
        )
    assert versions["raw.articles"] == versions["facts.claims"] == 1

    (raw / FEED_ARTICLES[0]).write_text(
        (raw / FEED_ARTICLES[0]).read_text() + "\nA new closing line.\n"
    )
    fresh, kept = _check_runs(run_pipeline(raw, warehouse))
    assert {
        ("raw/articles", "article_id_unique"),
        ("staging/claim_mentions", "evidence_spans_slice_text"),
        ("facts/claims", "claim_id_unique"),
        ("facts/claims", SCHEMA_CHECK),
    } <= fresh
    assert {
        ("reference/actors", "sides_vocabulary"),
        ("reference/gazetteer", "names_resolve"),
    } <= kept
    with connect(warehouse, raw) as conn:
        assert conn.execute(
            "SELECT version FROM ops.table_versions WHERE table_name = 'raw.articles'"
        ).fetchone() == (2,)


def _evaluation(result, asset, check):
    return next(
        e
        for e in result.get_asset_check_evaluations()
        if e.asset_key.to_user_string() == asset and e.check_name == check
    )


ROW_CHECKS = (
    ("raw/articles", "id_matches_content"),
    ("staging/claim_mentions", "evidence_spans_slice_text"),
    ("staging/claim_mentions", SCHEMA_CHECK),
    ("staging/control_statements", "spans_slice_text"),
    ("facts/claims", "evidence_spans_slice_text"),
    ("facts/claims", SCHEMA_CHECK),
)


def _alter_an_old_row(raw, warehouse) -> tuple[str, dict]:
    """An old row altered behind the loads' back, without a new stamp; returns its id and the
    claims' load stamps."""
    with connect(warehouse, raw) as conn:
        old = conn.execute("SELECT article_id FROM raw.articles ORDER BY 1 LIMIT 1").fetchone()[0]
        conn.execute(
            "UPDATE raw.articles SET content_sha256 = 'altered' WHERE article_id = $id", {"id": old}
        )
        return old, dict(conn.execute("SELECT claim_id, loaded_at FROM facts.claims").fetchall())


def _add_a_bad_row(raw, warehouse, old: str) -> None:
    """A new row that breaks the rule, stamped as a load stamps it."""
    with connect(warehouse, raw) as conn:
        conn.execute(
            "INSERT INTO raw.articles SELECT * REPLACE ('art_0000000000000000' AS article_id, "
            "'new.md' AS source_file, $stamp AS ingested_at) "
            "FROM raw.articles WHERE article_id = $id",
            {"stamp": fresh_stamp(conn, "raw.articles", "ingested_at"), "id": old},
        )
        mark_changed(conn, "raw.articles")


def test_row_checks_read_the_rows_written_since_their_last_passing_verdict(feed):
    """After a passing verdict, a row-local check reads only rows stamped later: it catches a bad
    new row, does not re-read old ones, and after a failing verdict checks the whole table again.
    """
    raw, warehouse = feed
    # the altered old row is not read again by the next increments
    old, loaded = _alter_an_old_row(raw, warehouse)
    shutil.copy(DEV_CORPUS / "articles" / "defenceweb-2020-02-20-el-salini.md", raw / "added.md")
    added = run_pipeline(raw, warehouse)
    for asset, check in ROW_CHECKS:
        evaluation = _evaluation(added, asset, check)
        assert evaluation.passed and evaluation.metadata["rows_checked"].value.startswith(
            "stamped after"
        ), (asset, check)
    # the added article is another event: the facts already loaded were not written again
    with connect(warehouse, raw) as conn:
        now_loaded = dict(conn.execute("SELECT claim_id, loaded_at FROM facts.claims").fetchall())
    assert {c: now_loaded[c] for c in loaded} == loaded
    assert len(now_loaded) > len(loaded) and min(
        t for c, t in now_loaded.items() if c not in loaded
    ) > max(loaded.values())
    _add_a_bad_row(raw, warehouse, old)
    caught = _evaluation(run_pipeline(raw, warehouse), "raw/articles", "id_matches_content")
    assert not caught.passed and caught.metadata["offending_rows"].value == 1
    assert caught.metadata["sample"].value[0]["article_id"] == "art_0000000000000000"
    # the blocking failure was not published: the warehouse keeps its passing verdict, and the next
    # run catches the row again
    again = _evaluation(run_pipeline(raw, warehouse), "raw/articles", "id_matches_content")
    assert not again.passed and again.metadata["rows_checked"].value.startswith("stamped after")
    assert again.metadata["offending_rows"].value == 1
    # a failing verdict that was published (as a warning's is): the next load's check reads all rows
    with connect(warehouse, raw) as conn:
        conn.execute(
            "UPDATE ops.check_results SET passed = false WHERE check_name = 'id_matches_content'"
        )
        mark_changed(conn, "raw.articles")
    whole = _evaluation(run_pipeline(raw, warehouse), "raw/articles", "id_matches_content")
    assert whole.metadata["rows_checked"].value == "all"
    assert whole.metadata["offending_rows"].value == 2


def test_a_backfill_runs_every_check_over_every_row(feed):
    """An ordinary run keeps verdicts and reads new rows only; `--full` re-runs every check over
    whole tables.
    """
    raw, warehouse = feed
    shutil.copy(DEV_CORPUS / "articles" / "defenceweb-2020-02-20-el-salini.md", raw / "added.md")
    increment = run_pipeline(raw, warehouse).get_asset_check_evaluations()
    assert any("reused_from_run" in e.metadata for e in increment)
    assert any(
        e.metadata.get("rows_checked")
        and e.metadata["rows_checked"].value.startswith("stamped after")
        for e in increment
    )
    backfill = run_pipeline(raw, warehouse, full_refresh=True).get_asset_check_evaluations()
    assert len(backfill) == len(increment)
    for evaluation in backfill:
        assert evaluation.passed and evaluation.metadata["rows_checked"].value == "all", (
            evaluation.asset_key,
            evaluation.check_name,
        )
