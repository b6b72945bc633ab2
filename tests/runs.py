"""Helpers of the incremental-run tests: a run materialized in process, the state it left."""

from pipelines.runner import run_pipeline
from pipelines.warehouse import read_frame
from tests.conftest import connect


def _materialize(raw, warehouse, full=False):
    result = run_pipeline(raw, warehouse, full_refresh=full)
    assert result.success
    return {
        e.asset_key.to_user_string(): e.materialization.metadata
        for e in result.get_asset_materialization_events()
    }


def _state(raw, warehouse):
    with connect(warehouse, raw) as conn:
        return {
            "extracted": dict(
                conn.execute(
                    "SELECT article_id, extracted_at FROM staging.article_extractions"
                ).fetchall()
            ),
            "articles": dict(
                conn.execute("SELECT source_file, article_id FROM raw.articles").fetchall()
            ),
            "claims": read_frame(
                conn,
                "SELECT c.*, a.source_file FROM facts.claims c JOIN raw.articles a USING "
                "(article_id)",
            ),
            "files": dict(conn.execute("SELECT source_file, status FROM raw.files").fetchall()),
            "staged": conn.execute(
                "SELECT count(DISTINCT article_id) FROM staging.claim_mentions"
            ).fetchone()[0],
        }


def _value(metadata, key):
    return metadata[key].value
