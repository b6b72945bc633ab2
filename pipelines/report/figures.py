"""The report's charts: one plotly figure per section, each drawn from one query's frame.

Colours carry the same meaning on every chart: a claimant's side, a control category, a position's
precision, a check's verdict. Hover text carries the evidence, so that every dot can be read back
to the sentence or the table row it stands for.
"""

from __future__ import annotations

import math
import textwrap

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

SIDE_COLOURS = {
    "government": "#1f77b4",
    "insurgent": "#d62728",
    "foreign": "#9467bd",
    "local": "#2ca02c",
    "watchdog": "#8c564b",
    "media": "#7f7f7f",
}
OTHER_COLOUR = "#bcbd22"
CATEGORY_COLOURS = {
    "government": "#1f77b4",
    "contested": "#ff7f0e",
    "insurgent": "#d62728",
    "unreported": "#7f7f7f",
}
AGREEMENT = {True: ("agrees with the watchdog", "#2ca02c"), False: ("disagrees", "#d62728")}
NO_TABLE = ("no watchdog figure to check", "#7f7f7f")
PRECISION_NAMES = {
    "town": "town",
    "admin2": "district (centre)",
    "admin1": "province (centre)",
    "country": "country (centre)",
}
QUALIFIER_WORDS = {
    "at_least": "at least ",
    "more_than": "more than ",
    "about": "about ",
    "under": "under ",
    "up_to": "up to ",
}
# an open-ended claim ("more than 70") is drawn on past its figure by this fraction, arrow last
OPEN_END = 0.25


def wrap(text: str | None, width: int = 90) -> str:
    """Hover text broken into lines of `width` characters (plotly's hover boxes do not wrap)."""
    return "<br>".join(textwrap.wrap(text or "", width)) or "–"


def stated(qualifier: str, value: int, low: int | None, high: int | None) -> str:
    """A claimed figure in words, as the text hedged it: "more than 70", "72–88", "dozens (24)"."""
    if qualifier == "range" and low is not None and high is not None:
        return f"{low}–{high}"
    if qualifier in ("hundreds", "dozens", "tens"):
        return f"{qualifier} ({value})"
    return f"{QUALIFIER_WORDS.get(qualifier, '')}{value}"


def _claim_reach(row: dict) -> tuple[float, float, str]:
    """Where a claim's line runs, and its marker: open above, open below, or closed."""
    value = row["value"]
    if row["value_high"] is None:
        return value, value * (1 + OPEN_END), "triangle-right"
    if row["value_low"] is None or row["qualifier"] in ("under", "up_to"):
        return value * (1 - OPEN_END), value, "triangle-left"
    return row["value_low"], row["value_high"], "circle"


def _place_label(row: dict) -> str:
    parts = [row["place"], row["admin2"], row["admin1"], row["country"]]
    return ", ".join(p for p in parts if p) or "unplaced"


def _line_label(row: dict) -> str:
    when = row["event_date"] or "undated"
    return f"{_place_label(row)} · {when} · {row['kind']} ({row['subject_side']})"


def _side_colour(side: str | None) -> str:
    return SIDE_COLOURS.get(side or "", OTHER_COLOUR)


def _claim_hover(row: dict) -> str:
    figure = stated(row["qualifier"], row["value"], row["value_low"], row["value_high"])
    source = ", ".join(str(p) for p in (row["outlet"], row["published"]) if p)
    reports = f" ({row['reports']} reports)" if row["reports"] > 1 else ""
    return (
        f"<b>{row['claimant'] or 'unattributed'}</b> ({row['claimant_side']}): {figure} "
        f"{row['kind']}{reports}<br>{source}<br><i>{wrap(row['evidence'])}</i>"
    )


def _estimate_traces(lines: pl.DataFrame) -> list[go.Scatter]:
    """The incident's reconciled low–high as a grey bar, its best estimate as a diamond."""
    known = lines.filter(pl.col("low").is_not_null() & pl.col("high").is_not_null())
    bars_x, bars_y = [], []
    for row in known.iter_rows(named=True):
        bars_x += [row["low"], row["high"], None]
        bars_y += [row["y"], row["y"], None]
    hover = [
        f"incident estimate: low {r['low']}, best {r['best']}, high {r['high']}"
        for r in known.iter_rows(named=True)
    ]
    style = {"color": "rgba(120,120,120,0.35)", "width": 14}
    return [
        go.Scatter(
            x=bars_x,
            y=bars_y,
            mode="lines",
            line=style,
            name="low–high (estimate)",
            hoverinfo="skip",
        ),
        go.Scatter(
            x=known["best"],
            y=known["y"],
            mode="markers",
            name="best estimate",
            marker={"symbol": "diamond", "size": 13, "color": "#333"},
            hovertext=hover,
            hoverinfo="text",
        ),
    ]


