"""Articles to claim, incident and control-statement rows: the staging stage's extraction, a batch
at a time on every core.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import duckdb
import polars as pl

from pipelines.config import ARTICLE_BATCH, BATCH_BYTES, EXTRACTION_BUDGET_SECONDS
from pipelines.extract.actors import Actors, read_actors
from pipelines.extract.claims import EXTRACTOR_VERSION, Claim, extract_claims
from pipelines.extract.control_text import extract_control_statements
from pipelines.extract.document import Document
from pipelines.extract.incidents import ArticleEvents, IncidentMention, describe_incidents
from pipelines.extract.relevance import ConflictTerms, assess_relevance, read_conflict_terms
from pipelines.feed_parts import (
    current_feed_part,
    define_written_feed_part,
    feed_part_expr,
    scoped_key,
)
from pipelines.parallel import BudgetExceeded, map_batches, time_budget
from pipelines.raw.readers.decode import error_reason
from pipelines.reference.gazetteer import Gazetteer, name_keys
from pipelines.schemas import (
    ASSESSMENT_SCHEMA,
    CLAIM_MENTION_SCHEMA,
    CONTROL_SHARE_SCHEMA,
    EXTRACTION_QUARANTINE_SCHEMA,
    EXTRACTION_SCHEMA,
    INCIDENT_MENTION_SCHEMA,
)
from pipelines.warehouse import (
    Replacement,
    fresh_stamp,
    now,
    read_frame,
    replace_rows,
    run_sql_file,
    sql_file,
    up_to_date,
    versions_of,
)


def claim_id(article_id: str, claim: Claim, index: int | None = None) -> str:
    """Stable id of a claim: its article, what it counts, who says it, where it stands (and, for a
    second claim alike in all these, its index in the article).
    """
    parts = (
        article_id,
        claim.kind,
        claim.subject_side,
        claim.value,
        claim.qualifier,
        claim.claimant_side,
        claim.span_start,
        *(() if index is None else (index,)),
    )
    return "clm_" + hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


def _claim_rows(article_id: str, found: list[Claim]) -> list[dict]:
    """An article's claims as rows, their ids unique by construction."""
    rows, ids = [], set()
    for index, claim in enumerate(found):
        key = claim_id(article_id, claim)
        key = claim_id(article_id, claim, index) if key in ids else key
        ids.add(key)
        rows.append(
            {"claim_id": key, "article_id": article_id, "claim_index": index, **vars(claim)}
        )
    return rows


def _assessment(article_id: str, language: str | None, relevance: str, evidence: str) -> dict:
    return {
        "article_id": article_id,
        "language": language,
        "relevance": relevance,
        "relevance_evidence": evidence,
    }


def _incident_row(article_id: str, m: IncidentMention) -> dict:
    return {
        "article_id": article_id,
        "incident_key": m.incident_key,
        "event_date": m.event_date,
        "date_precision": m.date_precision,
        "country": m.place.country,
        "admin1": m.place.admin1,
        "admin2": m.place.admin2,
        "place": m.place.place,
        "place_resolved": m.place.resolved,
        "country_code": m.place.country_code,
        "admin1_code": m.place.admin1_code,
        "latitude": m.place.latitude,
        "longitude": m.place.longitude,
        "geo_precision": m.place.precision,
        "target": m.target,
        "perpetrator": m.perpetrator,
    }


# what an article read with no rules for its language is said to be
OTHER_LANGUAGE = "other_language"
# the languages the extractor reads: English; "und", a text too short for the detector to tell,
# whose words the English rules either match or not; and none, an article loaded before languages
# were detected, read as it was then
EXTRACTED_LANGUAGES = ("en", "und", None)

ArticleRows = tuple[list[dict], list[dict], list[dict], dict]


