"""Incremental runs: a run costs what is new; changed, deleted and duplicated files are handled by
policy.
"""

import json
import os
import random
import shutil

from pipelines.runner import run_pipeline
from pipelines.warehouse import read_frame
from tests.conftest import FEED_ARTICLES, REPO, connect
from tests.runs import _materialize, _state, _value


def test_nothing_new_reads_nothing_and_changes_nothing(feed):
    raw, warehouse = feed
    before = _state(raw, warehouse)
    events = _materialize(raw, warehouse)
    assert _value(events["raw/articles"], "files_read") == 0
    assert _value(events["staging/claim_mentions"], "articles_read") == 0
    assert _value(events["staging/claim_mentions"], "skipped") == "raw articles unchanged"
    assert _value(events["facts/claims"], "skipped") == "staged mentions unchanged"
    after = _state(raw, warehouse)
    assert after["extracted"] == before["extracted"]
    assert after["claims"].equals(before["claims"])


def test_changed_file_replaces_its_rows_only(feed):
    raw, warehouse = feed
    before = _state(raw, warehouse)
    path = raw / "cna-2017-10-19-kandahar-base.md"
    path.write_text(path.read_text().replace("At least ten Taliban", "At least eleven Taliban"))
    events = _materialize(raw, warehouse)
    assert _value(events["raw/articles"], "files_read") == 1
    assert _value(events["staging/claim_mentions"], "articles_read") == 1
    after = _state(raw, warehouse)
    cna = after["claims"].filter(after["claims"]["source_file"] == path.name)
    assert 11 in cna["value"].to_list() and 10 not in cna["value"].to_list()
    unchanged = [before["articles"][name] for name in FEED_ARTICLES if name != path.name]
    assert all(after["extracted"][a] == before["extracted"][a] for a in unchanged)
    assert before["articles"][path.name] not in after["extracted"]


def _share_article(path, share: int) -> None:
    path.write_text(
        f"---\ntitle: District control\noutlet: Wire C\npublished: 2019-05-02\n---\n"
        f"The government controls about {share} percent of Afghanistan's districts, the U.S. "
        f"watchdog SIGAR said.\n"
    )


def test_control_shares_compare_only_articles_extracted_or_gone_since_their_last_load(feed):
    raw, warehouse = feed
    _share_article(raw / "share-a.md", 54)
    _share_article(raw / "share-b.md", 56)
    events = _materialize(raw, warehouse)
    # the two new articles, not the feed
    assert _value(events["facts/control_shares"], "articles_compared") == 2
    # a changed article is a new one, and its old content is gone
    _share_article(raw / "share-a.md", 55)
    (raw / "share-b.md").unlink()
    events = _materialize(raw, warehouse)
    assert _value(events["facts/control_shares"], "articles_compared") == 3
    with connect(warehouse, raw) as conn:
        stated = conn.execute(
            "SELECT a.source_file, s.share FROM facts.control_shares s JOIN raw.articles a "
            "USING (article_id) "
            "WHERE a.source_file LIKE 'share-%'"
        ).fetchall()
    assert stated == [("share-a.md", 0.55)]


def test_deleted_file_rows_are_removed_and_recorded(feed):
    raw, warehouse = feed
    before = _state(raw, warehouse)
    (raw / "islandpacket-2019-08-02-day-kundi.md").unlink()
    _materialize(raw, warehouse)
    after = _state(raw, warehouse)
    gone = before["articles"]["islandpacket-2019-08-02-day-kundi.md"]
    assert gone not in after["extracted"] and gone not in after["articles"].values()
    assert after["files"]["islandpacket-2019-08-02-day-kundi.md"] == "deleted"
    assert "islandpacket-2019-08-02-day-kundi.md" not in after["claims"]["source_file"].to_list()
    assert after["staged"] == before["staged"] - 1


