"""JSONL bundles, plain and compressed: read in pieces, grown, and accounted for line by line."""

import codecs
import hashlib
import json

import polars as pl
import pytest

from pipelines.raw.article_files import article_input_batches
from pipelines.raw.readers.articles import read_article_file
from pipelines.raw.readers.bundles import jsonl_pieces, read_jsonl_piece
from pipelines.runner import run_pipeline
from tests.conftest import connect
from tests.raw.readers.files import _bundle_lines, _warehouse, _write


def test_jsonl_lines_end_only_at_newlines(tmp_path):
    """JSON strings may hold U+2028, U+0085 or a form feed unescaped: they are not line ends, and
    line numbers count "\\n".
    """
    texts = ["Ten soldiers\u2028were killed.", "Five\u0085civilians died.", "Page\x0cbreak."]
    data = (
        "\r\n".join(
            json.dumps({"title": str(n), "text": t}, ensure_ascii=False)
            for n, t in enumerate(texts)
        )
        + "\r\n"
    )
    records, bad, _ = read_article_file(_write(tmp_path, "b.jsonl", data), "b.jsonl")
    assert bad == [] and [(r.source_record, r.text) for r in records] == list(
        zip([1, 2, 3], texts, strict=False)
    )


@pytest.mark.parametrize("piece_bytes", [1, 50, 700, 4096, 10**9])
def test_a_bundle_read_in_pieces_gives_what_reading_it_whole_gives(tmp_path, piece_bytes):
    path = _write(
        tmp_path, "b.jsonl", codecs.BOM_UTF8 + "\n".join(_bundle_lines(200)).encode("utf-8")
    )
    whole, whole_bad, sha256 = read_article_file(path, "b.jsonl")
    pieces, piece_sha256 = jsonl_pieces(path, path.stat().st_size, piece_bytes)
    assert piece_sha256 == sha256 and pieces[0][0] == 0 and pieces[-1][1] == path.stat().st_size
    assert all(
        end == next_start
        for (_, end, _), (next_start, _, _) in zip(pieces, pieces[1:], strict=False)
    )
    records, bad = [], []
    for start, end, first_line in pieces:
        piece_records, piece_bad = read_jsonl_piece(path, "b.jsonl", start, end, first_line)
        records += piece_records
        bad += piece_bad
    assert records == whole and bad == whole_bad and len(whole) > 100 and len(whole_bad) > 20


def test_a_line_over_the_size_limit_is_quarantined_alone(tmp_path, monkeypatch):
    monkeypatch.setattr("pipelines.raw.readers.bundles.MAX_FILE_BYTES", 200)
    lines = [
        json.dumps({"text": "One."}),
        json.dumps({"text": "x" * 5000}),
        json.dumps({"text": "Three."}),
    ]
    path = _write(tmp_path, "b.jsonl", "\n".join(lines))
    records, bad = read_jsonl_piece(path, "b.jsonl", 0, path.stat().st_size, 1)
    assert [(r.source_record, r.text) for r in records] == [(1, "One."), (3, "Three.")]
    assert [(q.source_record, q.reason) for q in bad] == [
        (2, "JSONL line over size limit (200 bytes)")
    ]


def test_a_utf16_bundle_is_not_cut_into_pieces(tmp_path):
    path = _write(
        tmp_path, "b.jsonl", codecs.BOM_UTF16_LE + "\n".join(_bundle_lines(20)).encode("utf-16-le")
    )
    assert jsonl_pieces(path, path.stat().st_size, 10) is None


def _small_pieces(monkeypatch, max_file_bytes):
    """Limits small enough for a test bundle: reading it whole would quarantine it, and its pieces
    fill several batches.
    """
    for module in (
        "pipelines.raw.read_tasks",
        "pipelines.raw.readers.articles",
        "pipelines.raw.readers.bundles",
        "pipelines.raw.readers.decode",
    ):
        monkeypatch.setattr(f"{module}.MAX_FILE_BYTES", max_file_bytes)
    monkeypatch.setattr("pipelines.raw.read_tasks.BUNDLE_PIECE_BYTES", 1000)
    monkeypatch.setattr("pipelines.raw.article_files.BATCH_BYTES", 3000)
    # pieces weigh enough for the worker processes to read them
    monkeypatch.setattr("pipelines.raw.read_tasks.ARTICLE_BYTES", 4)