def _claim_traces(claims: pl.DataFrame) -> list[go.Scatter]:
    """Per claimant side: each claim's figure as a dot (an arrow pointing the open way for "more
    than" or "under") and the reach it claims as a dotted line.
    """
    traces = []
    for (side,), rows in claims.group_by("claimant_side", maintain_order=True):
        colour, xs, ys, values, symbols, hovers = _side_colour(side), [], [], [], [], []
        for row in rows.iter_rows(named=True):
            start, end, symbol = _claim_reach(row)
            xs += [start, end, None]
            ys += [row["y"], row["y"], None]
            values.append(row["value"])
            symbols.append(symbol)
            hovers.append(_claim_hover(row))
        name = side or "unknown side"
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                legendgroup=name,
                showlegend=False,
                line={"color": colour, "width": 2, "dash": "dot"},
                hoverinfo="skip",
            )
        )
        traces.append(
            go.Scatter(
                x=values,
                y=rows["y"],
                mode="markers",
                name=name,
                legendgroup=name,
                hovertext=hovers,
                hoverinfo="text",
                marker={"color": colour, "size": 12, "symbol": symbols},
            )
        )
    return traces


def disputed_tolls(claims: pl.DataFrame) -> go.Figure:
    """A line per disputed incident (and kind and whose losses), a dot per claim on it, coloured by
    the claimant's side; each side's dots sit a little apart so that equal figures stay visible.
    """
    keys = ["incident_id", "kind", "subject_side"]
    lines = claims.unique(keys, keep="first", maintain_order=True).with_row_index("line")
    lines = lines.with_columns(y=-pl.col("line").cast(pl.Float64))
    sides = claims["claimant_side"].unique(maintain_order=True).to_list()
    offset = {s: 0.12 * (i - (len(sides) - 1) / 2) for i, s in enumerate(sides)}
    placed = claims.join(lines.select([*keys, "y"]), on=keys).with_columns(
        pl.col("y") + pl.col("claimant_side").replace_strict(offset, default=0.0)
    )
    fig = go.Figure([*_estimate_traces(lines), *_claim_traces(placed)])
    fig.update_yaxes(
        tickvals=lines["y"].to_list(),
        ticktext=[_line_label(r) for r in lines.iter_rows(named=True)],
    )
    fig.update_xaxes(title="people, as claimed", rangemode="tozero")
    fig.update_layout(height=max(320, 160 + 70 * lines.height), hovermode="closest")
    return fig


def _trend_traces(watchdog: pl.DataFrame, row: int, legend: set[str]) -> list[tuple]:
    traces = []
    for (source, category), rows in watchdog.group_by(["source", "category"], maintain_order=True):
        traces.append(
            (
                go.Scatter(
                    x=rows["as_of"],
                    y=rows["share"] * 100,
                    mode="lines+markers",
                    name=category,
                    legendgroup=category,
                    showlegend=category not in legend,
                    line={"color": CATEGORY_COLOURS.get(category, OTHER_COLOUR)},
                    hovertext=[
                        f"{source}, {category}: {s:.1%} as of {d} (report of {p})"
                        for s, d, p in rows.select("share", "as_of", "report_published").iter_rows()
                    ],
                    hoverinfo="text",
                ),
                row,
            )
        )
        legend.add(category)
    return traces


def _stated_hover(row: dict) -> str:
    checked = (
        f"watchdog: {row['watchdog_share']:.1%} as of {row['watchdog_as_of']}"
        if row["watchdog_share"] is not None
        else "no watchdog figure of this source and category"
    )
    return (
        f"<b>{row['source']}</b>, {row['category']}: {row['qualifier']} "
        f"{row['stated_share']:.1%}<br>{checked}<br>{row['outlet'] or ''}"
        f"{f' and {articles - 1} more articles' if (articles := row['articles']) > 1 else ''}"
        f"<br><i>{wrap(row['evidence'])}</i>"
    )


def _stated_traces(stated_rows: pl.DataFrame, row: int, legend: set[str]) -> list[tuple]:
    traces = []
    for (agrees,), rows in stated_rows.group_by("agrees", maintain_order=True):
        name, colour = AGREEMENT.get(agrees, NO_TABLE)
        traces.append(
            (
                go.Scatter(
                    x=rows["as_of"],
                    y=rows["stated_share"] * 100,
                    mode="markers",
                    name=f"article: {name}",
                    legendgroup=name,
                    showlegend=name not in legend,
                    marker={"symbol": "star", "size": 15, "color": colour, "line": {"width": 1}},
                    hovertext=[_stated_hover(r) for r in rows.iter_rows(named=True)],
                    hoverinfo="text",
                ),
                row,
            )
        )
        legend.add(name)
    return traces