class ArticleExtractor:
    """Reads one article once: what it is about, then its claims, its incidents and its control
    statements, as rows.
    """

    def __init__(self, actors: Actors, gazetteer: Gazetteer, terms: ConflictTerms):
        self.actors, self.gazetteer, self.terms = actors, gazetteer, terms
        # the actors' names are not places ("Hamas" is not Hamm, "Taliban" no Turkish village)
        self.not_places = name_keys([*actors.speaker_sides, *actors.subject_sides])

    @classmethod
    def load(cls) -> ArticleExtractor:
        """An extractor of the reference tables as stored in the repo."""
        actors = read_actors()
        terms = ConflictTerms.from_frames(read_conflict_terms(), actors)
        return cls(Actors.from_frame(actors), Gazetteer.load(), terms)

    def __call__(self, article: dict) -> ArticleRows:
        """Claims and incidents of an English article that reports a violent event, the control
        statements of any English article; of the others, why not.
        """
        article_id, language = article["article_id"], article["language"]
        if language not in EXTRACTED_LANGUAGES:
            reason = f"language {language}: no extraction rules for it"
            return [], [], [], _assessment(article_id, language, OTHER_LANGUAGE, reason)
        document = Document.parse(article["text"], article["title"])
        relevance = assess_relevance(document, article["title"], article["published"], self.terms)
        assessment = _assessment(article_id, language, relevance.relevance, relevance.evidence)
        # a share of territory is conflict news however the rest of the article reads
        statements = self._statements(article, document)
        if relevance.relevance != "conflict_event":
            return [], [], statements, assessment
        events = ArticleEvents.read(document, self.gazetteer, self.not_places)
        found = [
            claim
            for claim in extract_claims(document, self.actors, article["outlet"], events.keys)
            if relevance.frames_claim(claim.span_start)
        ]
        keys = [(c.incident_key, c.span_end) for c in found]
        described = describe_incidents(
            article_id, document, article["published"], keys, self.actors, self.gazetteer, events
        )
        claims = _claim_rows(article_id, self._sides_where(found, described))
        incidents = [_incident_row(article_id, m) for m in described]
        return claims, incidents, statements, assessment

    def _statements(self, article: dict, document: Document) -> list[dict]:
        return [
            {
                "source": s.source or article["outlet"] or "unknown",
                "source_side": s.source_side,
                "report_published": None,
                "as_of": s.as_of or article["published"],
                "as_of_precision": s.as_of_precision or "published",
                "measure": s.measure,
                "category": s.category,
                "category_actor": s.category_actor,
                "parent_category": None,
                "count": s.count,
                "unit": s.unit,
                "share": s.share,
                "qualifier": s.qualifier,
                "derivation": "stated",
                "origin": "article",
                "source_file": None,
                "source_row": None,
                "article_id": article["article_id"],
                "span_start": s.span_start,
                "span_end": s.span_end,
                "evidence": article["text"][s.span_start : s.span_end],
            }
            for s in extract_control_statements(document, self.actors)
        ]

    def _sides_where(self, found: list[Claim], described: list[IncidentMention]) -> list[Claim]:
        """The claims with their states' sides as the country of their incident makes them: a
        state's forces abroad are foreign there (Actors.abroad_side)."""
        countries = {m.incident_key: m.place.country_code for m in described}
        for claim in found:
            country = countries.get(claim.incident_key)
            abroad = self.actors.abroad_side
            claim.claimant_side = abroad(claim.claimant_side, claim.claimant_actor, country)
            claim.subject_side = abroad(claim.subject_side, claim.subject_actor, country)
        return found

    def guarded(self, article: dict) -> ArticleRows | str:
        """The article's rows, or why they could not be extracted: one article's failure (or its
        overrun of the time budget) must not stop a feed's run.
        """
        try:
            with time_budget(EXTRACTION_BUDGET_SECONDS):
                return self(article)
        except BudgetExceeded:
            return f"extraction budget exceeded ({EXTRACTION_BUDGET_SECONDS:g} s)"
        # whatever one article's text makes the extractor do is that article's, reported with it
        except Exception as exc:
            return f"extraction failed: {error_reason(exc)}"


# what building a frame raises on a row that does not fit its schema
_MISFIT = (pl.exceptions.PolarsError, TypeError, ValueError, OverflowError)


@dataclass(frozen=True)
class MentionBatch:
    """One batch of articles as extracted: the rows of those read, and why the others could
    not be.
    """

    articles: pl.DataFrame  # the batch's articles that were read
    claims: pl.DataFrame
    incidents: pl.DataFrame
    statements: pl.DataFrame
    assessments: pl.DataFrame  # article_id, language, relevance, relevance_evidence
    failed: pl.DataFrame  # article_id, reason