def test_a_bundle_over_the_file_limit_is_read_a_few_pieces_a_batch(tmp_path, monkeypatch):
    _small_pieces(monkeypatch, 4000)
    lines = _bundle_lines(300)
    _write(tmp_path, "bundle.jsonl", "\n".join(lines))
    with _warehouse(tmp_path) as conn:
        deltas = list(article_input_batches(conn, tmp_path, "run-1"))
    batch_bytes = [d.articles["text"].str.len_bytes().sum() for d in deltas]
    assert len(deltas) > 5 and max(batch_bytes) <= 3000 + 1000
    files = pl.concat([d.files for d in deltas])
    assert files.select("source_file", "status", "n_records").rows() == [
        ("bundle.jsonl", "partial", sum(d.articles.height for d in deltas))
    ]
    assert (
        files["file_sha256"][0]
        == hashlib.sha256((tmp_path / "bundle.jsonl").read_bytes()).hexdigest()
    )
    lines_read = sorted(
        pl.concat(
            [d.articles["source_record"] for d in deltas]
            + [d.quarantined["source_record"] for d in deltas]
        )
    )
    assert lines_read == [n for n, line in enumerate(lines, start=1) if line]


def test_a_bundle_read_in_pieces_is_accounted_for_line_by_line_in_a_run(tmp_path, monkeypatch):
    _small_pieces(monkeypatch, 4000)
    raw = tmp_path / "raw"
    raw.mkdir()
    lines = _bundle_lines(300)
    lines[250] = lines[1]  # the same article twice, pieces and batches apart
    _write(raw, "bundle.jsonl", "\n".join(lines))
    # holds line 1's article too: the bundle comes first in path order
    _write(raw, "small.jsonl", lines[0] + "\n")
    _write(raw, "blank.jsonl", "\n" * 5000)
    assert run_pipeline(raw, tmp_path / "w.duckdb").success
    with connect(tmp_path / "w.duckdb") as conn:
        files = {
            row[0]: row[1:]
            for row in conn.execute(
                "SELECT source_file, status, n_records, n_quarantined FROM raw.files"
            ).fetchall()
        }
        (articles,) = conn.execute(
            "SELECT count(*) FROM raw.articles WHERE source_file = 'bundle.jsonl'"
        ).fetchone()
        quarantined = conn.execute(
            "SELECT source_file, source_record, reason FROM quarantine.articles ORDER BY ALL"
        ).fetchall()
    duplicates = [row for row in quarantined if row[2].startswith("duplicate")]
    assert duplicates == [
        ("bundle.jsonl", 251, "duplicate content of bundle.jsonl line 2"),
        ("small.jsonl", 1, "duplicate content of bundle.jsonl line 1"),
    ]
    bad_lines = [
        n
        for n, line in enumerate(lines, start=1)
        if line and ("broken" in line or "no text" in line)
    ]
    assert [
        row[1]
        for row in quarantined
        if row[0] == "bundle.jsonl" and not row[2].startswith("duplicate")
    ] == bad_lines
    assert files == {
        "bundle.jsonl": ("partial", articles, len(bad_lines) + 1),
        "small.jsonl": ("duplicate", 0, 1),
        "blank.jsonl": ("quarantined", 0, 1),
    }
    assert ("blank.jsonl", None, "empty file") in quarantined


def test_only_what_was_appended_to_a_bundle_is_cut_into_pieces(tmp_path):
    lines = _bundle_lines(60)
    path = _write(tmp_path, "b.jsonl", "\n".join(lines[:40]) + "\n")
    old_bytes, old_sha256 = path.stat().st_size, hashlib.sha256(path.read_bytes()).hexdigest()
    with path.open("a", encoding="utf-8") as bundle:
        bundle.write("\n".join(lines[40:]) + "\n")
    size = path.stat().st_size
    with path.open("a", encoding="utf-8") as bundle:
        # a writer at work since the scan: what it writes is for the next run
        bundle.write(lines[0][:30])
    pieces, sha256 = jsonl_pieces(path, size, 300, read_before=(old_bytes, old_sha256))
    assert sha256 == hashlib.sha256(path.read_bytes()[:size]).hexdigest()
    assert pieces[0][0] == old_bytes and pieces[0][2] == 41 and pieces[-1][1] == size
    records = [
        r
        for start, end, first in pieces
        for r in read_jsonl_piece(path, "b.jsonl", start, end, first)[0]
    ]
    whole, _, _ = read_article_file(path, "b.jsonl")
    assert records == [r for r in whole if r.source_record > 40]
    # the old bytes changed
    assert jsonl_pieces(path, size, 300, read_before=(old_bytes, "0" * 64)) is None
    mid_line = (old_bytes - 1, hashlib.sha256(path.read_bytes()[: old_bytes - 1]).hexdigest())
    # the last run read up to the middle of a line
    assert jsonl_pieces(path, size, 300, read_before=mid_line) is None


