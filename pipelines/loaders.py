"""From raw files and warehouse tables to the frames each asset loads: the assets' domain logic."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb
import polars as pl

from pipelines.config import (ARTICLE_BATCH, ARTICLE_BYTES, BATCH_BYTES, BUNDLE_PIECE_BYTES, EXTRACTION_BUDGET_SECONDS,
                              MAX_FILE_BYTES)
from pipelines.control_shares import CONTROL_SHARE_SCHEMA
from pipelines.extract.actors import Actors
from pipelines.extract.claims import Claim, extract_claims
from pipelines.extract.control_text import extract_control_statements
from pipelines.extract.document import Document
from pipelines.incidents import Gazetteer, describe_incidents
from pipelines.ingest.articles import (ARTICLE_SUFFIXES, COMPRESSED_BUNDLE_SUFFIX, ArticleRecord, Quarantined, gzip_pieces,
                                      jsonl_pieces, read_article_file, read_jsonl_lines, read_jsonl_piece)
from pipelines.ingest.decode import Rejected, error_reason
from pipelines.ingest.guards import display_name
from pipelines.ingest.watchdog import WATCHDOG_SUFFIXES, read_watchdog_file
from pipelines.parallel import BudgetExceeded, map_batches, time_budget
from pipelines.warehouse import fresh_stamp, insert_frame, now, read_frame, registered, run_sql_file, sql_file

SIDECAR_SUFFIX = ".meta.yaml"

FILE_SCHEMA = {"source_file": pl.String, "input_kind": pl.String, "bytes": pl.Int64, "file_sha256": pl.String,
               "status": pl.String, "n_records": pl.Int32, "n_quarantined": pl.Int32, "modified_at": pl.Datetime("us"), "seen_at": pl.Datetime("us"),
               "reason": pl.String}
ARTICLE_SCHEMA = {"article_id": pl.String, "source_file": pl.String, "source_record": pl.Int32, "url": pl.String,
                  "title": pl.String, "outlet": pl.String, "published": pl.Date, "language": pl.String, "text": pl.String,
                  "content_sha256": pl.String, "source_encoding": pl.String, "ingested_at": pl.Datetime("us")}
ARTICLE_QUARANTINE_SCHEMA = {"source_file": pl.String, "source_record": pl.Int32, "reason": pl.String, "payload": pl.String,
                             "duplicate_of": pl.String, "quarantined_at": pl.Datetime("us"), "run_id": pl.String}
FILE_QUARANTINE_SCHEMA = {"source_file": pl.String, "reason": pl.String, "quarantined_at": pl.Datetime("us"), "run_id": pl.String}
WATCHDOG_ROW_SCHEMA = {"source_file": pl.String, "sheet": pl.String, "source_row": pl.Int32, "layout": pl.String,
                       "payload": pl.String, "ingested_at": pl.Datetime("us")}
WATCHDOG_QUARANTINE_SCHEMA = {"source_file": pl.String, "source_row": pl.Int32, "reason": pl.String, "payload": pl.String,
                              "quarantined_at": pl.Datetime("us"), "run_id": pl.String}
CLAIM_MENTION_SCHEMA = {"claim_id": pl.String, "article_id": pl.String, "claim_index": pl.Int32, "incident_key": pl.String, "kind": pl.String,
                        "subject_side": pl.String, "value": pl.Int64, "value_low": pl.Int64, "value_high": pl.Int64,
                        "qualifier": pl.String, "claimant": pl.String, "claimant_side": pl.String, "evidence": pl.String,
                        "span_start": pl.Int32, "span_end": pl.Int32, "confirmed": pl.Boolean, "mentions": pl.Int32,
                        "extractor_version": pl.String}
EXTRACTION_SCHEMA = {"article_id": pl.String, "extraction_key": pl.String, "n_claims": pl.Int32, "extracted_at": pl.Datetime("us")}
INCIDENT_MENTION_SCHEMA = {"article_id": pl.String, "incident_key": pl.String, "event_date": pl.Date,
                           "date_precision": pl.String, "country": pl.String, "admin1": pl.String, "admin2": pl.String,
                           "place": pl.String, "place_resolved": pl.Boolean, "target": pl.String, "perpetrator": pl.String}


def input_kind(name: str) -> str:
    """What a file is, from its name."""
    name = name.lower()
    if name.endswith(SIDECAR_SUFFIX):
        return "sidecar"
    if name.endswith(COMPRESSED_BUNDLE_SUFFIX):
        return "article"
    suffix = os.path.splitext(name)[1]
    if suffix in ARTICLE_SUFFIXES:
        return "article"
    if suffix in WATCHDOG_SUFFIXES:
        return "watchdog"
    return "unsupported"


@dataclass(frozen=True)
class InputFile:
    location: str  # absolute path as the directory scan gives it (see `fs_location`)
    source_file: str  # relative to the raw folder, as `display_name` shows it
    kind: str
    size: int
    modified_at: dt.datetime
    problem: str | None = None  # why the scan refused it (kind 'refused'): never opened

    @property
    def path(self) -> Path:  # built only for the files a run reads: a feed's scan sees many more
        if self.location.startswith(_HEX_LOCATION):
            return Path(os.fsdecode(bytes.fromhex(self.location.removeprefix(_HEX_LOCATION))))
        return Path(self.location)


# a location whose bytes are not UTF-8 is kept as their hex: a column of text cannot hold it, a path must be exact
_HEX_LOCATION = "hex:"


def fs_location(path: str) -> str:
    """A path from `os.scandir` as text that names the same file again (`InputFile.path`)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return _HEX_LOCATION + os.fsencode(path).hex()
    return path


