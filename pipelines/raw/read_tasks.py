"""What the worker processes read: a whole file, a piece of a large JSONL bundle, or lines of a
compressed one; in batches bounded by count and bytes."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.config import (
    ARTICLE_BYTES,
    BUNDLE_PIECE_BYTES,
    MAX_FILE_BYTES,
    READ_BUDGET_SECONDS,
)
from pipelines.parallel import BudgetExceeded, time_budget
from pipelines.raw.readers.articles import ArticleRecord, Quarantined, read_article_file
from pipelines.raw.readers.bundles import (
    COMPRESSED_BUNDLE_SUFFIX,
    gzip_pieces,
    jsonl_pieces,
    read_jsonl_lines,
    read_jsonl_piece,
)
from pipelines.raw.readers.language import article_language
from pipelines.raw.scan import InputFile
from pipelines.warehouse import (
    sql_file,
)


def _article_row(record: ArticleRecord) -> dict:
    language, language_source = article_language(
        record.language, f"{record.title or ''}\n{record.text}"
    )
    return {
        "article_id": record.article_id,
        "source_file": record.source_file,
        "source_record": record.source_record,
        "url": record.url,
        "title": record.title,
        "outlet": record.outlet,
        "published": record.published,
        "language": language,
        "language_source": language_source,
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
    file's hash. A read past READ_BUDGET_SECONDS (a pathological page) is quarantined instead.

    Plain dicts travel back from the worker faster than dataclasses.
    """
    try:
        with time_budget(READ_BUDGET_SECONDS):
            records, bad, sha256 = _read(task)
    except BudgetExceeded:
        record = None if task.end is None and task.data is None else task.first_line
        reason = f"read budget exceeded ({READ_BUDGET_SECONDS:g} s)"
        records, bad, sha256 = (
            [],
            [Quarantined(task.file.source_file, record, reason, "")],
            task.sha256,
        )
    return [_article_row(r) for r in records], [vars(q) for q in bad], sha256


def _read(task: ReadTask) -> tuple[list[ArticleRecord], list[Quarantined], str]:
    if task.data is not None:
        records, bad = read_jsonl_lines(task.data, task.file.source_file, task.first_line)
        return records, bad + ([task.problem] if task.problem else []), task.sha256
    if task.end is None:
        return read_article_file(task.file.path, task.file.source_file)
    records, bad = read_jsonl_piece(
        task.file.path, task.file.source_file, task.start, task.end, task.first_line
    )
    return records, bad, task.sha256


def read_weight(task: ReadTask) -> int:
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
            # else read whole, which quarantines it with the reason
            with contextlib.suppress(OSError):
                cut = jsonl_pieces(item.path, item.size, piece_bytes)
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


def grown_bundles(conn: duckdb.DuckDBPyConnection, everything: bool) -> dict[str, Appended]:
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
