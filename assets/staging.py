"""Staging stage: claims and incidents as each article states them; watchdog figures in one long form."""

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from pipelines.extract.actors import Actors
from pipelines.extract.claims import EXTRACTOR_VERSION
from pipelines.incidents import Gazetteer
from pipelines.ingest.watchdog import normalize_rows
from pipelines.loaders import (EXTRACTION_QUARANTINE_SCHEMA, EXTRACTION_SCHEMA, WATCHDOG_QUARANTINE_SCHEMA, extract_mentions,
                              pending_article_batches)
from pipelines.config import ARTICLE_BATCH, BATCH_BYTES
from pipelines.resources import RawFolder, RunMode, open_warehouse
from pipelines.warehouse import (Replacement, apply_replacements, fresh_stamp, now, read_frame, rebuilding, replace_rows, run_sql_file,
                                 up_to_date, versions_of)


STAGED_TABLES = ("staging.claim_mentions", "staging.incident_mentions", "staging.control_statements", "staging.article_extractions",
                 "quarantine.extractions")


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["staging", "claim_mentions"], group_name="staging", kinds={"duckdb", "polars"},
                     deps=[["raw", "articles"], ["reference", "actors"]], code_version=EXTRACTOR_VERSION,
                     description="Claims as extracted from each article, attributed, before incidents are merged."),
        dg.AssetSpec(["staging", "incident_mentions"], group_name="staging", kinds={"duckdb", "polars"},
                     deps=[["raw", "articles"], ["reference", "actors"], ["reference", "gazetteer"]], code_version=EXTRACTOR_VERSION,
                     description="Each article's main event and the earlier events it mentions: date, place, target, perpetrator."),
        dg.AssetSpec(["staging", "control_statements"], group_name="staging", kinds={"duckdb", "polars"},
                     deps=[["raw", "articles"], ["reference", "actors"]], code_version=EXTRACTOR_VERSION,
                     description="Shares of territory that articles say a side controls, with the source they cite."),
    ]
)
def staging_mentions(context: dg.AssetExecutionContext, config: RunMode, warehouse: DuckDBResource):
    """One pass over each article yields its claims, incidents and control statements.

    Incremental: an article already read with this extractor version and these reference tables
    is not read again; rows of articles that left raw.articles are removed. Articles are read from
    the warehouse and extracted in batches (ARTICLE_BATCH articles or BATCH_BYTES of text, cut once
    per run), so memory does not grow with the feed, nor with its articles' length.
    An article the extractor cannot read goes to quarantine.extractions with the reason, and is
    tried again by the next run.
    """
    with open_warehouse(warehouse) as conn:
        actors_table = read_frame(conn, "SELECT * FROM reference.actors ORDER BY alias")
        places_table = read_frame(conn, "SELECT * FROM reference.gazetteer ORDER BY ALL")
        actors, gazetteer = Actors.from_frame(actors_table), Gazetteer(places_table)
        key = f"{EXTRACTOR_VERSION}:{actors_table.hash_rows().sum()}:{places_table.hash_rows().sum()}"
        # raw.articles as last read with this key, and no failed extraction waiting for its retry: nothing to read
        fingerprint = f"{key}|{versions_of(conn, ['raw.articles'])}"
        (retries,) = conn.execute("SELECT count(*) FROM quarantine.extractions").fetchone()
        if not config.full_refresh and not retries and up_to_date(conn, "staging.article_extractions", fingerprint):
            for asset in ("claim_mentions", "incident_mentions", "control_statements"):
                yield dg.MaterializeResult(asset_key=["staging", asset], metadata={"articles_read": 0, "skipped": "raw articles unchanged"})
            return
        gone = read_frame(conn, "SELECT article_id FROM (SELECT article_id FROM staging.article_extractions UNION SELECT article_id FROM quarantine.extractions) "
                                "WHERE article_id NOT IN (SELECT article_id FROM raw.articles)")
        # a backfill clears the staged rows; otherwise only those of articles that left raw.articles go
        replace_rows(conn, *(Replacement(table, pl.DataFrame(), scope=None if config.full_refresh else gone) for table in STAGED_TABLES))
        added = {"articles": 0, "claims": 0, "incidents": 0, "statements": 0, "quarantined": 0}
        batches = pending_article_batches(conn, key, config.full_refresh, ARTICLE_BATCH, BATCH_BYTES)
        for batch in extract_mentions(batches, actors, gazetteer):
            extracted = batch.articles.select("article_id").join(batch.claims.group_by("article_id").agg(n_claims=pl.len()), on="article_id", how="left")
            stamp = fresh_stamp(conn, "staging.article_extractions", "extracted_at")
            extracted = extracted.with_columns(extraction_key=pl.lit(key), n_claims=pl.col("n_claims").fill_null(0), extracted_at=pl.lit(stamp))
            failed = batch.failed.with_columns(quarantined_at=pl.lit(now()), run_id=pl.lit(context.run.run_id))
            # rows to replace: those of articles read before (with other extraction keys) or failed before, and of failures
            scope = pl.concat([batch.articles.filter("staged").select("article_id"), batch.failed.select("article_id")])
            replace_rows(conn, Replacement("staging.claim_mentions", batch.claims, scope=scope),
                         Replacement("staging.incident_mentions", batch.incidents, scope=scope),
                         Replacement("staging.control_statements", batch.statements, scope=scope),
                         Replacement("staging.article_extractions", extracted.select(list(EXTRACTION_SCHEMA)).cast(EXTRACTION_SCHEMA), scope=scope),
                         Replacement("quarantine.extractions", failed.select(list(EXTRACTION_QUARANTINE_SCHEMA)).cast(EXTRACTION_QUARANTINE_SCHEMA),
                                     scope=scope))
            for name, frame in (("articles", batch.articles), ("claims", batch.claims), ("incidents", batch.incidents),
                                ("statements", batch.statements), ("quarantined", batch.failed)):
                added[name] += frame.height
        run_sql_file(conn, "load/record_asset_inputs", {"asset_key": "staging.article_extractions", "fingerprint": fingerprint})
    yield dg.MaterializeResult(asset_key=["staging", "claim_mentions"],
                               metadata={"articles_read": added["articles"], "articles_quarantined": added["quarantined"],
                                         "articles_removed": gone.height, "claims_added": added["claims"]})
    yield dg.MaterializeResult(asset_key=["staging", "incident_mentions"], metadata={"incident_mentions_added": added["incidents"]})
    yield dg.MaterializeResult(asset_key=["staging", "control_statements"], metadata={"statements_added": added["statements"]})


