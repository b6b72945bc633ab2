"""The hand-written layers of the gazetteer, laid over the world layer: news spellings the libraries
lack (place_spellings.csv), and Afghanistan's provinces and districts with their P-codes and
Somalia's regions and districts (gazetteer.csv).

For a country the hand layer covers, its provinces replace the world layer's subdivisions (each
keeps its ISO 3166-2 code), and the world's towns are filed under the hand layer's province names.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from pathlib import Path

import polars as pl

from pipelines.reference.place_names import place_keys
from pipelines.reference.world import WORLD_SCHEMA, same_stem


def read_hand_layer(path: Path) -> pl.DataFrame:
    return pl.read_csv(path, schema_overrides={"level": pl.Int32, "pcode": pl.String})


def with_spellings(world: pl.DataFrame, path: Path) -> pl.DataFrame:
    """The world layer with the spellings of place_spellings.csv added to the places they name
    (news names the libraries do not know: "DR Congo", "Burma", "Gaza Strip")."""
    spellings = pl.read_csv(path, schema_overrides={"level": pl.Int32}).select(
        "country_code", "level", "name", pl.col("aliases").alias("spelled")
    )
    return (
        world.join(spellings, on=["country_code", "level", "name"], how="left")
        .with_columns(
            pl.concat_str("aliases", "spelled", separator="|", ignore_nulls=True)
            .replace("", None)
            .alias("aliases")
        )
        .drop("spelled")
    )


def with_hand_layer(world: pl.DataFrame, path: Path) -> pl.DataFrame:
    """The world layer with the hand layer laid over it (columns of reference.gazetteer)."""
    hand = read_hand_layer(path)
    codes = dict(world.filter(pl.col("level") == 0).select("country", "country_code").iter_rows())
    hand = hand.with_columns(pl.col("country").replace_strict(codes).alias("country_code"))
    covered = hand["country_code"].unique().to_list()
    names = _province_names(world, hand)
    kept = (
        world.filter(~pl.col("country_code").is_in(covered) | (pl.col("level") == 3))
        .join(names.drop("admin1_code"), on=["country_code", "admin1"], how="left")
        .with_columns(  # a covered country's towns are filed under the hand layer's provinces only
            pl.when(pl.col("country_code").is_in(covered))
            .then(pl.col("hand_admin1"))
            .otherwise(pl.col("admin1"))
            .alias("admin1")
        )
        .drop("hand_admin1")
    )
    return pl.concat([_hand_rows(world, hand, names), kept]).sort("country_code", "level")


def _spellings(frame: pl.DataFrame) -> pl.DataFrame:
    """(country_code, name, key) for each spelling of each first-level row."""
    return (
        frame.filter(pl.col("level") == 1)
        .select(
            "country_code",
            "name",
            pl.concat_list("name", pl.col("aliases").fill_null("").str.split("|")).alias("key"),
        )
        .explode("key")
        .filter(pl.col("key") != "")
        .with_columns(place_keys(pl.col("key")))
    )


def _province_names(world: pl.DataFrame, hand: pl.DataFrame) -> pl.DataFrame:
    """(country_code, admin1: the world layer's name, hand_admin1, admin1_code) for each world
    subdivision that one hand province matches by a spelling of either."""
    covered = hand["country_code"].unique().implode()
    theirs = _spellings(world.filter(pl.col("country_code").is_in(covered)))
    ours = _spellings(hand)
    codes = dict(world.filter(pl.col("level") == 1).select("name", "admin1_code").iter_rows())
    best: dict[tuple[str, str], tuple[float, set[str]]] = {}
    for code, name, key in theirs.iter_rows():
        for hand_code, hand_name, hand_key in ours.iter_rows():
            if code != hand_code:
                continue
            score = _likeness(key, hand_key)
            top, held = best.get((code, name), (0.8, set()))
            if score > top:
                best[(code, name)] = (score, {hand_name})
            elif score == top and held:
                held.add(hand_name)
    rows = [
        (code, name, held.pop(), codes.get(name))
        for (code, name), (_, held) in best.items()
        if len(held) == 1
    ]
    return pl.DataFrame(
        rows, schema=["country_code", "admin1", "hand_admin1", "admin1_code"], orient="row"
    )


def _likeness(a: str, b: str) -> float:
    """How alike two spellings' keys are: 1 when equal; "galguduud" and "galgaduud" are alike."""
    if a == b:
        return 1.0
    return max(SequenceMatcher(None, a, b).ratio(), 0.9 if same_stem(a, b) else 0.0)


def _hand_rows(world: pl.DataFrame, hand: pl.DataFrame, names: pl.DataFrame) -> pl.DataFrame:
    """Hand rows with the world layer's codes, aliases and town positions."""
    iso = {
        (code, hand_name): iso
        for code, hand_name, iso in names.select("country_code", "hand_admin1", "admin1_code")
        .drop_nulls()
        .iter_rows()
    }
    countries = world.filter(pl.col("level") == 0).select(
        "country_code", pl.col("aliases").alias("world_aliases")
    )
    towns = (
        world.filter(pl.col("level") == 3)
        .with_columns(place_keys(pl.col("name")).alias("key"))
        .sort("population", descending=True)
        .unique(["country_code", "key"], keep="first")
        .select("country_code", "key", "geonameid", "latitude", "longitude")
    )
    return (
        hand.with_columns(
            place_keys(pl.col("name")).alias("key"),
            pl.struct("country_code", "admin1", "name", "level")
            .map_elements(
                lambda r: iso.get(
                    (r["country_code"], r["name"] if r["level"] == 1 else r["admin1"])
                ),
                return_dtype=pl.String,
            )
            .alias("admin1_code"),
            pl.when(pl.col("level") == 1)
            .then(pl.col("name"))
            .otherwise(pl.col("admin1"))
            .alias("admin1"),
        )  # fmt: skip
        .join(countries, on="country_code", how="left")
        .join(towns, on=["country_code", "key"], how="left")
        .with_columns(
            pl.when(pl.col("level") == 0)
            .then(pl.concat_str("aliases", "world_aliases", separator="|", ignore_nulls=True))
            .otherwise(pl.col("aliases"))
            .alias("aliases"),
            pl.when(pl.col("level") >= 2).then(pl.col("geonameid")).alias("geonameid"),
            pl.when(pl.col("level") >= 2).then(pl.col("latitude")).alias("latitude"),
            pl.when(pl.col("level") >= 2).then(pl.col("longitude")).alias("longitude"),
            pl.lit(None, pl.Int64).alias("population"),
        )
        .select(list(WORLD_SCHEMA))
        .cast(WORLD_SCHEMA)
    )
