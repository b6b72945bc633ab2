"""The raw stage's article files: what changed in the raw folder, read a batch at a time into
raw.articles, with every file accounted for in raw.files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from pipelines.config import (
    ARTICLE_BATCH,
    BATCH_BYTES,
)
from pipelines.feed_parts import current_feed_part, define_written_feed_part, feed_part_expr
from pipelines.parallel import map_batches
from pipelines.raw.read_tasks import (
    Appended,
    ReadTask,
    grown_bundles,
    read_task,
    read_tasks,
    read_weight,
    task_batches,
)
from pipelines.raw.scan import InputFile, file_row, file_status, scan_frames
from pipelines.schemas import (
    ARTICLE_QUARANTINE_SCHEMA,
    ARTICLE_SCHEMA,
    FILE_QUARANTINE_SCHEMA,
    FILE_SCHEMA,
)
from pipelines.warehouse import (
    Replacement,
    fresh_stamp,
    insert_frame,
    registered,
    replace_rows,
    run_sql_file,
    sql_file,
)


@dataclass(frozen=True)
class ArticleDelta:
    """What one batch changes in the article tables: these rows replace those of the files in the
    `touched_files` temp table.
    """

    articles: pl.DataFrame
    quarantined: pl.DataFrame
    files: pl.DataFrame
    unsupported: pl.DataFrame
    deleted: int


SCAN_TABLES = (
    "scanned_files",
    "deleted_files",
    "changed_files",
    "appended_files",
    "touched_files",
    "files_to_read",
)


def _load_scan(conn: duckdb.DuckDBPyConnection, raw_dir: Path) -> None:
    """The temp table scanned_files: every article, unsupported and refused name under raw_dir."""
    run_sql_file(conn, "load/articles/scanned_files")
    part = current_feed_part(conn)
    for frame in scan_frames(raw_dir, ("article", "unsupported", "refused")):
        insert_frame(
            conn, "scanned_files", frame if part is None else frame.filter(feed_part_expr() == part)
        )


def _files_to_read(
    conn: duckdb.DuckDBPyConnection, kind: str, first: int = 1, last: int = 2**62
) -> list[InputFile]:
    """Files of a kind to read, numbers `first` to `last` of files_to_read (all of them by default),
    in path order.
    """
    rows = conn.execute(
        sql_file("load/articles/files_to_read_batch"), {"kind": kind, "first": first, "last": last}
    ).fetchall()
    return [InputFile(*row) for row in rows]


def article_input_batches(
    conn: duckdb.DuckDBPyConnection,
    raw_dir: Path,
    run_id: str | None,
    everything: bool = False,
    batch: int = ARTICLE_BATCH,
) -> Iterator[ArticleDelta]:
    """The change to the article tables since the last run (of everything, in a backfill), in
    batches.

    A file is re-read when it is new or its size or mtime changed; a deleted file's rows are removed
    (policy: the warehouse mirrors the raw folder; `raw.files` keeps a 'deleted' row). The same
    content under two names is one article: the file that already holds it keeps it, otherwise the
    first in path order; the others are quarantined with `duplicate_of`. When a file holding an
    article goes, the files that duplicated it are re-read so one takes over. A JSONL bundle that
    only grew keeps its rows and has only its new lines read.

    What changed is found in DuckDB (temp tables scanned_files, changed_files, deleted_files,
    appended_files, touched_files, and files_to_read, which numbers the files to read once), and
    files (and pieces of large bundles) are read `batch` and about BATCH_BYTES at a time: Python
    holds one batch, whatever the size of the feed. The caller writes each delta before asking for
    the next (later batches find the articles of earlier ones in raw.articles, by this run's ingest
    time); the first delta carries the deleted files' rows and the unsupported files, and there is
    always at least one.
    """
    stamp = fresh_stamp(conn, "raw.articles", "ingested_at")
    appended = _find_changes(conn, raw_dir, everything)
    deleted = [name for (name,) in conn.execute(sql_file("load/articles/deleted_names")).fetchall()]
    first = _Accounting(
        stamp,
        run_id,
        _files_to_read(conn, "unsupported") + _files_to_read(conn, "refused"),
        deleted,
    )
    tasks = task_batches(read_tasks(_article_files(conn, batch), appended), batch, BATCH_BYTES)
    # counts so far of the files read in parts
    partial = {source_file: counts for source_file, (_, _, counts) in appended.items()}
    # files are read by the workers a batch ahead; which file owns an article is asked after the
    # caller wrote the last batch
    read = map_batches(
        read_task, ((batch_tasks, batch_tasks) for batch_tasks in tasks), weight=read_weight
    )
    for number, (batch_tasks, results) in enumerate(read):
        owners = _earlier_owners(conn, results, everything, stamp)
        accounting = first if number == 0 else _Accounting(stamp, run_id, [], [])
        yield accounting.delta(list(zip(batch_tasks, results, strict=True)), owners, partial)
    for table in SCAN_TABLES:  # a row per file of the feed each: not for the rest of the run
        conn.execute(f"DROP TABLE {table}")


def _find_changes(
    conn: duckdb.DuckDBPyConnection, raw_dir: Path, everything: bool
) -> dict[str, Appended]:
    """The scan's temp tables (what changed, what to read), and the bundles that only grew."""
    _load_scan(conn, raw_dir)
    define_written_feed_part(conn)
    for name in ("deleted_files", "changed_files", "appended_files"):
        run_sql_file(conn, f"load/articles/{name}", {"everything": everything})
    appended = grown_bundles(conn, everything)
    names = pl.DataFrame({"source_file": list(appended)}, schema={"source_file": pl.String})
    insert_frame(conn, "appended_files", names)
    for name in ("rereads_of_duplicates", "touched_files", "files_to_read"):
        run_sql_file(conn, f"load/articles/{name}", {"everything": everything})
    return appended


