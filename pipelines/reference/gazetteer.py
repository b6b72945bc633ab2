"""Place names and their spellings: the gazetteer that resolves a text's places to a country, its
first-level subdivision (admin1), a district (admin2) or a town, with coordinates.

Names are found as runs of capitalised words compared by `place_key` (so "Deir al-Balah" meets
"Dayr al Balaḩ"). A name can stand for places in several countries; it never resolves by first
match. The article's country is chosen first (`article_countries`: countries named count most, then
subdivisions only one country has, then a large town or the dateline's town), and a town or a
subdivision is accepted only in that country or in a country the same passage names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import polars as pl

from pipelines.config import REFERENCE_DIR
from pipelines.reference.name_reading import (
    ANY_WORD,
    MAX_NAME_WORDS,
    Hit,
    NameReading,
)
from pipelines.reference.place_names import (
    ARTICLES,
    fold_word,
    index_key,
    key_of_words,
    place_keys,
)

GAZETTEER_CSV = REFERENCE_DIR / "gazetteer.csv"
SPELLINGS_CSV = REFERENCE_DIR / "place_spellings.csv"
# a town decides an article's country alone only when it is a city this large and no other town of
# its name is a tenth as large
LARGE_TOWN = 100_000
PRECISION = {0: "country", 1: "admin1", 2: "admin2", 3: "town"}
_BUILT: dict[str, Gazetteer] = {}
_COMPASS_POINTS = frozenset({"north", "south", "east", "west"})  # folded: "northern" is "north"
Countries = list[str] | tuple[str, ...]  # ISO codes, most likely first
Areas = frozenset[tuple[str, str]]  # (country code, admin1) of subdivisions (see named_areas)


@dataclass(frozen=True)
class Place:
    country: str | None
    admin1: str | None
    admin2: str | None
    place: str | None
    resolved: bool
    country_code: str | None = None
    admin1_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    precision: str | None = None  # country | admin1 | admin2 | town (UCDP's where_prec)


class Gazetteer:
    """Place names and their spellings, from `reference.gazetteer` rows."""

    def __init__(self, frame: pl.DataFrame):
        self.rows = frame.select(
            "country", "country_code", "level", "name", "admin1", "admin1_code", "population",
            "latitude", "longitude",
        ).to_dict(as_series=False)  # fmt: skip
        # names are compared without their spaces ("Mu Se" is "Muse", "Dawlat Abad" "Dawlatabad"),
        # and tried only where a word starts one, or is one
        keys = (
            frame.select(
                pl.int_range(pl.len(), dtype=pl.UInt32).alias("row_id"),
                pl.concat_list("name", pl.col("aliases").fill_null("").str.split("|")).alias(
                    "spelling"
                ),
            )
            .explode("spelling")
            .select("row_id", place_keys(pl.col("spelling")).alias("spaced"))
            .filter(pl.col("spaced") != "")
        )
        spellings = (
            keys.select("row_id", pl.col("spaced").str.replace_all(" ", "").alias("key"))
            .unique(maintain_order=True)
            .group_by("key", maintain_order=True)
            .agg("row_id")
        )
        self.index: dict[str, tuple[int, ...]] = dict(
            zip(spellings["key"].to_list(), map(tuple, spellings["row_id"].to_list()), strict=True)
        )
        self.first_words = set(keys["spaced"].str.extract(r"^(\S+)").unique().to_list())
        self.centres = _centres(frame)
        # what `find` learnt of words and runs of words, whatever the text
        self._runs: dict[str, list[tuple[int, int, tuple[int, ...], str]]] = {}
        self._starters: dict[str, str | None] = {}
        self._places: dict[tuple, Place | None] = {}
        self.country_rows = {
            code: i
            for i, (code, level) in enumerate(
                zip(self.rows["country_code"], self.rows["level"], strict=True)
            )
            if level == 0
        }

    @classmethod
    def load(cls, path: Path = GAZETTEER_CSV) -> Gazetteer:
        return cls(read_gazetteer(path))

    @classmethod
    def cached(cls, fingerprint: str | None, rows: Callable[[], pl.DataFrame]) -> Gazetteer:
        """The gazetteer of the rows `rows` reads, built once per process for each fingerprint of
        them (None: not known, build it)."""
        if fingerprint is None or fingerprint not in _BUILT:
            _BUILT.clear()  # one at a time: a gazetteer holds half a million names
            built = cls(rows())
            if fingerprint is None:
                return built
            _BUILT[fingerprint] = built
        return _BUILT[fingerprint]

    def find(
        self,
        text: str,
        ignore: frozenset[str] = frozenset(),
        spans: list[tuple[int, int]] | None = None,
    ) -> list[Hit]:
        """Every name of the gazetteer in `text` (in `spans` of it, when given), longest first, left
        to right (see `NameReading`); not the names whose keys `ignore` holds (an armed group's name
        is not a town's)."""
        reading = NameReading(text, spans)
        hits: list[Hit] = []
        levels = self.rows["level"]
        for run in reading.runs:
            names = self._names_in(run.group())
            if not names:
                continue
            words = [(run.start() + m.start(), run.start() + m.end(), m.group()) for m in
                     ANY_WORD.finditer(run.group())]  # fmt: skip
            covered = 0
            for i, n, ids, key in names:
                if i < covered or key in ignore:
                    continue
                first = words[i][2]
                if n == 1 and first[1:].islower() and first.lower() in reading.lower:
                    continue  # "Police", "Said": words the text also writes as words
                ids = self._compass_named(text, words[i][0], key) or ids
                if hit := reading.hit(words[i : i + n], ids, levels):
                    hits.append(hit)
                    covered = i + n
        return hits

    def _compass_named(self, text: str, start: int, key: str) -> tuple[int, ...] | None:
        """ "northern Gaza" for North Gaza, "southern Kordofan" for South Kordofan: a subdivision
        named for its part of a larger one."""
        before = text[max(0, start - 12) : start].split()
        compass = fold_word(before[-1]) if before else ""
        if compass not in _COMPASS_POINTS:
            return None
        ids = self.index.get(compass + key, ())
        return tuple(i for i in ids if self.rows["level"][i] == 1) or None

    def _names_in(self, run: str) -> list[tuple[int, int, tuple[int, ...], str]]:
        """(first word, words, places, key) of each name a run of words may hold, longest first at
        each word; the same whatever the text (so kept for the next run so spelled)."""
        if (known := self._runs.get(run)) is not None:
            return known
        words = ANY_WORD.findall(run)
        names = []
        for i, word in enumerate(words):
            if (folded := self._starters.get(word, False)) is False:
                folded = self._starters[word] = self._starter(word)
            if folded is not None and (
                found := self._longest(tuple(words[i : i + MAX_NAME_WORDS]))
            ):
                names.append((i, *found))
        if len(self._runs) > 100_000:
            self._runs.clear()
            self._starters.clear()
        self._runs[run] = names
        return names

    def _starter(self, word: str) -> str | None:
        """The folded word, when a name may start with it; else None."""
        folded = fold_word(word)
        if not word[0].isupper():
            return None
        if folded in self.first_words or folded in self.index or folded in ARTICLES:
            return folded
        return None

    def _longest(self, words: tuple[str, ...]) -> tuple[int, tuple[int, ...], str] | None:
        """(words, places, key) of the longest name that the words start with."""
        for n in range(len(words), 0, -1):
            if n > 1 and not words[n - 1][0].isupper():
                continue
            key = key_of_words([fold_word(w) for w in words[:n]]).replace(" ", "")
            if ids := self.index.get(key):
                return n, ids, key
        return None

    def article_countries(self, hits: list[Hit]) -> list[str]:
        """The countries an article is about, most likely first (see the module docstring), from
        the names `find` read in it."""
        score: Counter[str] = Counter()
        first: dict[str, int] = {}
        for hit in hits:
            for code, weight in self._votes(hit).items():
                score[code] += weight
                first.setdefault(code, hit.start)
        return sorted(score, key=lambda code: (-score[code], first[code]))

    def _votes(self, hit: Hit) -> dict[str, float]:
        rows = self.rows
        countries = [i for i in hit.ids if rows["level"][i] == 0]
        if countries:  # "in Lebanon" says where; "Israel said" says who
            return {rows["country_code"][i]: 3.0 if hit.locative else 1.5 for i in countries}
        admins = {rows["country_code"][i] for i in hit.ids if rows["level"][i] in (1, 2)}
        if (
            len(admins) == 1
        ):  # a subdivision of one country, less sure when towns elsewhere share it
            code = admins.pop()
            return {code: 1.5 if all(rows["country_code"][i] == code for i in hit.ids) else 0.5}
        towns = sorted(
            (i for i in hit.ids if rows["level"][i] == 3),
            key=lambda i: -(rows["population"][i] or 0),
        )
        if not towns:
            return {}
        largest = rows["population"][towns[0]] or 0
        runner_up = max(
            (rows["population"][i] or 0 for i in towns[1:]
             if rows["country_code"][i] != rows["country_code"][towns[0]]),
            default=0,
        )  # fmt: skip
        if hit.dateline or (largest >= LARGE_TOWN and runner_up * 10 < largest):
            return {rows["country_code"][towns[0]]: 3.0 if hit.dateline else 1.0}
        return {}

    def resolve(self, text: str, countries: Countries = ()) -> Place:
        """The most specific place `text` names in `countries` or in a country it names itself (see
        `place_of`); else the first of `countries`."""
        return self.place_of(self.find(text), countries) or self.country_place(countries)

    def country_place(self, countries: Countries) -> Place:
        """The first of `countries` as a place (unresolved without one): where an event lies when
        its sentences name nowhere."""
        if countries and countries[0] in self.country_rows:
            return self._place(self.country_rows[countries[0]], as_admin1=False)
        return Place(None, None, None, None, False)

    def places_named(self, name: str) -> tuple[int, ...]:
        """The rows a name stands for, compared as `find` compares names."""
        return self.index.get(index_key(name), ())

    def event_place(
        self,
        hits: list[Hit],
        countries: list[str],
        areas: Areas = frozenset(),
    ) -> tuple[Place, Hit] | None:
        """Where a sentence places what it tells of, and the name that says so: a name after a
        preposition of place or before "province"; None without one, or with only the article's
        own country ("in Yemen", in an article about Yemen, says nothing new)."""
        placed = [h for h in hits if (h.locative or h.admin_word) and not h.dateline]
        place = self.place_of(placed, countries, areas) if placed else None
        if place is None or (place.precision == "country" and place.country_code in countries):
            return None
        return place, placed[0]

    def place_of(
        self,
        found: list[Hit],
        countries: Countries,
        areas: Areas = frozenset(),
    ) -> Place | None:
        """The place the names `found` give (see `_place_of`), the same wherever they stand;
        `areas` are the subdivisions the article names (see `named_areas`)."""
        key = (
            tuple((h.ids, h.admin_word, h.locative, h.dateline) for h in found if not h.elsewhere),
            tuple(countries),
            areas,
        )
        if (known := self._places.get(key, False)) is False:
            if len(self._places) > 100_000:
                self._places.clear()
            known = self._places[key] = self._place_of(found, countries, areas)
        return known

    def named_areas(self, hits: list[Hit], countries: list[str]) -> Areas:
        """(country code, admin1) of the subdivisions of `countries` that the names place something
        in ("in Ghazni province"): a name several places share means the one inside them."""
        rows = self.rows
        return frozenset(
            (rows["country_code"][i], rows["admin1"][i])
            for hit in hits
            if (hit.locative or hit.admin_word) and not hit.dateline
            for i in hit.ids
            if rows["level"][i] == 1 and rows["country_code"][i] in countries
        )

    def _place_of(self, found: list[Hit], countries: Countries, areas: Areas) -> Place | None:
        """The most specific place of `found` in `countries` or in a country they name: a
        district, else a town, else a subdivision, else a country; a subdivision they name decides
        between towns, and the dateline's town counts only when nothing else is named. A neighbour
        or a reference point ("north of Baghdad") is not a place of what the passage tells."""
        hits = [(hit, self._inside(self._meant(hit), areas)) for hit in found if not hit.elsewhere]
        rows = self.rows
        # the article's country, then those the passage places things in ("in Lebanon"), then the
        # others it names
        named_countries = [
            (not hit.locative, rows["country_code"][i])
            for hit, ids in hits
            for i in ids
            if rows["level"][i] == 0
        ]
        placed = list(countries) + [code for later, code in named_countries if not later]
        allowed = placed + [code for _, code in named_countries]
        named = {
            (rows["country_code"][i], rows["admin1"][i])
            for hit, ids in hits
            for i in ids
            if not hit.dateline
            and rows["country_code"][i] in placed
            and (rows["level"][i] == 1 or (hit.admin_word and rows["level"][i] == 3))
        }
        best: tuple | None = None
        for order, (hit, ids) in enumerate(hits):
            for i in ids:
                if rows["country_code"][i] not in allowed:
                    continue
                level = rows["level"][i]
                # a state named as an actor ("an attack by the Russian Federation", "Israel
                # said") says who, not where: it places nothing outside the article's countries
                if level == 0 and not hit.locative and rows["country_code"][i] not in placed:
                    continue
                rank = (
                    bool(named) and (rows["country_code"][i], rows["admin1"][i]) not in named,
                    allowed.index(rows["country_code"][i]),
                    _LEVEL_RANK[level] + _town_penalty(level, hit),
                    order,
                    -(rows["population"][i] or 0),
                )
                if best is None or rank < best[0]:
                    best = (rank, i, hit)
        return self._place(best[1], as_admin1=best[2].admin_word) if best else None

    def _inside(self, ids: tuple[int, ...], areas: Areas) -> tuple[int, ...]:
        """Of the places a name can mean, those inside `areas`, if any are."""
        if len(ids) < 2 or not areas:
            return ids
        rows = self.rows
        inside = tuple(i for i in ids if (rows["country_code"][i], rows["admin1"][i]) in areas)
        return inside or ids

    def _meant(self, hit: Hit) -> tuple[int, ...]:
        """The places a name can mean: a country's name means the country ("Colombia" is not the
        town of Colombia), unless a word says it is a subdivision ("Niger State")."""
        levels = self.rows["level"]
        countries = tuple(i for i in hit.ids if levels[i] == 0)
        if not countries:
            return hit.ids
        if hit.admin_word:
            return tuple(i for i in hit.ids if levels[i] != 0) or countries
        return countries

    def _place(self, i: int, as_admin1: bool) -> Place:
        rows = self.rows
        level = rows["level"][i]
        if level == 3 and as_admin1:  # "Kharkiv region": the town's subdivision
            level = 1
        code, admin1 = rows["country_code"][i], rows["admin1"][i]
        if level == 3:
            lat, lon = rows["latitude"][i], rows["longitude"][i]
        else:
            lat, lon = self.centres.get((code, admin1 if level else None), (None, None))
        return Place(
            rows["country"][i],
            admin1 if level else None,
            rows["name"][i] if level == 2 else None,
            rows["name"][i] if level == 3 else None,
            True,
            code,
            rows["admin1_code"][i] if level else None,
            lat,
            lon,
            PRECISION[level],
        )


# a district before a town before a subdivision before a country
_LEVEL_RANK = {2: 0, 3: 1, 1: 2, 0: 3}


def _town_penalty(level: int, hit: Hit) -> float:
    """A town read as its subdivision ("the Kharkiv region") ranks as one; a town named without a
    preposition of place ("Taliban attacked Kunduz") ranks after a subdivision the text names, and
    a subdivision so named after one named with a preposition or as a subdivision."""
    if level == 1:
        return 0.0 if hit.locative or hit.admin_word or hit.dateline else 0.5
    if level != 3:
        return 0.0
    if hit.admin_word:
        return 1.5
    return 0.0 if hit.locative or hit.dateline else 1.2


def _centres(frame: pl.DataFrame) -> dict[tuple[str, str | None], tuple[float, float]]:
    """Approximate centres of subdivisions and countries: the mean position of their towns."""
    towns = frame.filter(pl.col("level") == 3, pl.col("latitude").is_not_null())
    centres = {}
    for keys in (["country_code", "admin1"], ["country_code"]):
        means = towns.group_by(keys).agg(pl.col("latitude").mean(), pl.col("longitude").mean())
        for row in means.iter_rows(named=True):
            key = (row["country_code"], row.get("admin1"))
            centres[key] = (round(row["latitude"], 4), round(row["longitude"], 4))
    return centres


def read_gazetteer(path: Path = GAZETTEER_CSV) -> pl.DataFrame:
    """The world layer with the news spellings and the hand layer laid over it."""
    return _layered(path, *(_stamp(p) for p in (path, SPELLINGS_CSV)))


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=4)
def _layered(path: Path, *stamps: tuple[int, int]) -> pl.DataFrame:
    """The layers laid over each other, once per process for each version of the hand layers."""
    from pipelines.reference.hand_layer import with_hand_layer, with_spellings
    from pipelines.reference.world import cached_world_places

    return with_hand_layer(with_spellings(cached_world_places(), SPELLINGS_CSV), path)


def name_keys(names: Iterable[str]) -> frozenset[str]:
    """The keys `find` compares names by, for its `ignore`."""
    return frozenset(key for name in names if (key := index_key(name)))
