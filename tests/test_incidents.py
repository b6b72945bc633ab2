"""Incidents: each dev article's events against its gold, merging across articles, and the estimate
rule.
"""

import datetime as dt
import json
import shutil

import duckdb
import frontmatter
import polars as pl

from pipelines.extract.actors import Actors
from pipelines.extract.claims import extract_claims
from pipelines.extract.document import Document
from pipelines.extract.incidents import ArticleEvents, describe_incidents
from pipelines.facts.incidents import update_incident_facts
from pipelines.reference.gazetteer import Gazetteer, name_keys
from pipelines.runner import run_pipeline
from pipelines.warehouse import ensure_schema, insert_frame, read_frame
from tests.conftest import DEV_CORPUS, claim_mention, connect

ACTORS, GAZETTEER = Actors.load(), Gazetteer.load()
NOT_PLACES = name_keys([*ACTORS.speaker_sides, *ACTORS.subject_sides])


def _described(path):
    post = frontmatter.load(path)
    return _events(post.content, post.get("published"), post.get("title"), post.get("outlet"))[1]


def _events(text, published, title=None, outlet="Wire"):
    """An article's claims, and the incidents it describes."""
    document = Document.parse(text, title)
    events = ArticleEvents.read(document, GAZETTEER, NOT_PLACES)
    claims = extract_claims(document, ACTORS, outlet, events.keys)
    keys = [(c.incident_key, c.span_end) for c in claims]
    return claims, describe_incidents("a", document, published, keys, ACTORS, GAZETTEER, events)


def test_dev_incidents_match_gold_place_date_and_perpetrator():
    for path in sorted((DEV_CORPUS / "articles").glob("*.md")):
        gold = json.loads((DEV_CORPUS / "gold" / f"{path.stem}.json").read_text())
        found = _described(path)
        assert len(found) == len(gold["incidents"]), path.name
        for mention in found:
            wanted = next(
                g
                for g in gold["incidents"]
                if (g.get("district") or g["province"])
                in (mention.place.admin2, mention.place.admin1, mention.place.place)
                or g["province"] == mention.place.admin1
                and g.get("district") is None
            )
            assert mention.place.country == wanted["country"], path.name
            assert mention.place.admin1 == wanted["province"], path.name
            assert mention.place.admin2 == wanted.get("district"), path.name
            assert mention.date_precision == wanted["date_precision"], path.name
            assert (
                str(mention.event_date)[: len(wanted["date"])] if mention.event_date else None
            ) == wanted["date"], path.name
            assert (mention.perpetrator or "").lower() == wanted["perpetrator"].lower(), path.name


