"""Who is who: aliases of actors and counted nouns, with their sides, from editable
reference data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from pipelines.extract.matching import fold, folded
from pipelines.extract.trie import trie_pattern

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "data" / "reference"
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
        # lookups go by the normalized key, so "pro-government militia" finds the alias however it
        # is hyphenated
        return cls(
            {cls._key(a): side for a, side in speakers.items()},
            {cls._key(a): side for a, side in subjects.items()},
            _alias_regex(list(speakers)),
            _alias_regex(list(subjects)),
            _alias_regex(watchdogs),
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

    def subject_side(self, phrase: str) -> str | None:
        """Side of the people a counted noun phrase ("Afghan soldiers", "US troops") refers to."""
        return self._side("subject", phrase)


def read_actors(path: Path = ACTORS_CSV) -> pl.DataFrame:
    """The actors reference table as stored in the repo; an alias written twice keeps its first row
    (an edit of the CSV must not fail a run)."""
    return pl.read_csv(
        path,
        schema_overrides={c: pl.String for c in ("alias", "speaker_side", "subject_side", "note")},
    ).unique("alias", keep="first", maintain_order=True)
