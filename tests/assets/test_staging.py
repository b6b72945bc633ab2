"""The staging stage on real runs: an article the extractor cannot read is quarantined, and the run goes on."""

import shutil

import pipelines.loaders
from pipelines.cli import run_pipeline
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
        odd = conn.execute("SELECT article_id FROM raw.articles WHERE source_file = 'odd.md'").fetchone()
        quarantined = conn.execute("SELECT article_id, reason FROM quarantine.extractions").fetchall()
        extracted = {a for (a,) in conn.execute("SELECT article_id FROM staging.article_extractions").fetchall()}
        (claims,) = conn.execute("SELECT count(*) FROM facts.claims").fetchone()
    return (odd[0] if odd else None), quarantined, extracted, claims


def test_an_article_whose_extraction_raises_is_quarantined_and_leaves_with_its_file(tmp_path, monkeypatch):
    raw, warehouse = _feed(tmp_path, "Officials said 12 soldiers were killed in Kunduz province on Monday. Unreadable marker.\n")
    extract_claims = pipelines.loaders.extract_claims

    def failing_on_the_marker(document, actors, outlet=None):
        if "Unreadable marker" in document.text:
            raise RuntimeError("boom")
        return extract_claims(document, actors, outlet)

    monkeypatch.setattr(pipelines.loaders, "extract_claims", failing_on_the_marker)
    result = run_pipeline(raw, warehouse)
    assert result.success and all(e.passed for e in result.get_asset_check_evaluations() if e.check_name != "raw_inputs_fresh")
    odd, quarantined, extracted, claims = _state(warehouse, raw)
    assert quarantined == [(odd, "extraction failed: RuntimeError: boom")]
    with connect(warehouse, raw) as conn:
        articles = {a for (a,) in conn.execute("SELECT article_id FROM raw.articles").fetchall()}
    assert extracted == articles - {odd} and len(extracted) >= 2 and claims > 0  # the other articles went through
    (raw / "odd.md").unlink()
    assert run_pipeline(raw, warehouse).success
    assert _state(warehouse, raw)[1] == []


def test_an_article_whose_rows_do_not_fit_the_schema_is_quarantined_and_read_again_once_they_do(tmp_path, monkeypatch):
    raw, warehouse = _feed(tmp_path, "Officials said 99999999999999999999999 soldiers and 12 policemen were killed in Kunduz province.\n")
    monkeypatch.setattr("pipelines.extract.numbers.MAX_COUNT", 10**30)  # let a count past BIGINT through to the rows
    assert run_pipeline(raw, warehouse).success
    odd, quarantined, extracted, claims = _state(warehouse, raw)
    assert [article for article, _ in quarantined] == [odd] and odd not in extracted
    assert quarantined[0][1].startswith("rows do not fit the warehouse schema: ")
    monkeypatch.undo()
    assert run_pipeline(raw, warehouse).success
    odd, quarantined, extracted, more_claims = _state(warehouse, raw)
    assert quarantined == [] and odd in extracted and more_claims == claims + 1  # the policemen; the absurd count is no claim
