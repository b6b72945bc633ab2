"""From raw files and warehouse tables to the frames each asset loads: the assets' domain logic."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict
from pathlib import Path

import polars as pl

from pipelines.control_shares import CONTROL_SHARE_SCHEMA, derive_control_shares
from pipelines.extract.actors import Actors
from pipelines.extract.claims import extract_claims
from pipelines.extract.control_text import extract_control_statements
from pipelines.extract.document import Document
from pipelines.incidents import Gazetteer, cluster_mentions, describe_incidents, reconcile
from pipelines.ingest.articles import ARTICLE_SUFFIXES, read_article_file
from pipelines.ingest.decode import Rejected
from pipelines.ingest.watchdog import WATCHDOG_SUFFIXES, read_watchdog_file

SIDECAR_SUFFIX = ".meta.yaml"

FILE_SCHEMA = {"source_file": pl.String, "input_kind": pl.String, "bytes": pl.Int64, "file_sha256": pl.String,
               "status": pl.String, "n_records": pl.Int32, "n_quarantined": pl.Int32, "modified_at": pl.Datetime("us"), "seen_at": pl.Datetime("us")}
ARTICLE_SCHEMA = {"article_id": pl.String, "source_file": pl.String, "source_record": pl.Int32, "url": pl.String,
                  "title": pl.String, "outlet": pl.String, "published": pl.Date, "language": pl.String, "text": pl.String,
                  "content_sha256": pl.String, "source_encoding": pl.String, "ingested_at": pl.Datetime("us")}
ARTICLE_QUARANTINE_SCHEMA = {"source_file": pl.String, "source_record": pl.Int32, "reason": pl.String, "payload": pl.String,
                             "duplicate_of": pl.String, "quarantined_at": pl.Datetime("us"), "run_id": pl.String}
FILE_QUARANTINE_SCHEMA = {"source_file": pl.String, "reason": pl.String, "quarantined_at": pl.Datetime("us"), "run_id": pl.String}
WATCHDOG_ROW_SCHEMA = {"source_file": pl.String, "sheet": pl.String, "source_row": pl.Int32, "layout": pl.String,
                       "payload": pl.String, "ingested_at": pl.Datetime("us")}
WATCHDOG_QUARANTINE_SCHEMA = {"source_file": pl.String, "source_row": pl.Int32, "reason": pl.String, "payload": pl.String,
                              "quarantined_at": pl.Datetime("us"), "run_id": pl.String}
CLAIM_MENTION_SCHEMA = {"article_id": pl.String, "claim_index": pl.Int32, "incident_key": pl.String, "kind": pl.String,
                        "subject_side": pl.String, "value": pl.Int64, "value_low": pl.Int64, "value_high": pl.Int64,
                        "qualifier": pl.String, "claimant": pl.String, "claimant_side": pl.String, "evidence": pl.String,
                        "span_start": pl.Int32, "span_end": pl.Int32, "confirmed": pl.Boolean, "mentions": pl.Int32,
                        "extractor_version": pl.String}
INCIDENT_MENTION_SCHEMA = {"article_id": pl.String, "incident_key": pl.String, "event_date": pl.Date,
                           "date_precision": pl.String, "country": pl.String, "admin1": pl.String, "admin2": pl.String,
                           "place": pl.String, "place_resolved": pl.Boolean, "target": pl.String, "perpetrator": pl.String}


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def input_kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(SIDECAR_SUFFIX):
        return "sidecar"
    if path.suffix.lower() in ARTICLE_SUFFIXES:
        return "article"
    if path.suffix.lower() in WATCHDOG_SUFFIXES:
        return "watchdog"
    return "unsupported"


def scan_inputs(raw_dir: Path) -> list[tuple[Path, str, str]]:
    """(path, path relative to raw_dir, input kind) of every file below raw_dir, hidden files aside."""
    found = []
    for path in sorted(raw_dir.rglob("*")):
        rel = path.relative_to(raw_dir).as_posix()
        if path.is_file() and not any(part.startswith(".") for part in Path(rel).parts):
            found.append((path, rel, input_kind(path)))
    return found


def _file_row(path: Path, rel: str, kind: str, status: str, n_records: int, n_quarantined: int, seen_at: dt.datetime) -> dict:
    data = path.read_bytes()
    return {"source_file": rel, "input_kind": kind, "bytes": len(data), "file_sha256": hashlib.sha256(data).hexdigest(),
            "status": status, "n_records": n_records, "n_quarantined": n_quarantined,
            "modified_at": dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).replace(tzinfo=None), "seen_at": seen_at}


def _status(n_records: int, n_quarantined: int) -> str:
    if n_records and n_quarantined:
        return "partial"
    return "loaded" if n_records else "quarantined"


def load_article_inputs(raw_dir: Path, run_id: str | None) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(articles, quarantined, files, unsupported files) for every article file and unsupported file under raw_dir.

    The same content under two names is one article: the first file in path order keeps it,
    the others are recorded in quarantine with `duplicate_of`.
    """
    stamp = now()
    articles: dict[str, dict] = {}
    rejected: list[dict] = []
    unsupported: list[dict] = []
    files: list[dict] = []
    for path, rel, kind in scan_inputs(raw_dir):
        if kind == "unsupported":
            unsupported.append({"source_file": rel, "reason": f"unsupported file type {path.suffix or '(none)'!r}",
                                "quarantined_at": stamp, "run_id": run_id})
            files.append(_file_row(path, rel, kind, "quarantined", 0, 1, stamp))
            continue
        if kind != "article":
            continue
        records, bad = read_article_file(path, rel)
        n_loaded = n_duplicate = 0
        for record in records:
            if record.article_id in articles:
                n_duplicate += 1
                first = articles[record.article_id]
                rejected.append({"source_file": rel, "source_record": record.source_record, "payload": None,
                                 "reason": f"duplicate content of {first['source_file']}" + (f" line {first['source_record']}" if first["source_record"] else ""),
                                 "duplicate_of": record.article_id, "quarantined_at": stamp, "run_id": run_id})
                continue
            n_loaded += 1
            row = asdict(record)
            row["source_encoding"] = row.pop("encoding")
            articles[record.article_id] = {**row, "article_id": record.article_id, "content_sha256": record.content_sha256, "ingested_at": stamp}
        rejected.extend({**asdict(q), "duplicate_of": None, "quarantined_at": stamp, "run_id": run_id} for q in bad)
        status = "duplicate" if n_duplicate and not n_loaded and not bad else _status(n_loaded + n_duplicate, len(bad))
        files.append(_file_row(path, rel, kind, status, n_loaded, len(bad) + n_duplicate, stamp))
    return (pl.DataFrame(list(articles.values()), schema=ARTICLE_SCHEMA),
            pl.DataFrame(rejected, schema=ARTICLE_QUARANTINE_SCHEMA), pl.DataFrame(files, schema=FILE_SCHEMA),
            pl.DataFrame(unsupported, schema=FILE_QUARANTINE_SCHEMA))


