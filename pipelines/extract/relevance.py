"""Whether an article reports armed conflict, with the evidence: the gate before claims and
incidents.

A feed is mostly not war. Each sentence is read for the cues of reference.conflict_terms
(data/reference/conflict_terms.csv, editable by analysts) and of reference.actors:

- `armed_actor`: an armed force or group (soldiers, militants, militia), and every alias that
  reference.actors puts on the insurgent side (a named group);
- `armed_violence`: violence only armed actors commit (an airstrike, shelling, an ambush);
- `violence`: violence anyone may commit (an attack, a raid, an explosion, a shooting);
- `casualty`: people killed, wounded or dead;
- `conflict_context`: words of war (the war, a ceasefire, the front line);
- `other_harm`: accidents, disasters, disease and crime (a crash, a flood, an outbreak, a murder).

An *event sentence* tells of no other harm unless an armed actor is in it ("a bus crash killed 12"
is not one; "gunmen killed 12 on a bus" is), and names no year HISTORY_YEARS or more before the
article's (a battle of 1916 is history). It is *strong* with armed violence, or with casualties
beside an armed actor or violence ("an Israeli strike killed two"); *weak* with an armed actor and
violence but no casualty ("gunmen attacked a checkpoint"), because critics also "attack" an army's
budget. The article's class, in order:

- `conflict_event`: an armed actor or armed violence named somewhere (a shooting outside a
  nightclub is crime), and a strong event sentence in the title or the first LEDE_SENTENCES
  sentences, or one anywhere with EVENT_SENTENCES event sentences in all;
- `conflict_context`: CONTEXT_SENTENCES sentences or more with an armed actor, violence or words of
  war;
- `not_conflict`: the rest.

Only a `conflict_event` article yields incidents and claims, and a claim needs a conflict frame: its
sentence, or the one before it, has an armed actor, violence or words of war in it, and its own
sentence does not tell of other harm without an armed actor. Control statements are read in every
English article: a share of territory held is conflict news on its own.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.config import REFERENCE_DIR
from pipelines.extract.document import Document
from pipelines.extract.matching import fold, folded
from pipelines.extract.trie import trie_pattern

# in the order the pattern tries them at one place: "military operation" before "military"
CUES = (
    "armed_violence",
    "armed_actor",
    "violence",
    "casualty",
    "conflict_context",
    "other_harm",
)
# what puts a sentence in a conflict frame
FRAMING = frozenset({"armed_actor", "armed_violence", "violence", "conflict_context"})
CONFLICT_TERMS_CSV = REFERENCE_DIR / "conflict_terms.csv"
# thresholds of the classes (see the module docstring)
LEDE_SENTENCES = 3
EVENT_SENTENCES = 2
STRONG, WEAK = 2, 1
HISTORY_YEARS = 25
CONTEXT_SENTENCES = 2
# a term matches as written or with a plural or verb ending: attack, attacks, attacked, attacking
_ENDINGS = r"(?:s|es|ed|d|ing)?"
# not preceded by a letter, digit or hyphen: checked after a term's first letter (see trie_pattern)
_STARTS_A_TERM = r"(?<![\w-].)"
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


def read_conflict_terms(path: Path = CONFLICT_TERMS_CSV) -> pl.DataFrame:
    """The conflict terms as stored in the repo, folded; a term written twice keeps its first row
    (an edit of the CSV must not fail a run).
    """
    rows = pl.read_csv(path, infer_schema=False)
    return (
        rows.with_columns(pl.col("term").str.strip_chars().str.to_lowercase())
        .filter(pl.col("term").str.len_chars() > 0)
        .unique("term", keep="first", maintain_order=True)
        .select("term", "cue", "note")
    )


@dataclass(frozen=True)
class ConflictTerms:
    """The cues' terms as one folded pattern (a trie of every term), from reference.conflict_terms
    and the insurgent-side aliases of reference.actors: a term is matched with its ending, and its
    cue looked up.
    """

    pattern: re.Pattern[str]
    cue_of: dict[str, str]  # term -> its cue (the first of CUES, for a term given two)

    @classmethod
    def from_frames(cls, terms: pl.DataFrame, actors: pl.DataFrame) -> ConflictTerms:
        cue_of: dict[str, str] = {}
        for cue in CUES:
            listed = terms.filter(pl.col("cue") == cue)["term"]
            for term in listed:
                cue_of.setdefault(fold(term.strip()), cue)
        insurgent = (pl.col("speaker_side") == "insurgent") | (
            pl.col("subject_side") == "insurgent"
        )
        for alias in actors.filter(insurgent)["alias"]:
            cue_of.setdefault(fold(alias.strip()), "armed_actor")
        stems = trie_pattern(sorted(cue_of), after_first=_STARTS_A_TERM)
        return cls(folded(rf"(?P<term>{stems}){_ENDINGS}(?![\w-])"), cue_of)

    def cues(self, folded_text: str) -> dict[str, set[str]]:
        """The terms of each cue found in a folded text."""
        found: dict[str, set[str]] = {}
        for match in self.pattern.finditer(folded_text):
            term = match.group("term")
            found.setdefault(self.cue_of[term], set()).add(term)
        return found

    def cues_by_sentence(
        self, folded_text: str, spans: list[tuple[int, int]]
    ) -> list[dict[str, set[str]]]:
        """The cues of each sentence (`spans` of the text, in order), from one pass over the
        text."""
        starts = [start for start, _ in spans]
        found: list[dict[str, set[str]]] = [{} for _ in spans]
        for match in self.pattern.finditer(folded_text):
            index = bisect.bisect_right(starts, match.start()) - 1
            if index >= 0 and match.end() <= spans[index][1]:
                term = match.group("term")
                found[index].setdefault(self.cue_of[term], set()).add(term)
        return found


@dataclass(frozen=True)
class Relevance:
    """An article's class, the evidence for it, and which of its sentences give a claim a conflict
    frame.
    """

    relevance: str
    evidence: str
    starts: tuple[int, ...]  # every sentence's start, in order
    framed: frozenset[int]  # starts of the sentences with an armed actor, violence or war
    harmed: frozenset[int]  # starts of the sentences of other harm without an armed actor

    def frames_claim(self, offset: int) -> bool:
        """Whether a claim whose evidence starts at `offset` stands in a conflict frame."""
        index = bisect.bisect_right(self.starts, offset) - 1
        if index < 0:
            return False
        sentence = self.starts[index]
        if sentence in self.harmed:
            return False
        return sentence in self.framed or (index > 0 and self.starts[index - 1] in self.framed)


def event_strength(cues: dict[str, set[str]]) -> int:
    """STRONG, WEAK or 0: what a sentence's cues say of a violent event (see the module
    docstring).
    """
    armed = "armed_actor" in cues
    if "other_harm" in cues and not armed:
        return 0
    if "armed_violence" in cues or ("casualty" in cues and (armed or "violence" in cues)):
        return STRONG
    return WEAK if armed and "violence" in cues else 0


def _historical(sentence: str, published: dt.date | None) -> bool:
    """Whether a sentence names a year HISTORY_YEARS or more before the article's (this year's,
    for an article with no date).
    """
    latest = (published or dt.date.today()).year - HISTORY_YEARS
    return any(int(year) <= latest for year in _YEAR.findall(sentence))


def _evidence(found: dict[str, set[str]], strong: int, weak: int, lede: bool) -> str:
    parts = [f"event sentences {strong} strong, {weak} weak" + (" (in the lede)" if lede else "")]
    parts += [f"{cue}: {', '.join(sorted(found[cue])[:6])}" for cue in CUES if cue in found]
    return "; ".join(parts)


def assess_relevance(
    document: Document, title: str | None, published: dt.date | None, terms: ConflictTerms
) -> Relevance:
    """The article's class and evidence (see the module docstring)."""
    found: dict[str, set[str]] = {}
    framed, harmed, cue_sentences = set(), set(), 0
    tally = {STRONG: 0, WEAK: 0, 0: 0}
    lede_event = event_strength(terms.cues(fold(title or ""))) == STRONG
    spans = document.sentences()
    cues_by_sentence = terms.cues_by_sentence(document.folded, spans)
    for index, ((start, end), cues) in enumerate(zip(spans, cues_by_sentence, strict=True)):
        for cue, words in cues.items():
            found.setdefault(cue, set()).update(words)
        if cues.keys() & FRAMING:
            framed.add(start)
        if "other_harm" in cues and "armed_actor" not in cues:
            harmed.add(start)
        cue_sentences += bool(cues.keys() & FRAMING)
        strength = event_strength(cues)
        strength = 0 if strength and _historical(document.text[start:end], published) else strength
        tally[strength] += 1
        lede_event = lede_event or (strength == STRONG and index < LEDE_SENTENCES)
    armed = found.keys() & {"armed_actor", "armed_violence"}
    if armed and (lede_event or (tally[STRONG] and tally[STRONG] + tally[WEAK] >= EVENT_SENTENCES)):
        relevance = "conflict_event"
    elif cue_sentences >= CONTEXT_SENTENCES:
        relevance = "conflict_context"
    else:
        relevance = "not_conflict"
    starts = tuple(start for start, _ in spans)
    evidence = _evidence(found, tally[STRONG], tally[WEAK], lede_event)
    return Relevance(relevance, evidence, starts, frozenset(framed), frozenset(harmed))
