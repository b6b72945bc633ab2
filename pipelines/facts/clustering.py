""""""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

import polars as pl

# raise when the clustering (recluster) or the estimates (sql/load/incoming_incidents.sql) change:
# every incident is then built again
_OTHER, _DAY, _WEEK = 0, 1, 2  # how a mention is clustered: never merged, by its day, by its week

CLUSTERING_VERSION = "incidents-3"
# two mentions' numbers of dead agree when the larger low end is at most this many times the
# smaller high end ("26 soldiers" and "26 to 70 soldiers" do; "3" and "40" do not)
FIGURES_AGREE_WITHIN = 2


# words outlets use for the same kind of target: "army base", "military camp", "barracks"
_TARGET_FAMILY = {
    "camp": "base",
    "barracks": "base",
    "garrison": "base",
    "compound": "base",
    "post": "checkpoint",
}


def _target_type(target: pl.Expr) -> pl.Expr:
    """The kind of target: the last word of its phrase, lower-cased, in the family's name."""
    return target.str.extract(r"(\S+)\s*$").str.to_lowercase().replace(_TARGET_FAMILY)


def _stable_id(prefix: str, *parts: object) -> str:
    return prefix + hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


def _code(*columns: pl.Expr) -> pl.Expr:
    """A small integer per distinct value (or combination of values); NULL stays NULL for a single
    column.
    """
    if len(columns) == 1:
        return columns[0].rank("dense")
    return pl.concat_str([c.fill_null(chr(30)) for c in columns], separator=chr(31)).rank("dense")


# what re-clustering reads of each mention besides the mention: its unit's window and its old link
# (see recluster_mentions)
RECLUSTER_COLUMNS = {
    "unit": pl.String,
    "window_start": pl.Date,
    "settled_from": pl.Date,
    "old_incident": pl.String,
    "old_size": pl.Int64,
}


def cluster_mentions(mentions: pl.DataFrame) -> pl.DataFrame:
    """incident_id per (article_id, incident_key), every mention new: one event reported by several
    articles is one incident.

    Same event = same country and province, same district where both name one, same target type, and
    day-precision dates at most one day apart; a mention that names no district joins one that does
    only when their numbers of dead agree (FIGURES_AGREE_WITHIN; a mention without them agrees). A
    week-precision mention ("this week's attack") joins the one such event of its week, if exactly
    one fits. Mentions without a place are never merged. Mentions without `killed_low` and
    `killed_high` claim no dead.
    """
    fresh = {name: pl.lit(None, dtype) for name, dtype in RECLUSTER_COLUMNS.items()}
    for name in ("killed_low", "killed_high"):
        if name not in mentions.columns:
            fresh[name] = pl.lit(None, pl.Int64)
    return recluster(mentions.with_columns(**{**fresh, "unit": pl.lit("")}))[0]


@dataclass
class _Unit:
    """One unit's clustering: each cluster's first mention (its day, district and article) and the
    day clusters by key.
    """

    first: dict[int, tuple[int, int | None, int, tuple[int, int] | None]] = field(
        default_factory=dict
    )
    open_clusters: dict[int, list[int]] = field(default_factory=dict)  # recent ones only
    # every day cluster's first day, by key, in order
    days: dict[int, list[int]] = field(default_factory=dict)
    firsts: dict[int, list[int]] = field(default_factory=dict)  # and its first mention

    def same_event(
        self, f: int, district: int | None, article: int, dead: tuple[int, int] | None
    ) -> bool:
        """Whether a mention can join cluster `f` (whose dates fit): another article, the same
        district where both name one, and where only one names one, figures that agree.
        """
        _, f_district, f_article, f_dead = self.first[f]
        if f_article == article or (f_district is not None and district not in (None, f_district)):
            return False
        return (f_district is None) == (district is None) or _figures_agree(f_dead, dead)

    def open(
        self,
        row: int,
        key: int,
        day: int,
        district: int | None,
        article: int,
        dead: tuple[int, int] | None,
        recent: list[int],
    ) -> None:
        self.first[row] = (day, district, article, dead)
        recent.append(row)
        self.days.setdefault(key, []).append(day)
        self.firsts.setdefault(key, []).append(row)


