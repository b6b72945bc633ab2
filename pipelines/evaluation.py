"""Score extracted claims against hand-made gold annotations (`contested eval GOLD_DIR`).

The pipeline really runs: the gold's articles are copied to a temporary raw folder and
materialized into a fresh warehouse; `facts.claims` is then matched to the gold claims on
(article, kind, value), one to one. Optional gold claims cost nothing either way.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from pipelines.control_evaluation import ControlJudge, ControlScore
from pipelines.extract.actors import Actors
from pipelines.incident_evaluation import IncidentJudge, IncidentScore


@dataclass
class Match:
    article: str
    gold: dict | None
    found: dict | None


@dataclass
class Report:
    matches: list[Match] = field(default_factory=list)
    incidents: IncidentScore = field(default_factory=IncidentScore)
    controls: ControlScore = field(default_factory=ControlScore)

    def _count(self, predicate) -> int:
        return sum(1 for m in self.matches if predicate(m))

    @property
    def true_positives(self) -> list[Match]:
        return [m for m in self.matches if m.gold and m.found and not m.gold.get("optional")]

    @property
    def misses(self) -> list[Match]:
        return [m for m in self.matches if m.gold and not m.found and not m.gold.get("optional")]

    @property
    def false_claims(self) -> list[Match]:
        return [m for m in self.matches if m.found and not m.gold]

    @property
    def precision(self) -> float:
        tp, fp = len(self.true_positives), len(self.false_claims)
        return tp / (tp + fp) if tp + fp else 0.0

    @property
    def recall(self) -> float:
        tp, fn = len(self.true_positives), len(self.misses)
        return tp / (tp + fn) if tp + fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def _accuracy(self, column: str) -> float:
        tp = self.true_positives
        return sum(1 for m in tp if m.gold[column] == m.found[column]) / len(tp) if tp else 0.0

    @property
    def claimant_side_accuracy(self) -> float:
        return self._accuracy("claimant_side")

    @property
    def subject_side_accuracy(self) -> float:
        return self._accuracy("subject_side")

    def render(self) -> str:
        def describe(claim: dict) -> str:
            return (
                f"{claim['kind']} {claim['subject_side']} {claim['value']} "
                f"({claim['qualifier']}) by {claim['claimant_side']}"
            )

        lines = [
            f"claims: gold {len(self.true_positives) + len(self.misses)}, found "
            f"{len(self.true_positives) + len(self.false_claims)}, "
            f"matched {len(self.true_positives)}",
            f"precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}",
            f"claimant-side accuracy {self.claimant_side_accuracy:.3f}  subject-side accuracy "
            f"{self.subject_side_accuracy:.3f}",
            self.incidents.render(),
            self.controls.render(),
        ]
        lines += [
            f"MISS   {m.article}: {describe(m.gold)} | {m.gold.get('evidence')}"
            for m in self.misses
        ]
        lines += [
            f"FALSE  {m.article}: {describe(m.found)} | {m.found['evidence'][:120]}"
            for m in self.false_claims
        ]
        lines += [
            f"SIDE   {m.article}: gold {describe(m.gold)} / found {describe(m.found)}"
            for m in self.true_positives
            if (m.gold["claimant_side"], m.gold["subject_side"])
            != (m.found["claimant_side"], m.found["subject_side"])
        ]
        return "\n".join(lines + self.incidents.details() + self.controls.details())


def match_claims(article: str, gold: list[dict], found: list[dict]) -> list[Match]:
    """One-to-one matches on (kind, value), preferring the claim that agrees on both sides, then
    on the claimant's, then on the subject's; leftovers are misses/false claims.
    """
    remaining = list(found)
    matches = []

    def agreement(g: dict, f: dict) -> tuple[bool, bool]:
        return f["claimant_side"] == g["claimant_side"], f["subject_side"] == g["subject_side"]

    for g in sorted(gold, key=lambda c: bool(c.get("optional"))):
        candidates = [f for f in remaining if (f["kind"], f["value"]) == (g["kind"], g["value"])]
        pick = max(candidates, key=lambda f: agreement(g, f), default=None)
        if pick is not None:
            remaining.remove(pick)
        matches.append(Match(article, g, pick))
    matches.extend(Match(article, None, f) for f in remaining)
    return matches


def gold_files(gold_dir: Path) -> tuple[list[Path], Path]:
    """The gold JSON files and the folder holding their articles (GOLD_DIR may be the corpus or its
    gold/).
    """
    folder = gold_dir / "gold" if (gold_dir / "gold").is_dir() else gold_dir
    articles = folder.parent / "articles"
    return sorted(folder.glob("*.json")), articles


def score(
    gold_docs: list[dict],
    claims: pl.DataFrame,
    judge: IncidentJudge,
    shares: pl.DataFrame,
    control_judge: ControlJudge,
) -> Report:
    """Match a warehouse's claims (with `source_file` and their incident's place) to the gold
    documents, and score the incidents through them; score the control shares stated."""
    report = Report()
    for doc in gold_docs:
        stated = shares.filter(pl.col("source_file").str.ends_with(doc["article"])).to_dicts()
        control_judge.score(doc["article"], doc.get("control_shares", []), stated, report.controls)
        mine = claims.filter(pl.col("source_file").str.ends_with(doc["article"])).to_dicts()
        matches = match_claims(doc["article"], doc["claims"], mine)
        report.matches.extend(matches)
        matched = [(m.gold, m.found) for m in matches if m.gold and m.found]
        judge.score(doc["article"], doc.get("incidents", []), matched, report.incidents)
    return report


def evaluate_gold_dir(gold_dir: Path, warehouse: Path | None = None) -> Report:
    """Run the pipeline on the gold's articles and score its claims."""
    from pipelines.reference.gazetteer import Gazetteer
    from pipelines.resources import build_resources, open_warehouse
    from pipelines.runner import run_pipeline
    from pipelines.warehouse import read_frame, sql_file

    files, articles_dir = gold_files(gold_dir)
    docs = [json.loads(path.read_text(encoding="utf-8")) for path in files]
    with tempfile.TemporaryDirectory(prefix="contested-eval-") as tmp:
        raw = Path(tmp) / "raw"
        raw.mkdir()
        for doc in docs:
            shutil.copy(articles_dir / doc["article"], raw / doc["article"])
        database = warehouse or Path(tmp) / "eval.duckdb"
        result = run_pipeline(raw, database)
        if not result.success:
            raise RuntimeError("the pipeline failed on the gold articles")
        with open_warehouse(build_resources(raw, database)["warehouse"]) as conn:
            claims = read_frame(conn, sql_file("evaluation/scored_claims"))
            shares = read_frame(conn, sql_file("evaluation/scored_control_shares"))
            judge = IncidentJudge(Gazetteer(read_frame(conn, "FROM reference.gazetteer")))
            actors = Actors.from_frame(read_frame(conn, "FROM reference.actors"))
    return score(docs, claims, judge, shares, ControlJudge(actors))