def _article_files(conn: duckdb.DuckDBPyConnection, batch: int) -> Iterator[InputFile]:
    """The article files to read, in path order, fetched `batch` at a time."""
    first = 1
    while page := _files_to_read(conn, "article", first, first + batch - 1):
        yield from page
        first += batch


def _earlier_owners(
    conn: duckdb.DuckDBPyConnection, results: list, everything: bool, stamp: dt.datetime
) -> dict[str, tuple[str, int | None]]:
    """The file (and line) already holding each article of a batch, if one does."""
    ids = pl.DataFrame(
        {"article_id": [r["article_id"] for records, _, _ in results for r in records]},
        schema={"article_id": pl.String},
    )
    with registered(conn, "batch_articles", ids):
        earlier = conn.execute(
            sql_file("load/articles/earlier_owners"), {"everything": everything, "stamp": stamp}
        ).fetchall()
    return {article_id: (source_file, record) for article_id, source_file, record in earlier}


@dataclass
class _Accounting:
    """One batch's rows: its articles, what was quarantined, and a `raw.files` row per finished file
    (with the unsupported, refused and deleted names, which the first batch carries)."""

    stamp: dt.datetime
    run_id: str | None
    unsupported_files: list[InputFile]
    deleted: list[str]
    articles: list[dict] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    unsupported: list[dict] = field(default_factory=list)
    files: list[dict] = field(default_factory=list)

    def delta(
        self,
        read: list[tuple[ReadTask, tuple[list[dict], list[dict], str]]],
        owners: dict[str, tuple[str, int | None]],
        partial: dict[str, list[int]],
    ) -> ArticleDelta:
        """The batch from its files as read: duplicates told apart through `owners` (updated); a
        file's counts are kept in `partial` until its last piece is read, and its `raw.files` row
        comes with that piece."""
        for item in self.unsupported_files:
            self._refuse(item)
        for task, (records, bad, sha256) in read:
            counts = partial.pop(task.file.source_file, [0, 0, 0])  # loaded, duplicate, unreadable
            self._take(task.file, records, owners, counts)
            if task.last and not any(counts) and not bad:  # a bundle of blank lines: accounted for
                bad = [
                    {
                        "source_file": task.file.source_file,
                        "source_record": None,
                        "reason": "empty file",
                        "payload": "",
                    }
                ]
            self._reject(bad, counts)
            if task.last:
                self._account(task.file, counts, bad, sha256)
            else:
                partial[task.file.source_file] = counts
        self.files.extend(self._deleted_row(name) for name in self.deleted)
        return ArticleDelta(
            pl.DataFrame(self.articles, schema=ARTICLE_SCHEMA),
            pl.DataFrame(self.rejected, schema=ARTICLE_QUARANTINE_SCHEMA),
            pl.DataFrame(self.files, schema=FILE_SCHEMA),
            pl.DataFrame(self.unsupported, schema=FILE_QUARANTINE_SCHEMA),
            len(self.deleted),
        )

    def _refuse(self, item: InputFile) -> None:
        reason = item.problem or f"unsupported file type {item.path.suffix or '(none)'!r}"
        self.unsupported.append(
            {
                "source_file": item.source_file,
                "reason": reason,
                "quarantined_at": self.stamp,
                "run_id": self.run_id,
            }
        )
        status = "refused" if item.problem else "quarantined"
        self.files.append(file_row(item, status, 0, 1, self.stamp, reason=reason))

    def _take(self, item: InputFile, records: list[dict], owners: dict, counts: list[int]) -> None:
        """A file's records: new articles, or duplicates of the article a file already holds."""
        for record in records:
            if record["article_id"] not in owners:
                counts[0] += 1
                owners[record["article_id"]] = (item.source_file, record["source_record"])
                self.articles.append({**record, "ingested_at": self.stamp})
                continue
            counts[1] += 1
            owner_file, owner_record = owners[record["article_id"]]
            reason = f"duplicate content of {owner_file}" + (
                f" line {owner_record}" if owner_record else ""
            )
            self.rejected.append(
                {
                    "source_file": item.source_file,
                    "source_record": record["source_record"],
                    "payload": None,
                    "reason": reason,
                    "duplicate_of": record["article_id"],
                    "quarantined_at": self.stamp,
                    "run_id": self.run_id,
                }
            )

    def _reject(self, bad: list[dict], counts: list[int]) -> None:
        self.rejected.extend(
            {**q, "duplicate_of": None, "quarantined_at": self.stamp, "run_id": self.run_id}
            for q in bad
        )
        counts[2] += len(bad)

    def _account(self, item: InputFile, counts: list[int], bad: list[dict], sha256: str) -> None:
        """A finished file's `raw.files` row; a file quarantined whole carries the reason."""
        n_loaded, n_duplicate, n_bad = counts
        duplicate = n_duplicate and not n_loaded and not n_bad
        status = "duplicate" if duplicate else file_status(n_loaded + n_duplicate, n_bad)
        whole = status == "quarantined" and len(bad) == 1 and bad[0]["source_record"] is None
        reason = bad[0]["reason"] if whole else None
        self.files.append(
            file_row(item, status, n_loaded, n_bad + n_duplicate, self.stamp, sha256, reason)
        )

    def _deleted_row(self, source_file: str) -> dict:
        return {
            "source_file": source_file,
            "input_kind": "article",
            "bytes": 0,
            "file_sha256": "",
            "status": "deleted",
            "n_records": 0,
            "n_quarantined": 0,
            "modified_at": self.stamp,
            "seen_at": self.stamp,
        }


