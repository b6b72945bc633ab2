"""Extraction of one article as the staging stage runs it: rows, or the reason there are none."""

import datetime as dt

from pipelines.staging.mentions import ArticleExtractor

ARTICLE = {
    "article_id": "art_x",
    "title": "Attack",
    "outlet": "Wire",
    "published": dt.date(2021, 3, 8),
    "language": "en",
    "text": "Militants killed 14 soldiers in Kandahar province, the defence ministry said. " * 400,
}


def test_an_article_past_its_time_budget_is_set_aside_with_the_reason(monkeypatch):
    extractor = ArticleExtractor.load()
    claims, _, _, _ = extractor.guarded(ARTICLE)
    assert [c["value"] for c in claims] == [14]
    monkeypatch.setattr("pipelines.staging.mentions.EXTRACTION_BUDGET_SECONDS", 0.001)
    assert extractor.guarded(ARTICLE) == "extraction budget exceeded (0.001 s)"


def _sides(extractor: ArticleExtractor, text: str) -> list[tuple]:
    claims, _, _, _ = extractor({**ARTICLE, "text": text})
    return [
        (c["subject_side"], c["subject_actor"], c["claimant_side"], c["claimant_actor"])
        for c in claims
    ]


def test_a_states_forces_are_foreign_abroad_and_government_at_home_or_at_war():
    extractor = ArticleExtractor.load()
    said = "Four Turkish soldiers were killed in clashes in {}, the Turkish defence ministry said."
    abroad = _sides(extractor, said.format("Erbil, Iraq"))
    home = _sides(extractor, said.format("Hakkari, Turkey"))
    assert abroad == [("foreign", "Turkey", "foreign", "Turkey")]
    assert home == [("government", "Turkey", "government", "Turkey")]
    at_war = _sides(
        extractor, "Ten Russian soldiers were killed in Kharkiv, Ukraine, the Kremlin said."
    )
    assert at_war == [("government", "Russia", "government", "Russia")]


def test_an_article_in_another_language_is_kept_and_not_read():
    text = "Bei einem Anschlag wurden nach Angaben der Armee 10 Soldaten getötet [10]."
    claims, incidents, statements, assessment = ArticleExtractor.load()(
        {**ARTICLE, "text": text, "language": "de"}
    )
    assert (claims, incidents, statements) == ([], [], [])
    assert (
        assessment["relevance"] == "other_language"
        and "language de" in (assessment["relevance_evidence"])
    )


def test_news_of_no_armed_violence_yields_no_incident_and_no_claim():
    text = (
        "Twelve passengers died when a coach left a mountain road on Sunday, police said. "
        "It took 10 workers 10 days to clear the road."
    )
    claims, incidents, _, assessment = ArticleExtractor.load()({**ARTICLE, "text": text})
    assert (claims, incidents, assessment["relevance"]) == ([], [], "not_conflict")


def test_a_count_of_other_harm_in_a_war_report_is_not_a_claim():
    text = (
        "Militants killed 14 soldiers in an ambush in Kandahar province, the defence ministry "
        "said.\n\nSeparately, 9 people died in a bus crash on the highway, police said."
    )
    claims, incidents, _, assessment = ArticleExtractor.load()({**ARTICLE, "text": text})
    assert assessment["relevance"] == "conflict_event" and incidents
    assert [c["value"] for c in claims] == [14]


def test_a_text_too_short_to_tell_its_language_is_read_as_english():
    text = "Taliban kill 10 soldiers in Kandahar ambush."
    claims, _, _, assessment = ArticleExtractor.load()({**ARTICLE, "text": text, "language": "und"})
    assert [c["value"] for c in claims] == [10] and assessment["relevance"] == "conflict_event"
