"""From raw files and warehouse tables to the frames each asset loads: the assets' domain logic."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from pipelines.config import (
    ARTICLE_BATCH,
    ARTICLE_BYTES,
    BATCH_BYTES,
    BUNDLE_PIECE_BYTES,
    MAX_FILE_BYTES,
)
from pipelines.parallel import map_batches
from pipelines.raw.readers.articles import (
    COMPRESSED_BUNDLE_SUFFIX,
    ArticleRecord,
    Quarantined,
    gzip_pieces,
    jsonl_pieces,
    read_article_file,
    read_jsonl_lines,
    read_jsonl_piece,
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


def _article_row(record: ArticleRecord) -> dict:
    return {
        "article_id": record.article_id,
        "source_file": record.source_file,
        "source_record": record.source_record,
        "url": record.url,
        "title": record.title,
        "outlet": record.outlet,
        "published": record.published,
        "language": record.language,
        "text": record.text,
        "content_sha256": record.content_sha256,
        "source_encoding": record.encoding,
    }


@dataclass(frozen=True)
class ReadTask:
    """What one worker reads: a whole file, a piece of a large JSONL bundle (its lines from byte
    `start` to `end`), or lines of a compressed bundle that the parent decompressed (`data`, with
    what it found wrong: `problem`).
    """

    file: InputFile
    start: int = 0
    end: int | None = None  # None: the whole file, or `data`
    first_line: int = 1
    # of the whole bundle, hashed by the parent as it cut it (a compressed bundle's: on its last
    # piece only)
    sha256: str = ""
    last: bool = True  # the file's last (or only) task: its accounting is complete after it
    data: bytes | None = None
    problem: Quarantined | None = None

    @property
    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        return self.file.size if self.end is None else self.end - self.start


def read_task(task: ReadTask) -> tuple[list[dict], list[dict], str]:
    """One file or piece read once, in a worker: its article rows, its quarantined parts, and the
    file's hash.

    Plain dicts travel back from the worker several times faster than dataclasses.
    """
    sha256 = task.sha256
    if task.data is not None:
        records, bad = read_jsonl_lines(task.data, task.file.source_file, task.first_line)
        bad += [task.problem] if task.problem else []
    elif task.end is None:
        records, bad, sha256 = read_article_file(task.file.path, task.file.source_file)
    else:
        records, bad = read_jsonl_piece(
            task.file.path, task.file.source_file, task.start, task.end, task.first_line
        )
    return [_article_row(r) for r in records], [vars(q) for q in bad], sha256


def _read_weight(task: ReadTask) -> int:
    """About how many articles a task holds, from its size: what the workers' share of a batch is
    measured in.
    """
    return max(1, task.size // ARTICLE_BYTES)


def read_tasks(files: Iterable[InputFile], appended: dict[str, Appended]) -> Iterator[ReadTask]:
    """A task per file, and a task per piece of a JSONL bundle larger than a piece (of a grown
    bundle, of what was appended; of a compressed bundle, of what it decompresses to): a bundle of
    any size is read a piece at a time by the workers, never held whole in memory.
    """
    piece_bytes = _piece_bytes()
    for item in files:
        if item.source_file.lower().endswith(COMPRESSED_BUNDLE_SUFFIX):
            for data, first_line, problem, last, sha256 in gzip_pieces(
                item.path, item.source_file, piece_bytes
            ):
                yield ReadTask(
                    item,
                    first_line=first_line,
                    sha256=sha256,
                    last=last,
                    data=data,
                    problem=problem,
                )
            continue
        cut = appended[item.source_file][:2] if item.source_file in appended else None
        if cut is None and item.size > piece_bytes and item.source_file.lower().endswith(".jsonl"):
            try:
                cut = jsonl_pieces(item.path, item.size, piece_bytes)
            except OSError:
                pass  # read whole instead, which quarantines the file with the reason
        if cut is None:
            yield ReadTask(item)
            continue
        pieces, sha256 = cut
        for number, (start, end, first_line) in enumerate(pieces, start=1):
            yield ReadTask(item, start, end, first_line, sha256, last=number == len(pieces))


def _piece_bytes() -> int:
    """A whole-read file stays under the size limit: larger bundles are read in pieces."""
    return min(BUNDLE_PIECE_BYTES, MAX_FILE_BYTES)


# a bundle that only grew since it was last read: the pieces of what was appended, its new hash, and
# its counts so far
Appended = tuple[list[tuple[int, int, int]], str, list[int]]


def _grown_bundles(conn: duckdb.DuckDBPyConnection, everything: bool) -> dict[str, Appended]:
    """The changed bundles that only had lines appended (their old bytes hash as when read): only
    the new lines are read.
    """
    appended: dict[str, Appended] = {}
    rows = conn.execute(
        sql_file("load/articles/grown_bundles"), {"everything": everything}
    ).fetchall()
    for location, source_file, size, old_bytes, old_sha256, loaded, duplicates, unreadable in rows:
        try:
            cut = jsonl_pieces(
                Path(location), size, _piece_bytes(), read_before=(old_bytes, old_sha256)
            )
        except OSError:
            continue  # read whole instead, which quarantines the file with the reason
        if cut is not None:
            appended[source_file] = (*cut, [loaded, duplicates, unreadable])
    return appended


def task_batches(
    tasks: Iterable[ReadTask], max_tasks: int, max_bytes: int
) -> Iterator[list[ReadTask]]:
    """Tasks in batches of at most `max_tasks` and about `max_bytes` (a larger task is a batch of
    its own); always one batch, if empty.
    """
    batch: list[ReadTask] = []
    size = 0
    for task in tasks:
        if batch and (len(batch) == max_tasks or size + task.size > max_bytes):
            yield batch
            batch, size = [], 0
        batch.append(task)
        size += task.size
    yield batch


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
    for frame in scan_frames(raw_dir, ("article", "unsupported", "refused")):
        insert_frame(conn, "scanned_files", frame)


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
    _load_scan(conn, raw_dir)
    for name in ("deleted_files", "changed_files", "appended_files"):
        run_sql_file(conn, f"load/articles/{name}", {"everything": everything})
    appended = _grown_bundles(conn, everything)
    insert_frame(
        conn,
        "appended_files",
        pl.DataFrame({"source_file": list(appended)}, schema={"source_file": pl.String}),
    )
    for name in ("rereads_of_duplicates", "touched_files", "files_to_read"):
        run_sql_file(conn, f"load/articles/{name}", {"everything": everything})
    deleted = [
        name
        for (name,) in conn.execute("SELECT source_file FROM deleted_files ORDER BY 1").fetchall()
    ]
    unsupported = _files_to_read(conn, "unsupported") + _files_to_read(conn, "refused")

    def files() -> Iterator[InputFile]:
        first = 1
        while page := _files_to_read(conn, "article", first, first + batch - 1):
            yield from page
            first += batch

    batches = (
        (tasks, tasks) for tasks in task_batches(read_tasks(files(), appended), batch, BATCH_BYTES)
    )
    partial = {
        source_file: counts for source_file, (_, _, counts) in appended.items()
    }  # counts so far of files read in parts
    # files are read by the workers a batch ahead; which file owns an article is asked after the
    # caller wrote the last batch
    for number, (tasks, results) in enumerate(map_batches(read_task, batches, weight=_read_weight)):
        ids = pl.DataFrame(
            {"article_id": [r["article_id"] for records, _, _ in results for r in records]},
            schema={"article_id": pl.String},
        )
        with registered(conn, "batch_articles", ids):
            earlier = conn.execute(
                sql_file("load/articles/earlier_owners"), {"everything": everything, "stamp": stamp}
            ).fetchall()
        owners = {article_id: (source_file, record) for article_id, source_file, record in earlier}
        yield _read_batch(
            list(zip(tasks, results, strict=True)),
            [] if number else unsupported,
            [] if number else deleted,
            owners,
            partial,
            stamp,
            run_id,
        )
    for table in (
        SCAN_TABLES
    ):  # the scan's tables hold a row per file of the feed: not for the rest of the run
        conn.execute(f"DROP TABLE {table}")


def _read_batch(
    read: list[tuple[ReadTask, tuple[list[dict], list[dict], str]]],
    unsupported_files: list[InputFile],
    deleted: list[str],
    owners: dict[str, tuple[str, int | None]],
    partial: dict[str, list[int]],
    stamp: dt.datetime,
    run_id: str | None,
) -> ArticleDelta:
    """One batch of the change from its files as read: duplicates told apart through `owners`
    (updated); a file's counts are kept in `partial` until its last piece is read, and its
    `raw.files` row comes with that piece.
    """
    articles: list[dict] = []
    rejected: list[dict] = []
    unsupported: list[dict] = []
    files: list[dict] = []
    for item in unsupported_files:
        reason = item.problem or f"unsupported file type {item.path.suffix or '(none)'!r}"
        unsupported.append(
            {
                "source_file": item.source_file,
                "reason": reason,
                "quarantined_at": stamp,
                "run_id": run_id,
            }
        )
        files.append(
            file_row(item, "refused" if item.problem else "quarantined", 0, 1, stamp, reason=reason)
        )
    for task, (records, bad, sha256) in read:
        item = task.file
        counts = partial.pop(item.source_file, [0, 0, 0])  # loaded, duplicate, unreadable
        for record in records:
            if record["article_id"] in owners:
                counts[1] += 1
                owner_file, owner_record = owners[record["article_id"]]
                rejected.append(
                    {
                        "source_file": item.source_file,
                        "source_record": record["source_record"],
                        "payload": None,
                        "reason": f"duplicate content of {owner_file}"
                        + (f" line {owner_record}" if owner_record else ""),
                        "duplicate_of": record["article_id"],
                        "quarantined_at": stamp,
                        "run_id": run_id,
                    }
                )
                continue
            counts[0] += 1
            owners[record["article_id"]] = (item.source_file, record["source_record"])
            record["ingested_at"] = stamp
            articles.append(record)
        if (
            task.last and not any(counts) and not bad
        ):  # a bundle of blank lines: nothing in it, but it is accounted for
            bad = [
                {
                    "source_file": item.source_file,
                    "source_record": None,
                    "reason": "empty file",
                    "payload": "",
                }
            ]
        rejected.extend(
            {**q, "duplicate_of": None, "quarantined_at": stamp, "run_id": run_id} for q in bad
        )
        counts[2] += len(bad)
        if not task.last:
            partial[item.source_file] = counts
            continue
        n_loaded, n_duplicate, n_bad = counts
        status = (
            "duplicate"
            if n_duplicate and not n_loaded and not n_bad
            else file_status(n_loaded + n_duplicate, n_bad)
        )
        reason = (
            bad[0]["reason"]
            if status == "quarantined" and len(bad) == 1 and bad[0]["source_record"] is None
            else None
        )
        files.append(file_row(item, status, n_loaded, n_bad + n_duplicate, stamp, sha256, reason))
    for source_file in deleted:
        files.append(
            {
                "source_file": source_file,
                "input_kind": "article",
                "bytes": 0,
                "file_sha256": "",
                "status": "deleted",
                "n_records": 0,
                "n_quarantined": 0,
                "modified_at": stamp,
                "seen_at": stamp,
            }
        )
    return ArticleDelta(
        pl.DataFrame(articles, schema=ARTICLE_SCHEMA),
        pl.DataFrame(rejected, schema=ARTICLE_QUARANTINE_SCHEMA),
        pl.DataFrame(files, schema=FILE_SCHEMA),
        pl.DataFrame(unsupported, schema=FILE_QUARANTINE_SCHEMA),
        len(deleted),
    )


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
    for number, delta in enumerate(
        article_input_batches(conn, raw_dir, run_id, everything=everything, batch=ARTICLE_BATCH)
    ):
        old_rows = "false" if number else "true" if everything else TOUCHED
        old_files = "false" if number else "true" if everything else TOUCHED_OR_GROWN
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