def load_watchdog_inputs(raw_dir: Path, run_id: str | None) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(rows as read, whole files quarantined, files) for every watchdog table and sidecar under raw_dir."""
    stamp = now()
    rows: list[dict] = []
    rejected: list[dict] = []
    files: list[dict] = []
    for path, rel, kind in scan_inputs(raw_dir):
        if kind == "sidecar":
            files.append(_file_row(path, rel, kind, "metadata", 0, 0, stamp))
            continue
        if kind != "watchdog":
            continue
        try:
            read = read_watchdog_file(path, rel)
        except Rejected as exc:
            payload = path.read_bytes()[:2000].decode("utf-8", errors="replace")
            rejected.append({"source_file": rel, "source_row": None, "reason": str(exc), "payload": payload,
                             "quarantined_at": stamp, "run_id": run_id})
            files.append(_file_row(path, rel, kind, "quarantined", 0, 1, stamp))
            continue
        rows.extend({**asdict(r), "ingested_at": stamp} for r in read)
        files.append(_file_row(path, rel, kind, "loaded", len(read), 0, stamp))
    return (pl.DataFrame(rows, schema=WATCHDOG_ROW_SCHEMA), pl.DataFrame(rejected, schema=WATCHDOG_QUARANTINE_SCHEMA),
            pl.DataFrame(files, schema=FILE_SCHEMA))


def extract_mentions(articles: pl.DataFrame, actors: Actors, gazetteer: Gazetteer) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(claim mentions, incident mentions, control statements) of every article, each read once."""
    claims: list[dict] = []
    incidents: list[dict] = []
    statements: list[dict] = []
    for article in articles.select("article_id", "text", "title", "outlet", "published").iter_rows(named=True):
        document = Document.parse(article["text"], article["title"])
        found = extract_claims(document, actors, article["outlet"])
        for index, claim in enumerate(found):
            claims.append({"article_id": article["article_id"], "claim_index": index, **vars(claim)})
        keys = [(c.incident_key, c.span_end) for c in found]
        for s in extract_control_statements(document, actors):
            statements.append({
                "source": s.source or article["outlet"] or "unknown", "report_published": None, "as_of": article["published"],
                "measure": s.measure, "category": s.category, "parent_category": None, "count": None, "unit": "share",
                "share": s.share, "qualifier": s.qualifier, "derivation": "stated", "origin": "article", "source_file": None,
                "source_row": None, "article_id": article["article_id"], "span_start": s.span_start, "span_end": s.span_end,
                "evidence": article["text"][s.span_start:s.span_end],
            })
        for mention in describe_incidents(article["article_id"], document, article["published"], keys, actors, gazetteer):
            place = mention.place
            incidents.append({"article_id": mention.article_id, "incident_key": mention.incident_key, "event_date": mention.event_date,
                              "date_precision": mention.date_precision, "country": place.country, "admin1": place.admin1,
                              "admin2": place.admin2, "place": place.place, "place_resolved": place.resolved,
                              "target": mention.target, "perpetrator": mention.perpetrator})
    claim_frame = pl.DataFrame(claims, schema={**CLAIM_MENTION_SCHEMA}, strict=False).select(list(CLAIM_MENTION_SCHEMA))
    return claim_frame, pl.DataFrame(incidents, schema=INCIDENT_MENTION_SCHEMA), pl.DataFrame(statements, schema=CONTROL_SHARE_SCHEMA)


