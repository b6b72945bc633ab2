"""Incident facts kept current by clustering again only what changed, one chunk of mentions at a
time.

Mentions merge only within a block (country and province, for mentions with a resolved place and a
day or week date; sql/load/incidents/01), and only with mentions a day or so away. So within a
block, the mentions fall into islands: stretches of time over which their reaches (a day either side
of a day-dated mention, the week of a week-dated one) overlap. Mentions of two islands never join
one incident nor sway each other's clustering. A run finds the articles whose extraction the facts
do not hold (ops.clustered_articles) and the islands those articles enter or leave, and clusters
again a window of each: from a little before the first changed day until the clustering meets the
old one again (see `recluster`), so a new report costs the days around it, not the province's
history. Only the clusters that came out differently are linked again, and the incidents they touch
rebuilt; of their claims, only those whose mention moved to another incident are written. Chunks
never split an island. The incidents are then described and estimated in DuckDB, under its memory
cap (sql/load/incoming_incidents), so an incident of a hundred thousand reports costs no more Python
memory than one of two.
"""

from __future__ import annotations

import duckdb

from pipelines.config import ARTICLE_BATCH
from pipelines.facts.clustering import CLUSTERING_VERSION, recluster
from pipelines.warehouse import (
    commit_and_continue,
    execute_sql,
    insert_frame,
    merge_rows,
    read_frame,
    rebuilding,
    run_sql_file,
    sql_file,
    sql_statements,
    sql_string,
    table_counts,
    up_to_date,
    versions_of,
)

AFFECTED = "incident_id IN (SELECT incident_id FROM affected_incidents)"
# facts.claims is merged a part of about this many chunks' moved links at a time (25,000 links with
# the default batch): each part's commit frees the memory of its rows, and costs a commit
CLAIM_PART_CHUNKS = 5
TEMP_TABLES = (
    "changed_articles",
    "dirty_intervals",
    "dirty_islands",
    "recluster_mentions",
    "affected_incidents",
    "incoming_incidents",
    "incoming_links",
    "moved_links",
)