# scanned files are handed on this many at a time, so a feed's scan is never one Python list
SCAN_CHUNK = 50_000
SCAN_SCHEMA = {"location": pl.String, "source_file": pl.String, "kind": pl.String, "size": pl.Int64,
               "modified_at": pl.Datetime("us"), "problem": pl.String}


def _epoch_us(seconds: float) -> int:
    """A file's float mtime in microseconds, rounded as `datetime.fromtimestamp` rounds it (half to even)."""
    whole = int(seconds)
    return whole * 1_000_000 + round((seconds - whole) * 1e6)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


FOLDER_LINK = "link to a folder inside the raw folder (read under its own name, never twice, never in a loop)"


def _refusal(entry: os.DirEntry, root: str) -> str | None:
    """Why the scan must not follow or open an entry (a link out of the raw folder, a device...), if it must not.

    The raw folder is a boundary: a link is followed only to a file inside it. A link to a folder
    is never followed: inside the raw folder, its files are scanned under their own names (and a
    link to an ancestor would loop); outside, they are not the feed's.
    """
    link = entry.is_symlink()
    try:
        target = entry.stat(follow_symlinks=True)
    except OSError as exc:
        return ("dangling or looping link" if link else "unreadable entry") + f" ({exc.strerror or exc})"
    if link and not _inside(os.path.realpath(entry.path), root):
        return "link to outside the raw folder"
    if stat.S_ISDIR(target.st_mode):
        return FOLDER_LINK if link else None
    if not stat.S_ISREG(target.st_mode):
        return "not a regular file (a device, pipe or socket)"
    return None


