"""Place names and their spellings: the gazetteer that resolves a text's places to country, admin1
and admin2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.config import REFERENCE_DIR
from pipelines.extract.actors import spaced
from pipelines.extract.trie import trie_pattern

GAZETTEER_CSV = REFERENCE_DIR / "gazetteer.csv"


@dataclass(frozen=True)
class Place:
    country: str | None
    admin1: str | None
    admin2: str | None
    place: str | None
    resolved: bool


class Gazetteer:
    """Place names and their spellings, from `data/reference/gazetteer.csv`."""

    def __init__(self, frame: pl.DataFrame):
        self.entries: dict[str, dict[str, object]] = {}
        for row in frame.iter_rows(named=True):
            for name in [row["name"], *(row["aliases"] or "").split("|")]:
                if name.strip():
                    self.entries.setdefault(name.strip(), row)
        # not preceded by a word character, checked after the first letter (see trie_pattern)
        self.pattern = re.compile(
            r"(?:"
            + trie_pattern(list(self.entries), spaced, after_first=r"(?<![\w-].)")
            + r")(?![\w-])"
        )

    @classmethod
    def load(cls, path: Path = GAZETTEER_CSV) -> Gazetteer:
        return cls(read_gazetteer(path))

    def resolve(self, text: str) -> Place:
        """Most specific place named in `text`: the first district, else the first province, else a
        country.
        """
        found = [
            self.entries.get(m.group(0)) or self.entries.get(re.sub(r"[\s-]+", " ", m.group(0)))
            for m in self.pattern.finditer(text)
        ]
        found = [f for f in found if f]
        district = next((f for f in found if f["level"] == 2), None)
        city = next((f for f in found if f["level"] == 3), None)
        province = next((f for f in found if f["level"] == 1), None)
        country = next((f for f in found if f["level"] == 0), None)
        if district:
            return Place(district["country"], district["admin1"], district["name"], None, True)
        if city:
            return Place(city["country"], city["admin1"], None, city["name"], True)
        if province:
            return Place(province["country"], province["name"], None, None, True)
        return Place(country["country"] if country else None, None, None, None, False)


def read_gazetteer(path: Path = GAZETTEER_CSV) -> pl.DataFrame:
    return pl.read_csv(path, schema_overrides={"level": pl.Int32, "pcode": pl.String})