def update_incident_facts(
    conn: duckdb.DuckDBPyConnection, everything: bool, chunk_size: int
) -> dict[str, int]:
    """Bring facts.incidents, facts.incident_articles and facts.claims up to date with the staged
    mentions.

    Runs inside the caller's transaction, which the claims merge commits a part at a time
    (`_merge_claims`).

    `everything` clusters every mention again (a backfill). Returns rows written per table and the
    numbers of articles and mentions clustered again.
    """
    n_mentions = _recluster(conn, everything, chunk_size)
    # the claims first, in committed parts; the links, which tell the next run what is done, in the
    # last transaction
    run_sql_file(conn, "load/moved_links")
    (n_moved,) = conn.execute("SELECT count(*) FROM moved_links").fetchone()
    written = {
        "claims": _merge_claims(conn, max(1, -(-n_moved // (chunk_size * CLAIM_PART_CHUNKS)))),
        "incidents": merge_rows(
            conn, "facts.incidents", ["incident_id"], "incoming_incidents", scope=AFFECTED
        ),
        "incident_articles": merge_rows(
            conn,
            "facts.incident_articles",
            ["incident_id", "article_id", "incident_key"],
            "incoming_links",
            scope=AFFECTED,
        ),
    }
    (articles,) = conn.execute("SELECT count(*) FROM changed_articles").fetchone()
    run_sql_file(conn, "load/forget_clustered_articles")
    run_sql_file(conn, "load/record_clustered_articles", {"rules_version": CLUSTERING_VERSION})
    for table in TEMP_TABLES:
        conn.execute(f"DROP TABLE {table}")
    return {**written, "articles_clustered": articles, "mentions_clustered": n_mentions}


def _recluster(conn: duckdb.DuckDBPyConnection, everything: bool, chunk_size: int) -> int:
    """Cluster again the mentions around what changed, into the temp tables incoming_links and
    incoming_incidents (described and estimated in DuckDB: no incident is read into Python);
    returns how many mentions were clustered."""
    params = {
        "everything": everything,
        "rules_version": CLUSTERING_VERSION,
        "chunk_size": chunk_size,
    }
    for _, statement in sql_statements("load/incidents"):
        execute_sql(conn, statement, params)
    conn.execute(
        "CREATE OR REPLACE TEMP TABLE incoming_links AS FROM facts.incident_articles LIMIT 0"
    )
    chunks = conn.execute("SELECT DISTINCT chunk FROM recluster_mentions ORDER BY chunk").fetchall()
    n_mentions = 0
    for (chunk,) in chunks:  # clustering reads whole units; it keeps integer codes, not rows
        mentions = read_frame(
            conn,
            "SELECT * EXCLUDE (chunk) FROM recluster_mentions WHERE chunk = $chunk",
            {"chunk": chunk},
        )
        links, clustered = recluster(mentions)
        insert_frame(conn, "incoming_links", links)
        n_mentions += clustered
    run_sql_file(conn, "load/affected_incidents")
    (unlinked,) = conn.execute(sql_file("load/unlinked_members")).fetchone()
    if unlinked:
        raise RuntimeError(
            f"re-clustering left {unlinked} mentions of rebuilt incidents without a link"
        )
    conn.execute("CREATE OR REPLACE TEMP TABLE incoming_incidents AS FROM facts.incidents LIMIT 0")
    run_sql_file(conn, "load/incoming_incidents")
    return n_mentions


def _merge_claims(conn: duckdb.DuckDBPyConnection, parts: int) -> int:
    """Merge facts.claims a range of article ids at a time, committing each: the rows written stay
    in memory until committed.

    Only the claims of mentions whose link moved, and of changed articles, are compared
    (sql/load/moved_links): a claim's row is its staged claim with its mention's incident, so a
    report joining an incident of thousands leaves their claims alone. A claim never changes
    article, so its old row and its new one fall in the same part. The run builds into its own copy
    of the warehouse, published only when every step passed (pipelines/publish.py), so no reader
    sees a part without the rest. Should the step fail between parts anyway (outside a run), the
    links and ops.clustered_articles are as before it, so the next run moves the same links again
    and merges every part, the committed ones finding nothing to do.
    """
    # a view, not a table: the claims' evidence is streamed from staging into the merge instead of
    # held in memory
    conn.execute(f"CREATE OR REPLACE TEMP VIEW incoming_claims AS {sql_file('load/facts_claims')}")
    bounds = [
        last for (last,) in conn.execute(sql_file("load/claim_parts"), {"parts": parts}).fetchall()
    ][:-1]
    written = 0
    for after, up_to in zip([None, *bounds], [*bounds, None], strict=True):
        part = _article_range(after, up_to)
        incoming = f"(SELECT * FROM incoming_claims WHERE {part})"
        # every claim of a changed article (deleted ones too), and every claim coming in again,
        # whatever incident its row names
        rebuilt = (
            f"(article_id IN (SELECT article_id FROM changed_articles) OR claim_id IN "
            f"(SELECT claim_id FROM {incoming})) AND {part}"
        )
        written += merge_rows(conn, "facts.claims", ["claim_id"], incoming, scope=rebuilt)
        if up_to is not None:
            commit_and_continue(conn)
    conn.execute("DROP VIEW incoming_claims")
    return written


def _article_range(after: str | None, up_to: str | None) -> str:
    """SQL condition: article_id in (after, up_to], open where None. The bounds are literals, not
    parameters, so that DuckDB skips the row groups out of range.
    """
    low = "true" if after is None else f"article_id > {sql_string(after)}"
    high = "true" if up_to is None else f"article_id <= {sql_string(up_to)}"
    return f"{low} AND {high}"


def build_incident_facts(
    conn: duckdb.DuckDBPyConnection, everything: bool
) -> dict[str, int] | None:
    """Incidents, their articles and their claims brought level with the staged mentions (None: they
    did not change).
    """
    fingerprint = versions_of(conn, ["staging.claim_mentions", "staging.incident_mentions"])
    if not everything and up_to_date(conn, "facts.incidents", fingerprint):
        return None
    with rebuilding(conn, "facts.incidents", fingerprint):
        written = update_incident_facts(conn, everything, ARTICLE_BATCH)
    return {
        **written,
        **table_counts(conn, ["facts.incidents", "facts.incident_articles", "facts.claims"]),
    }
