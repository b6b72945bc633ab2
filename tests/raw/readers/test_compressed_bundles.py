"""Gzip-compressed JSONL bundles: read as the same bundle uncompressed, broken streams, new
readers."""

import datetime as dt
import gzip
import hashlib
import json

import pytest

from pipelines.raw.article_files import read_task, read_tasks
from pipelines.raw.readers.articles import read_article_file
from pipelines.raw.scan import InputFile
from pipelines.runner import run_pipeline
from tests.conftest import connect
from tests.raw.readers.files import _bundle_lines, _write


def _read_all(tasks):
    """Every task read as the workers read them: (article rows, quarantined rows, (last, hash) of
    each task).
    """
    rows, bad, ends = [], [], []
    for task in tasks:
        task_rows, task_bad, sha256 = read_task(task)
        rows, bad, ends = rows + task_rows, bad + task_bad, ends + [(task.last, sha256)]
    return rows, bad, ends


def _input(path):
    return InputFile(str(path), path.name, "article", path.stat().st_size, dt.datetime(2020, 1, 1))


@pytest.mark.parametrize("piece_bytes", [1, 700, 10**9])
def test_a_compressed_bundle_reads_as_the_same_bundle_uncompressed(
    tmp_path, monkeypatch, piece_bytes
):
    monkeypatch.setattr("pipelines.raw.read_tasks.BUNDLE_PIECE_BYTES", piece_bytes)
    data = "\n".join(_bundle_lines(200)).encode("utf-8")
    plain, packed = (
        _write(tmp_path, "b.jsonl", data),
        _write(tmp_path, "b.jsonl.gz", gzip.compress(data)),
    )
    whole, whole_bad, _ = read_article_file(plain, "b.jsonl.gz")
    rows, bad, ends = _read_all(read_tasks([_input(packed)], {}))
    assert [(r["source_record"], r["text"]) for r in rows] == [
        (r.source_record, r.text) for r in whole
    ]
    assert [(q["source_record"], q["reason"]) for q in bad] == [
        (q.source_record, q.reason) for q in whole_bad
    ]
    assert ends[-1] == (True, hashlib.sha256(packed.read_bytes()).hexdigest()) and not any(
        last for last, _ in ends[:-1]
    )
    assert len(ends) > 1 or piece_bytes > len(data)


def test_a_broken_compressed_bundle_keeps_the_lines_before_the_break(tmp_path, monkeypatch):
    monkeypatch.setattr("pipelines.raw.read_tasks.BUNDLE_PIECE_BYTES", 500)
    monkeypatch.setattr("pipelines.raw.readers.bundles.MAX_FILE_BYTES", 300)
    lines = _bundle_lines(200)
    # a line over the limit, skipped unread by the parent
    lines[10] = json.dumps({"text": "x" * 1000})
    packed = gzip.compress("\n".join(lines).encode("utf-8"))
    rows, bad, _ = _read_all(
        read_tasks([_input(_write(tmp_path, "b.jsonl.gz", packed[: len(packed) // 2]))], {})
    )
    assert len(rows) > 50 and [r["source_record"] for r in rows] == sorted(
        r["source_record"] for r in rows
    )
    assert (11, "JSONL line over size limit (300 bytes)") in [
        (q["source_record"], q["reason"]) for q in bad
    ]
    assert bad[-1]["source_record"] is None and bad[-1]["reason"].startswith(
        "unreadable file: broken gzip stream"
    )


def test_compressed_bundles_load_and_other_compressed_files_are_unsupported(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    _write(raw, "day.jsonl.gz", gzip.compress("\n".join(_bundle_lines(30)).encode("utf-8")))
    _write(raw, "notes.md.gz", gzip.compress(b"Ten soldiers were killed."))
    assert run_pipeline(raw, tmp_path / "w.duckdb").success
    with connect(tmp_path / "w.duckdb") as conn:
        files = {
            row[0]: row[1:]
            for row in conn.execute(
                "SELECT source_file, status, n_records, file_sha256 FROM raw.files"
            ).fetchall()
        }
        (articles,) = conn.execute(
            "SELECT count(*) FROM raw.articles WHERE source_file = 'day.jsonl.gz'"
        ).fetchone()
    assert (
        files["day.jsonl.gz"]
        == ("partial", articles, hashlib.sha256((raw / "day.jsonl.gz").read_bytes()).hexdigest())
        and articles > 20
    )
    assert files["notes.md.gz"][0] == "quarantined"


def test_a_file_of_a_type_a_reader_was_added_for_is_read_without_a_backfill(tmp_path, monkeypatch):
    """A compressed bundle quarantined as an unsupported type by an older version loads on the next
    run.
    """
    raw = tmp_path / "raw"
    raw.mkdir()
    _write(raw, "day.jsonl.gz", gzip.compress("\n".join(_bundle_lines(5)).encode("utf-8")))
    with monkeypatch.context() as older:
        for module in ("pipelines.raw.scan", "pipelines.raw.read_tasks"):
            older.setattr(f"{module}.COMPRESSED_BUNDLE_SUFFIX", ".not-supported-yet")
        assert run_pipeline(raw, tmp_path / "w.duckdb").success
    assert run_pipeline(raw, tmp_path / "w.duckdb").success
    with connect(tmp_path / "w.duckdb") as conn:
        assert conn.execute("SELECT input_kind, status FROM raw.files").fetchall() == [
            ("article", "loaded")
        ]
        assert conn.execute("SELECT count(*) FROM quarantine.files").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM raw.articles").fetchone()[0] > 0
