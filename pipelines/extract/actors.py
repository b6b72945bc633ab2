"""Who is who: aliases of actors and counted nouns, with their sides, from editable
reference data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import pycountry

from pipelines.config import REFERENCE_DIR
from pipelines.extract.matching import fold, folded
from pipelines.extract.trie import trie_pattern

ACTORS_CSV = REFERENCE_DIR / "actors.csv"

# When one phrase names several actors ("al Shabaab's military spokesman"), the most specific side
# wins.
SPEAKER_PRIORITY = ("insurgent", "watchdog", "foreign", "local", "government", "media")
SUBJECT_PRIORITY = ("civilian", "insurgent", "foreign", "government", "any")


def spaced(ch: str) -> str:
    """Regex for one character of a name, where a space may also be a hyphen or several spaces."""
    return r"[\s-]+" if ch == " " else re.escape(ch)


def _alias_regex(aliases: list[str]) -> re.Pattern[str]:
    """Any of the (lower-case) aliases, for folded text."""
    return folded(
        rf"(?<![\w-])(?:{trie_pattern(aliases, spaced)})"
        r"(?:'s|’s|s|-led|-linked|-affiliated)?(?![\w-])"
    )


@dataclass(frozen=True)
class Actors:
    """Alias lookups compiled from `reference.actors` rows; the patterns search folded text (see
    matching.py).
    """

    speaker_sides: dict[str, str]
    subject_sides: dict[str, str]
    speaker_re: re.Pattern[str]
    subject_re: re.Pattern[str]
    # watchdog names only: the control-share extractor looks for its cited source in every sentence
    watchdog_re: re.Pattern[str]
    # the named actors: alias -> canonical name ("tdf" -> "TDF", "turkish" -> "Turkey")
    actor_names: dict[str, str]
    actor_re: re.Pattern[str]
    # a state's name -> its ISO code, and the pairs of states at war with each other
    state_codes: dict[str, str]
    wars: frozenset[tuple[str, str]]
    _memo: dict[tuple[str, str], str | None] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def from_frame(cls, frame: pl.DataFrame) -> Actors:
        rows = frame.with_columns(pl.col("alias").str.to_lowercase().str.strip_chars())
        speakers = dict(
            rows.filter(pl.col("speaker_side").is_not_null())
            .select("alias", "speaker_side")
            .iter_rows()
        )
        subjects = dict(
            rows.filter(pl.col("subject_side").is_not_null())
            .select("alias", "subject_side")
            .iter_rows()
        )
        watchdogs = [alias for alias, side in speakers.items() if side == "watchdog"]
        named = dict(
            rows.filter(pl.col("actor").is_not_null()).select("alias", "actor").iter_rows()
        )
        states = rows.filter(pl.col("country_code").is_not_null())
        # lookups go by the normalized key, so "pro-government militia" finds the alias however it
        # is hyphenated
        return cls(
            {cls._key(a): side for a, side in speakers.items()},
            {cls._key(a): side for a, side in subjects.items()},
            _alias_regex(list(speakers)),
            _alias_regex(list(subjects)),
            _alias_regex(watchdogs),
            {cls._key(a): actor for a, actor in named.items()},
            _alias_regex(list(named)),
            dict(states.select("actor", "country_code").unique("actor").iter_rows()),
            _wars(states),
        )

    @classmethod
    def load(cls, path: Path = ACTORS_CSV) -> Actors:
        return cls.from_frame(read_actors(path))

    @staticmethod
    def _key(match: str) -> str:
        return re.sub(r"[\s-]+", " ", match.lower().replace("’", "'"))

    def _lookup(self, table: dict[str, str], match: str) -> str | None:
        key = self._key(match)
        for candidate in (
            key,
            key.removesuffix("'s"),
            key.removesuffix("s"),
            key.removesuffix(" led"),
            key.removesuffix(" linked"),
            key.removesuffix(" affiliated"),
        ):
            if candidate in table:
                return table[candidate]
        return None

    def _side(self, role: str, phrase: str) -> str | None:
        key = (role, phrase)
        if key not in self._memo:
            table, pattern, priority = (
                (self.speaker_sides, self.speaker_re, SPEAKER_PRIORITY)
                if role == "speaker"
                else (self.subject_sides, self.subject_re, SUBJECT_PRIORITY)
            )
            sides = {self._lookup(table, m.group(0)) for m in pattern.finditer(fold(phrase))}
            self._memo[key] = next((side for side in priority if side in sides), None)
        return self._memo[key]

    def speaker_side(self, phrase: str) -> str | None:
        """Side of whoever `phrase` names as a speaker, or None when it names nobody known."""
        return self._side("speaker", phrase)

    def actor(self, phrase: str | None) -> str | None:
        """The actor a phrase names ("Taliban", "Turkey" for "the Turkish army"): the first named
        one, else a country by its ISO name; None when it names none."""
        if not phrase:
            return None
        key = ("actor", phrase)
        if key not in self._memo:
            folded_phrase = fold(phrase)
            m = self.actor_re.search(folded_phrase)
            found = self._lookup(self.actor_names, m.group(0)) if m else None
            if found is None and (country := _COUNTRY_NAMES.search(folded_phrase)):
                found = COUNTRY_BY_NAME[country.group(0)]
            self._memo[key] = found
        return self._memo[key]

    def abroad_side(self, side: str, actor: str | None, country_code: str | None) -> str:
        """A state's side where an event happened: its forces and officials are `foreign` on
        another state's soil unless the two are at war, and not `foreign` on their own."""
        state = self.state_codes.get(actor or "") or _CODE_BY_COUNTRY.get(actor or "")
        if state is None or not country_code:
            return side
        if side == "government" and state != country_code:
            return side if (state, country_code) in self.wars else "foreign"
        return "government" if side == "foreign" and state == country_code else side

    def subject_side(self, phrase: str) -> str | None:
        """Side of the people a counted noun phrase ("Afghan soldiers", "US troops") refers to."""
        return self._side("subject", phrase)