def _hash_id(prefix: str, *columns: str) -> pl.Expr:
    joined = pl.concat_str([pl.col(c).cast(pl.String).fill_null("") for c in columns], separator="|")
    return pl.lit(prefix) + joined.map_elements(lambda s: hashlib.sha256(s.encode()).hexdigest()[:16], return_dtype=pl.String)


def build_incident_facts(claim_mentions: pl.DataFrame, incident_mentions: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(incidents, incident_articles, claims) facts from the staging mentions."""
    bridge = cluster_mentions(incident_mentions)
    incidents = reconcile(incident_mentions, bridge, claim_mentions)
    claims = (
        claim_mentions.join(bridge, on=["article_id", "incident_key"], how="left")
        .with_columns(claim_id=_hash_id("clm_", "article_id", "kind", "subject_side", "value", "qualifier", "claimant_side", "span_start"))
        .drop("claim_index", "incident_key", "mentions")
        .sort("article_id", "span_start", "claim_id")
    )
    return incidents.sort("incident_id"), bridge.sort("incident_id", "article_id"), claims


def build_control_shares(figures: pl.DataFrame, statements: pl.DataFrame) -> pl.DataFrame:
    """Table-derived shares plus the shares stated in article text, each with its provenance and a stable id."""
    combined = pl.concat([derive_control_shares(figures), statements.select(list(CONTROL_SHARE_SCHEMA)).cast(CONTROL_SHARE_SCHEMA)])
    return combined.with_columns(
        control_share_id=_hash_id("shr_", "source", "as_of", "measure", "category", "origin", "article_id", "span_start", "qualifier")
    )
