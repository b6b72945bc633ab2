"""Table contracts as pandera schemas: types, vocabularies and value ranges, checked on the loaded
tables.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandera.polars as pa
import polars as pl

from pipelines.extract.control_text import CATEGORY_ROLLUP
from pipelines.warehouse import ddl_columns, execute_sql

KINDS = [
    "killed",
    "wounded",
    "killed_or_wounded",
    "captured",
    "missing",
    "escaped",
    "bodies",
    "attackers",
    "garrison",
]
SUBJECT_SIDES = ["government", "insurgent", "civilian", "foreign", "local", "any"]
CLAIMANT_SIDES = [
    "government",
    "insurgent",
    "foreign",
    "local",
    "media",
    "watchdog",
    "unattributed",
]
QUALIFIERS = [
    "exact",
    "at_least",
    "more_than",
    "about",
    "under",
    "up_to",
    "range",
    "hundreds",
    "dozens",
    "tens",
    "remainder",
]
DATE_PRECISIONS = ["day", "week", "month", "year", "unknown"]
MEASURES = ["districts", "population", "area", "territory"]
# the categories of article text (control_text.CATEGORY_ROLLUP) and the watchdogs' parts of them
CONTROL_CATEGORIES = [
    *CATEGORY_ROLLUP,
    "government_control",
    "government_influence",
    "insurgent_control",
    "insurgent_influence",
]
ASSESSOR_SIDES = [
    "watchdog",
    "government",
    "insurgent",
    "foreign",
    "local",
    "media",
    "unattributed",
]
AS_OF_PRECISIONS = ["day", "month", "quarter", "year", "published"]


def _bounds_hold(data: pa.PolarsData) -> pl.LazyFrame:
    low, value, high = pl.col("value_low"), pl.col("value"), pl.col("value_high")
    return data.lazyframe.select(
        (low.is_null() | (low <= value)) & (high.is_null() | (value <= high))
    )


class ClaimTable(pa.DataFrameModel):
    """A claim as staged or as a fact: vocabularies of ../shared/README.md, value_low <= value <=
    value_high.
    """

    article_id: str = pa.Field(nullable=False)
    kind: str = pa.Field(isin=KINDS)
    subject_side: str = pa.Field(isin=SUBJECT_SIDES)
    claimant_side: str = pa.Field(isin=CLAIMANT_SIDES)
    qualifier: str = pa.Field(isin=QUALIFIERS)
    value: int = pa.Field(ge=0)
    value_low: int = pa.Field(ge=0, nullable=True)
    value_high: int = pa.Field(ge=0, nullable=True)
    span_start: pl.Int32 = pa.Field(ge=0)
    span_end: pl.Int32 = pa.Field(ge=0)

    @pa.dataframe_check(error="value_low <= value <= value_high")
    @classmethod
    def bounds(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _bounds_hold(data)


class IncidentMentionTable(pa.DataFrameModel):
    article_id: str = pa.Field(nullable=False)
    incident_key: str = pa.Field(nullable=False)
    date_precision: str = pa.Field(isin=DATE_PRECISIONS)


class IncidentTable(pa.DataFrameModel):
    incident_id: str = pa.Field(nullable=False, unique=True)
    date_precision: str = pa.Field(isin=DATE_PRECISIONS)
    status: str = pa.Field(isin=["confirmed", "contested", "claimed"])
    n_articles: pl.Int32 = pa.Field(ge=1)
    n_claims: pl.Int32 = pa.Field(ge=0)


class WatchdogFigureTable(pa.DataFrameModel):
    source: str = pa.Field(nullable=False)
    measure: str = pa.Field(isin=MEASURES)
    category: str = pa.Field(isin=[*CONTROL_CATEGORIES, "total"])
    count: float = pa.Field(ge=0, nullable=True)
    share: float = pa.Field(ge=0, le=1, nullable=True)


class ControlShareTable(pa.DataFrameModel):
    source: str = pa.Field(nullable=False)
    measure: str = pa.Field(isin=MEASURES)
    category: str = pa.Field(isin=CONTROL_CATEGORIES)
    qualifier: str = pa.Field(isin=QUALIFIERS)
    origin: str = pa.Field(isin=["table", "article"])
    derivation: str = pa.Field(
        isin=["reported", "share_from_count", "rollup", "remainder", "stated"]
    )
    share: float = pa.Field(ge=0, le=1, nullable=True)
    count: float = pa.Field(ge=0, nullable=True)
    source_side: str = pa.Field(isin=ASSESSOR_SIDES, nullable=True)
    as_of_precision: str = pa.Field(isin=AS_OF_PRECISIONS, nullable=True)


TABLE_SCHEMAS: dict[str, type[pa.DataFrameModel]] = {
    "staging.claim_mentions": ClaimTable,
    "staging.incident_mentions": IncidentMentionTable,
    "staging.watchdog_figures": WatchdogFigureTable,
    "staging.control_statements": ControlShareTable,
    "facts.claims": ClaimTable,
    "facts.incidents": IncidentTable,
    "facts.control_shares": ControlShareTable,
}


def schema_failures(schema: type[pa.DataFrameModel], frame: pl.DataFrame) -> pl.DataFrame:
    """The schema's failure cases for a frame (empty when it conforms)."""
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return pl.DataFrame(
            [
                {
                    "check": str(case.get("check")),
                    "column": str(case.get("column")),
                    "error": str(case.get("error"))[:300],
                }
                for cases in exc.message.get("DATA", {}).values()
                for case in cases
            ]
            + [
                {
                    "check": str(case.get("check")),
                    "column": str(case.get("column")),
                    "error": str(case.get("error"))[:300],
                }
                for cases in exc.message.get("SCHEMA", {}).values()
                for case in cases
            ]
        )
    return pl.DataFrame(schema={"check": pl.String, "column": pl.String, "error": pl.String})


