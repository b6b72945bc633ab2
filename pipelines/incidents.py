"""Incidents: what events an article's claims describe, and one reconciled record per real event.

`describe_incidents` reads one article: its main event and the earlier events it mentions,
each with a date (never a day the text does not give), a place resolved through the
gazetteer, a target and a perpetrator. `recluster` merges the same event reported by
several articles; sql/load/incoming_incidents.sql computes each event's low/best/high casualty
estimates from the competing claims.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from pipelines.config import REFERENCE_DIR
from pipelines.extract.actors import Actors, spaced
from pipelines.extract.claims import background_key
from pipelines.extract.document import Document, dateline_end
from pipelines.extract.matching import Guarded, fold, folded, matches_at_hints, whole_words
from pipelines.extract.trie import trie_pattern

GAZETTEER_CSV = REFERENCE_DIR / "gazetteer.csv"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
# raise when the clustering (recluster) or the estimates (sql/load/incoming_incidents.sql) change: every incident is then built again
CLUSTERING_VERSION = "incidents-2"

_TARGET = folded(
    r"\b(?P<target>(?:(?:army|military|police|security|border|government|district|checkpoint)\s+)?"
    r"(?:base|outpost|checkpoint|check\s+post|security\s+post|post|compound|convoy|headquarters|barracks|garrison|camp|airport|prison|hotel|mosque|market))(?:s|es)?\b",
)
_RESPONSIBILITY = Guarded(folded(r"claimed(?<!\wclaimed)\s+responsibility"), any_of=("responsibility",))  # lookbehind: "claimed" starts a word
_ATTACK_VERB = r"(?:stormed|attacked|attack|attacks|killed|overran|overrun|targeted|launched|ambushed|assaulted|raided|seized|captured|bombed)"
_RELATIVE_DAY = folded(
    rf"\b(?:(?P<overnight>overnight|last\s+night|this\s+morning|today|tonight|earlier\s+today)|(?P<yesterday>yesterday)"
    rf"|(?P<last_week>last\s+week)|(?P<this_week>(?:earlier\s+)?this\s+week)"
    rf"|(?:on|late|early|last)\s+(?P<weekday>{'|'.join(WEEKDAYS)})|(?P<weekday_pos>{'|'.join(WEEKDAYS)})['’]s"
    rf"|(?P<month>{'|'.join(MONTHS)})\s+(?P<day>\d{{1,2}})\b)",
)
# the words a _RELATIVE_DAY match starts with: it is tried only where one stands
_RELATIVE_DAY_HINT = folded(rf"\b(?:{trie_pattern(['overnight', 'last', 'this', 'today', 'tonight', 'earlier', 'yesterday', 'on', 'late', 'early', *WEEKDAYS, *MONTHS])})\b")


_REPORTING_BEFORE = folded(r"\b(?:said|says|told\s+[\w\s]{0,20}?|reported|announced|confirmed)\s+$")
_ATTACK_WORD = folded(rf"\b{_ATTACK_VERB}\b")


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
        self.pattern = re.compile(r"(?:" + trie_pattern(list(self.entries), spaced, after_first=r"(?<![\w-].)") + r")(?![\w-])")

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
    return pl.read_csv(path, schema_overrides={"level": pl.Int32, "pcode": pl.String})


def _event_date(text: str, published: dt.date | None) -> tuple[dt.date | None, str]:
    """Day of the main event from relative words and the publication date; never invented."""
    if published is None:
        return None, "unknown"
    # the day of the report ("officials said on Saturday") is not the day of the event; a named day
    # ("on Monday night") is more precise than "overnight"
    text = fold(text)
    mentions = [m for m in matches_at_hints(_RELATIVE_DAY, _RELATIVE_DAY_HINT, text) if not _REPORTING_BEFORE.search(text, max(0, m.start() - 25), m.start())]
    m = next((m for m in mentions if not m.group("overnight")), mentions[0] if mentions else None)
    if m is None:
        return None, "unknown"
    if m.group("overnight"):
        return published, "day"
    if m.group("yesterday"):
        return published - dt.timedelta(days=1), "day"
    if m.group("last_week") or m.group("this_week"):
        monday = published - dt.timedelta(days=published.weekday())
        return (monday - dt.timedelta(days=7) if m.group("last_week") else monday), "week"
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
    """The armed group that claimed the attack, was blamed for it, or is said to have attacked; named as the text names it."""
    low = fold(text)
    for m in _RESPONSIBILITY.finditer(low):
        clause = max(max(0, m.start() - 80), *(low.rfind(mark, 0, m.start()) + 1 for mark in ".,;"))
        found = [a for a in actors.speaker_re.finditer(low[clause:m.start()])
                 if actors.speaker_side(a.group(0)) == "insurgent" and not a.group(0).endswith(("-linked", "-affiliated"))]
        if found:
            return _actor_name(text[clause + found[-1].start():clause + found[-1].end()])
    for m in _BLAMED.finditer(low):
        found = [a for a in actors.speaker_re.finditer(low, m.end(), m.end() + 40) if actors.speaker_side(a.group(0)) == "insurgent"]
        if found:
            return _actor_name(text[found[0].start():found[0].end()])
    for m in actors.speaker_re.finditer(low):
        if actors.speaker_side(m.group(0)) != "insurgent" or _GENERIC_INSURGENTS.fullmatch(m.group(0)):
            continue
        if _ATTACKS_AFTER.match(low, m.end()):
            return _actor_name(text[m.start():m.end()])
    return None


def _actor_name(alias: str) -> str:
    name = re.sub(r"(?:'s|’s)$", "", alias.strip())
    name = re.sub(r"\s+(?:fighters|militants|insurgents|forces)$", "", name, flags=re.IGNORECASE)
    return name[0].upper() + name[1:] if name.islower() else name


_GENERIC_INSURGENTS = folded(
    r"(?:militants?|insurgents?|fighters|gunmen|attackers|assailants|extremists|jihadists|rebels|terrorists|bombers|militant group|insurgent group|armed group)",
)
_BLAMED = Guarded(folded(whole_words(["blamed", "accused"])), any_of=("blamed", "accused"))
_ATTACKS_AFTER = folded(rf"\s+(?:[\w-]+\s+)?(?:have\s+|had\s+)?{_ATTACK_VERB}\b")


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
    main_starts: list[int] = []  # where each main sentence starts in the text
    background: dict[str, list[str]] = {}
    text = document.text
    for s_start, s_end in document.sentences():
        sentence = text[s_start:s_end]
        skipped = dateline_end(sentence)
        sentence = sentence[skipped:]
        key = background_key(sentence)
        if key is None:
            main_sentences.append(sentence)
            main_starts.append(s_start + skipped)
        elif any(k == key for k, _ in claims) or (
                key.startswith("background:") and _ATTACK_WORD.search(fold(sentence))):
            # an earlier event told without figures is still an event; a period ("since 2001") is one only with a tally
            background.setdefault(key, []).append(sentence)
    keys = {k for k, _ in claims}
    mentions = []
    if "main" in keys or not background:
        # the place of the main event is named near the top, before the background paragraphs
        last_claim = max((end for k, end in claims if k == "main"), default=None)
        before_last = [s for s, start in zip(main_sentences, main_starts, strict=True) if last_claim is None or start < last_claim]
        lead = " ".join(before_last or main_sentences)
        date, precision = _event_date(lead, published)
        if precision == "unknown":  # the day may be told after the claims ("The attack on Monday night lasted hours")
            date, precision = _event_date(" ".join(main_sentences), published)
        target = _TARGET.search(fold(lead))
        mentions.append(IncidentMention(article_id, "main", date, precision, gazetteer.resolve(lead),
                                        target.group("target") if target else None, _perpetrator(lead + " " + " ".join(main_sentences), actors)))
    for key, sentences in background.items():
        joined = " ".join(sentences)
        date, precision = _background_date(key, published)
        if precision == "unknown":  # "Meanwhile, in Baghlan ...": another event, dated like the main one
            date, precision = _event_date(joined, published)
        target = _TARGET.search(fold(joined))
        mentions.append(IncidentMention(article_id, key, date, precision, gazetteer.resolve(joined),
                                        target.group("target") if target else None, _perpetrator(joined, actors)))
    return mentions


# words outlets use for the same kind of target: "army base", "military camp", "barracks"
_TARGET_FAMILY = {"camp": "base", "barracks": "base", "garrison": "base", "compound": "base", "post": "checkpoint"}


def _target_type(target: pl.Expr) -> pl.Expr:
    """The kind of target: the last word of its phrase, lower-cased, in the family's name."""
    return target.str.extract(r"(\S+)\s*$").str.to_lowercase().replace(_TARGET_FAMILY)


