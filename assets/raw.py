"""Raw stage: every input file read as-is into the warehouse, or quarantined with a reason."""


import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.extract.actors import read_actors
from pipelines.incidents import read_gazetteer
from pipelines.loaders import load_article_inputs, load_watchdog_inputs
from pipelines.resources import RawFolder, open_warehouse
from pipelines.warehouse import Replacement, replace_rows


@dg.asset(key=["raw", "articles"], group_name="raw", kinds={"duckdb", "polars"})
def raw_articles(context: dg.AssetExecutionContext, warehouse: DuckDBResource, raw_folder: RawFolder) -> dg.MaterializeResult:
    """Articles from front-mattered Markdown/text, JSONL bundles and HTML pages; one row per distinct content."""
    articles, quarantined, files, unsupported = load_article_inputs(raw_folder.root, context.run.run_id)
    with open_warehouse(warehouse) as conn:
        replace_rows(
            conn,
            Replacement("raw.articles", articles),
            Replacement("quarantine.articles", quarantined),
            Replacement("quarantine.files", unsupported),
            Replacement("raw.files", files, "input_kind IN ('article', 'unsupported')"),
        )
    return dg.MaterializeResult(metadata={
        "articles": articles.height, "quarantined": quarantined.filter(quarantined["duplicate_of"].is_null()).height,
        "duplicates": quarantined["duplicate_of"].is_not_null().sum(), "unsupported_files": unsupported.height,
        "files_seen": files.height,
    })


@dg.asset(key=["raw", "watchdog_rows"], group_name="raw", kinds={"duckdb", "polars"})
def raw_watchdog_rows(context: dg.AssetExecutionContext, warehouse: DuckDBResource, raw_folder: RawFolder) -> dg.MaterializeResult:
    """Every row of every watchdog table (CSV, XLSX; wide or long layout), as read."""
    rows, quarantined, files = load_watchdog_inputs(raw_folder.root, context.run.run_id)
    with open_warehouse(warehouse) as conn:
        replace_rows(
            conn,
            Replacement("raw.watchdog_rows", rows),
            Replacement("quarantine.watchdog_rows", quarantined, "source_row IS NULL"),
            Replacement("raw.files", files, "input_kind IN ('watchdog', 'sidecar')"),
        )
    return dg.MaterializeResult(metadata={"rows": rows.height, "quarantined_files": quarantined.height, "files_seen": files.height})


@dg.asset(key=["reference", "actors"], group_name="reference", kinds={"duckdb"})
def reference_actors(warehouse: DuckDBResource) -> dg.MaterializeResult:
    """Who is who (aliases, sides), from data/reference/actors.csv: edit the CSV, not the code."""
    actors = read_actors()
    with open_warehouse(warehouse) as conn:
        replace_rows(conn, Replacement("reference.actors", actors))
    return dg.MaterializeResult(metadata={"aliases": actors.height})


@dg.asset(key=["reference", "gazetteer"], group_name="reference", kinds={"duckdb"})
def reference_gazetteer(warehouse: DuckDBResource) -> dg.MaterializeResult:
    """Place names and spellings (Afghanistan's provinces and districts, Somalia's regions), from data/reference/gazetteer.csv."""
    places = read_gazetteer()
    with open_warehouse(warehouse) as conn:
        replace_rows(conn, Replacement("reference.gazetteer", places))
    return dg.MaterializeResult(metadata={"places": places.height})