def test_duplicate_takes_over_when_the_original_goes(feed):
    raw, warehouse = feed
    shutil.copy(raw / "bbc-2017-07-26-kandahar.md", raw / "zz-bbc-copy.md")
    _materialize(raw, warehouse)
    assert _state(raw, warehouse)["files"]["zz-bbc-copy.md"] == "duplicate"
    (raw / "bbc-2017-07-26-kandahar.md").unlink()
    _materialize(raw, warehouse)
    after = _state(raw, warehouse)
    assert after["files"]["zz-bbc-copy.md"] == "loaded"
    assert "zz-bbc-copy.md" in after["articles"]
    assert (after["claims"]["source_file"] == "zz-bbc-copy.md").sum() > 0


def test_full_refresh_re_extracts_everything(feed):
    raw, warehouse = feed
    before = _state(raw, warehouse)
    events = _materialize(raw, warehouse, full=True)
    assert _value(events["staging/claim_mentions"], "articles_read") == len(FEED_ARTICLES)
    after = _state(raw, warehouse)
    assert all(after["extracted"][a] > before["extracted"][a] for a in before["extracted"])
    assert after["claims"].equals(before["claims"])


def _staged_rows(raw, warehouse):
    with connect(warehouse, raw) as conn:
        return {
            table: read_frame(conn, f"SELECT * EXCLUDE (extracted_at) FROM {table} ORDER BY ALL")
            if table.endswith("extractions")
            else read_frame(conn, f"SELECT * FROM {table} ORDER BY ALL")
            for table in (
                "staging.claim_mentions",
                "staging.incident_mentions",
                "staging.control_statements",
                "staging.article_extractions",
            )
        }


def test_a_new_extractor_version_re_extracts_every_article_in_place(feed, monkeypatch):
    """Not a backfill: the articles read with another key are read again, and their staged rows
    replaced, none left twice.
    """
    raw, warehouse = feed
    import pipelines.staging.mentions

    before, claims = _staged_rows(raw, warehouse), _state(raw, warehouse)["claims"]
    monkeypatch.setattr(
        pipelines.staging.mentions,
        "EXTRACTOR_VERSION",
        pipelines.staging.mentions.EXTRACTOR_VERSION + "-next",
    )
    events = _materialize(raw, warehouse)
    assert _value(events["staging/claim_mentions"], "articles_read") == len(FEED_ARTICLES)
    after = _staged_rows(raw, warehouse)
    assert after["staging.article_extractions"]["extraction_key"].str.contains("-next").all()
    for table in (
        "staging.claim_mentions",
        "staging.incident_mentions",
        "staging.control_statements",
    ):
        assert after[table].height == before[table].height > 0 and after[table].equals(
            before[table]
        ), table
    assert _state(raw, warehouse)["claims"].drop("loaded_at").equals(claims.drop("loaded_at"))