def _stable_id(prefix: str, *parts: object) -> str:
    return prefix + hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


def _code(*columns: pl.Expr) -> pl.Expr:
    """A small integer per distinct value (or combination of values); NULL stays NULL for a single column."""
    if len(columns) == 1:
        return columns[0].rank("dense")
    return pl.concat_str([c.fill_null(chr(30)) for c in columns], separator=chr(31)).rank("dense")


# what re-clustering reads of each mention besides the mention: its unit's window and its old link (see recluster_mentions)
RECLUSTER_COLUMNS = {"unit": pl.String, "window_start": pl.Date, "settled_from": pl.Date, "old_incident": pl.String, "old_size": pl.Int64}
_OTHER, _DAY, _WEEK = 0, 1, 2  # how a mention is clustered: never merged, by its day, by its week


def cluster_mentions(mentions: pl.DataFrame) -> pl.DataFrame:
    """incident_id per (article_id, incident_key), every mention new: one event reported by several articles is one incident.

    Same event = same country and province, same district where both name one, same target type,
    and day-precision dates at most one day apart. A week-precision mention ("this week's attack")
    joins the one such event of its week, if exactly one fits. Mentions without a place are never merged.
    """
    fresh = {name: pl.lit(None, dtype) for name, dtype in RECLUSTER_COLUMNS.items()}
    return recluster(mentions.with_columns(**{**fresh, "unit": pl.lit("")}))[0]