def control_over_time(watchdog: pl.DataFrame, stated_rows: pl.DataFrame) -> go.Figure:
    """A panel per measure (districts, population, area): the watchdog's shares per category as
    lines over the reports' as-of dates, the shares articles state as stars on the same axes.
    """
    measures = sorted(set(watchdog["measure"]) | set(stated_rows["measure"]))
    fig = make_subplots(
        rows=len(measures),
        cols=1,
        shared_xaxes=True,
        subplot_titles=[f"share of {m}" for m in measures],
        vertical_spacing=0.08,
    )
    legend: set[str] = set()
    for index, measure in enumerate(measures, start=1):
        traces = _trend_traces(watchdog.filter(pl.col("measure") == measure), index, legend)
        traces += _stated_traces(stated_rows.filter(pl.col("measure") == measure), index, legend)
        for trace, row in traces:
            fig.add_trace(trace, row=row, col=1)
        fig.update_yaxes(title="%", range=[0, 100], row=index, col=1)
    fig.update_layout(height=120 + 260 * len(measures), hovermode="closest")
    return fig


def _place_hover(row: dict) -> str:
    where = PRECISION_NAMES.get(row["geo_precision"], row["geo_precision"] or "unknown")
    dates = f"{row['first_date'] or 'undated'}" + (
        f" to {row['last_date']}" if row["last_date"] != row["first_date"] else ""
    )
    return (
        f"<b>{_place_label(row)}</b>: {row['incidents']} incidents, {dates}<br>"
        f"killed (best) {row['killed_best'] if row['killed_best'] is not None else '–'}, "
        f"wounded (best) {row['wounded_best'] if row['wounded_best'] is not None else '–'}, "
        f"{row['n_claims']} claims<br>position: {where}"
    )


def incident_places(places: pl.DataFrame) -> go.Figure:
    """Incidents at their longitude and latitude (equal degrees on both axes), one mark per
    position sized by its incidents' best estimates, coloured by what the position stands for;
    each country named at its marks' mean position, since no basemap loads offline.
    """
    fig = go.Figure()
    for precision, name in PRECISION_NAMES.items():
        rows = places.filter(pl.col("geo_precision") == precision)
        if rows.is_empty():
            continue
        fig.add_trace(
            go.Scatter(
                x=rows["longitude"],
                y=rows["latitude"],
                mode="markers",
                name=name,
                marker={
                    "size": [8 + 3 * math.sqrt(n) for n in rows["casualties_best"]],
                    "opacity": 0.7,
                    "line": {"width": 1, "color": "white"},
                },
                hovertext=[_place_hover(r) for r in rows.iter_rows(named=True)],
                hoverinfo="text",
            )
        )
    countries = (
        places.group_by("country")
        .agg(pl.col("longitude").mean(), pl.col("latitude").mean(), pl.len())
        .sort("len", descending=True)
        .head(40)
    )
    for country, lon, lat, _ in countries.drop_nulls("country").iter_rows():
        fig.add_annotation(
            x=lon,
            y=lat,
            text=country,
            showarrow=False,
            yshift=-18,
            font={"size": 11, "color": "#555"},
        )
    fig.update_xaxes(title="longitude")
    fig.update_yaxes(title="latitude", scaleanchor="x", scaleratio=1)
    fig.update_layout(height=560, hovermode="closest")
    return fig


def _bar(x, y, colour: str, name: str, **kwargs) -> go.Bar:
    return go.Bar(x=x, y=y, name=name, marker={"color": colour}, showlegend=False, **kwargs)


def _quarantine_bars(reasons: pl.DataFrame) -> go.Bar:
    labels = [
        f"{t}: {textwrap.shorten(r or '', 48)}"
        for t, r in reasons.select("quarantined", "reason").iter_rows()
    ]
    hover = [wrap(r) for r in reasons["reason"]]
    return _bar(reasons["n"], labels, "#ff7f0e", "quarantined", orientation="h", hovertext=hover)


FEED_PANELS = [
    "files by status",
    "quarantine reasons",
    "checks per table (latest verdicts)",
    "rows per table",
]


def feed_health(
    files: pl.DataFrame, reasons: pl.DataFrame, checks: pl.DataFrame, counts: dict[str, int]
) -> go.Figure:
    """Four panels: files by status, the commonest quarantine reasons, checks passed and failed per
    table, and rows per table after the last run.
    """
    fig = make_subplots(
        2, 2, vertical_spacing=0.22, horizontal_spacing=0.12, subplot_titles=FEED_PANELS
    )
    fig.add_trace(_bar(files["status"], files["files"], "#1f77b4", "files"), row=1, col=1)
    fig.add_trace(_quarantine_bars(reasons), row=1, col=2)
    if reasons.is_empty():
        fig.add_annotation(
            text="nothing quarantined",
            showarrow=False,
            x=0.5,
            y=0.5,
            xref="x2 domain",
            yref="y2 domain",
        )
    passed = _bar(checks["asset_key"], checks["passed"], "#2ca02c", "passed")
    failed = _bar(
        checks["asset_key"],
        checks["failed"],
        "#d62728",
        "failed",
        hovertext=checks["failed_checks"],
    )
    fig.add_traces([passed, failed], rows=2, cols=1)
    tables = [t for t in counts if t.split(".")[0] in ("raw", "staging", "facts", "quarantine")]
    fig.add_trace(_bar(tables, [counts[t] for t in tables], "#9467bd", "rows"), row=2, col=2)
    fig.update_layout(barmode="stack", height=760, margin={"b": 140})
    return fig
