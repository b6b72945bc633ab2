"""The staging stage: an article the extractor cannot read is quarantined and the run goes on;
pending articles are cut into bounded batches.
"""

import shutil

import duckdb

import pipelines.staging.mentions
from pipelines.runner import run_pipeline
from pipelines.staging.mentions import pending_article_batches
from pipelines.warehouse import ensure_schema
from tests.conftest import DEV_CORPUS, REPO, connect

FRONT = "---\ntitle: {title}\noutlet: Test Wire\npublished: 2020-03-02\n---\n"


def _feed(tmp_path, body):
    """The bundled inputs, one dev article, and one article of our own with the given body."""
    raw = tmp_path / "raw"
    shutil.copytree(REPO / "data" / "raw", raw)
    shutil.copy(DEV_CORPUS / "articles" / "defenceweb-2020-02-20-el-salini.md", raw / "dev.md")
    (raw / "odd.md").write_text(FRONT.format(title="Odd") + body, encoding="utf-8")
    return raw, tmp_path / "w.duckdb"


def _state(warehouse, raw):
    with connect(warehouse, raw) as conn:
        odd = conn.execute(
            "SELECT article_id FROM raw.articles WHERE source_file = 'odd.md'"
        ).fetchone()
        quarantined = conn.execute(
            "SELECT article_id, reason FROM quarantine.extractions"
        ).fetchall()
        extracted = {
            a
            for (a,) in conn.execute(
                "SELECT article_id FROM staging.article_extractions"
            ).fetchall()
        }
        (claims,) = conn.execute("SELECT count(*) FROM facts.claims").fetchone()
    return (odd[0] if odd else None), quarantined, extracted, claims


def test_an_article_whose_extraction_raises_is_quarantined_and_leaves_with_its_file(
    tmp_path, monkeypatch
):
    raw, warehouse = _feed(
        tmp_path,
        "Officials said 12 soldiers were killed in Kunduz province on Monday. Unreadable marker.\n",
    )
    extract_claims = pipelines.staging.mentions.extract_claims

    def failing_on_the_marker(document, actors, outlet=None, events=None):
        if "Unreadable marker" in document.text:
            raise RuntimeError("boom")
        return extract_claims(document, actors, outlet, events)

    monkeypatch.setattr(pipelines.staging.mentions, "extract_claims", failing_on_the_marker)
    result = run_pipeline(raw, warehouse)
    assert result.success and all(
        e.passed for e in result.get_asset_check_evaluations() if e.check_name != "raw_inputs_fresh"
    )
    odd, quarantined, extracted, claims = _state(warehouse, raw)
    assert quarantined == [(odd, "extraction failed: RuntimeError: boom")]
    with connect(warehouse, raw) as conn:
        articles = {a for (a,) in conn.execute("SELECT article_id FROM raw.articles").fetchall()}
    # the other articles went through
    assert extracted == articles - {odd} and len(extracted) >= 2 and claims > 0
    (raw / "odd.md").unlink()
    assert run_pipeline(raw, warehouse).success
    assert _state(warehouse, raw)[1] == []


def test_an_article_whose_rows_do_not_fit_the_schema_is_quarantined_and_read_again_once_they_do(
    tmp_path, monkeypatch
):
    raw, warehouse = _feed(
        tmp_path,
        "Officials said 99999999999999999999999 soldiers and 12 policemen were killed in "
        "Kunduz province.\n",
    )
    # let a count past BIGINT through to the rows
    monkeypatch.setattr("pipelines.extract.numbers.MAX_COUNT", 10**30)
    assert run_pipeline(raw, warehouse).success
    odd, quarantined, extracted, claims = _state(warehouse, raw)
    assert [article for article, _ in quarantined] == [odd] and odd not in extracted
    assert quarantined[0][1].startswith("rows do not fit the warehouse schema: ")
    monkeypatch.undo()
    assert run_pipeline(raw, warehouse).success
    odd, quarantined, extracted, more_claims = _state(warehouse, raw)
    # the policemen; the absurd count is no claim
    assert quarantined == [] and odd in extracted and more_claims == claims + 1