@dg.asset(key=["staging", "watchdog_figures"], group_name="staging", kinds={"duckdb", "polars"}, deps=[["raw", "watchdog_rows"]])
def staging_watchdog_figures(context: dg.AssetExecutionContext, config: RunMode, warehouse: DuckDBResource,
                             raw_folder: RawFolder) -> dg.MaterializeResult:
    """One figure per (table row, measure) from both layouts; rows that cannot be trusted go to quarantine.

    Skipped when the rows did not change: any change to a table or its sidecar (which holds the
    table's metadata) reloads raw.watchdog_rows whole, which raises its version.
    """
    with open_warehouse(warehouse) as conn:
        fingerprint = versions_of(conn, ["raw.watchdog_rows"])
        if not config.full_refresh and up_to_date(conn, "staging.watchdog_figures", fingerprint):
            return dg.MaterializeResult(metadata={"skipped": "watchdog rows unchanged"})
        rows = read_frame(conn, "SELECT source_file, sheet, source_row, layout, payload FROM raw.watchdog_rows")
        figures, rejected = normalize_rows(rows, raw_folder.root)
        rejected = rejected.with_columns(quarantined_at=pl.lit(now()), run_id=pl.lit(context.run.run_id)).select(list(WATCHDOG_QUARANTINE_SCHEMA))
        with rebuilding(conn, "staging.watchdog_figures", fingerprint):
            apply_replacements(conn, Replacement("staging.watchdog_figures", figures),
                               Replacement("quarantine.watchdog_rows", rejected, "source_row IS NOT NULL"))
    return dg.MaterializeResult(metadata={"figures": figures.height, "quarantined_rows": rejected.height})