def test_same_attack_from_two_outlets_is_one_incident(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(DEV_CORPUS / "articles" / "bbc-2017-07-26-kandahar.md", raw)
    (raw / "other-outlet.md").write_text(
        "---\ntitle: Base attacked in Kandahar\noutlet: Other Wire\npublished: 2017-07-27\n---\n"
        "Taliban militants attacked an army base in Khakrez district of Kandahar province late "
        "on Tuesday, "
        "killing 30 soldiers, a provincial official said.\n"
    )
    warehouse = tmp_path / "w.duckdb"
    assert run_pipeline(raw, warehouse).success
    with connect(warehouse, raw) as conn:
        linked = read_frame(
            conn,
            "SELECT i.incident_id, i.n_articles, i.killed_high, count(*) AS links FROM "
            "facts.incidents i "
            "JOIN facts.incident_articles USING (incident_id) WHERE admin2 = 'Khakrez' GROUP "
            "BY ALL",
        )
    assert linked.height == 1
    assert linked.row(0, named=True)["n_articles"] == 2 and linked.row(0, named=True)["links"] == 2


def _staged_incident(tmp_path, mentions: list[dict], claims: list[tuple]) -> dict:
    """facts.incidents' one row after staging `mentions` (all the same day's event) and `claims`
    (article, kind, subject side, value, claimant side, confirmed) in a fresh DuckDB file."""
    conn = duckdb.connect(str(tmp_path / "w.duckdb"))
    ensure_schema(conn)
    base = {
        "incident_key": "main",
        "event_date": dt.date(2021, 5, 3),
        "country": "Afghanistan",
        "admin1": "Kandahar",
        "admin2": None,
        "place": None,
        "place_resolved": True,
        "target": "army base",
        "perpetrator": None,
    }
    insert_frame(conn, "staging.incident_mentions", pl.DataFrame([{**base, **m} for m in mentions]))
    staged_claims = [
        claim_mention(
            claim_id=f"clm_{i}",
            article_id=article,
            claim_index=i,
            kind=kind,
            subject_side=subject,
            value=value,
            claimant_side=claimant,
            confirmed=confirmed,
        )
        for i, (article, kind, subject, value, claimant, confirmed) in enumerate(claims)
    ]
    insert_frame(conn, "staging.claim_mentions", pl.DataFrame(staged_claims))
    extracted = dt.datetime(2026, 1, 1)
    extractions = [
        {
            "article_id": m["article_id"],
            "extraction_key": "test",
            "n_claims": 0,
            "extracted_at": extracted,
        }
        for m in mentions
    ]
    insert_frame(conn, "staging.article_extractions", pl.DataFrame(extractions))
    update_incident_facts(conn, everything=False, chunk_size=100)
    rows = read_frame(conn, "SELECT * FROM facts.incidents").to_dicts()
    conn.close()
    assert len(rows) == 1
    return rows[0]


def test_estimates_prefer_independent_sources_and_add_up_sides(tmp_path):
    row = _staged_incident(
        tmp_path,
        [{"article_id": "a", "date_precision": "day"}],
        [
            ("a", "killed", "government", 26, "government", None),
            ("a", "killed", "government", 70, "insurgent", None),
            ("a", "killed", "government", 20, "local", None),
            ("a", "killed", "insurgent", 10, "unattributed", None),
            ("a", "wounded", "government", 13, "government", None),
            ("a", "captured", "government", 5, "insurgent", None),
        ],
    )
    # the local figure is the best though both belligerents' figures are higher
    assert (row["killed_low"], row["killed_best"], row["killed_high"]) == (
        20 + 10,
        20 + 10,
        70 + 10,
    )
    assert (row["wounded_low"], row["wounded_best"], row["wounded_high"]) == (13, 13, 13)
    assert (row["n_claims"], row["n_articles"], row["status"]) == (6, 1, "contested")


def test_best_is_the_lower_median_and_the_most_precise_report_describes_the_incident(tmp_path):
    """Four belligerent figures and no independent one: best is the lower median of all four. A
    day-dated report describes the incident over a week-dated one, and the perpetrator is the first
    named in that order.
    """
    row = _staged_incident(
        tmp_path,
        [
            {
                "article_id": "a",
                "date_precision": "week",
                "event_date": dt.date(2021, 5, 3),
                "place": "Maiwand",
                "perpetrator": "ISIS",
            },
            {"article_id": "b", "date_precision": "day", "event_date": dt.date(2021, 5, 4)},
            {
                "article_id": "c",
                "date_precision": "day",
                "event_date": dt.date(2021, 5, 4),
                "place": "Sangin",
                "perpetrator": "Taliban",
            },
        ],
        [
            ("a", "killed", "civilian", 9, "government", None),
            ("b", "killed", "civilian", 3, "insurgent", None),
            ("b", "killed", "civilian", 30, "government", True),
            ("c", "killed", "civilian", 12, "insurgent", None),
        ],
    )
    assert (row["killed_low"], row["killed_best"], row["killed_high"]) == (3, 9, 30)
    assert row["wounded_best"] is None
    assert (row["event_date"], row["date_precision"], row["place"]) == (
        dt.date(2021, 5, 4),
        "day",
        None,
    )
    assert (row["perpetrator"], row["n_articles"], row["status"]) == ("Taliban", 3, "confirmed")


def test_weekday_is_resolved_back_from_publication_and_no_day_is_invented():
    from pipelines.extract.incidents import _event_date

    friday = dt.date(2019, 8, 2)
    assert _event_date("in Friday's attack", friday) == (friday, "day")
    assert _event_date("on Tuesday", friday) == (dt.date(2019, 7, 30), "day")
    assert _event_date("the attack", friday) == (None, "unknown")
    assert _event_date("overnight", None) == (None, "unknown")
    assert _event_date("clashes last week", friday) == (dt.date(2019, 7, 22), "week")


def test_report_day_is_not_the_event_day_and_another_province_is_another_incident():
    text = (
        "Taliban insurgents killed 14 policemen in an attack on checkpoints in Kunduz "
        "province, officials said on Tuesday. "
        "The attack on Monday night lasted hours, a spokesman for the governor said.\n\n"
        "Meanwhile, in neighbouring Baghlan province, an airstrike killed 11 Taliban fighters, "
        "the defence ministry said.\n"
    )
    claims, events = _events(text, dt.date(2018, 6, 12))
    mentions = {m.incident_key: m for m in events}
    main = mentions.pop("main")
    assert (main.event_date, main.date_precision, main.place.admin1, main.target) == (
        dt.date(2018, 6, 11),
        "day",
        "Kunduz",
        "checkpoint",
    )
    (other,) = mentions.values()
    assert other.place.admin1 == "Baghlan"
    assert {c.incident_key for c in claims if c.value == 11} == {other.incident_key}


def test_a_claim_after_a_dateline_belongs_to_the_event_its_sentence_opens_with():
    """Claims and incidents key a sentence alike: after its dateline ("KABUL (Reuters) - Last month,
    ...").
    """
    text = (
        "KABUL (Reuters) - Last month, militants killed 12 soldiers in Kunduz province, "
        "officials said. "
        "On Tuesday, Taliban fighters killed 9 policemen at a checkpoint in Baghlan province, "
        "the interior ministry said.\n"
    )
    claims, events = _events(text, dt.date(2018, 6, 14))
    mentions = {m.incident_key: m for m in events}
    assert {c.value: c.incident_key for c in claims} == {12: "background:last month", 9: "main"}
    assert set(mentions) == {"main", "background:last month"}
    assert (mentions["background:last month"].place.admin1, mentions["main"].place.admin1) == (
        "Kunduz",
        "Baghlan",
    )


def test_a_week_precision_mention_joins_the_one_event_of_its_week_and_target_words_are_families():
    from pipelines.facts.clustering import cluster_mentions

    def mention(article, date, precision, target, admin2="Khakrez"):
        return {
            "article_id": article,
            "incident_key": "main",
            "event_date": date,
            "date_precision": precision,
            "country": "Afghanistan",
            "admin1": "Kandahar",
            "admin2": admin2,
            "place_resolved": True,
            "target": target,
        }

    tuesday = dt.date(2017, 7, 25)
    mentions = pl.DataFrame(
        [
            mention("a", tuesday, "day", "army base"),
            mention(
                "b", tuesday + dt.timedelta(days=1), "day", "military camp"
            ),  # a camp is a base
            mention("c", dt.date(2017, 7, 24), "week", "army camp"),  # "this week's attack"
            # the week before: another event
            mention("d", dt.date(2017, 7, 17), "week", "army base"),
            mention("e", tuesday, "day", "checkpoint"),  # another target type
        ]
    )
    bridge = cluster_mentions(mentions)
    incident = dict(bridge.select("article_id", "incident_id").iter_rows())
    assert incident["a"] == incident["b"] == incident["c"]
    assert len({incident["a"], incident["d"], incident["e"]}) == 3

    # the event may fall on any day of the week: "this week's attack" of Monday the 24th is
    # Thursday's
    thursday = pl.DataFrame(
        [
            mention("a", dt.date(2017, 7, 27), "day", "army base"),
            mention("c", dt.date(2017, 7, 24), "week", "army base"),
        ]
    )
    assert cluster_mentions(thursday)["incident_id"].n_unique() == 1


def test_a_mention_without_a_district_joins_one_with_only_when_their_dead_agree():
    from pipelines.facts.clustering import cluster_mentions

    def mention(article, admin2, dead):
        return {
            "article_id": article,
            "incident_key": "main",
            "event_date": dt.date(2017, 7, 25),
            "date_precision": "day",
            "country": "Afghanistan",
            "admin1": "Kandahar",
            "admin2": admin2,
            "place_resolved": True,
            "target": "checkpoint",
            "killed_low": dead[0] if dead else None,
            "killed_high": dead[-1] if dead else None,
        }

    def incidents(*mentions):
        bridge = cluster_mentions(pl.DataFrame(list(mentions)))
        return dict(bridge.select("article_id", "incident_id").iter_rows())

    district = mention("a", "Khakrez", (26, 70))  # the army says 26, the Taliban 70
    agreeing = incidents(district, mention("b", None, (30,)))
    assert agreeing["a"] == agreeing["b"]
    assert len(set(incidents(district, mention("b", None, (3,))).values())) == 2
    # no figure: nothing to disagree with; two mentions without a district: as before
    assert len(set(incidents(district, mention("b", None, None)).values())) == 1
    assert len(set(incidents(mention("a", None, (3,)), mention("b", None, (40,))).values())) == 1


def test_an_article_without_a_publication_date_dates_its_event_from_a_full_date_in_its_text():
    text = (
        "On 29 April 2021, rebels killed 40 soldiers in an ambush near a village in Tigray, the "
        "rebels said.\n"
    )
    _, events = _events(text, None)
    (main,) = events
    assert (main.event_date, main.date_precision) == (dt.date(2021, 4, 29), "day")
    assert (main.place.country_code, main.place.admin1) == ("ET", "Tigray")
    _, undated = _events("Rebels killed 40 soldiers in an ambush in Tigray.\n", None)
    assert (undated[0].event_date, undated[0].date_precision) == (None, "unknown")


def test_the_main_event_lies_where_a_later_sentence_says_when_its_lead_names_only_a_country():
    text = (
        "Boko Haram fighters raided a military base in northeast Nigeria on Friday, killing three "
        "soldiers, security sources said. "
        "The attack happened at a base in a village of Borno state.\n\n"
        "On Thursday, Nigeria's army said its troops killed 20 fighters.\n"
    )
    claims, events = _events(text, dt.date(2019, 2, 9))
    mentions = {m.incident_key: m for m in events}
    assert (mentions["main"].place.admin1, mentions["main"].place.precision) == (
        "Borno State",
        "admin1",
    )
    # told apart only by its day, and placed no more precisely than the country
    (other,) = (m for key, m in mentions.items() if key.startswith("day:"))
    assert other.place == mentions["main"].place
