"""Score the warehouse's incidents against the gold's, through the claims both hold.

Each gold incident with a matched claim is compared with the warehouse incident that holds most of
its matched claims: is its country right, and its first-level subdivision? And for every two matched
claims of one article: do they share an incident in the warehouse exactly when they do in the gold?
Names are compared as the gazetteer compares them, so "Palestine (Gaza Strip)" is PS and "Khan
Younis" is the governorate of Khan Yunis.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from typing import ClassVar, Self

from pipelines.reference.gazetteer import Gazetteer
from pipelines.reference.place_names import place_key


@dataclass
class Tally:
    right: int = 0
    total: int = 0
    wrong: list[str] = field(default_factory=list)

    def add(self, right: bool, wrong: str) -> None:
        self.total += 1
        self.right += right
        if not right:
            self.wrong.append(wrong)

    def render(self, name: str) -> str:
        share = self.right / self.total if self.total else 0.0
        return f"{name} {self.right} of {self.total} ({share:.2f})"


@dataclass
class Tallies:
    """Named tallies, rendered on one line as LABELS says and merged field by field."""

    TITLE: ClassVar[str] = ""
    LABELS: ClassVar[dict[str, str]] = {}

    def render(self) -> str:
        return f"{self.TITLE}: " + "  ".join(
            getattr(self, name).render(label) for name, label in self.LABELS.items()
        )

    def merged(self, other: Self) -> Self:
        return type(self)(
            *(
                Tally(a.right + b.right, a.total + b.total, a.wrong + b.wrong)
                for a, b in ((getattr(self, n), getattr(other, n)) for n in self.LABELS)
            )
        )


@dataclass
class IncidentScore(Tallies):
    TITLE: ClassVar[str] = "incidents"
    LABELS: ClassVar[dict[str, str]] = {
        "country": "country right",
        "admin1": "admin1 right",
        "pairs": "same-incident pairs agree",
    }
    country: Tally = field(default_factory=Tally)
    admin1: Tally = field(default_factory=Tally)
    pairs: Tally = field(default_factory=Tally)

    def details(self) -> list[str]:
        return [f"PLACE  {line}" for line in self.country.wrong + self.admin1.wrong] + [
            f"PAIR   {line}" for line in self.pairs.wrong
        ]


def _bare(name: str | None) -> str | None:
    """A gold name without its parenthesised note ("FATA (now Khyber Pakhtunkhwa)" is FATA)."""
    return re.sub(r"\s*\(.*?\)", "", name).strip() or None if name else None


class IncidentJudge:
    """Compares gold places with the warehouse's through the gazetteer's names."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    def _rows(self, name: str) -> list[int]:
        return list(self.gazetteer.places_named(name))

    def country_code(self, name: str | None) -> str | None:
        rows = self.gazetteer.rows
        for i in self._rows(_bare(name) or ""):
            if rows["level"][i] == 0:
                return rows["country_code"][i]
        return None

    def admin1_names(self, name: str, country_code: str | None) -> set[str]:
        """The subdivisions a gold province name can stand for in its country (a subdivision so
        named, or the subdivision of a town so named)."""
        rows = self.gazetteer.rows
        found = {place_key(name)}
        for i in self._rows(name):
            if rows["country_code"][i] == country_code and rows["level"][i] in (1, 2, 3):
                found.add(place_key(rows["admin1"][i] or ""))
        return found

    def score(self, article: str, gold_incidents: list[dict], matched: list, into: IncidentScore):
        """Add one article's incidents to `into`; `matched` holds (gold claim, found claim)."""
        by_key = {incident["key"]: incident for incident in gold_incidents}
        held: dict[str, Counter] = {}
        found_of: dict[str, dict] = {}
        for gold, found in matched:
            held.setdefault(gold["incident"], Counter())[found["incident_id"]] += 1
            found_of[found["incident_id"]] = found
        for key, counter in held.items():
            gold = by_key.get(key)
            if gold is None:
                continue
            found = found_of[counter.most_common(1)[0][0]]
            self._place(article, gold, found, into)
        for (g1, f1), (g2, f2) in combinations(matched, 2):
            same_gold = g1["incident"] == g2["incident"]
            same_found = f1["incident_id"] == f2["incident_id"]
            into.pairs.add(
                same_gold == same_found,
                f"{article}: {g1['value']} and {g2['value']} "
                f"{'share' if same_gold else 'do not share'} an incident in the gold",
            )

    def _place(self, article: str, gold: dict, found: dict, into: IncidentScore) -> None:
        code = self.country_code(gold.get("country"))
        if gold.get("country"):
            into.country.add(
                code is not None and code == found["incident_country_code"],
                f"{article} {gold['key']}: country gold {gold['country']} / found "
                f"{found['incident_country']}",
            )
        province = _bare(gold.get("province"))
        if province:  # "Marib; al-Bayda": either
            names = set().union(*(self.admin1_names(p.strip(), code) for p in province.split(";")))
            into.admin1.add(
                code == found["incident_country_code"]
                and place_key(found["incident_admin1"] or "-") in names,
                f"{article} {gold['key']}: admin1 gold {province} / found "
                f"{found['incident_admin1']}",
            )