_NEW_EXTRACTIONS = (
    "staging.article_extractions.extracted_at",
    "article_id IN (SELECT article_id FROM staging.article_extractions WHERE extracted_at > "
    "$since)",
)
# tables whose rows hang off a load stamp: (the stamp column, the rows written after $since); their
# schema checks after a passing verdict read only those rows
NEW_ROWS: dict[str, tuple[str, str]] = {
    "staging.claim_mentions": _NEW_EXTRACTIONS,
    "staging.incident_mentions": _NEW_EXTRACTIONS,
    "staging.control_statements": _NEW_EXTRACTIONS,
    "facts.claims": ("facts.claims.loaded_at", "loaded_at > $since"),
    "facts.incidents": ("facts.incidents.loaded_at", "loaded_at > $since"),
}

# rows validated at a time: a table's check holds one chunk of the schema's columns, however large
# the table
SCHEMA_CHUNK_ROWS = 50_000


def table_schema_failures(
    conn: duckdb.DuckDBPyConnection,
    table: str,
    since: dt.datetime | None = None,
    chunk_rows: int = SCHEMA_CHUNK_ROWS,
) -> pl.DataFrame:
    """The failure cases of a warehouse table against its schema, read a chunk at a time and only
    the columns the schema names.

    With `since`, only the rows written after it (NEW_ROWS). A `unique` field is then checked within
    each chunk; across the table, the table's primary key holds it.
    """
    schema = TABLE_SCHEMAS[table]
    columns = ", ".join(f'"{name}"' for name in schema.to_schema().columns)
    where = "" if since is None else f" WHERE {NEW_ROWS[table][1]}"
    reader = execute_sql(
        conn, f"SELECT {columns} FROM {table}{where}", {"since": since}
    ).fetch_record_batch(chunk_rows)
    failures = [schema_failures(schema, pl.from_arrow(batch)) for batch in reader]
    if not failures:  # an empty table still has to have the schema's columns and types
        failures.append(schema_failures(schema, pl.from_arrow(reader.schema.empty_table())))
    return pl.concat(failures)


# DuckDB's types as polars reads and writes them
_POLARS_TYPES = {
    "VARCHAR": pl.String,
    "JSON": pl.String,
    "INTEGER": pl.Int32,
    "BIGINT": pl.Int64,
    "DOUBLE": pl.Float64,
    "DATE": pl.Date,
    "TIMESTAMP": pl.Datetime("us"),
    "BOOLEAN": pl.Boolean,
}


def frame_schema(table: str) -> dict[str, pl.DataType]:
    """A table's columns as polars types, derived from its DDL: frames built for a table have its
    shape.
    """
    columns = {
        column: _POLARS_TYPES[kind]
        for schema, name, column, kind in ddl_columns()
        if f"{schema}.{name}" == table
    }
    if not columns:
        raise KeyError(f"no table {table} in sql/ddl")
    return columns


FILE_SCHEMA = frame_schema("raw.files")
ARTICLE_SCHEMA = frame_schema("raw.articles")
ARTICLE_QUARANTINE_SCHEMA = frame_schema("quarantine.articles")
FILE_QUARANTINE_SCHEMA = frame_schema("quarantine.files")
WATCHDOG_ROW_SCHEMA = frame_schema("raw.watchdog_rows")
WATCHDOG_QUARANTINE_SCHEMA = frame_schema("quarantine.watchdog_rows")
CLAIM_MENTION_SCHEMA = frame_schema("staging.claim_mentions")
EXTRACTION_SCHEMA = frame_schema("staging.article_extractions")
# what the extractor made of an article, before its rows are counted and stamped
ASSESSMENT_SCHEMA = {
    column: EXTRACTION_SCHEMA[column]
    for column in ("article_id", "language", "relevance", "relevance_evidence")
}
EXTRACTION_QUARANTINE_SCHEMA = frame_schema("quarantine.extractions")
INCIDENT_MENTION_SCHEMA = frame_schema("staging.incident_mentions")
CONTROL_SHARE_SCHEMA = frame_schema("staging.control_statements")