def test_watchdog_and_reference_loads_skip_unchanged_inputs(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(REPO / "data" / "raw" / "watchdog", raw / "watchdog")
    warehouse = tmp_path / "w.duckdb"
    _materialize(raw, warehouse)
    events = _materialize(raw, warehouse)
    for asset in (
        "raw/watchdog_rows",
        "staging/watchdog_figures",
        "facts/control_shares",
        "reference/actors",
        "reference/gazetteer",
    ):
        assert "skipped" in events[asset], asset
    with connect(warehouse, raw) as conn:
        rows_before = conn.execute("SELECT count(*) FROM raw.watchdog_rows").fetchone()[0]
    table = next((raw / "watchdog").glob("*.csv"))
    lines = table.read_text().splitlines(keepends=True)
    table.write_text("".join(lines[:-1]))  # the last row of a table withdrawn
    events = _materialize(raw, warehouse)
    for asset in ("raw/watchdog_rows", "staging/watchdog_figures", "facts/control_shares"):
        assert "skipped" not in events[asset], asset
    with connect(warehouse, raw) as conn:
        assert (
            conn.execute("SELECT count(*) FROM raw.watchdog_rows").fetchone()[0] == rows_before - 1
        )
        stale = conn.execute(
            "SELECT count(*) FROM staging.watchdog_figures f ANTI JOIN raw.watchdog_rows r "
            "USING (source_file, source_row)"
        ).fetchone()[0]
    assert stale == 0  # the withdrawn row's figures left with it


def test_batches_of_one_article_build_the_same_warehouse(feed, tmp_path, monkeypatch):
    raw, warehouse = feed
    import pipelines.raw.article_files
    import pipelines.staging.mentions

    monkeypatch.setattr(pipelines.raw.article_files, "ARTICLE_BATCH", 1)
    monkeypatch.setattr(pipelines.staging.mentions, "ARTICLE_BATCH", 1)
    batched = tmp_path / "batched.duckdb"
    events = _materialize(raw, batched)
    assert _value(events["staging/claim_mentions"], "articles_read") == len(FEED_ARTICLES)
    one, other = _state(raw, warehouse), _state(raw, batched)
    assert other["files"] == one["files"] and other["articles"] == one["articles"]
    assert (
        other["claims"]
        .drop("loaded_at")
        .sort("claim_id")
        .equals(one["claims"].drop("loaded_at").sort("claim_id"))
    )


REPORTS = {
    "wire-a.md": (
        "Base attacked in Kandahar",
        "Wire A",
        "2017-07-27",
        "Taliban militants attacked an army base in Khakrez district of Kandahar province late "
        "on Tuesday, "
        "killing 30 soldiers, a provincial official said.",
    ),
    "wire-b.md": (
        "Kandahar camp assault",
        "Wire B",
        "2017-07-28",
        "Insurgents overran a military camp in Khakrez district of Kandahar province on "
        "Tuesday night. "
        "The Taliban said they killed 70 soldiers.",
    ),
    "wire-c.md": (
        "Week in review",
        "Wire C",
        "2017-07-29",
        "This week's attack on an army camp in Khakrez district of Kandahar province killed at "
        "least 26 soldiers, "
        "the defence ministry said.",
    ),
}


REPORTS["wire-d.md"] = (
    "Checkpoint attacked",
    "Wire D",
    "2017-09-05",  # the same province, five weeks later
    "Taliban militants attacked a police checkpoint in Arghandab district of Kandahar province "
    "on Monday, "
    "killing 4 policemen, officials said.",
)


def _write_report(raw, name, figure=None):
    title, outlet, published, text = REPORTS[name]
    if figure is not None:
        text = text.replace("30 soldiers", f"{figure} soldiers")
    (raw / name).write_text(
        f"---\ntitle: {title}\noutlet: {outlet}\npublished: {published}\n---\n{text}\n"
    )


def _facts(warehouse, raw):
    with connect(warehouse, raw) as conn:
        # when each row was loaded differs between the two builds; what it holds must not
        return {
            table: read_frame(conn, f"SELECT * FROM {table} ORDER BY ALL").drop(
                "loaded_at", strict=False
            )
            for table in ("facts.incidents", "facts.incident_articles", "facts.claims")
        }


def test_incremental_clustering_builds_what_a_fresh_build_does(feed, tmp_path, monkeypatch):
    """After each added, changed and deleted report, the incrementally kept facts equal a fresh
    build's, even with one mention per chunk; and a run with one new article re-clusters only its
    block, and in the block only the stretch of time its event can reach.
    """
    import pipelines.facts.incidents

    raw, kept = feed
    monkeypatch.setattr(pipelines.facts.incidents, "ARTICLE_BATCH", 1)

    steps = [
        lambda: _write_report(raw, "wire-a.md"),
        lambda: _write_report(raw, "wire-b.md"),
        lambda: _write_report(raw, "wire-c.md"),
        lambda: _write_report(raw, "wire-a.md", figure=31),
        lambda: (raw / "bbc-2017-07-26-kandahar.md").unlink(),
        lambda: (raw / "wire-b.md").unlink(),
        lambda: _write_report(raw, "wire-d.md"),
    ]
    largest = 0
    for number, step in enumerate(steps):
        step()
        events = _materialize(raw, kept)
        fresh = tmp_path / f"fresh-{number}.duckdb"
        _materialize(raw, fresh)
        incremental, whole = _facts(kept, raw), _facts(fresh, raw)
        for table in whole:
            assert incremental[table].equals(whole[table]), (number, table)
        largest = max(largest, whole["facts.incidents"]["n_articles"].max())
        # one new article: only its own block (Kandahar) is clustered again, not Day Kundi's
        if number == 0:
            clustered = _value(events["facts/incidents"], "mentions_clustered")
            assert 0 < clustered < whole["facts.incident_articles"].height
        # a later event in the same province: only its own mentions are clustered again
        if number == len(steps) - 1:
            with connect(fresh, raw) as conn:
                (own,) = conn.execute(
                    "SELECT count(*) FROM staging.incident_mentions m JOIN raw.articles a "
                    "USING (article_id) "
                    "WHERE a.source_file = 'wire-d.md'"
                ).fetchone()
            assert _value(events["facts/incidents"], "mentions_clustered") == own
    assert largest >= 3  # the reports did merge with the original into one incident


def _raw_accounting(warehouse):
    """What the raw stage holds, owner-blind (which of two equal files owns an article is policy):
    articles, lines, files.
    """
    with connect(warehouse) as conn:
        return tuple(
            sorted(conn.execute(query).fetchall())
            for query in (
                "SELECT article_id FROM raw.articles",
                "SELECT source_file, source_record FROM raw.articles UNION ALL SELECT "
                "source_file, source_record FROM quarantine.articles",
                "SELECT source_file, file_sha256, bytes, n_records + n_quarantined FROM "
                "raw.files WHERE status <> 'deleted'",
            )
        )


def _random_change(rng, raw, lines):
    """Add, rewrite, delete, touch or copy a Markdown file or a JSONL bundle, or append lines to a
    bundle.
    """
    files = sorted(raw.iterdir())
    change = (
        rng.choice(["add", "add", "append", "append", "rewrite", "delete", "touch", "copy"])
        if files
        else "add"
    )
    bundles = [path for path in files if path.suffix == ".jsonl"]
    target = rng.choice(files) if files else None
    if change == "add" and rng.random() < 0.3:
        (raw / f"a{rng.randint(0, 999)}.md").write_text(
            "---\ntitle: x\n---\n" + json.loads(rng.choice(lines))["text"] + "\n"
        )
    elif change == "add":
        (raw / f"b{rng.randint(0, 999)}.jsonl").write_text(
            "\n".join(rng.choice(lines) for _ in range(rng.randint(1, 6))) + "\n"
        )
    elif change == "append" and bundles:
        with rng.choice(bundles).open("a") as bundle:
            bundle.write("\n".join(rng.choice(lines) for _ in range(rng.randint(1, 4))) + "\n")
    elif change == "rewrite":
        target.write_text(
            rng.choice(lines) + "\n"
            if target.suffix == ".jsonl"
            else "---\ntitle: y\n---\nRewritten: three died.\n"
        )
    elif change == "delete":
        target.unlink()
    elif change == "touch":
        os.utime(target, ns=(target.stat().st_atime_ns, target.stat().st_mtime_ns + 10**9))
    elif change == "copy":
        shutil.copy(target, raw / f"c{rng.randint(0, 999)}{target.suffix}")
    return change


def test_random_file_changes_leave_the_raw_stage_as_a_fresh_build_would(tmp_path):
    """Rounds of random changes (appends to bundles among them), each followed by a run whose checks
    must pass.
    """
    rng = random.Random(7)
    raw, warehouse = tmp_path / "raw", tmp_path / "w.duckdb"
    raw.mkdir()
    texts = [
        f"Report {n}: {n % 30} soldiers were killed in Kandahar on Monday, officials said."
        for n in range(30)
    ]
    lines = [
        json.dumps({"title": "t", "published": "2020-01-02", "text": text}) for text in texts
    ] + ["{broken", ""]
    for round_number in range(6):
        changes = [_random_change(rng, raw, lines) for _ in range(rng.randint(1, 3))]
        fresh = tmp_path / f"fresh{round_number}.duckdb"
        assert run_pipeline(raw, warehouse).success and run_pipeline(raw, fresh).success, changes
        assert _raw_accounting(warehouse) == _raw_accounting(fresh), changes
