"""Checks that join article text to spans, evaluated in parts so that they fit DuckDB's
memory cap.
"""

import datetime as dt

from pipelines import checks
from pipelines.checks import check_parts, table_checks
from tests.conftest import connect


def _check(table: str, name: str):
    return next(c for c in table_checks()[table] if c.name == name)


def test_span_checks_in_parts_find_each_bad_row_once(feed, monkeypatch):
    raw, path = feed
    with connect(path, raw) as conn:
        (text_bytes,) = conn.execute("SELECT sum(strlen(text)) FROM raw.articles").fetchone()
        # a cap whose half holds about a quarter of the articles' text: a check over every row takes
        # several parts
        monkeypatch.setattr(checks, "memory_cap_bytes", lambda _: text_bytes // 2)
        parts = check_parts(conn, None)
        assert parts >= 4 and check_parts(conn, dt.datetime(2020, 1, 1)) == 1
        # one claim of each article gets evidence its span does not slice
        spoiled = [
            row[0]
            for row in conn.execute(
                "SELECT min(claim_id) FROM facts.claims GROUP BY article_id ORDER BY 1"
            ).fetchall()
        ]
        assert len(spoiled) >= 3
        conn.execute(
            "UPDATE facts.claims SET evidence = 'x' WHERE claim_id IN (SELECT unnest($ids))",
            {"ids": spoiled},
        )
        conn.execute(
            "UPDATE staging.claim_mentions SET evidence = 'x' WHERE claim_id IN (SELECT "
            "unnest($ids))",
            {"ids": spoiled},
        )
        # a claim of no stored article
        conn.execute(
            "INSERT INTO staging.claim_mentions SELECT * REPLACE ('art_0000000000000000' AS "
            "article_id, 'clm_orphan' AS claim_id) "
            "FROM staging.claim_mentions LIMIT 1"
        )
        fact_rows = _check("facts.claims", "evidence_spans_slice_text").offending(conn)
        staged_rows = _check("staging.claim_mentions", "evidence_spans_slice_text").offending(conn)
        expected = conn.execute(
            "SELECT article_id, claim_index FROM staging.claim_mentions WHERE claim_id IN "
            "(SELECT unnest($ids))",
            {"ids": [*spoiled, "clm_orphan"]},
        ).fetchall()
    assert sorted(fact_rows["claim_id"]) == sorted(spoiled)
    # each once, though every part reads the claims
    assert sorted(staged_rows.select("article_id", "claim_index").iter_rows()) == sorted(expected)