def _mention_frames(
    results: list[ArticleRows],
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Claim mentions, incident mentions, control statements and assessments of some articles'
    rows, in the warehouse's types.
    """
    claims = [row for c, _, _, _ in results for row in c]
    incidents = [row for _, i, _, _ in results for row in i]
    statements = [row for _, _, st, _ in results for row in st]
    return (
        pl.DataFrame(claims, schema=CLAIM_MENTION_SCHEMA, strict=False).select(
            list(CLAIM_MENTION_SCHEMA)
        ),
        pl.DataFrame(incidents, schema=INCIDENT_MENTION_SCHEMA),
        pl.DataFrame(statements, schema=CONTROL_SHARE_SCHEMA),
        pl.DataFrame([a for _, _, _, a in results], schema=ASSESSMENT_SCHEMA),
    )


def pending_article_batches(
    conn: duckdb.DuckDBPyConnection, key: str, everything: bool, batch: int, batch_bytes: int
) -> Iterator[pl.DataFrame]:
    """The articles to extract (not yet read with extraction `key`; all of them when `everything`),
    a batch at a time, each with `staged`: whether it may have staged rows to replace (it was read
    before, or failed).

    The batches are cut once, in the order raw.articles stores its rows: a batch is read from one
    stretch of the table, whereas reading a batch's rows scattered over it decompresses the text of
    every row group.
    """
    define_written_feed_part(conn)
    run_sql_file(
        conn,
        "load/staging/pending_articles",
        {"everything": everything, "key": key, "batch": batch, "batch_bytes": batch_bytes},
    )
    for number, size in conn.execute(
        "SELECT batch, count(*) FROM pending_articles GROUP BY batch ORDER BY batch"
    ).fetchall():
        articles = read_frame(conn, sql_file("load/staging/pending_batch"), {"batch": number})
        if articles.height < size:  # rows moved since the cut
            articles = read_frame(
                conn, sql_file("load/staging/pending_batch_by_id"), {"batch": number}
            )
        yield articles
    conn.execute("DROP TABLE pending_articles")


def extract_mentions(
    batches: Iterable[pl.DataFrame], extractor: ArticleExtractor
) -> Iterator[MentionBatch]:
    """Each batch of articles extracted, in order; an article that cannot be read is set aside with
    the reason.

    Batches are extracted on all cores, one ahead of the caller (see `map_batches`). An article
    whose extraction raises, or whose rows do not fit the warehouse's schema, must not stop a feed's
    run (nor every later run, which would meet it again): it is left out of the batch's rows and
    reported in `failed`. The batch's rows are built in one go; only when that fails are its
    articles' rows built one by one to find the culprits.
    """
    columns = ("article_id", "text", "title", "outlet", "published", "language")
    rows = ((articles, articles.select(columns).to_dicts()) for articles in batches)
    for articles, results in map_batches(extractor.guarded, rows):
        failed = {}
        read = []
        for article_id, result in zip(articles["article_id"], results, strict=True):
            if isinstance(result, str):
                failed[article_id] = result
            else:
                read.append((article_id, result))
        try:
            frames = _mention_frames([result for _, result in read])
        except _MISFIT:
            fitting = []
            for article_id, result in read:
                try:
                    _mention_frames([result])
                    fitting.append((article_id, result))
                except _MISFIT as exc:
                    failed[article_id] = (
                        f"rows do not fit the warehouse schema: {error_reason(exc)}"
                    )
            frames = _mention_frames([result for _, result in fitting])
        failed_frame = pl.DataFrame(
            {"article_id": list(failed), "reason": list(failed.values())},
            schema={"article_id": pl.String, "reason": pl.String},
        )
        yield MentionBatch(
            articles.filter(~pl.col("article_id").is_in(list(failed))), *frames, failed_frame
        )


STAGED_TABLES = (
    "staging.claim_mentions",
    "staging.incident_mentions",
    "staging.control_statements",
    "staging.article_extractions",
    "quarantine.extractions",
)


def _extraction_key(
    conn: duckdb.DuckDBPyConnection,
) -> tuple[str, Callable[[], ArticleExtractor]]:
    """The key articles are extracted with (the extractor's version and the reference tables'
    fingerprints), and the extractor of those tables, built only when called.
    """
    actors_table = read_frame(conn, "SELECT * FROM reference.actors ORDER BY alias")
    terms_table = read_frame(conn, "SELECT * FROM reference.conflict_terms ORDER BY term")
    # the gazetteer's rows as the reference stage fingerprinted them: read only when this process
    # has not built a gazetteer from them yet
    (places,) = conn.execute(
        "SELECT coalesce(max(fingerprint), '') FROM ops.asset_inputs "
        "WHERE asset_key = 'reference.gazetteer'"
    ).fetchone()
    tables = f"{actors_table.hash_rows().sum()}:{terms_table.hash_rows().sum()}"

    def extractor() -> ArticleExtractor:
        gazetteer = Gazetteer.cached(
            places or None,
            lambda: read_frame(conn, "SELECT * FROM reference.gazetteer ORDER BY ALL"),
        )
        terms = ConflictTerms.from_frames(terms_table, actors_table)
        return ArticleExtractor(Actors.from_frame(actors_table), gazetteer, terms)

    return f"{EXTRACTOR_VERSION}:{tables}:{places}", extractor


def stage_mentions(
    conn: duckdb.DuckDBPyConnection, run_id: str, everything: bool
) -> dict[str, int] | None:
    """Extract the articles not yet read with this extractor and these reference tables; None when
    there are none.

    Rows of articles that left raw.articles are removed (every staged row, in a backfill). An
    article the extractor cannot read goes to quarantine.extractions with the reason, and is tried
    again by the next run.
    """
    key, extractor = _extraction_key(conn)
    # raw.articles as last read with this key, and no failed extraction waiting for its retry:
    # nothing to read
    fingerprint = f"{key}|{versions_of(conn, ['raw.articles'])}"
    inputs_key = scoped_key(conn, "staging.article_extractions")
    (retries,) = conn.execute("SELECT count(*) FROM quarantine.extractions").fetchone()
    if not everything and not retries and up_to_date(conn, inputs_key, fingerprint):
        return None
    gone = read_frame(conn, sql_file("load/staging/gone_articles"))
    scope = _backfill_scope(conn, gone) if everything else gone
    replace_rows(
        conn, *(Replacement(table, pl.DataFrame(), scope=scope) for table in STAGED_TABLES)
    )
    added = dict.fromkeys(("articles", "claims", "incidents", "statements", "quarantined"), 0)
    batches = pending_article_batches(conn, key, everything, ARTICLE_BATCH, BATCH_BYTES)
    for batch in extract_mentions(batches, extractor()):
        _stage_batch(conn, batch, key, run_id)
        for name, frame in zip(
            added,
            (batch.articles, batch.claims, batch.incidents, batch.statements, batch.failed),
            strict=True,
        ):
            added[name] += frame.height
    inputs = {"asset_key": inputs_key, "fingerprint": fingerprint}
    run_sql_file(conn, "load/record_asset_inputs", inputs)
    return {**added, "removed": gone.height}


def _backfill_scope(conn: duckdb.DuckDBPyConnection, gone: pl.DataFrame) -> pl.DataFrame | None:
    """The articles whose staged rows a backfill clears: all (None), or a partition's and the gone
    ones."""
    part = current_feed_part(conn)
    if part is None:
        return None
    owned = read_frame(conn, "SELECT article_id, source_file FROM raw.articles")
    return pl.concat([owned.filter(feed_part_expr() == part).select("article_id"), gone])


def _stage_batch(
    conn: duckdb.DuckDBPyConnection, batch: MentionBatch, key: str, run_id: str
) -> None:
    """Write one batch's rows in one transaction, replacing those of its articles read before or
    failed before.
    """
    claims_per_article = batch.claims.group_by("article_id").agg(n_claims=pl.len())
    extracted = (
        batch.articles.select("article_id")
        .join(claims_per_article, on="article_id", how="left")
        .join(batch.assessments, on="article_id", how="left")
    )
    stamp = fresh_stamp(conn, "staging.article_extractions", "extracted_at")
    extracted = extracted.with_columns(
        extraction_key=pl.lit(key),
        n_claims=pl.col("n_claims").fill_null(0),
        extracted_at=pl.lit(stamp),
    )
    failed = batch.failed.with_columns(quarantined_at=pl.lit(now()), run_id=pl.lit(run_id))
    scope = pl.concat(
        [batch.articles.filter("staged").select("article_id"), batch.failed.select("article_id")]
    )
    replace_rows(
        conn,
        Replacement("staging.claim_mentions", batch.claims, scope=scope),
        Replacement("staging.incident_mentions", batch.incidents, scope=scope),
        Replacement("staging.control_statements", batch.statements, scope=scope),
        Replacement(
            "staging.article_extractions",
            extracted.select(list(EXTRACTION_SCHEMA)).cast(EXTRACTION_SCHEMA),
            scope=scope,
        ),
        Replacement(
            "quarantine.extractions",
            failed.select(list(EXTRACTION_QUARANTINE_SCHEMA)).cast(EXTRACTION_QUARANTINE_SCHEMA),
            scope=scope,
        ),
    )