ARTICLE_KINDS = (
    "input_kind IN ('article', 'unsupported', 'refused')"  # the raw.files rows this stage owns
)
TOUCHED = "source_file IN (SELECT source_file FROM touched_files)"
TOUCHED_OR_GROWN = f"{TOUCHED} OR source_file IN (SELECT source_file FROM appended_files)"


def load_article_files(
    conn: duckdb.DuckDBPyConnection, raw_dir: Path, run_id: str | None, everything: bool
) -> dict[str, int]:
    """Bring the article tables level with the raw folder, a batch at a time; returns what it did,
    counted.

    The first batch also removes the old rows of every touched file (all of them in a backfill), and
    the old accounting of the bundles that grew.
    """
    counts = dict.fromkeys(
        (
            "files_read",
            "files_deleted",
            "articles_added",
            "quarantined",
            "duplicates",
            "unsupported_files",
        ),
        0,
    )
    # a partition's backfill clears only its own files' rows: those it reads and those gone
    whole = everything and current_feed_part(conn) is None
    for number, delta in enumerate(
        article_input_batches(conn, raw_dir, run_id, everything=everything, batch=ARTICLE_BATCH)
    ):
        old_rows = "false" if number else "true" if whole else TOUCHED
        old_files = "false" if number else "true" if whole else TOUCHED_OR_GROWN
        replace_rows(
            conn,
            Replacement("raw.articles", delta.articles, old_rows),
            Replacement("quarantine.articles", delta.quarantined, old_rows),
            Replacement("quarantine.files", delta.unsupported, old_rows),
            Replacement("raw.files", delta.files, f"{ARTICLE_KINDS} AND ({old_files})"),
        )
        for name, value in (
            ("files_read", delta.files.filter(delta.files["status"] != "deleted").height),
            ("files_deleted", delta.deleted),
            ("articles_added", delta.articles.height),
            ("quarantined", delta.quarantined["duplicate_of"].is_null().sum()),
            ("duplicates", delta.quarantined["duplicate_of"].is_not_null().sum()),
            ("unsupported_files", delta.unsupported.height),
        ):
            counts[name] += value
    return counts
