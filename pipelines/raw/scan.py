"""The raw folder's scan: every name below it with its size and mtime, refused where it must not be
read, and its fingerprint.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.raw.readers.articles import ARTICLE_SUFFIXES
from pipelines.raw.readers.bundles import COMPRESSED_BUNDLE_SUFFIX
from pipelines.raw.readers.guards import display_name
from pipelines.raw.readers.watchdog import WATCHDOG_SUFFIXES

SIDECAR_SUFFIX = ".meta.yaml"


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


# a location whose bytes are not UTF-8 is kept as their hex: a column of text cannot hold it, a path
# must be exact
_HEX_LOCATION = "hex:"


def fs_location(path: str) -> str:
    """A path from `os.scandir` as text that names the same file again (`InputFile.path`)."""
    if path.isascii():
        return path
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return _HEX_LOCATION + os.fsencode(path).hex()
    return path


# scanned files are handed on this many at a time, so a feed's scan is never one Python list
SCAN_CHUNK = 50_000


SCAN_SCHEMA = {
    "location": pl.String,
    "source_file": pl.String,
    "kind": pl.String,
    "size": pl.Int64,
    "modified_at": pl.Datetime("us"),
    "problem": pl.String,
}


def _epoch_us(seconds: float) -> int:
    """A file's float mtime in microseconds, rounded as `datetime.fromtimestamp` rounds it (half to
    even).
    """
    whole = int(seconds)
    return whole * 1_000_000 + round((seconds - whole) * 1e6)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


FOLDER_LINK = (
    "link to a folder inside the raw folder (read under its own name, never twice, never in a loop)"
)


def _refusal(entry: os.DirEntry, root: str) -> str | None:
    """Why the scan must not follow or open an entry (a link out of the raw folder, a device...), if
    it must not.

    The raw folder is a boundary: a link is followed only to a file inside it. A link to a folder is
    never followed: inside the raw folder, its files are scanned under their own names (and a link
    to an ancestor would loop); outside, they are not the feed's.
    """
    link = entry.is_symlink()
    try:
        target = entry.stat(follow_symlinks=True)
    except OSError as exc:
        return (
            "dangling or looping link" if link else "unreadable entry"
        ) + f" ({exc.strerror or exc})"
    if link and not _inside(os.path.realpath(entry.path), root):
        return "link to outside the raw folder"
    if stat.S_ISDIR(target.st_mode):
        return FOLDER_LINK if link else None
    if not stat.S_ISREG(target.st_mode):
        return "not a regular file (a device, pipe or socket)"
    return None


def scan_frames(raw_dir: Path, kinds: tuple[str, ...] | None = None) -> Iterator[pl.DataFrame]:
    """Every name below raw_dir (hidden files and folders aside) of the given kinds, in no order, as
    frames of SCAN_SCHEMA; names the scan refuses to follow or open are of kind 'refused', with the
    reason.

    Column by column: per file only its name, size and mtime pass through Python (one `stat` each),
    never an object per file.
    """
    columns: tuple[list, ...] = ([], [], [], [], [], [])
    root = os.path.realpath(raw_dir)
    stack = [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        for path, name, kind, entry, problem in _folder_entries(folder, prefix, root, stack):
            if kinds is None or kind in kinds:
                info = entry.stat() if entry is not None and problem is None else None
                _add_scanned(columns, path, name, kind, info, problem)
                if len(columns[1]) == SCAN_CHUNK:
                    yield _scan_frame(columns)
    if columns[1]:
        yield _scan_frame(columns)


def _folder_entries(
    folder: str, prefix: str, root: str, stack: list[tuple[str, str]]
) -> Iterator[tuple[str, str, str, os.DirEntry | None, str | None]]:
    """(path, name, kind, entry, problem) of a folder's files and refused names; its subfolders go
    on `stack`. A folder that cannot be listed is one refused name itself."""
    try:
        entries = os.scandir(folder)
    except OSError as exc:
        yield (
            folder,
            prefix.rstrip("/"),
            "refused",
            None,
            f"unreadable folder ({exc.strerror or exc})",
        )
        return
    with entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            problem = _refusal(entry, root)
            if problem is None and entry.is_dir():
                stack.append((entry.path, prefix + display_name(entry.name) + "/"))
                continue
            kind = "refused" if problem else input_kind(entry.name)
            yield entry.path, prefix + display_name(entry.name), kind, entry, problem


def _add_scanned(
    columns: tuple[list, ...],
    path: str,
    name: str,
    kind: str,
    info: os.stat_result | None,
    problem: str | None,
) -> None:
    """One scanned name's row; a refused name's size is 0 and its time the link's own (or 0)."""
    if info is None:
        try:
            info = os.lstat(path)
        except OSError:
            info = None
    for column, value in zip(
        columns,
        (
            fs_location(path),
            name,
            kind,
            0 if problem or info is None else info.st_size,
            _epoch_us(info.st_mtime) if info else 0,
            problem,
        ),
        strict=True,
    ):
        column.append(value)


