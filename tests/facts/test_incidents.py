"""Incremental incident facts against fresh builds, on random staged mentions in a real
DuckDB file.
"""

import datetime as dt
import random
from dataclasses import dataclass

import duckdb
import polars as pl
import pytest

from pipelines.facts import incidents as incident_facts
from pipelines.facts.incidents import update_incident_facts
from pipelines.warehouse import ensure_schema, insert_frame, now, read_frame
from tests.conftest import claim_mention

FACT_TABLES = ("facts.incidents", "facts.incident_articles", "facts.claims")
START = dt.date(2021, 5, 1)


@dataclass(frozen=True)
class Province:
    """Where and when random articles' events fall, and how many articles are there before the first
    change.
    """

    days: list[int]
    provinces: list[str]
    districts: list[str | None]
    targets: list[str]
    first_articles: int = 0


PLACES = {
    "provinces": ["Kandahar", "Helmand"],
    "districts": [None, None, "Khakrez", "Arghandab"],
    "targets": ["army base", "military camp", "army base", "police checkpoint"],
}
PROVINCES = {
    "quiet": Province([0, 0, 1, 2, 10, 11, 30], **PLACES),  # a few clusters over a month
    # reports every day: islands span the whole history
    "busy": Province(list(range(60)), **PLACES, first_articles=600),
    # every report could be the same event as the day before's: a change shifts how all later days
    # cluster
    "chained": Province(list(range(90)), ["Kandahar"], [None], ["army base"], first_articles=70),
}


def _article(
    rng: random.Random, article_id: str, province: Province
) -> tuple[list[dict], list[dict]]:
    """The staged mentions and claims of one random article: a few places and dates of `province`,
    some week-dated.
    """
    mentions, claims = [], []
    for key in rng.sample(
        ["main", "background:in april", "period:so far this year"], rng.randint(1, 2)
    ):
        precision = rng.choice(["day", "day", "day", "week", "month", "unknown"])
        resolved = rng.random() < 0.85
        mentions.append(
            {
                "article_id": article_id,
                "incident_key": key,
                "date_precision": precision,
                "event_date": None
                if precision == "unknown"
                else START + dt.timedelta(days=rng.choice(province.days)),
                "country": "Afghanistan",
                "admin1": rng.choice(province.provinces) if resolved else None,
                "admin2": rng.choice(province.districts),
                "place": None,
                "place_resolved": resolved,
                "target": rng.choice(province.targets),
                "perpetrator": None,
            }
        )
        for index in range(rng.randint(0, 2)):
            claims.append(
                claim_mention(
                    claim_id=f"clm_{article_id}_{key}_{index}",
                    article_id=article_id,
                    claim_index=len(claims),
                    incident_key=key,
                    kind=rng.choice(["killed", "wounded"]),
                    subject_side=rng.choice(["government", "civilian"]),
                    value=rng.randint(1, 40),
                    claimant_side=rng.choice(["government", "insurgent", "media"]),
                )
            )
    return mentions, claims


def _article_to(action: str, rng: random.Random, step: int, staged: dict) -> str:
    """The article a random change acts on: a new one to add, or one of the staged ones."""
    return f"art_{step}_{rng.randint(0, 10**6)}" if action == "add" else rng.choice(sorted(staged))


def _stage(
    conn: duckdb.DuckDBPyConnection, staged: dict[str, tuple[list[dict], list[dict], dt.datetime]]
) -> None:
    """Make the staging tables hold exactly `staged`: (mentions, claims, extraction time) by
    article.
    """
    for table in (
        "staging.incident_mentions",
        "staging.claim_mentions",
        "staging.article_extractions",
    ):
        conn.execute(f"DELETE FROM {table}")
    mentions = [m for ms, _, _ in staged.values() for m in ms]
    claims = [c for _, cs, _ in staged.values() for c in cs]
    insert_frame(conn, "staging.incident_mentions", pl.DataFrame(mentions))
    if claims:
        insert_frame(conn, "staging.claim_mentions", pl.DataFrame(claims))
    extractions = [
        {"article_id": a, "extraction_key": "test", "n_claims": len(cs), "extracted_at": at}
        for a, (_, cs, at) in staged.items()
    ]
    insert_frame(conn, "staging.article_extractions", pl.DataFrame(extractions))


def _facts(conn: duckdb.DuckDBPyConnection) -> dict[str, pl.DataFrame]:
    return {
        t: read_frame(conn, f"SELECT * FROM {t} ORDER BY ALL").drop("loaded_at", strict=False)
        for t in FACT_TABLES
    }