@dataclass
class _Unit:
    """One unit's clustering: each cluster's first mention (its day, district and article) and the day clusters by key."""

    first: dict[int, tuple[int, int | None, int]] = field(default_factory=dict)
    open_clusters: dict[int, list[int]] = field(default_factory=dict)  # recent ones only
    days: dict[int, list[int]] = field(default_factory=dict)  # every day cluster's first day, by key, in order
    firsts: dict[int, list[int]] = field(default_factory=dict)  # and its first mention

    def same_event(self, f: int, district: int | None, article: int) -> bool:
        """Whether a mention can join cluster `f` (whose dates fit): same district where both name one, another article."""
        _, f_district, f_article = self.first[f]
        return (f_district is None or district is None or f_district == district) and f_article != article

    def open(self, row: int, key: int, day: int, district: int | None, article: int, recent: list[int]) -> None:
        self.first[row] = (day, district, article)
        recent.append(row)
        self.days.setdefault(key, []).append(day)
        self.firsts.setdefault(key, []).append(row)


def recluster(mentions: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    """The links of the clusters that came out differently from the old links, and how many mentions were clustered.

    `mentions` holds whole units (see RECLUSTER_COLUMNS and sql/load/incidents/07). The clustering
    is greedy in date order, and what a day hands the next is the set of clusters it opened: a unit
    is clustered from its window start, seeded with the old clusters opened the day before, and
    stops once a day from settled_from on opens the clusters it opened before (plus the six days
    the week mentions up to it can reach): from there on everything comes out as it was. A cluster
    whose members are exactly one old incident's, none of a changed article, is left as it is.
    The loop reads integer codes and keeps each cluster's first mention only, so memory is small
    however many mentions a chunk holds.
    """
    ordered = mentions.sort("unit", "event_date", "article_id", "incident_key", nulls_last=True).with_row_index("row").with_columns(
        key=_code(pl.col("country"), pl.col("admin1"), _target_type(pl.col("target"))),
        day=pl.col("event_date").cast(pl.Int32), district=_code(pl.col("admin2")), article=_code(pl.col("article_id")),
        how=pl.when(~pl.col("place_resolved").fill_null(False) | pl.col("event_date").is_null()).then(_OTHER)
        .when(pl.col("date_precision") == "day").then(_DAY).when(pl.col("date_precision") == "week").then(_WEEK).otherwise(_OTHER),
    )
    # an old incident's first day mention in the frame names it (one with no day mention: its first mention)
    named_old = (ordered.filter(pl.col("old_incident").is_not_null())
                 .group_by("old_incident").agg(old_first=pl.col("row").sort_by(pl.col("how") != _DAY, "row").first()))
    old_first = ordered.join(named_old, on="old_incident", how="left").sort("row")["old_first"].to_list()
    key, day, district, article, how = (ordered[c].to_list() for c in ("key", "day", "district", "article", "how"))
    cluster = [row if f is None else f for row, f in enumerate(old_first)]  # as before unless clustered again
    redone = [False] * ordered.height
    units = ordered.group_by("unit", maintain_order=True).agg(
        lo=pl.col("row").first(), hi=pl.col("row").last() + 1,
        start=pl.col("window_start").first().cast(pl.Int32), settled=pl.col("settled_from").first().cast(pl.Int32))
    for _, lo, hi, start, settled in units.iter_rows():
        unit = _Unit()
        current, agrees, settled_at = None, True, None
        for row in range(lo, hi):
            if how[row] != _DAY:
                continue
            d, k = day[row], key[row]
            if start is not None and d < start:
                if d == start - 1 and old_first[row] == row:  # an old cluster opened the day before the window: a seed
                    unit.first[row] = (d, district[row], article[row])
                    unit.open_clusters.setdefault(k, []).append(row)
                continue
            if d != current:
                if settled is not None and settled_at is None and current is not None:
                    if current >= settled and agrees:
                        settled_at = current
                    elif current + 1 >= settled and d > current + 1:
                        settled_at = current + 1  # a day without mentions opens nothing, as before
                if settled_at is not None and d > settled_at + 6:
                    break
                current, agrees = d, True
            recent = [f for f in unit.open_clusters.get(k, []) if d - unit.first[f][0] <= 1]  # opened the day before or today
            home = next((f for f in recent if unit.same_event(f, district[row], article[row])), None)
            if home is None:
                unit.open(row, k, d, district[row], article[row], recent)
            unit.open_clusters[k] = recent
            cluster[row], redone[row] = (row if home is None else home), True
            if (home is None) != (old_first[row] == row):
                agrees = False
        # a lone week-precision mention joins the single day event of its week that fits it
        for row in range(lo, hi):
            if how[row] == _OTHER and start is None:
                cluster[row], redone[row] = row, True
            if how[row] != _WEEK or (start is not None and day[row] < start) or (settled_at is not None and day[row] > settled_at):
                continue
            w, k = day[row], key[row]
            days, firsts = unit.days.get(k, []), unit.firsts.get(k, [])
            fits = [f for f in firsts[bisect_left(days, w):bisect_right(days, w + 6)] if unit.same_event(f, district[row], article[row])]
            cluster[row], redone[row] = (fits[0] if len(fits) == 1 else row), True
    grouped = ordered.with_columns(cluster=pl.Series(cluster, dtype=pl.UInt32), redone=pl.Series(redone))
    # an old incident's size counts its changed articles' mentions, whose new rows have no old incident
    kept = pl.col("old_incident").n_unique().eq(1) & pl.col("old_incident").null_count().eq(0) & pl.len().eq(pl.col("old_size").first())
    rewritten = grouped.group_by("cluster").agg(write=(pl.col("redone").any() & ~kept).fill_null(True)).filter("write")
    members = grouped.join(rewritten, on="cluster", how="semi").select("article_id", "incident_key", "cluster")
    named = members.sort("article_id", "incident_key").group_by("cluster").agg(pl.col("article_id", "incident_key").first())
    ids = pl.Series([_stable_id("inc_", a, k) for a, k in named.select("article_id", "incident_key").iter_rows()], dtype=pl.String)
    links = members.join(named.select("cluster", incident_id=ids), on="cluster").select("incident_id", "article_id", "incident_key")
    return links, sum(redone)
