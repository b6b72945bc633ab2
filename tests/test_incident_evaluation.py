"""`contested eval` scores incidents through the claims both sides hold: country, subdivision, and
whether two claims share an incident exactly when the gold says so."""

from pipelines.incident_evaluation import IncidentJudge, IncidentScore
from pipelines.reference.gazetteer import Gazetteer

JUDGE = IncidentJudge(Gazetteer.load())


def _found(incident_id, value, country, code, admin1):
    return {
        "incident_id": incident_id,
        "value": value,
        "incident_country": country,
        "incident_country_code": code,
        "incident_admin1": admin1,
    }


def test_places_are_compared_by_what_they_name_and_pairs_by_the_incidents_they_share():
    gold_incidents = [
        {"key": "a", "country": "Palestine (Gaza Strip)", "province": "Khan Younis"},
        {"key": "b", "country": "DR Congo", "province": "North Kivu; Ituri"},
    ]
    matched = [
        ({"incident": key, "value": value}, _found("i1", value, "Palestine", "PS", "Khan Yunis"))
        for key, value in (("a", 4), ("a", 9), ("b", 12))
    ]
    score = IncidentScore()
    JUDGE.score("x.md", gold_incidents, matched, score)
    # incident b's one claim sits in the warehouse's incident of Khan Yunis: wrong country, province
    assert (score.country.right, score.country.total) == (1, 2)
    assert (score.admin1.right, score.admin1.total) == (1, 2)
    # 4 and 9 share an incident in both; 12 shares one with them in the warehouse only
    assert (score.pairs.right, score.pairs.total) == (1, 3)
    merged = score.merged(score)
    assert (merged.pairs.right, merged.pairs.total) == (2, 6)
    assert "country right 1 of 2 (0.50)" in score.render()