def _scan_frame(columns: tuple[list, ...]) -> pl.DataFrame:
    """The scanned columns as a frame; the lists are emptied for the next chunk."""
    frame = pl.DataFrame(
        dict(zip(SCAN_SCHEMA, columns, strict=True)),
        schema={**SCAN_SCHEMA, "modified_at": pl.Int64},
    )
    for column in columns:
        column.clear()
    return frame.with_columns(pl.col("modified_at").cast(pl.Datetime("us")))


def scan_inputs(raw_dir: Path, kinds: tuple[str, ...]) -> tuple[list[InputFile], str]:
    """The files of some kinds in path order, and their fingerprint: for the few files (watchdog
    tables) read one by one.
    """
    scanned = pl.concat([pl.DataFrame(schema=SCAN_SCHEMA), *scan_frames(raw_dir, kinds)])
    return [InputFile(*row) for row in scanned.sort("source_file").iter_rows()], files_fingerprint(
        [scanned]
    )


def files_fingerprint(scanned: Iterable[pl.DataFrame]) -> str:
    """What a set of files looks like to a run: names, sizes and modification times (the change test
    of every input).

    Each file's line (name, size, ISO mtime) is hashed and the hashes are added up (modulo 2**256),
    so the order does not matter and a scan is fingerprinted frame by frame as it goes, never held
    whole, however many files a feed has.
    """
    modified = pl.col("modified_at")
    iso_time = modified.dt.strftime("%Y-%m-%dT%H:%M:%S") + pl.when(
        modified.dt.microsecond() != 0
    ).then(modified.dt.strftime("%.6f")).otherwise(pl.lit(""))
    total = 0
    for frame in scanned:
        lines = frame.select(
            pl.concat_str(
                pl.col("source_file"), pl.col("size").cast(pl.String), iso_time, separator="\0"
            )
        ).to_series()
        total = (
            total
            + sum(int.from_bytes(hashlib.sha256(line.encode()).digest(), "big") for line in lines)
        ) % 2**256
    return f"{total:064x}"


def file_sha256(path: Path) -> str:
    """A file's SHA-256, read as a stream (an unsupported file may be of any size); "" when it
    cannot be read.
    """
    try:
        with path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return ""


def file_row(
    item: InputFile,
    status: str,
    n_records: int,
    n_quarantined: int,
    seen_at: dt.datetime,
    sha256: str | None = None,
    reason: str | None = None,
) -> dict:
    """A file's `raw.files` row; a refused name is never opened (its hash is "")."""
    if sha256 is None:
        sha256 = "" if item.problem else file_sha256(item.path)
    return {
        "source_file": item.source_file,
        "input_kind": item.kind,
        "bytes": item.size,
        "file_sha256": sha256,
        "status": status,
        "n_records": n_records,
        "n_quarantined": n_quarantined,
        "modified_at": item.modified_at,
        "seen_at": seen_at,
        "reason": reason,
    }


def file_status(n_records: int, n_quarantined: int) -> str:
    if n_records and n_quarantined:
        return "partial"
    return "loaded" if n_records else "quarantined"
