"""Incidents: what events an article's claims describe, and one reconciled record per real event.

`describe_incidents` reads one article: its main event and the earlier events it mentions,
each with a date (never a day the text does not give), a place resolved through the
gazetteer, a target and a perpetrator. `reconcile` merges the same event reported by
several articles and computes low/best/high casualty estimates from the competing claims.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.config import REFERENCE_DIR
from pipelines.extract.actors import Actors, spaced
from pipelines.extract.claims import background_key
from pipelines.extract.document import Document
from pipelines.extract.trie import trie_pattern

GAZETTEER_CSV = REFERENCE_DIR / "gazetteer.csv"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
# claimant sides whose figures count as independent of both belligerents, most trusted first
NEUTRAL_SIDES = ("watchdog", "local", "media", "unattributed")

_DATELINE = re.compile(r"^[A-Z][A-Za-z .'-]{1,40}(?:\s*\([A-Za-z ]+\))?\s*[:—–-]\s+")
_TARGET = re.compile(
    r"\b(?P<target>(?:(?:army|military|police|security|border|government|district|checkpoint)\s+)?"
    r"(?:base|outpost|checkpoint|check\s+post|security\s+post|post|compound|convoy|headquarters|barracks|garrison|camp|airport|prison|hotel|mosque|market))\b",
    re.IGNORECASE,
)
_RESPONSIBILITY = re.compile(r"\bclaimed\s+responsibility", re.IGNORECASE)
_ATTACK_VERB = r"(?:stormed|attacked|attack|attacks|killed|overran|overrun|targeted|launched|ambushed|assaulted|raided|seized|captured|bombed)"
_RELATIVE_DAY = re.compile(
    rf"\b(?:(?P<overnight>overnight|last\s+night|this\s+morning|today|tonight|earlier\s+today)|(?P<yesterday>yesterday)"
    rf"|(?:on|late|early|last)\s+(?P<weekday>{'|'.join(WEEKDAYS)})|(?P<weekday_pos>{'|'.join(WEEKDAYS)})['’]s"
    rf"|(?P<month>{'|'.join(MONTHS)})\s+(?P<day>\d{{1,2}})\b)",
    re.IGNORECASE,
)


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
        self.pattern = re.compile(r"(?<![\w-])(?:" + trie_pattern(list(self.entries), spaced) + r")(?![\w-])")

    @classmethod
    def load(cls, path: Path = GAZETTEER_CSV) -> "Gazetteer":
        return cls(read_gazetteer(path))

    def resolve(self, text: str) -> Place:
        """Most specific place named in `text`: the first district, else the first province, else a country."""
        found = [self.entries.get(m.group(0)) or self.entries.get(re.sub(r"[\s-]+", " ", m.group(0))) for m in self.pattern.finditer(text)]
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
    return pl.read_csv(path, schema_overrides={"level": pl.Int32})


def _event_date(text: str, published: dt.date | None) -> tuple[dt.date | None, str]:
    """Day of the main event from relative words and the publication date; never invented."""
    if published is None:
        return None, "unknown"
    m = _RELATIVE_DAY.search(text)
    if m is None:
        return None, "unknown"
    if m.group("overnight"):
        return published, "day"
    if m.group("yesterday"):
        return published - dt.timedelta(days=1), "day"
    weekday = m.group("weekday") or m.group("weekday_pos")
    if weekday:
        back = (published.weekday() - WEEKDAYS.index(weekday.lower())) % 7
        return published - dt.timedelta(days=back), "day"
    month, day = MONTHS.index(m.group("month").lower()) + 1, int(m.group("day"))
    try:
        candidate = dt.date(published.year, month, day)
    except ValueError:
        return None, "unknown"
    return (candidate if candidate <= published else candidate.replace(year=published.year - 1)), "day"


def _background_date(key: str, published: dt.date | None) -> tuple[dt.date | None, str]:
    """'in april' / 'in 2016' / 'last year' relative to the publication date."""
    if year := re.search(r"(19|20)\d\d", key):
        return dt.date(int(year.group(0)), 1, 1), "year"
    if published is None:
        return None, "unknown"
    if "last year" in key:
        return dt.date(published.year - 1, 1, 1), "year"
    if "last month" in key:
        first = published.replace(day=1) - dt.timedelta(days=1)
        return first.replace(day=1), "month"
    month = next((i + 1 for i, name in enumerate(MONTHS) if name in key), None)
    if month is None:
        return None, "unknown"
    year = published.year if month <= published.month else published.year - 1
    return dt.date(year, month, 1), "month"


def _perpetrator(text: str, actors: Actors) -> str | None:
    for m in _RESPONSIBILITY.finditer(text):
        phrase = re.split(r"[.,;]", text[max(0, m.start() - 80):m.start()])[-1]
        found = [a for a in actors.speaker_re.finditer(phrase) if actors.speaker_side(a.group(0)) == "insurgent"]
        if found:
            return _actor_name(found[-1].group(0))
    for m in actors.speaker_re.finditer(text):
        if actors.speaker_side(m.group(0)) != "insurgent" or re.fullmatch(r"(?i)militants?|insurgents?|fighters|gunmen|attackers|militant group", m.group(0)):
            continue
        tail = text[m.end():m.end() + 40]
        if re.match(rf"\s+(?:(?:fighters|militants|insurgents)\s+)?(?:have\s+|had\s+)?{_ATTACK_VERB}\b", tail, re.IGNORECASE):
            return _actor_name(m.group(0))
    return None


def _actor_name(alias: str) -> str:
    name = re.sub(r"(?:'s|’s)$", "", alias.strip())
    return name[0].upper() + name[1:] if name.islower() else name


@dataclass
class IncidentMention:
    article_id: str
    incident_key: str
    event_date: dt.date | None
    date_precision: str
    place: Place
    target: str | None
    perpetrator: str | None


def describe_incidents(article_id: str, document: Document, published: dt.date | None,
                       claims: list[tuple[str, int]], actors: Actors, gazetteer: Gazetteer) -> list[IncidentMention]:
    """The main event and each earlier event the article mentions (with or without claims).

    `claims` holds (incident_key, span_end) of the article's claims.
    """
    main_sentences: list[str] = []
    background: dict[str, list[str]] = {}
    text = document.text
    for s_start, s_end in document.sentences():
        sentence = _DATELINE.sub("", text[s_start:s_end])
        key = background_key(sentence)
        if key is None:
            main_sentences.append(sentence)
        elif re.search(rf"\b{_ATTACK_VERB}\b", sentence, re.IGNORECASE) or any(k == key for k, _ in claims):
            background.setdefault(key, []).append(sentence)
    keys = {k for k, _ in claims}
    mentions = []
    if "main" in keys or not background:
        # the place of the main event is named near the top, before the background paragraphs
        last_claim = max((end for k, end in claims if k == "main"), default=None)
        lead = " ".join(main_sentences if last_claim is None else [s for s in main_sentences if text.find(s) < last_claim] or main_sentences)
        date, precision = _event_date(lead, published)
        target = _TARGET.search(lead)
        mentions.append(IncidentMention(article_id, "main", date, precision, gazetteer.resolve(lead),
                                        target.group("target").lower() if target else None, _perpetrator(lead + " " + " ".join(main_sentences), actors)))
    for key, sentences in background.items():
        joined = " ".join(sentences)
        date, precision = _background_date(key, published)
        target = _TARGET.search(joined)
        mentions.append(IncidentMention(article_id, key, date, precision, gazetteer.resolve(joined),
                                        target.group("target").lower() if target else None, _perpetrator(joined, actors)))
    return mentions


def _target_type(target: str | None) -> str | None:
    return target.split()[-1] if target else None


def _stable_id(prefix: str, *parts: object) -> str:
    return prefix + hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


def cluster_mentions(mentions: pl.DataFrame) -> pl.DataFrame:
    """incident_id per (article_id, incident_key): one event reported by several articles is one incident.

    Same event = same country, province and district (where known), same target type, and
    day-precision dates at most one day apart. Mentions without a day are never merged.
    """
    rows = mentions.sort("event_date", "article_id", "incident_key", nulls_last=True).to_dicts()
    clusters: list[list[dict[str, object]]] = []
    for row in rows:
        home = None
        if row["date_precision"] == "day" and row["place_resolved"]:
            for cluster in clusters:
                first = cluster[0]
                if (first["date_precision"] == "day" and first["place_resolved"]
                        and (first["country"], first["admin1"]) == (row["country"], row["admin1"])
                        and (first["admin2"] is None or row["admin2"] is None or first["admin2"] == row["admin2"])
                        and _target_type(first["target"]) == _target_type(row["target"])
                        and abs((first["event_date"] - row["event_date"]).days) <= 1
                        and first["article_id"] != row["article_id"]):
                    home = cluster
                    break
        if home is None:
            clusters.append([row])
        else:
            home.append(row)
    out = []
    for cluster in clusters:
        anchor = min((r["article_id"], r["incident_key"]) for r in cluster)
        incident_id = _stable_id("inc_", *anchor)
        out.extend({"incident_id": incident_id, "article_id": r["article_id"], "incident_key": r["incident_key"]} for r in cluster)
    return pl.DataFrame(out, schema={"incident_id": pl.String, "article_id": pl.String, "incident_key": pl.String})


def estimate(values: list[tuple[int, str]]) -> tuple[int | None, int | None, int | None]:
    """(low, best, high) from (value, claimant_side) pairs of one kind and subject side.

    low = the lowest figure claimed (ACLED's conservative choice); high = the highest;
    best = the (lower) median of the independent claimants' figures when there are any,
    otherwise the lower median of all figures, which sits between the belligerents' claims.
    """
    if not values:
        return None, None, None
    figures = sorted(v for v, _ in values)
    neutral = sorted(v for v, side in values if side in NEUTRAL_SIDES)
    best = statistics.median_low(neutral or figures)
    return figures[0], best, figures[-1]


def reconcile(mentions: pl.DataFrame, bridge: pl.DataFrame, claims: pl.DataFrame) -> pl.DataFrame:
    """One row per incident: the first article's description, estimates from every linked claim, a status."""
    described = mentions.join(bridge, on=["article_id", "incident_key"]).sort("article_id", "incident_key")
    linked = claims.join(bridge, on=["article_id", "incident_key"])
    out = []
    for (incident_id,), group in described.group_by(["incident_id"], maintain_order=True):
        first = group.row(0, named=True)
        mine = linked.filter(pl.col("incident_id") == incident_id)
        record = {k: first[k] for k in ("event_date", "date_precision", "country", "admin1", "admin2", "place", "place_resolved", "target")}
        record["perpetrator"] = next((p for p in group["perpetrator"] if p), None)
        for kind in ("killed", "wounded"):
            totals = [0, 0, 0]
            found = False
            for _, side_claims in mine.filter(pl.col("kind") == kind).group_by("subject_side"):
                low, best, high = estimate(list(zip(side_claims["value"], side_claims["claimant_side"])))
                totals = [totals[0] + low, totals[1] + best, totals[2] + high]
                found = True
            record.update({f"{kind}_low": totals[0] if found else None, f"{kind}_best": totals[1] if found else None,
                           f"{kind}_high": totals[2] if found else None})
        disagree = (
            mine.group_by("kind", "subject_side").agg(pl.col("value").n_unique().alias("n"))["n"].max() or 0
        ) > 1
        if mine.height and mine["confirmed"].fill_null(False).any():
            status = "confirmed"
        elif disagree:
            status = "contested"
        else:
            status = "claimed"
        out.append({"incident_id": incident_id, **record, "n_claims": mine.height,
                    "n_articles": group["article_id"].n_unique(), "status": status})
    return pl.DataFrame(out, schema=INCIDENT_SCHEMA)


INCIDENT_SCHEMA = {
    "incident_id": pl.String, "event_date": pl.Date, "date_precision": pl.String, "country": pl.String,
    "admin1": pl.String, "admin2": pl.String, "place": pl.String, "place_resolved": pl.Boolean, "target": pl.String,
    "perpetrator": pl.String, "killed_low": pl.Int64, "killed_best": pl.Int64, "killed_high": pl.Int64,
    "wounded_low": pl.Int64, "wounded_best": pl.Int64, "wounded_high": pl.Int64, "n_claims": pl.Int32,
    "n_articles": pl.Int32, "status": pl.String,
}
