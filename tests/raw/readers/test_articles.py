"""Article inputs: every layout read, every bad file quarantined with a reason."""

import codecs
import datetime as dt
import gzip
import hashlib
import json

import polars as pl
import pytest

from pipelines.raw.article_files import article_input_batches, read_task, read_tasks
from pipelines.raw.readers.articles import jsonl_pieces, read_article_file, read_jsonl_piece
from pipelines.raw.scan import InputFile
from pipelines.runner import run_pipeline
from tests.conftest import connect

FRONT = "---\ntitle: T\noutlet: O\npublished: 2020-01-02\nlanguage: en\n---\n"


def _warehouse(raw):
    """A warehouse beside the raw folder, not in it."""
    return connect(raw.with_name(raw.name + ".duckdb"))


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_front_matter_article(tmp_path):
    path = _write(tmp_path, "a.md", FRONT + "Ten soldiers were killed.\n")
    (record,), bad, _ = read_article_file(path, "a.md")
    assert bad == []
    assert (record.title, record.outlet, str(record.published)) == ("T", "O", "2020-01-02")
    assert record.text.strip() == "Ten soldiers were killed."
    assert record.article_id.startswith("art_")


def test_jsonl_bundle_keeps_good_lines_and_quarantines_bad_ones(tmp_path):
    lines = [
        json.dumps(
            {"url": "u1", "title": "A", "outlet": "O", "published": "2020-01-01", "text": "One."}
        ),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"title": "B", "published": "2020-02-30", "text": "Two."}),
    ]
    path = _write(tmp_path, "bundle.jsonl", "\n".join(lines))
    records, bad, _ = read_article_file(path, "bundle.jsonl")
    assert [r.title for r in records] == ["A"]
    assert [(q.source_record, q.reason.split(":")[0]) for q in bad] == [
        (2, "invalid JSON"),
        (3, "no article text"),
        (4, "impossible or unparseable published date"),
    ]


def test_html_page_main_text_is_extracted(tmp_path):
    body = (
        "<p>" + "Twelve soldiers were killed in an attack on a base, officials said. " * 5 + "</p>"
    )
    html = (
        f"<html><head><title>Attack</title></head><body><nav>Home | "
        f"World</nav><article>{body}</article></body></html>"
    )
    (record,), bad, _ = read_article_file(_write(tmp_path, "page.html", html), "page.html")
    assert (
        bad == []
        and "Twelve soldiers were killed" in record.text
        and "Home | World" not in record.text
    )


@pytest.mark.parametrize(
    ("head", "published"),
    [
        (
            '<meta property="article:published_time" content="2017-07-26T10:00:00Z">',
            "2017-07-26",
        ),  # the page's own date
        ("", None),  # no date of its own: none is taken from links or the copyright line
    ],
)
def test_an_html_page_is_dated_only_by_its_own_date(tmp_path, head, published):
    body = (
        "<p>" + "Twelve soldiers were killed in an attack on a base, officials said. " * 5 + "</p>"
    )
    links = " | ".join(f'<a href="/news/{i}">Story of March {i + 1}, 2016</a>' for i in range(20))
    html = (
        f"<html><head><title>Attack</title>{head}</head><body><nav>{links}</nav><article>{body}</article>"
        "<footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"
    )
    (record,), bad, _ = read_article_file(_write(tmp_path, "page.html", html), "page.html")
    assert bad == [] and (record.published and str(record.published)) == published


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"\x00\x01\x02\xff" * 100, "binary content"),
        ("---\ntitle: [unclosed\n---\nText.\n", "broken YAML front matter"),
        (
            FRONT.replace("2020-01-02", "2019-13-45") + "Text.\n",
            "impossible or unparseable published date",
        ),
    ],
)
def test_bad_files_are_quarantined_with_a_reason(tmp_path, data, reason):
    records, (bad,), _ = read_article_file(_write(tmp_path, "bad.md", data), "bad.md")
    assert records == [] and bad.reason.startswith(reason)


def test_other_encodings_are_decoded(tmp_path):
    text = FRONT + "Caf\u00e9 owners said five people were killed in K\u00e2bul.\n"
    for name, data in [
        ("latin1.md", text.encode("latin-1")),
        ("utf16.md", codecs.BOM_UTF16_LE + text.encode("utf-16-le")),
    ]:
        (record,), bad, _ = read_article_file(_write(tmp_path, name, data), name)
        assert bad == [] and "Caf\u00e9" in record.text


def test_file_over_size_limit_is_quarantined(tmp_path, monkeypatch):
    monkeypatch.setattr("pipelines.raw.readers.decode.MAX_FILE_BYTES", 100)
    records, (bad,), _ = read_article_file(_write(tmp_path, "big.md", FRONT + "x" * 500), "big.md")
    assert records == [] and bad.reason.startswith("file over size limit")