def _figures_agree(one: tuple[int, int] | None, other: tuple[int, int] | None) -> bool:
    """Whether two (lowest, highest) numbers of dead could tell of one event (see
    FIGURES_AGREE_WITHIN); a mention without them agrees with any."""
    if one is None or other is None:
        return True
    return max(one[0], other[0]) <= FIGURES_AGREE_WITHIN * min(one[1], other[1])


def recluster(mentions: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    """The links of the clusters that came out differently from the old links, and how many mentions
    were clustered.

    `mentions` holds whole units (see RECLUSTER_COLUMNS and sql/load/incidents/07). The clustering
    is greedy in date order, and what a day hands the next is the set of clusters it opened: a unit
    is clustered from its window start, seeded with the old clusters opened the day before, and
    stops once a day from settled_from on opens the clusters it opened before (plus the six days the
    week mentions up to it can reach): from there on everything comes out as it was. A cluster whose
    members are exactly one old incident's, none of a changed article, is left as it is. The loop
    reads integer codes and keeps each cluster's first mention only, so memory is small however many
    mentions a chunk holds.
    """
    ordered = _in_clustering_order(mentions)
    rows = _Rows.of(ordered)
    units = ordered.group_by("unit", maintain_order=True).agg(
        lo=pl.col("row").first(),
        hi=pl.col("row").last() + 1,
        start=pl.col("window_start").first().cast(pl.Int32),
        settled=pl.col("settled_from").first().cast(pl.Int32),
    )
    for _, lo, hi, start, settled in units.iter_rows():
        unit = _Unit()
        settled_at = _cluster_day_mentions(rows, unit, range(lo, hi), start, settled)
        _cluster_other_mentions(rows, unit, range(lo, hi), start, settled_at)
    return _rewritten_links(ordered, rows), sum(rows.redone)


def _in_clustering_order(mentions: pl.DataFrame) -> pl.DataFrame:
    """The mentions in date order with integer codes (block key, day, district, article) and how
    each clusters.
    """
    return (
        mentions.sort("unit", "event_date", "article_id", "incident_key", nulls_last=True)
        .with_row_index("row")
        .with_columns(
            key=_code(pl.col("country"), pl.col("admin1"), _target_type(pl.col("target"))),
            day=pl.col("event_date").cast(pl.Int32),
            district=_code(pl.col("admin2")),
            article=_code(pl.col("article_id")),
            how=pl.when(~pl.col("place_resolved").fill_null(False) | pl.col("event_date").is_null())
            .then(_OTHER)
            .when(pl.col("date_precision") == "day")
            .then(_DAY)
            .when(pl.col("date_precision") == "week")
            .then(_WEEK)
            .otherwise(_OTHER),
        )
    )


@dataclass
class _Rows:
    """The ordered mentions as plain lists, and the cluster (its first row) each comes out in."""

    key: list[int]
    day: list[int | None]
    district: list[int | None]
    article: list[int]
    how: list[int]
    dead: list[tuple[int, int] | None]  # the lowest and highest number of dead it claims
    old_first: list[int | None]  # the first row of the mention's old incident in the frame
    cluster: list[int]  # as before unless clustered again
    redone: list[bool]

    def mention(self, row: int) -> tuple[int | None, int, tuple[int, int] | None]:
        """What decides whether a mention joins a cluster: its district, article and dead."""
        return self.district[row], self.article[row], self.dead[row]

    @classmethod
    def of(cls, ordered: pl.DataFrame) -> _Rows:
        # an old incident's first day mention in the frame names it (one with no day mention: its
        # first mention)
        named_old = (
            ordered.filter(pl.col("old_incident").is_not_null())
            .group_by("old_incident")
            .agg(old_first=pl.col("row").sort_by(pl.col("how") != _DAY, "row").first())
        )
        old_first = (
            ordered.join(named_old, on="old_incident", how="left")
            .sort("row")["old_first"]
            .to_list()
        )
        columns = (ordered[c].to_list() for c in ("key", "day", "district", "article", "how"))
        dead = [
            None if low is None else (low, high)
            for low, high in zip(ordered["killed_low"], ordered["killed_high"], strict=True)
        ]
        cluster = [row if f is None else f for row, f in enumerate(old_first)]
        return cls(*columns, dead, old_first, cluster, [False] * ordered.height)


def _cluster_day_mentions(
    rows: _Rows, unit: _Unit, span: range, start: int | None, settled: int | None
) -> int | None:
    """Cluster a unit's day mentions from its window start; returns the day it settled on (None: it
    did not).
    """
    current, agrees, settled_at = None, True, None
    for row in span:
        if rows.how[row] != _DAY:
            continue
        d, k = rows.day[row], rows.key[row]
        if start is not None and d < start:
            # an old cluster opened the day before the window: a seed
            if d == start - 1 and rows.old_first[row] == row:
                unit.first[row] = (d, *rows.mention(row))
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
        # opened the day before or today
        recent = [f for f in unit.open_clusters.get(k, []) if d - unit.first[f][0] <= 1]
        mention = rows.mention(row)
        home = next((f for f in recent if unit.same_event(f, *mention)), None)
        if home is None:
            unit.open(row, k, d, *mention, recent)
        unit.open_clusters[k] = recent
        rows.cluster[row], rows.redone[row] = (row if home is None else home), True
        if (home is None) != (rows.old_first[row] == row):
            agrees = False
    return settled_at


def _cluster_other_mentions(
    rows: _Rows, unit: _Unit, span: range, start: int | None, settled_at: int | None
) -> None:
    """A lone week-precision mention joins the single day event of its week that fits it; the others
    stay alone.
    """
    for row in span:
        if rows.how[row] == _OTHER and start is None:
            rows.cluster[row], rows.redone[row] = row, True
        if (
            rows.how[row] != _WEEK
            or (start is not None and rows.day[row] < start)
            or (settled_at is not None and rows.day[row] > settled_at)
        ):
            continue
        w, k = rows.day[row], rows.key[row]
        days, firsts = unit.days.get(k, []), unit.firsts.get(k, [])
        fits = [
            f
            for f in firsts[bisect_left(days, w) : bisect_right(days, w + 6)]
            if unit.same_event(f, *rows.mention(row))
        ]
        rows.cluster[row], rows.redone[row] = (fits[0] if len(fits) == 1 else row), True


def _rewritten_links(ordered: pl.DataFrame, rows: _Rows) -> pl.DataFrame:
    """(incident_id, article_id, incident_key) of every cluster that came out differently from its
    old incident.
    """
    grouped = ordered.with_columns(
        cluster=pl.Series(rows.cluster, dtype=pl.UInt32), redone=pl.Series(rows.redone)
    )
    # an old incident's size counts its changed articles' mentions, whose new rows have no old
    # incident
    kept = (
        pl.col("old_incident").n_unique().eq(1)
        & pl.col("old_incident").null_count().eq(0)
        & pl.len().eq(pl.col("old_size").first())
    )
    rewritten = (
        grouped.group_by("cluster")
        .agg(write=(pl.col("redone").any() & ~kept).fill_null(True))
        .filter("write")
    )
    members = grouped.join(rewritten, on="cluster", how="semi").select(
        "article_id", "incident_key", "cluster"
    )
    named = (
        members.sort("article_id", "incident_key")
        .group_by("cluster")
        .agg(pl.col("article_id", "incident_key").first())
    )
    ids = pl.Series(
        [
            _stable_id("inc_", a, k)
            for a, k in named.select("article_id", "incident_key").iter_rows()
        ],
        dtype=pl.String,
    )
    return members.join(named.select("cluster", incident_id=ids), on="cluster").select(
        "incident_id", "article_id", "incident_key"
    )
