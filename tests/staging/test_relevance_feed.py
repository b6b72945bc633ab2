"""A feed as a crawler brings it: general web pages (English, German, French; written for these
tests in tests/feeds/general_web) mixed with the real conflict articles of the shared corpora,
through a real run. Printed: articles, incidents and claims per relevance class.
"""

from __future__ import annotations

import json
import shutil

import polars as pl
import pytest

from pipelines.runner import run_pipeline
from tests.conftest import DEV_CORPUS, REPO, WIDE_CORPUS, connect

GENERAL_WEB = REPO / "tests" / "feeds" / "general_web"


@pytest.fixture(scope="module")
def mixed_feed(tmp_path_factory):
    base = tmp_path_factory.mktemp("mixed")
    raw = base / "raw"
    shutil.copytree(GENERAL_WEB, raw / "web")
    for corpus in (DEV_CORPUS, WIDE_CORPUS):
        shutil.copytree(corpus / "articles", raw / corpus.name)
    warehouse = base / "w.duckdb"
    assert run_pipeline(raw, warehouse).success
    with connect(warehouse) as conn:
        rows = conn.execute(
            "SELECT split_part(source_file, '/', 1) AS feed, source_file, language, "
            "language_source, relevance, n_claims, n_incidents FROM views.article_relevance"
        ).pl()
    print(
        rows.group_by("feed", "relevance")
        .agg(
            articles=pl.len(),
            claims=pl.col("n_claims").sum(),
            incidents=pl.col("n_incidents").sum(),
        )
        .sort("feed", "relevance")
    )
    return rows


def test_every_page_has_a_language_and_only_english_is_read(mixed_feed):
    assert mixed_feed["language"].null_count() == 0
    foreign = mixed_feed.filter(mixed_feed["language"] != "en")
    assert set(foreign["language"]) == {"de", "fr"}
    assert foreign["n_claims"].sum() == 0 and foreign["n_incidents"].sum() == 0
    assert set(foreign["relevance"]) == {"other_language"}
    # the pages' lang attribute and the corpora's front matter say it; one page says nothing
    sources = dict(mixed_feed.group_by("language_source").len().iter_rows())
    assert sources == {"given": mixed_feed.height - 1, "detected": 1}


def test_general_pages_yield_no_claim_and_at_most_one_in_twenty_an_incident(mixed_feed):
    web = mixed_feed.filter(mixed_feed["feed"] == "web")
    assert web.height == len(list(GENERAL_WEB.iterdir()))
    assert web["n_claims"].sum() == 0
    assert (web["n_incidents"] > 0).sum() <= 0.05 * web.height


def test_no_conflict_article_with_gold_claims_or_incidents_is_gated_out(mixed_feed):
    for corpus in (DEV_CORPUS, WIDE_CORPUS):
        for gold_file in (corpus / "gold").glob("*.json"):
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            if not (gold.get("claims") or gold.get("incidents")):
                continue
            row = mixed_feed.filter(mixed_feed["source_file"] == f"{corpus.name}/{gold['article']}")
            assert row["relevance"].to_list() == ["conflict_event"], gold["article"]