def _wars(states: pl.DataFrame) -> frozenset[tuple[str, str]]:
    """Both orders of every pair of states at war, from the states' `at_war_with` codes."""
    pairs = (
        states.select("country_code", pl.col("at_war_with").str.split("|"))
        .explode("at_war_with")
        .drop_nulls()
        .iter_rows()
    )
    return frozenset(pair for a, b in pairs for pair in ((a, b), (b, a)))


def _countries_by_name() -> dict[str, str]:
    """Folded ISO names of every country (official and common; "Palestine, State of" as
    "palestine") -> its name; a short name two countries share ("korea") names neither."""
    found: dict[str, set[str]] = {}
    for country in pycountry.countries:
        display = getattr(country, "common_name", None) or country.name
        for name in (getattr(country, "common_name", None), country.name):
            if name:
                found.setdefault(fold(name.split(",")[0]), set()).add(display)
    return {key: names.pop() for key, names in found.items() if len(names) == 1}


# countries no actor row names, by their ISO names ("Mali said"), folded
COUNTRY_BY_NAME = _countries_by_name()
_CODE_BY_COUNTRY = {
    getattr(country, "common_name", country.name): country.alpha_2
    for country in pycountry.countries
}
_COUNTRY_NAMES = folded(
    rf"(?<![\w-])(?:{trie_pattern(list(COUNTRY_BY_NAME), spaced)})(?:'s|’s)?(?![\w-])"
)


_COLUMNS = ("alias", "speaker_side", "subject_side", "actor", "country_code", "at_war_with", "note")


def read_actors(path: Path = ACTORS_CSV) -> pl.DataFrame:
    """The actors reference table as stored in the repo; an alias written twice keeps its first row
    (an edit of the CSV must not fail a run, nor a CSV without the optional columns)."""
    rows = pl.read_csv(path, infer_schema=False)
    return (
        rows.with_columns(
            pl.lit(None, pl.String).alias(c) for c in _COLUMNS if c not in rows.columns
        )
        .select(_COLUMNS)
        .unique("alias", keep="first", maintain_order=True)
    )