def test_duplicates_and_unsupported_files_are_accounted_for(tmp_path):
    _write(tmp_path, "a.md", FRONT + "Same text.\n")
    _write(tmp_path, "b.md", FRONT + "Same text.\n")
    _write(tmp_path, "notes.pdf", b"%PDF-1.4")
    _write(tmp_path, "empty.txt", b"")
    with _warehouse(tmp_path) as conn:
        (delta,) = article_input_batches(conn, tmp_path, "run-1")
    assert delta.articles["source_file"].to_list() == ["a.md"]
    assert delta.quarantined.select("source_file", "duplicate_of").rows() == [
        ("b.md", delta.articles["article_id"][0]),
        ("empty.txt", None),
    ]
    assert delta.unsupported["source_file"].to_list() == ["notes.pdf"]
    assert dict(delta.files.select("source_file", "status").rows()) == {
        "a.md": "loaded",
        "b.md": "duplicate",
        "empty.txt": "quarantined",
        "notes.pdf": "quarantined",
    }


def test_a_file_a_reader_fails_on_is_quarantined_with_the_error_and_the_run_goes_on(
    tmp_path, monkeypatch
):
    """Whatever a reader (YAML, trafilatura, our own code) raises on one file is that file's
    failure, not the run's.
    """
    import pipelines.raw.readers.articles

    front_matter = pipelines.raw.readers.articles._front_matter

    def failing_on_the_marker(source_file, text, encoding):
        if "Unreadable marker" in text:
            raise RuntimeError("boom")
        return front_matter(source_file, text, encoding)

    monkeypatch.setattr(pipelines.raw.readers.articles, "_front_matter", failing_on_the_marker)
    raw = tmp_path / "raw"
    raw.mkdir()
    _write(raw, "good.md", FRONT + "Ten soldiers were killed.\n")
    _write(raw, "odd.md", FRONT + "Unreadable marker.\n")
    assert run_pipeline(raw, tmp_path / "w.duckdb").success
    with connect(tmp_path / "w.duckdb") as conn:
        assert conn.execute("SELECT source_file, reason FROM quarantine.articles").fetchall() == [
            ("odd.md", "unreadable file: RuntimeError: boom")
        ]
        assert dict(conn.execute("SELECT source_file, status FROM raw.files").fetchall()) == {
            "good.md": "loaded",
            "odd.md": "quarantined",
        }


def test_batches_of_one_file_give_the_same_accounting(tmp_path, monkeypatch):
    """Duplicates are told apart across batches: a later batch finds the article an earlier one
    loaded.
    """
    import pipelines.raw.article_files

    monkeypatch.setattr(pipelines.raw.article_files, "ARTICLE_BATCH", 1)
    monkeypatch.setattr(
        "pipelines.raw.scan.SCAN_CHUNK", 2
    )  # the scan reaches DuckDB in several chunks too
    raw = tmp_path / "raw"
    raw.mkdir()
    _write(raw, "a.md", FRONT + "Same text.\n")
    _write(raw, "b.md", FRONT + "Same text.\n")
    _write(raw, "c.md", FRONT + "Other text.\n")
    _write(raw, "notes.pdf", b"%PDF-1.4")
    result = run_pipeline(raw, tmp_path / "w.duckdb")
    assert result.success
    with connect(tmp_path / "w.duckdb") as conn:
        files = dict(conn.execute("SELECT source_file, status FROM raw.files").fetchall())
        duplicates = conn.execute(
            "SELECT q.source_file, a.source_file FROM quarantine.articles q "
            "JOIN raw.articles a ON a.article_id = q.duplicate_of"
        ).fetchall()
        unsupported = conn.execute("SELECT source_file FROM quarantine.files").fetchall()
    assert files == {
        "a.md": "loaded",
        "b.md": "duplicate",
        "c.md": "loaded",
        "notes.pdf": "quarantined",
    }
    assert duplicates == [("b.md", "a.md")] and unsupported == [("notes.pdf",)]


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
    assert bad == [] and [(r.source_record, r.text) for r in records] == list(zip([1, 2, 3], texts))


def _bundle_lines(count):
    """A bundle's lines: articles of varied length, blank lines, broken and text-less lines, UTF-8
    and escaped non-ASCII.
    """
    lines = []
    for n in range(count):
        if n % 11 == 3:
            lines.append("")
        elif n % 13 == 5:
            lines.append("{broken")
        elif n % 17 == 7:
            lines.append(json.dumps({"title": "no text"}))
        else:
            text = f"Report {n}: {n % 40} soldiers were killed in K\u00e2bul\u2028." + " More." * (
                n % 29
            )
            lines.append(
                json.dumps(
                    {"title": f"t{n}", "published": "2020-01-02", "text": text},
                    ensure_ascii=n % 2 == 0,
                )
            )
    return lines


