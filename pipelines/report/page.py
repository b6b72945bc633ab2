"""The analyst's report: one self-contained HTML page of the warehouse's disputes, control trend,
places and feed health.

The page carries plotly.js and its data inline, so it opens with no network: no CDN, no basemap,
no fonts fetched. A script error anywhere shows as a banner at the top of the page (and is what
the browser test looks for), so a broken chart is never silently blank.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import plotly.graph_objects as go
import plotly.io as pio
import plotly.offline

from pipelines.report import figures
from pipelines.warehouse import (
    read_frame,
    rebuilding,
    sql_file,
    table_counts,
    up_to_date,
    versions_of,
)

# what the page draws from: when none of them changed, nor any check's verdict, the page stands
REPORTED_TABLES = [
    "raw.files",
    "raw.articles",
    "facts.claims",
    "facts.incidents",
    "facts.incident_articles",
    "facts.control_shares",
    "quarantine.files",
    "quarantine.articles",
    "quarantine.extractions",
    "quarantine.watchdog_rows",
]
# the most disputed incident lines drawn, and the quarantine reasons listed
DISPUTED_LINES = 15
QUARANTINE_REASONS = 12

_ERROR_BANNER = """<script>
window.addEventListener("error", function (event) {
  var banner = document.getElementById("script-errors");
  banner.hidden = false;
  banner.textContent += "Script error: " + event.message + "\\n";
});
</script>"""

_STYLE = """<style>
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 0 16px;
       color: #222; }
section { border-top: 1px solid #ddd; padding-top: 8px; margin-top: 24px; }
p.note { color: #555; max-width: 900px; }
#script-errors { background: #fdd; color: #900; padding: 8px; white-space: pre-wrap; }
</style>"""


@dataclass(frozen=True)
class ReportSection:
    """One section of the page: its anchor, heading, a sentence on how to read it, and its chart
    (None, with `empty` said instead, when the warehouse has nothing to draw).
    """

    anchor: str
    title: str
    note: str
    figure: go.Figure | None
    empty: str = ""

    def render(self) -> str:
        body = (
            pio.to_html(
                self.figure,
                include_plotlyjs=False,
                full_html=False,
                div_id=f"{self.anchor}-chart",
                config={"displaylogo": False, "responsive": True},
            )
            if self.figure is not None
            else f'<p class="empty">{html.escape(self.empty)}</p>'
        )
        return (
            f'<section id="{self.anchor}"><h2>{html.escape(self.title)}</h2>'
            f'<p class="note">{html.escape(self.note)}</p>{body}</section>'
        )


def disputed_section(conn: duckdb.DuckDBPyConnection) -> ReportSection:
    claims = read_frame(conn, sql_file("report/disputed_claims"), {"incidents": DISPUTED_LINES})
    return ReportSection(
        "disputed",
        "Disputed tolls",
        "The incidents whose claimants disagree most (views.disputed_incidents): a line per "
        "incident, kind and whose losses, a dot per claim coloured by the claimant's side; an "
        "arrow marks an open figure (more than, under), grey the reconciled low–high and the "
        "diamond the best estimate. Hover for the sentence each claim rests on.",
        figures.disputed_tolls(claims) if not claims.is_empty() else None,
        "No incident has belligerents' figures that differ by a factor of two or more.",
    )


def control_section(conn: duckdb.DuckDBPyConnection) -> ReportSection:
    watchdog = read_frame(conn, sql_file("report/control_watchdog"))
    stated_rows = read_frame(conn, sql_file("report/control_stated"))
    drawn = not (watchdog.is_empty() and stated_rows.is_empty())
    return ReportSection(
        "control",
        "Control over time",
        "The watchdog's shares per category at each report's as-of date (views.control_trend); "
        "stars are shares stated in articles, coloured by whether they agree with the watchdog "
        "figure they cite (views.control_text_vs_watchdog).",
        figures.control_over_time(watchdog, stated_rows) if drawn else None,
        "No watchdog table and no control share stated in an article.",
    )


def places_section(conn: duckdb.DuckDBPyConnection) -> ReportSection:
    places = read_frame(conn, sql_file("report/incident_places"))
    (unplaced,) = conn.execute(
        "SELECT count(*) FROM facts.incidents WHERE latitude IS NULL OR longitude IS NULL"
    ).fetchone()
    return ReportSection(
        "where",
        "Where",
        "Incidents at their position, sized by best estimate (killed and wounded; incidents at one "
        "position are one mark). A province or "
        "country mark stands at the centre of its towns: the text named nothing finer "
        f"(geo_precision). {unplaced} incidents have no position and are not drawn.",
        figures.incident_places(places) if not places.is_empty() else None,
        "No incident has a position.",
    )


def feed_section(conn: duckdb.DuckDBPyConnection) -> ReportSection:
    files = read_frame(conn, sql_file("report/feed_files"))
    reasons = read_frame(conn, sql_file("report/feed_quarantine"), {"reasons": QUARANTINE_REASONS})
    checks = read_frame(conn, sql_file("report/feed_checks"))
    last = f"{checks['checked_at'].max():%Y-%m-%d %H:%M}" if not checks.is_empty() else "never"
    return ReportSection(
        "feed",
        "Feed health",
        f"What became of every input file, why inputs were quarantined, the latest verdict of "
        f"every data-quality check (last checked {last}) and the rows per table.",
        figures.feed_health(files, reasons, checks, table_counts(conn)),
    )


def render_report(conn: duckdb.DuckDBPyConnection, generated: dt.datetime) -> str:
    """The whole page, from the warehouse behind `conn`."""
    sections = [
        build(conn) for build in (disputed_section, control_section, places_section, feed_section)
    ]
    contents = " · ".join(f'<a href="#{s.anchor}">{html.escape(s.title)}</a>' for s in sections)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>contested: report</title>"
        f"{_STYLE}{_ERROR_BANNER}"
        f'<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script></head><body>'
        '<div id="script-errors" hidden></div>'
        f"<h1>contested</h1><p>Generated {generated:%Y-%m-%d %H:%M} UTC. {contents}</p>"
        + "".join(s.render() for s in sections)
        + "</body></html>"
    )


def write_report(conn: duckdb.DuckDBPyConnection, out: Path) -> Path:
    """Write the page to `out` whole or not at all (a temporary file renamed over it)."""
    page = render_report(conn, dt.datetime.now(dt.UTC))
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    partial.write_text(page, encoding="utf-8")
    os.replace(partial, out)
    return out


def refresh_report(conn: duckdb.DuckDBPyConnection, out: Path) -> bool:
    """Write the page unless the one at `out` was drawn from the same tables and verdicts; whether
    it was written.
    """
    (verdicts,) = conn.execute(sql_file("report/check_verdicts")).fetchone()
    fingerprint = f"{out}|{versions_of(conn, REPORTED_TABLES)}|{verdicts}"
    if out.exists() and up_to_date(conn, "report.page", fingerprint):
        return False
    with rebuilding(conn, "report.page", fingerprint):
        write_report(conn, out)
    return True
