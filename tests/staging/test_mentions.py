"""Extraction of one article as the staging stage runs it: rows, or the reason there are none."""

import datetime as dt

from pipelines.extract.actors import Actors
from pipelines.reference.gazetteer import Gazetteer
from pipelines.staging.mentions import ArticleExtractor

ARTICLE = {
    "article_id": "art_x",
    "title": "Attack",
    "outlet": "Wire",
    "published": dt.date(2021, 3, 8),
    "text": "Militants killed 14 soldiers in Kandahar province, the defence ministry said. " * 400,
}


def test_an_article_past_its_time_budget_is_set_aside_with_the_reason(monkeypatch):
    extractor = ArticleExtractor(Actors.load(), Gazetteer.load())
    claims, _, _ = extractor.guarded(ARTICLE)
    assert [c["value"] for c in claims] == [14]
    monkeypatch.setattr("pipelines.staging.mentions.EXTRACTION_BUDGET_SECONDS", 0.001)
    assert extractor.guarded(ARTICLE) == "extraction budget exceeded (0.001 s)"
