"""Article inputs: every layout read, every bad file quarantined with a reason."""

import codecs
import json

import pytest

from pipelines.raw.article_files import article_input_batches
from pipelines.raw.readers.articles import read_article_file
from pipelines.runner import run_pipeline
from tests.conftest import connect
from tests.raw.readers.files import _warehouse, _write

FRONT = "---\ntitle: T\noutlet: O\npublished: 2020-01-02\nlanguage: en\n---\n"


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
        (  # the page's own date
            '<meta property="article:published_time" content="2017-07-26T10:00:00Z">',
            "2017-07-26",
        ),
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
    # the scan reaches DuckDB in several chunks too
    monkeypatch.setattr("pipelines.raw.scan.SCAN_CHUNK", 2)
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