def _raw_state(warehouse):
    with connect(warehouse) as conn:
        return {
            table: conn.execute(query).fetchall()
            for table, query in {
                "articles": "SELECT article_id, source_file, source_record FROM raw.articles "
                "ORDER BY ALL",
                "quarantined": "SELECT source_file, source_record, reason, duplicate_of FROM "
                "quarantine.articles ORDER BY ALL",
                "files": "SELECT source_file, status, n_records, n_quarantined, file_sha256, "
                "bytes FROM raw.files ORDER BY ALL",
            }.items()
        }


@pytest.mark.parametrize("piece_bytes", [500, 10**9])
def test_a_grown_bundle_is_read_from_where_the_last_run_stopped_and_ends_as_a_fresh_build(
    tmp_path, monkeypatch, piece_bytes
):
    # read in pieces, or whole, the first time
    monkeypatch.setattr("pipelines.raw.read_tasks.BUNDLE_PIECE_BYTES", piece_bytes)
    raw, warehouse = tmp_path / "raw", tmp_path / "w.duckdb"
    raw.mkdir()
    lines = _bundle_lines(90)
    lines[70] = lines[1]  # an appended line repeats an old one
    bundle = _write(raw, "bundle.jsonl", "\n".join(lines[:50]) + "\n")
    # appended to the bundle later: the other file keeps its article
    _write(raw, "other.jsonl", lines[80] + "\n")
    assert run_pipeline(raw, warehouse).success
    with connect(warehouse) as conn:
        first_stamps = conn.execute(
            "SELECT source_record, ingested_at FROM raw.articles WHERE source_file = "
            "'bundle.jsonl' ORDER BY 1"
        ).fetchall()
    for appended in (lines[50:75], lines[75:]):
        with bundle.open("a", encoding="utf-8") as stream:
            stream.write("\n".join(appended) + "\n")
        assert run_pipeline(raw, warehouse).success
        fresh = tmp_path / f"fresh{len(appended)}.duckdb"
        assert run_pipeline(raw, fresh).success
        assert _raw_state(warehouse) == _raw_state(fresh)
    with connect(warehouse) as conn:
        stamps = conn.execute(
            "SELECT source_record, ingested_at FROM raw.articles WHERE source_file = "
            "'bundle.jsonl' AND source_record <= 50 ORDER BY 1"
        ).fetchall()
    assert stamps == first_stamps  # the old lines were not read again
    # rewritten, not appended: read again whole
    bundle.write_text("\n".join(lines[5:]) + "\n", encoding="utf-8")
    assert (
        run_pipeline(raw, warehouse).success
        and run_pipeline(raw, tmp_path / "fresh.duckdb").success
    )
    assert _raw_state(warehouse) == _raw_state(tmp_path / "fresh.duckdb")


def test_every_line_of_a_bundle_read_in_pieces_is_accounted_for(tmp_path):
    """A line is an article, a quarantined line with its reason, or blank: bytes that decode to
    nothing are not blank.
    """
    data = b'{"text": "One."}\n{"text": "Caf\xe9"}\n\x00{}\n \r\n{"text": "Two."}\n\xff\xfe'
    path = _write(tmp_path, "b.jsonl", data)
    records, bad = read_jsonl_piece(path, "b.jsonl", 0, len(data), 1)
    assert [(r.source_record, r.text) for r in records] == [
        (1, "One."),
        (2, "Caf\u00e9"),
        (5, "Two."),
    ]
    assert [(q.source_record, q.reason) for q in bad] == [
        (3, "binary content (NUL bytes) in a text input"),
        (6, "undecodable line"),
    ]


def test_a_grown_bundle_that_duplicated_a_changed_file_is_read_again_whole(tmp_path):
    """The file whose article a bundle line duplicated changes as the bundle grows: that line takes
    the article over.
    """
    raw, warehouse = tmp_path / "raw", tmp_path / "w.duckdb"
    raw.mkdir()
    lines = _bundle_lines(10)
    _write(raw, "a.jsonl", lines[0] + "\n")
    # line 4 duplicates a.jsonl
    bundle = _write(raw, "b.jsonl", "\n".join([lines[1], lines[2], lines[4], lines[0]]) + "\n")
    assert run_pipeline(raw, warehouse).success
    _write(raw, "a.jsonl", lines[6] + "\n")
    with bundle.open("a", encoding="utf-8") as stream:
        stream.write(lines[8] + "\n")
    assert (
        run_pipeline(raw, warehouse).success
        and run_pipeline(raw, tmp_path / "fresh.duckdb").success
    )
    state = _raw_state(warehouse)
    assert state == _raw_state(tmp_path / "fresh.duckdb")
    assert ("b.jsonl", 4) in [(source_file, record) for _, source_file, record in state["articles"]]