def _update(
    conn: duckdb.DuckDBPyConnection, everything: bool = False, chunk_size: int = 1000
) -> dict[str, int]:
    """Bring the facts up to date with what is staged, in a transaction (as the facts asset does;
    the claims merge commits its parts).
    """
    conn.execute("BEGIN")
    written = update_incident_facts(conn, everything=everything, chunk_size=chunk_size)
    conn.execute("COMMIT")
    return written


def _fresh_facts(
    path, staged: dict[str, tuple[list[dict], list[dict], dt.datetime]]
) -> dict[str, pl.DataFrame]:
    """The facts a new warehouse at `path` builds from `staged` in one go."""
    fresh = duckdb.connect(str(path))
    ensure_schema(fresh)
    _stage(fresh, staged)
    _update(fresh, everything=True)
    facts = _facts(fresh)
    fresh.close()
    return facts


@pytest.mark.parametrize("name", PROVINCES)
def test_incremental_incident_facts_equal_a_fresh_build_after_random_changes(tmp_path, name):
    """In a busy province the islands span the whole history: re-clustering a window of it must come
    out as clustering it all.
    """
    province = PROVINCES[name]
    rng = random.Random(20211)
    kept = duckdb.connect(str(tmp_path / "kept.duckdb"))
    ensure_schema(kept)
    staged: dict[str, tuple[list[dict], list[dict], dt.datetime]] = {}
    for index in range(province.first_articles):
        staged[f"art_first_{index}"] = (*_article(rng, f"art_first_{index}", province), now())
    largest, windowed = 0, 0
    for step in range(25):
        # new articles, changed articles (new rows under the same id), deleted articles
        for _ in range(rng.randint(1, 4)):
            action = rng.choice(["add", "add", "change", "delete"]) if staged else "add"
            article_id = _article_to(action, rng, step, staged)
            if action == "delete":
                del staged[article_id]
            else:  # a changed article is extracted anew: new rows, a new extraction time
                staged[article_id] = (*_article(rng, article_id, province), now())
        _stage(kept, staged)
        written = _update(kept, chunk_size=rng.choice([1, 3, 1000]))
        windowed += (
            step > 0
            and written["mentions_clustered"] < sum(len(ms) for ms, _, _ in staged.values()) / 2
        )
        incremental, whole = _facts(kept), _fresh_facts(tmp_path / f"fresh-{step}.duckdb", staged)
        for table in FACT_TABLES:
            assert incremental[table].equals(whole[table]), (step, table)
        largest = max(largest, whole["facts.incidents"]["n_articles"].max() or 0)
    assert largest >= 3  # reports did merge into shared incidents
    if name == "busy":
        assert windowed >= 10  # most runs clustered a window, not the province's whole history


def _base_attack(
    article_id: str, day: int, precision: str = "day", target: str = "army base"
) -> dict:
    return {
        "article_id": article_id,
        "incident_key": "main",
        "date_precision": precision,
        "event_date": START + dt.timedelta(days=day),
        "country": "Afghanistan",
        "admin1": "Kandahar",
        "admin2": None,
        "place": None,
        "place_resolved": True,
        "target": target,
        "perpetrator": None,
    }


# (mentions before, the report added, articles that must end in one incident, articles that must
# each be alone), in a province whose daily checkpoint attacks make it one island, so that the
# report is clustered again in a window
WINDOW_EDGES = {
    # the week of day 12 held one base attack (day 18); a report of day 17 opens it a day earlier:
    # the week mention joins it too, though the window's first changed day comes after the week
    # mention's own day
    "week mention before the window": (
        [("base_18", 18, "day"), ("week_12", 12, "week")],
        ("base_17", 17),
        ["week_12", "base_17", "base_18"],
        [],
    ),
    # the week of day 19 holds two base attacks (days 20 and 24); a report of day 19 changes who
    # opens the first one and settles by day 21: the attack of day 24, after that, still makes the
    # week mention's event ambiguous
    "event after the settled day": (
        [("base_20", 20, "day"), ("base_24", 24, "day"), ("week_19", 19, "week")],
        ("base_19", 19),
        ["base_19", "base_20"],
        ["week_19", "base_24"],
    ),
    # a base attack reported every day from day 20 pairs the days (20 with 21, 22 with 23...); a
    # report of day 19 pairs them the other way up to the last, so the clustering must not stop
    # where the change itself ends
    "a chain of daily reports": (
        [(f"base_{day}", day, "day") for day in range(20, 45)],
        ("base_19", 19),
        ["base_39", "base_40"],
        ["base_38"],
    ),
}


