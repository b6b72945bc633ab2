"""Score the control shares that articles state against the gold's (`contested eval`).

A required gold share is found when a share of the same article states the same figure: a percent
within one point (the gold writes two-thirds as 67 or 66.7), a count of districts or an area
within half a unit. Of those found: is the category right (a state named as the gold names it:
"Moscow" is Russia), and the source (a watchdog by its name, any other assessor by its side)?
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from pipelines.extract.actors import Actors
from pipelines.extract.control_text import CATEGORY_ROLLUP
from pipelines.incident_evaluation import Tallies, Tally

# the gold's units and the warehouse's
_COUNT_UNITS = {"districts": "districts", "km2": "km2"}


@dataclass
class ControlScore(Tallies):
    TITLE: ClassVar[str] = "control shares"
    LABELS: ClassVar[dict[str, str]] = {
        "found": "found",
        "category": "category right",
        "source": "source right",
    }
    found: Tally = field(default_factory=Tally)
    category: Tally = field(default_factory=Tally)
    source: Tally = field(default_factory=Tally)

    def details(self) -> list[str]:
        return [
            f"CONTROL {line}"
            for tally in (self.found, self.category, self.source)
            for line in tally.wrong
        ]


def states_figure(gold: dict, found: dict) -> bool:
    """Whether a found share states the gold's figure."""
    unit = gold.get("unit") or "percent"
    if unit.startswith("percent"):
        return found["share"] is not None and abs(found["share"] * 100 - gold["value"]) <= 1.0
    return (
        found["count"] is not None
        and found["unit"] == _COUNT_UNITS.get(unit, unit)
        and abs(found["count"] - gold["value"]) <= 0.5
    )


class ControlJudge:
    """Matches and judges one article's shares, naming states and sides as reference.actors does."""

    def __init__(self, actors: Actors):
        self.actors = actors

    def category_right(self, gold: dict, found: dict) -> bool:
        category = gold["category"]
        if category in ("government", "insurgent", "contested"):
            return category in (found["category"], CATEGORY_ROLLUP.get(found["category"]))
        return found["category"] == "state" and found["category_actor"] == self.actors.actor(
            category
        )

    def source_right(self, gold: dict, found: dict) -> bool:
        side = gold.get("claimant_side") or self.actors.speaker_side(gold["source"])
        if side == "watchdog":
            return found["source_side"] == "watchdog" and found["source"].upper() in (
                gold["source"].upper()
            )
        return found["source_side"] == side

    def score(self, article: str, gold: list[dict], found: list[dict], into: ControlScore):
        remaining = list(found)
        for share in gold:
            if share.get("optional") or share.get("value") is None:
                continue
            pick = next((f for f in remaining if states_figure(share, f)), None)
            into.found.add(pick is not None, f"{article}: missed {share['evidence'][:100]}")
            if pick is None:
                continue
            remaining.remove(pick)
            said = f"{article}: gold {share['category']} by {share['source']}"
            into.category.add(self.category_right(share, pick), f"{said} / {pick['category']}")
            into.source.add(
                self.source_right(share, pick),
                f"{said} / source {pick['source']} ({pick['source_side']})",
            )
