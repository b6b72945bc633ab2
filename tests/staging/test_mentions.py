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


def _sides(extractor: ArticleExtractor, text: str) -> list[tuple]:
    claims, _, _ = extractor({**ARTICLE, "text": text})
    return [
        (c["subject_side"], c["subject_actor"], c["claimant_side"], c["claimant_actor"])
        for c in claims
    ]


def test_a_states_forces_are_foreign_abroad_and_government_at_home_or_at_war():
    extractor = ArticleExtractor(Actors.load(), Gazetteer.load())
    said = "Four Turkish soldiers were killed in clashes in {}, the Turkish defence ministry said."
    abroad = _sides(extractor, said.format("Erbil, Iraq"))
    home = _sides(extractor, said.format("Hakkari, Turkey"))
    assert abroad == [("foreign", "Turkey", "foreign", "Turkey")]
    assert home == [("government", "Turkey", "government", "Turkey")]
    at_war = _sides(
        extractor, "Ten Russian soldiers were killed in Kharkiv, Ukraine, the Kremlin said."
    )
    assert at_war == [("government", "Russia", "government", "Russia")]