@pytest.mark.parametrize("case", WINDOW_EDGES)
def test_reports_at_the_edges_of_a_window_cluster_as_a_fresh_build_does(tmp_path, case):
    """A new report can change which event a week mention joins, days before it or after the
    clustering settles, and how every later day pairs.
    """
    before, (added, added_day), together, alone = WINDOW_EDGES[case]
    staged = {
        f"checkpoint_{day}": (
            [_base_attack(f"checkpoint_{day}", day, target="police checkpoint")],
            [],
            now(),
        )
        for day in range(150)
    }
    staged.update(
        {
            article: ([_base_attack(article, day, precision)], [], now())
            for article, day, precision in before
        }
    )
    kept = duckdb.connect(str(tmp_path / "kept.duckdb"))
    ensure_schema(kept)
    for step in ("before", "after"):
        if step == "after":
            staged[added] = ([_base_attack(added, added_day)], [], now())
        _stage(kept, staged)
        written = _update(kept)
    links = dict(
        kept.execute("SELECT article_id, incident_id FROM facts.incident_articles").fetchall()
    )
    assert len({links[a] for a in together}) == 1 and len(
        {links[a] for a in together + alone}
    ) == 1 + len(alone)
    assert written["mentions_clustered"] < len(staged) / 2  # a window, not the island
    whole = _fresh_facts(tmp_path / "fresh.duckdb", staged)
    assert all(_facts(kept)[t].equals(whole[t]) for t in FACT_TABLES)


def test_new_clustering_rules_cluster_every_article_again(tmp_path, monkeypatch):
    """Facts clustered under other rules (here: rules that merge nothing) are all clustered again
    once the rules' version changes.
    """
    rng = random.Random(7)
    staged = {
        f"art_{index}": (*_article(rng, f"art_{index}", PROVINCES["busy"]), now())
        for index in range(300)
    }
    kept = duckdb.connect(str(tmp_path / "kept.duckdb"))
    ensure_schema(kept)
    _stage(kept, staged)
    with monkeypatch.context() as old_rules:
        old_rules.setattr("pipelines.facts.incidents.CLUSTERING_VERSION", "incidents-old")
        old_rules.setattr("pipelines.facts.clustering._Unit.same_event", lambda *_: False)
        _update(kept)
    (merged,) = kept.execute("SELECT count(*) FROM facts.incidents WHERE n_articles > 1").fetchone()
    assert merged == 0
    assert _update(kept)["articles_clustered"] == len(staged)
    whole = _fresh_facts(tmp_path / "fresh.duckdb", staged)
    assert all(_facts(kept)[t].equals(whole[t]) for t in FACT_TABLES)


def test_a_run_that_fails_between_claim_parts_is_mended_by_the_next(tmp_path, monkeypatch):
    """The claims are merged a committed part at a time: whatever parts a failed run left, the next
    run's facts are a fresh build's.
    """
    rng = random.Random(11)
    province = PROVINCES["quiet"]
    staged = {
        f"art_first_{index}": (*_article(rng, f"art_first_{index}", province), now())
        for index in range(60)
    }
    kept = duckdb.connect(str(tmp_path / "kept.duckdb"))
    ensure_schema(kept)
    _stage(kept, staged)
    _update(kept, chunk_size=1)
    # a part per link: many parts to fail between
    monkeypatch.setattr(incident_facts, "CLAIM_PART_CHUNKS", 1)
    merge_rows = incident_facts.merge_rows
    for step in range(8):
        # new articles (three at least: three parts), changed articles (their claims move), deleted
        for change in range(6):
            action = "add" if change < 3 else rng.choice(["add", "change", "delete"])
            article_id = _article_to(action, rng, step, staged)
            if action == "delete":
                del staged[article_id]
            else:
                staged[article_id] = (*_article(rng, article_id, province), now())
        _stage(kept, staged)
        parts, fail_at = 0, rng.randint(2, 3)

        def failing(conn, table, *args, fail_at=fail_at, **kwargs):
            nonlocal parts
            parts += table == "facts.claims"
            if parts == fail_at:
                raise RuntimeError("the run dies between two parts of the claims merge")
            return merge_rows(conn, table, *args, **kwargs)

        monkeypatch.setattr(incident_facts, "merge_rows", failing)
        with pytest.raises(RuntimeError, match="between two parts"):
            _update(kept, chunk_size=1)
        kept.execute("ROLLBACK")  # the open part is lost; the parts before it are committed
        monkeypatch.setattr(incident_facts, "merge_rows", merge_rows)
        _update(kept, chunk_size=1)
        whole = _fresh_facts(tmp_path / f"fresh-{step}.duckdb", staged)
        assert all(_facts(kept)[t].equals(whole[t]) for t in FACT_TABLES), step