def _warehouse_of_articles(
    tmp_path, lengths: list[int], extracted: dict[int, str]
) -> duckdb.DuckDBPyConnection:
    """A real warehouse holding articles of these text lengths, some already extracted with the
    given keys.
    """
    conn = duckdb.connect(str(tmp_path / "w.duckdb"))
    ensure_schema(conn)
    conn.executemany(
        "INSERT INTO raw.articles (article_id, source_file, text, content_sha256, "
        "source_encoding, ingested_at) "
        "VALUES (?, 'feed.jsonl', ?, '', 'utf-8', now())",
        [(f"art_{i:02d}", "x" * n) for i, n in enumerate(lengths)],
    )
    conn.executemany(
        "INSERT INTO staging.article_extractions (article_id, extraction_key, n_claims, "
        "extracted_at) VALUES (?, ?, 0, now())",
        [(f"art_{i:02d}", key) for i, key in extracted.items()],
    )
    conn.execute(
        "INSERT INTO quarantine.extractions VALUES ('art_06', 'extraction failed: "
        "RuntimeError', now(), 'an earlier run')"
    )
    return conn


def _lengths(batch):
    return list(zip(batch["article_id"], batch["text"].str.len_bytes(), strict=True))


def test_pending_articles_are_cut_into_batches_of_at_most_so_many_articles_and_so_much_text(
    tmp_path,
):
    lengths = [10, 10, 10, 10, 10, 95, 10, 250, 10, 10, 40, 40, 40, 10]
    conn = _warehouse_of_articles(tmp_path, lengths, {1: "current", 4: "an older extractor"})
    batches_read = list(pending_article_batches(conn, "current", False, batch=3, batch_bytes=100))
    batches = [_lengths(b) for b in batches_read]
    read = [article for batch in batches for article, _ in batch]
    # each pending article once; the one read with the current key is not
    assert read == [f"art_{i:02d}" for i in range(len(lengths)) if i != 1]
    for batch in batches:
        assert 1 <= len(batch) <= 3  # at most `batch` articles
        # and the text before its last article is under `batch_bytes`
        assert sum(n for _, n in batch[:-1]) < 100
    # cut by count and by bytes
    assert any(len(batch) == 3 for batch in batches) and any(
        len(batch) < 3 for batch in batches[:-1]
    )
    # only the article read before (with an older key) and the one that failed before may have
    # staged rows to replace
    assert [article for b in batches_read for article in b.filter("staged")["article_id"]] == [
        "art_04",
        "art_06",
    ]
    assert conn.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'pending_articles'"
    ).fetchone() == (0,)


def test_a_backfill_batches_every_article(tmp_path):
    conn = _warehouse_of_articles(tmp_path, [10] * 7, {i: "current" for i in range(7)})
    batches = [
        list(b["article_id"])
        for b in pending_article_batches(conn, "current", True, batch=3, batch_bytes=100)
    ]
    assert batches == [["art_00", "art_01", "art_02"], ["art_03", "art_04", "art_05"], ["art_06"]]


def test_a_batch_whose_rows_moved_after_the_cut_is_read_whole(tmp_path):
    conn = _warehouse_of_articles(tmp_path, [10] * 7, {6: "an older extractor"})
    batches = pending_article_batches(conn, "current", False, batch=3, batch_bytes=100)
    assert list(next(batches)["article_id"]) == ["art_00", "art_01", "art_02"]
    # art_04 is stored again at the table's end, as when a checkpoint compacts a table and renumbers
    # its rows
    conn.execute("CREATE TEMP TABLE moved AS FROM raw.articles WHERE article_id = 'art_04'")
    conn.execute("DELETE FROM raw.articles WHERE article_id = 'art_04'")
    conn.execute("INSERT INTO raw.articles FROM moved")
    assert [list(b["article_id"]) for b in batches] == [["art_03", "art_04", "art_05"], ["art_06"]]