def scan_frames(raw_dir: Path, kinds: tuple[str, ...] | None = None) -> Iterator[pl.DataFrame]:
    """Every name below raw_dir (hidden files and folders aside) of the given kinds, in no order, as frames of
    SCAN_SCHEMA; names the scan refuses to follow or open are of kind 'refused', with the reason.

    Column by column: per file only its name, size and mtime pass through Python (one `stat`
    each); building an object per file made a scan of 160,000 files cost twice as much.
    """
    columns: tuple[list, ...] = ([], [], [], [], [], [])
    names = columns[1]
    root = os.path.realpath(raw_dir)
    stack = [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = os.scandir(folder)
        except OSError as exc:  # a folder that cannot be listed is accounted for as one refused name
            if kinds is None or "refused" in kinds:
                _add_scanned(columns, folder, prefix.rstrip("/"), "refused", None,
                             f"unreadable folder ({exc.strerror or exc})")
            continue
        with entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                problem = _refusal(entry, root)
                if problem is None and entry.is_dir():
                    stack.append((entry.path, prefix + display_name(entry.name) + "/"))
                    continue
                kind = "refused" if problem else input_kind(entry.name)
                if kinds is None or kind in kinds:
                    _add_scanned(columns, entry.path, prefix + display_name(entry.name), kind,
                                 None if problem else entry.stat(), problem)
                    if len(names) == SCAN_CHUNK:
                        yield _scan_frame(columns)
    if names:
        yield _scan_frame(columns)


def _add_scanned(columns: tuple[list, ...], path: str, name: str, kind: str, info: os.stat_result | None,
                 problem: str | None) -> None:
    """One scanned name's row; a refused name's size is 0 and its time the link's own (or 0)."""
    if info is None:
        try:
            info = os.lstat(path)
        except OSError:
            info = None
    for column, value in zip(columns, (fs_location(path), name, kind, 0 if problem or info is None else info.st_size,
                                       _epoch_us(info.st_mtime) if info else 0, problem), strict=True):
        column.append(value)


def _scan_frame(columns: tuple[list, ...]) -> pl.DataFrame:
    """The scanned columns as a frame; the lists are emptied for the next chunk."""
    frame = pl.DataFrame(dict(zip(SCAN_SCHEMA, columns, strict=True)), schema={**SCAN_SCHEMA, "modified_at": pl.Int64})
    for column in columns:
        column.clear()
    return frame.with_columns(pl.col("modified_at").cast(pl.Datetime("us")))


def scan_inputs(raw_dir: Path, kinds: tuple[str, ...]) -> tuple[list[InputFile], str]:
    """The files of some kinds in path order, and their fingerprint: for the few files (watchdog tables) read one by one."""
    scanned = pl.concat([pl.DataFrame(schema=SCAN_SCHEMA), *scan_frames(raw_dir, kinds)])
    return [InputFile(*row) for row in scanned.sort("source_file").iter_rows()], files_fingerprint([scanned])


def files_fingerprint(scanned: Iterable[pl.DataFrame]) -> str:
    """What a set of files looks like to a run: names, sizes and modification times (the change test of every input).

    Each file's line (name, size, ISO mtime) is hashed and the hashes are added up (modulo
    2**256), so the order does not matter and a scan is fingerprinted frame by frame as it goes,
    never held whole, however many files a feed has.
    """
    modified = pl.col("modified_at")
    iso_time = modified.dt.strftime("%Y-%m-%dT%H:%M:%S") + pl.when(modified.dt.microsecond() != 0).then(modified.dt.strftime("%.6f")).otherwise(pl.lit(""))
    total = 0
    for frame in scanned:
        lines = frame.select(pl.concat_str(pl.col("source_file"), pl.col("size").cast(pl.String), iso_time, separator="\0")).to_series()
        total = (total + sum(int.from_bytes(hashlib.sha256(line.encode()).digest(), "big") for line in lines)) % 2**256
    return f"{total:064x}"


def file_sha256(path: Path) -> str:
    """A file's SHA-256, read as a stream (an unsupported file may be of any size); "" when it cannot be read."""
    try:
        with path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return ""


def _file_row(item: InputFile, status: str, n_records: int, n_quarantined: int, seen_at: dt.datetime,
              sha256: str | None = None, reason: str | None = None) -> dict:
    """A file's `raw.files` row; a refused name is never opened (its hash is "")."""
    if sha256 is None:
        sha256 = "" if item.problem else file_sha256(item.path)
    return {"source_file": item.source_file, "input_kind": item.kind, "bytes": item.size, "file_sha256": sha256,
            "status": status, "n_records": n_records, "n_quarantined": n_quarantined, "modified_at": item.modified_at,
            "seen_at": seen_at, "reason": reason}


def _status(n_records: int, n_quarantined: int) -> str:
    if n_records and n_quarantined:
        return "partial"
    return "loaded" if n_records else "quarantined"


@dataclass(frozen=True)
class ArticleDelta:
    """What one batch changes in the article tables: these rows replace those of the files in the `touched_files` temp table."""

    articles: pl.DataFrame
    quarantined: pl.DataFrame
    files: pl.DataFrame
    unsupported: pl.DataFrame
    deleted: int


def _article_row(record: ArticleRecord) -> dict:
    return {"article_id": record.article_id, "source_file": record.source_file, "source_record": record.source_record,
            "url": record.url, "title": record.title, "outlet": record.outlet, "published": record.published,
            "language": record.language, "text": record.text, "content_sha256": record.content_sha256, "source_encoding": record.encoding}


@dataclass(frozen=True)
class ReadTask:
    """What one worker reads: a whole file, a piece of a large JSONL bundle (its lines from byte `start` to `end`),
    or lines of a compressed bundle that the parent decompressed (`data`, with what it found wrong: `problem`)."""

    file: InputFile
    start: int = 0
    end: int | None = None  # None: the whole file, or `data`
    first_line: int = 1
    sha256: str = ""  # of the whole bundle, hashed by the parent as it cut it (a compressed bundle's: on its last piece only)
    last: bool = True  # the file's last (or only) task: its accounting is complete after it
    data: bytes | None = None
    problem: Quarantined | None = None

    @property
    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        return self.file.size if self.end is None else self.end - self.start


def read_task(task: ReadTask) -> tuple[list[dict], list[dict], str]:
    """One file or piece read once, in a worker: its article rows, its quarantined parts, and the file's hash.

    Plain dicts travel back from the worker several times faster than dataclasses.
    """
    sha256 = task.sha256
    if task.data is not None:
        records, bad = read_jsonl_lines(task.data, task.file.source_file, task.first_line)
        bad += [task.problem] if task.problem else []
    elif task.end is None:
        records, bad, sha256 = read_article_file(task.file.path, task.file.source_file)
    else:
        records, bad = read_jsonl_piece(task.file.path, task.file.source_file, task.start, task.end, task.first_line)
    return [_article_row(r) for r in records], [vars(q) for q in bad], sha256


def _read_weight(task: ReadTask) -> int:
    """About how many articles a task holds, from its size: what the workers' share of a batch is measured in."""
    return max(1, task.size // ARTICLE_BYTES)


def read_tasks(files: Iterable[InputFile], appended: dict[str, Appended]) -> Iterator[ReadTask]:
    """A task per file, and a task per piece of a JSONL bundle larger than a piece (of a grown bundle, of what was
    appended; of a compressed bundle, of what it decompresses to): a bundle of any size is read a piece at a time
    by the workers, never held whole in memory."""
    piece_bytes = _piece_bytes()
    for item in files:
        if item.source_file.lower().endswith(COMPRESSED_BUNDLE_SUFFIX):
            for data, first_line, problem, last, sha256 in gzip_pieces(item.path, item.source_file, piece_bytes):
                yield ReadTask(item, first_line=first_line, sha256=sha256, last=last, data=data, problem=problem)
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


# a bundle that only grew since it was last read: the pieces of what was appended, its new hash, and its counts so far
Appended = tuple[list[tuple[int, int, int]], str, list[int]]


def _grown_bundles(conn: duckdb.DuckDBPyConnection, everything: bool) -> dict[str, Appended]:
    """The changed bundles that only had lines appended (their old bytes hash as when read): only the new lines are read."""
    appended: dict[str, Appended] = {}
    rows = conn.execute(sql_file("load/articles/grown_bundles"), {"everything": everything}).fetchall()
    for location, source_file, size, old_bytes, old_sha256, loaded, duplicates, unreadable in rows:
        try:
            cut = jsonl_pieces(Path(location), size, _piece_bytes(), read_before=(old_bytes, old_sha256))
        except OSError:
            continue  # read whole instead, which quarantines the file with the reason
        if cut is not None:
            appended[source_file] = (*cut, [loaded, duplicates, unreadable])
    return appended


def task_batches(tasks: Iterable[ReadTask], max_tasks: int, max_bytes: int) -> Iterator[list[ReadTask]]:
    """Tasks in batches of at most `max_tasks` and about `max_bytes` (a larger task is a batch of its own); always one batch, if empty."""
    batch: list[ReadTask] = []
    size = 0
    for task in tasks:
        if batch and (len(batch) == max_tasks or size + task.size > max_bytes):
            yield batch
            batch, size = [], 0
        batch.append(task)
        size += task.size
    yield batch


SCAN_TABLES = ("scanned_files", "deleted_files", "changed_files", "appended_files", "touched_files", "files_to_read")


def _load_scan(conn: duckdb.DuckDBPyConnection, raw_dir: Path) -> None:
    """The temp table scanned_files: every article, unsupported and refused name under raw_dir."""
    run_sql_file(conn, "load/articles/scanned_files")
    for frame in scan_frames(raw_dir, ("article", "unsupported", "refused")):
        insert_frame(conn, "scanned_files", frame)


def _files_to_read(conn: duckdb.DuckDBPyConnection, kind: str, first: int = 1, last: int = 2**62) -> list[InputFile]:
    """Files of a kind to read, numbers `first` to `last` of files_to_read (all of them by default), in path order."""
    rows = conn.execute(sql_file("load/articles/files_to_read_batch"), {"kind": kind, "first": first, "last": last}).fetchall()
    return [InputFile(*row) for row in rows]


def article_input_batches(conn: duckdb.DuckDBPyConnection, raw_dir: Path, run_id: str | None, everything: bool = False,
                          batch: int = ARTICLE_BATCH) -> Iterator[ArticleDelta]:
    """The change to the article tables since the last run (of everything, in a backfill), in batches.

    A file is re-read when it is new or its size or mtime changed; a deleted file's rows are
    removed (policy: the warehouse mirrors the raw folder; `raw.files` keeps a 'deleted' row).
    The same content under two names is one article: the file that already holds it keeps it,
    otherwise the first in path order; the others are quarantined with `duplicate_of`. When a
    file holding an article goes, the files that duplicated it are re-read so one takes over.
    A JSONL bundle that only grew keeps its rows and has only its new lines read.

    What changed is found in DuckDB (temp tables scanned_files, changed_files, deleted_files,
    appended_files, touched_files, and files_to_read, which numbers the files to read once), and
    files (and pieces of large bundles) are read `batch` and about BATCH_BYTES at a time: Python
    holds one batch, whatever the size of the feed. The caller
    writes each delta before asking for the next (later batches find the articles of earlier ones
    in raw.articles, by this run's ingest time); the first delta carries the deleted files' rows
    and the unsupported files, and there is always at least one.
    """
    stamp = fresh_stamp(conn, "raw.articles", "ingested_at")
    _load_scan(conn, raw_dir)
    for name in ("deleted_files", "changed_files", "appended_files"):
        run_sql_file(conn, f"load/articles/{name}", {"everything": everything})
    appended = _grown_bundles(conn, everything)
    insert_frame(conn, "appended_files", pl.DataFrame({"source_file": list(appended)}, schema={"source_file": pl.String}))
    for name in ("rereads_of_duplicates", "touched_files", "files_to_read"):
        run_sql_file(conn, f"load/articles/{name}", {"everything": everything})
    deleted = [name for (name,) in conn.execute("SELECT source_file FROM deleted_files ORDER BY 1").fetchall()]
    unsupported = _files_to_read(conn, "unsupported") + _files_to_read(conn, "refused")

    def files() -> Iterator[InputFile]:
        first = 1
        while page := _files_to_read(conn, "article", first, first + batch - 1):
            yield from page
            first += batch

    batches = ((tasks, tasks) for tasks in task_batches(read_tasks(files(), appended), batch, BATCH_BYTES))
    partial = {source_file: counts for source_file, (_, _, counts) in appended.items()}  # counts so far of files read in parts
    # files are read by the workers a batch ahead; which file owns an article is asked after the caller wrote the last batch
    for number, (tasks, results) in enumerate(map_batches(read_task, batches, weight=_read_weight)):
        ids = pl.DataFrame({"article_id": [r["article_id"] for records, _, _ in results for r in records]}, schema={"article_id": pl.String})
        with registered(conn, "batch_articles", ids):
            earlier = conn.execute(sql_file("load/articles/earlier_owners"), {"everything": everything, "stamp": stamp}).fetchall()
        owners = {article_id: (source_file, record) for article_id, source_file, record in earlier}
        yield _read_batch(list(zip(tasks, results, strict=True)), [] if number else unsupported, [] if number else deleted,
                          owners, partial, stamp, run_id)
    for table in SCAN_TABLES:  # the scan's tables hold a row per file of the feed: not for the rest of the run
        conn.execute(f"DROP TABLE {table}")


def _read_batch(read: list[tuple[ReadTask, tuple[list[dict], list[dict], str]]], unsupported_files: list[InputFile],
                deleted: list[str], owners: dict[str, tuple[str, int | None]], partial: dict[str, list[int]],
                stamp: dt.datetime, run_id: str | None) -> ArticleDelta:
    """One batch of the change from its files as read: duplicates told apart through `owners` (updated); a file's
    counts are kept in `partial` until its last piece is read, and its `raw.files` row comes with that piece."""
    articles: list[dict] = []
    rejected: list[dict] = []
    unsupported: list[dict] = []
    files: list[dict] = []
    for item in unsupported_files:
        reason = item.problem or f"unsupported file type {item.path.suffix or '(none)'!r}"
        unsupported.append({"source_file": item.source_file, "reason": reason, "quarantined_at": stamp, "run_id": run_id})
        files.append(_file_row(item, "refused" if item.problem else "quarantined", 0, 1, stamp, reason=reason))
    for task, (records, bad, sha256) in read:
        item = task.file
        counts = partial.pop(item.source_file, [0, 0, 0])  # loaded, duplicate, unreadable
        for record in records:
            if record["article_id"] in owners:
                counts[1] += 1
                owner_file, owner_record = owners[record["article_id"]]
                rejected.append({"source_file": item.source_file, "source_record": record["source_record"], "payload": None,
                                 "reason": f"duplicate content of {owner_file}" + (f" line {owner_record}" if owner_record else ""),
                                 "duplicate_of": record["article_id"], "quarantined_at": stamp, "run_id": run_id})
                continue
            counts[0] += 1
            owners[record["article_id"]] = (item.source_file, record["source_record"])
            record["ingested_at"] = stamp
            articles.append(record)
        if task.last and not any(counts) and not bad:  # a bundle of blank lines: nothing in it, but it is accounted for
            bad = [{"source_file": item.source_file, "source_record": None, "reason": "empty file", "payload": ""}]
        rejected.extend({**q, "duplicate_of": None, "quarantined_at": stamp, "run_id": run_id} for q in bad)
        counts[2] += len(bad)
        if not task.last:
            partial[item.source_file] = counts
            continue
        n_loaded, n_duplicate, n_bad = counts
        status = "duplicate" if n_duplicate and not n_loaded and not n_bad else _status(n_loaded + n_duplicate, n_bad)
        reason = bad[0]["reason"] if status == "quarantined" and len(bad) == 1 and bad[0]["source_record"] is None else None
        files.append(_file_row(item, status, n_loaded, n_bad + n_duplicate, stamp, sha256, reason))
    for source_file in deleted:
        files.append({"source_file": source_file, "input_kind": "article", "bytes": 0, "file_sha256": "", "status": "deleted",
                      "n_records": 0, "n_quarantined": 0, "modified_at": stamp, "seen_at": stamp})
    return ArticleDelta(
        pl.DataFrame(articles, schema=ARTICLE_SCHEMA), pl.DataFrame(rejected, schema=ARTICLE_QUARANTINE_SCHEMA),
        pl.DataFrame(files, schema=FILE_SCHEMA), pl.DataFrame(unsupported, schema=FILE_QUARANTINE_SCHEMA), len(deleted),
    )


def _first_bytes(path: Path, size: int = 2000) -> str:
    """The start of a file as text, for a quarantine row's payload ("" when it cannot be read)."""
    try:
        with path.open("rb") as stream:
            return stream.read(size).decode("utf-8", errors="replace")
    except OSError:
        return ""


def load_watchdog_inputs(inputs: list[InputFile], run_id: str | None) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(rows as read, whole files quarantined, files) for the watchdog tables and sidecars of a raw-folder scan."""
    stamp = now()
    rows: list[dict] = []
    rejected: list[dict] = []
    files: list[dict] = []
    for item in inputs:
        if item.kind == "sidecar":
            files.append(_file_row(item, "metadata", 0, 0, stamp))
            continue
        if item.kind != "watchdog":
            continue
        try:
            read = read_watchdog_file(item.path, item.source_file)
        except Exception as exc:  # one table's problem is that table's: quarantined with the reason
            reason = str(exc) if isinstance(exc, Rejected) else f"unreadable table: {error_reason(exc)}"
            rejected.append({"source_file": item.source_file, "source_row": None, "reason": reason,
                             "payload": _first_bytes(item.path), "quarantined_at": stamp, "run_id": run_id})
            files.append(_file_row(item, "quarantined", 0, 1, stamp, reason=reason))
            continue
        rows.extend({**asdict(r), "ingested_at": stamp} for r in read)
        files.append(_file_row(item, "loaded", len(read), 0, stamp))
    return (pl.DataFrame(rows, schema=WATCHDOG_ROW_SCHEMA), pl.DataFrame(rejected, schema=WATCHDOG_QUARANTINE_SCHEMA),
            pl.DataFrame(files, schema=FILE_SCHEMA))


def claim_id(article_id: str, claim: Claim, index: int | None = None) -> str:
    """Stable id of a claim: its article, what it counts, who says it, where it stands (and, for a second
    claim alike in all these, its index in the article)."""
    parts = (article_id, claim.kind, claim.subject_side, claim.value, claim.qualifier, claim.claimant_side,
             claim.span_start, *(() if index is None else (index,)))
    return "clm_" + hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


def _claim_rows(article_id: str, found: list[Claim]) -> list[dict]:
    """An article's claims as rows, their ids unique by construction."""
    rows, ids = [], set()
    for index, claim in enumerate(found):
        key = claim_id(article_id, claim)
        key = claim_id(article_id, claim, index) if key in ids else key
        ids.add(key)
        rows.append({"claim_id": key, "article_id": article_id, "claim_index": index, **vars(claim)})
    return rows


class ArticleExtractor:
    """Reads one article once: its claims, its incidents and its control statements, as rows."""

    def __init__(self, actors: Actors, gazetteer: Gazetteer):
        self.actors, self.gazetteer = actors, gazetteer

    def __call__(self, article: dict) -> tuple[list[dict], list[dict], list[dict]]:
        article_id, text = article["article_id"], article["text"]
        document = Document.parse(text, article["title"])
        found = extract_claims(document, self.actors, article["outlet"])
        claims = _claim_rows(article_id, found)
        statements = [{
            "source": s.source or article["outlet"] or "unknown", "report_published": None, "as_of": article["published"],
            "measure": s.measure, "category": s.category, "parent_category": None, "count": None, "unit": "share",
            "share": s.share, "qualifier": s.qualifier, "derivation": "stated", "origin": "article", "source_file": None,
            "source_row": None, "article_id": article_id, "span_start": s.span_start, "span_end": s.span_end,
            "evidence": text[s.span_start:s.span_end],
        } for s in extract_control_statements(document, self.actors)]
        keys = [(c.incident_key, c.span_end) for c in found]
        incidents = [{
            "article_id": article_id, "incident_key": m.incident_key, "event_date": m.event_date, "date_precision": m.date_precision,
            "country": m.place.country, "admin1": m.place.admin1, "admin2": m.place.admin2, "place": m.place.place,
            "place_resolved": m.place.resolved, "target": m.target, "perpetrator": m.perpetrator,
        } for m in describe_incidents(article_id, document, article["published"], keys, self.actors, self.gazetteer)]
        return claims, incidents, statements

    def guarded(self, article: dict) -> tuple[list[dict], list[dict], list[dict]] | str:
        """The article's rows, or why they could not be extracted: one article's failure (or its overrun of
        the time budget) must not stop a feed's run."""
        try:
            with time_budget(EXTRACTION_BUDGET_SECONDS):
                return self(article)
        except BudgetExceeded:
            return f"extraction budget exceeded ({EXTRACTION_BUDGET_SECONDS:g} s)"
        except Exception as exc:  # whatever one article's text makes the extractor do is that article's, reported with it
            return f"extraction failed: {error_reason(exc)}"


# what building a frame raises on a row that does not fit its schema
_MISFIT = (pl.exceptions.PolarsError, TypeError, ValueError, OverflowError)
EXTRACTION_QUARANTINE_SCHEMA = {"article_id": pl.String, "reason": pl.String, "quarantined_at": pl.Datetime("us"), "run_id": pl.String}


@dataclass(frozen=True)
class MentionBatch:
    """One batch of articles as extracted: the rows of those read, and why the others could not be."""

    articles: pl.DataFrame  # the batch's articles that were read
    claims: pl.DataFrame
    incidents: pl.DataFrame
    statements: pl.DataFrame
    failed: pl.DataFrame  # article_id, reason


def _mention_frames(results: list[tuple[list[dict], list[dict], list[dict]]]) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Claim mentions, incident mentions and control statements of some articles' rows, in the warehouse's types."""
    claims = [row for c, _, _ in results for row in c]
    incidents = [row for _, i, _ in results for row in i]
    statements = [row for _, _, st in results for row in st]
    return (pl.DataFrame(claims, schema=CLAIM_MENTION_SCHEMA, strict=False).select(list(CLAIM_MENTION_SCHEMA)),
            pl.DataFrame(incidents, schema=INCIDENT_MENTION_SCHEMA), pl.DataFrame(statements, schema=CONTROL_SHARE_SCHEMA))


def pending_article_batches(conn: duckdb.DuckDBPyConnection, key: str, everything: bool, batch: int,
                            batch_bytes: int) -> Iterator[pl.DataFrame]:
    """The articles to extract (not yet read with extraction `key`; all of them when `everything`), a batch at a time,
    each with `staged`: whether it may have staged rows to replace (it was read before, or failed).

    The batches are cut once, in the order raw.articles stores its rows: a batch is read from one
    stretch of the table, whereas reading a batch's rows scattered over it decompresses the text of
    every row group (0.11 s a batch at 320,000 articles when cut in id order, 0.02 s in storage order).
    """
    run_sql_file(conn, "load/staging/pending_articles", {"everything": everything, "key": key, "batch": batch, "batch_bytes": batch_bytes})
    for number, size in conn.execute("SELECT batch, count(*) FROM pending_articles GROUP BY batch ORDER BY batch").fetchall():
        articles = read_frame(conn, sql_file("load/staging/pending_batch"), {"batch": number})
        if articles.height < size:  # rows moved since the cut
            articles = read_frame(conn, sql_file("load/staging/pending_batch_by_id"), {"batch": number})
        yield articles
    conn.execute("DROP TABLE pending_articles")


def extract_mentions(batches: Iterable[pl.DataFrame], actors: Actors, gazetteer: Gazetteer) -> Iterator[MentionBatch]:
    """Each batch of articles extracted, in order; an article that cannot be read is set aside with the reason.

    Batches are extracted on all cores, one ahead of the caller (see `map_batches`). An article
    whose extraction raises, or whose rows do not fit the warehouse's schema, must not stop a
    feed's run (nor every later run, which would meet it again): it is left out of the batch's
    rows and reported in `failed`. The batch's rows are built in one go; only when that fails are
    its articles' rows built one by one to find the culprits.
    """
    extractor = ArticleExtractor(actors, gazetteer)
    rows = ((articles, articles.select("article_id", "text", "title", "outlet", "published").to_dicts()) for articles in batches)
    for articles, results in map_batches(extractor.guarded, rows):
        failed = {}
        read = []
        for article_id, result in zip(articles["article_id"], results, strict=True):
            if isinstance(result, str):
                failed[article_id] = result
            else:
                read.append((article_id, result))
        try:
            frames = _mention_frames([result for _, result in read])
        except _MISFIT:
            fitting = []
            for article_id, result in read:
                try:
                    _mention_frames([result])
                    fitting.append((article_id, result))
                except _MISFIT as exc:
                    failed[article_id] = f"rows do not fit the warehouse schema: {error_reason(exc)}"
            frames = _mention_frames([result for _, result in fitting])
        failed_frame = pl.DataFrame({"article_id": list(failed), "reason": list(failed.values())}, schema={"article_id": pl.String, "reason": pl.String})
        yield MentionBatch(articles.filter(~pl.col("article_id").is_in(list(failed))), *frames, failed_frame)