@pytest.mark.parametrize("piece_bytes", [1, 50, 700, 4096, 10**9])
def test_a_bundle_read_in_pieces_gives_what_reading_it_whole_gives(tmp_path, piece_bytes):
    path = _write(
        tmp_path, "b.jsonl", codecs.BOM_UTF8 + "\n".join(_bundle_lines(200)).encode("utf-8")
    )
    whole, whole_bad, sha256 = read_article_file(path, "b.jsonl")
    pieces, piece_sha256 = jsonl_pieces(path, path.stat().st_size, piece_bytes)
    assert piece_sha256 == sha256 and pieces[0][0] == 0 and pieces[-1][1] == path.stat().st_size
    assert all(end == next_start for (_, end, _), (next_start, _, _) in zip(pieces, pieces[1:]))
    records, bad = [], []
    for start, end, first_line in pieces:
        piece_records, piece_bad = read_jsonl_piece(path, "b.jsonl", start, end, first_line)
        records += piece_records
        bad += piece_bad
    assert records == whole and bad == whole_bad and len(whole) > 100 and len(whole_bad) > 20


def test_a_line_over_the_size_limit_is_quarantined_alone(tmp_path, monkeypatch):
    monkeypatch.setattr("pipelines.raw.readers.articles.MAX_FILE_BYTES", 200)
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
        "pipelines.raw.article_files",
        "pipelines.raw.readers.articles",
        "pipelines.raw.readers.decode",
    ):
        monkeypatch.setattr(f"{module}.MAX_FILE_BYTES", max_file_bytes)
    monkeypatch.setattr("pipelines.raw.article_files.BUNDLE_PIECE_BYTES", 1000)
    monkeypatch.setattr("pipelines.raw.article_files.BATCH_BYTES", 3000)
    monkeypatch.setattr(
        "pipelines.raw.article_files.ARTICLE_BYTES", 4
    )  # pieces weigh enough for the worker processes to read them


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
    _write(
        raw, "small.jsonl", lines[0] + "\n"
    )  # holds line 1's article too: the bundle comes first in path order
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
        bundle.write(
            lines[0][:30]
        )  # a writer at work since the scan: what it writes is for the next run
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
    assert (
        jsonl_pieces(path, size, 300, read_before=(old_bytes, "0" * 64)) is None
    )  # the old bytes changed
    mid_line = (old_bytes - 1, hashlib.sha256(path.read_bytes()[: old_bytes - 1]).hexdigest())
    assert (
        jsonl_pieces(path, size, 300, read_before=mid_line) is None
    )  # the last run read up to the middle of a line


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
    monkeypatch.setattr(
        "pipelines.raw.article_files.BUNDLE_PIECE_BYTES", piece_bytes
    )  # read in pieces, or whole, the first time
    raw, warehouse = tmp_path / "raw", tmp_path / "w.duckdb"
    raw.mkdir()
    lines = _bundle_lines(90)
    lines[70] = lines[1]  # an appended line repeats an old one
    bundle = _write(raw, "bundle.jsonl", "\n".join(lines[:50]) + "\n")
    _write(
        raw, "other.jsonl", lines[80] + "\n"
    )  # appended to the bundle later: the other file keeps its article
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
    bundle.write_text(
        "\n".join(lines[5:]) + "\n", encoding="utf-8"
    )  # rewritten, not appended: read again whole
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
    bundle = _write(
        raw, "b.jsonl", "\n".join([lines[1], lines[2], lines[4], lines[0]]) + "\n"
    )  # line 4 duplicates a.jsonl
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
    monkeypatch.setattr("pipelines.raw.article_files.BUNDLE_PIECE_BYTES", piece_bytes)
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
    monkeypatch.setattr("pipelines.raw.article_files.BUNDLE_PIECE_BYTES", 500)
    monkeypatch.setattr("pipelines.raw.readers.articles.MAX_FILE_BYTES", 300)
    lines = _bundle_lines(200)
    lines[10] = json.dumps(
        {"text": "x" * 1000}
    )  # a line over the limit, skipped unread by the parent
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
        for module in ("pipelines.raw.scan", "pipelines.raw.article_files"):
            older.setattr(f"{module}.COMPRESSED_BUNDLE_SUFFIX", ".not-supported-yet")
        assert run_pipeline(raw, tmp_path / "w.duckdb").success
    assert run_pipeline(raw, tmp_path / "w.duckdb").success
    with connect(tmp_path / "w.duckdb") as conn:
        assert conn.execute("SELECT input_kind, status FROM raw.files").fetchall() == [
            ("article", "loaded")
        ]
        assert conn.execute("SELECT count(*) FROM quarantine.files").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM raw.articles").fetchone()[0] > 0
