"""JSONL bundles of any size, plain or gzip-compressed: cut at line ends into pieces that the
workers read line by line, never held whole."""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from pipelines.config import MAX_FILE_BYTES
from pipelines.raw.readers.articles import ArticleRecord, Quarantined, jsonl_line
from pipelines.raw.readers.decode import (
    WIDE_BOMS,
    Rejected,
    decode_unmarked,
    error_reason,
)

# Bundles are cut into pieces at line ends, read this many bytes at a time from disk while cutting.
_CUT_READ = 1 << 20


def jsonl_pieces(
    path: Path, size: int, piece_bytes: int, read_before: tuple[int, str] | None = None
) -> tuple[list[tuple[int, int, int]], str] | None:
    """A bundle's first `size` bytes (as the scan saw it: a feed may be appending to it) cut at line
    ends into pieces of about `piece_bytes`, in one streaming pass: (start, end, first line number)
    of each piece, and the SHA-256 of those bytes. None for a UTF-16/32 bundle, whose lines cannot
    be cut as bytes.

    With `read_before` (the bundle's size and SHA-256 when it was last read), only what was appended
    since is cut into pieces, and None is returned unless the bundle only grew: its first bytes must
    hash as they did, and end a line. Raises OSError when the file cannot be read.
    """
    digest = hashlib.sha256()
    pieces: list[tuple[int, int, int]] = []
    offset = newlines = 0
    with path.open("rb") as stream:
        if read_before is not None:
            old_bytes, old_sha256 = read_before
            last = b""
            while offset < old_bytes and (chunk := stream.read(min(_CUT_READ, old_bytes - offset))):
                digest.update(chunk)
                newlines += chunk.count(b"\n")
                offset, last = offset + len(chunk), chunk[-1:]
            if offset < old_bytes or last != b"\n" or digest.hexdigest() != old_sha256:
                return None
        piece_start, first_line, newlines = offset, newlines + 1, 0
        while offset < size and (chunk := stream.read(min(_CUT_READ, size - offset))):
            if offset == 0 and chunk.startswith(WIDE_BOMS):
                return None
            digest.update(chunk)
            at = 0
            while (cut := chunk.find(b"\n", max(at, piece_start + piece_bytes - 1 - offset))) >= 0:
                newlines += chunk.count(b"\n", at, cut + 1)
                pieces.append((piece_start, offset + cut + 1, first_line))
                piece_start, first_line, newlines, at = (
                    offset + cut + 1,
                    first_line + newlines,
                    0,
                    cut + 1,
                )
            newlines += chunk.count(b"\n", at)
            offset += len(chunk)
    if piece_start < offset:
        pieces.append((piece_start, offset, first_line))
    return pieces, digest.hexdigest()


def read_jsonl_piece(
    path: Path, source_file: str, start: int, end: int, first_line: int
) -> tuple[list[ArticleRecord], list[Quarantined]]:
    """The articles of one piece of a bundle (its lines from byte `start` to `end`), and its lines
    that could not be read.

    Line by line, each decoded on its own: the size limit applies to a line, and a piece's failure
    (the file gone, an error of a reader) is quarantined as that piece's, not the run's.
    """
    records: list[ArticleRecord] = []
    rejected: list[Quarantined] = []
    try:
        with path.open("rb") as stream:
            # labelled as reading the bundle whole labels it
            marked = stream.read(len(codecs.BOM_UTF8)) == codecs.BOM_UTF8
            position = stream.seek(start + len(codecs.BOM_UTF8) if marked and start == 0 else start)
            _read_lines(
                stream,
                position,
                end,
                first_line,
                source_file,
                "utf-8-sig" if marked else "utf-8",
                records,
                rejected,
            )
    except OSError as exc:
        rejected.append(Quarantined(source_file, first_line, f"unreadable file: {exc}", ""))
    return records, rejected


def read_jsonl_lines(
    data: bytes, source_file: str, first_line: int
) -> tuple[list[ArticleRecord], list[Quarantined]]:
    """The articles of some lines of a bundle, given as bytes (a piece of a compressed bundle), and
    the lines that could not be read.
    """
    records: list[ArticleRecord] = []
    rejected: list[Quarantined] = []
    _read_lines(io.BytesIO(data), 0, len(data), first_line, source_file, "utf-8", records, rejected)
    return records, rejected


def _read_lines(
    stream: BinaryIO,
    position: int,
    end: int,
    number: int,
    source_file: str,
    utf8: str,
    records: list[ArticleRecord],
    rejected: list[Quarantined],
) -> None:
    """The lines of `stream` from `position` to `end`, the first numbered `number`, into `records`
    or `rejected`.
    """
    try:
        while position < end and (line := stream.readline(MAX_FILE_BYTES + 1)):
            position += len(line)
            if len(line) > MAX_FILE_BYTES:
                # skip the rest of the line, never holding it whole
                while line and not line.endswith(b"\n"):
                    line = stream.readline(_CUT_READ)
                    position += len(line)
                rejected.append(
                    Quarantined(
                        source_file,
                        number,
                        f"JSONL line over size limit ({MAX_FILE_BYTES} bytes)",
                        "",
                    )
                )
            else:
                _jsonl_bytes(source_file, number, line, utf8, records, rejected)
            number += 1
    except Exception as exc:  # as read_article_file does for a whole file
        reason = (
            f"unreadable file: {exc}"
            if isinstance(exc, OSError)
            else f"unreadable file: {error_reason(exc)}"
        )
        rejected.append(Quarantined(source_file, number, reason, ""))


COMPRESSED_BUNDLE_SUFFIX = ".jsonl.gz"


# decompressed bytes read at a time: a broken stream loses at most this much before the break
_GZIP_READ = 1 << 16


class _Hashing:
    """A binary file that hashes what is read from it, for a gzip reader on top."""

    def __init__(self, stream: BinaryIO, digest: Any):
        self.stream, self.digest = stream, digest

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.digest.update(data)
        return data

    def drain(self) -> None:
        while self.read(_CUT_READ):
            pass


def gzip_pieces(
    path: Path, source_file: str, piece_bytes: int
) -> Iterator[tuple[bytes, int, Quarantined | None, bool, str]]:
    """A gzip-compressed bundle decompressed as a stream and cut at line ends into pieces of about
    `piece_bytes`: (lines, first line number, a problem to quarantine, last, the file's SHA-256 with
    the last piece).

    The parent cuts, the workers parse, and no one holds the bundle whole. A line over the size
    limit is skipped unread (its problem); a broken or truncated stream ends the bundle (the file's
    problem) after the lines read before it.
    """
    digest = hashlib.sha256()
    previous: tuple[bytes, int, Quarantined | None] | None = None
    try:
        with path.open("rb") as raw:
            hashing = _Hashing(raw, digest)
            for piece in _cut_stream(gzip.GzipFile(fileobj=hashing), source_file, piece_bytes):
                if previous is not None:
                    yield (*previous, False, "")
                previous = piece
            hashing.drain()  # after a broken stream: the file's hash covers all of it
    except OSError as exc:
        previous = (b"", 1, Quarantined(source_file, None, f"unreadable file: {exc}", ""))
    yield (*(previous or (b"", 1, None)), True, digest.hexdigest())


def _cut_stream(
    stream: BinaryIO, source_file: str, piece_bytes: int
) -> Iterator[tuple[bytes, int, Quarantined | None]]:
    """(lines, first line number, problem) of a decompressed bundle, cut at line ends."""
    cutter = _LineCutter(source_file, piece_bytes)
    try:
        read = min(_GZIP_READ, piece_bytes)
        chunk = stream.read(read)
        if chunk.startswith(WIDE_BOMS):
            problem = "compressed UTF-16/32 bundle: re-encode it as UTF-8"
            yield b"", 1, Quarantined(source_file, None, problem, "")
            return
        chunk = chunk.removeprefix(codecs.BOM_UTF8)
        while chunk:
            yield from cutter.feed(chunk)
            chunk = stream.read(read)
    except (OSError, EOFError, zlib.error) as exc:  # a broken or truncated stream
        problem = f"unreadable file: broken gzip stream ({exc})"
        yield bytes(cutter.buffer), cutter.first_line, Quarantined(source_file, None, problem, "")
        return
    yield bytes(cutter.buffer), cutter.first_line, None


class _LineCutter:
    """Decompressed bytes cut into pieces of whole lines; a line over the size limit is skipped
    unread (its problem is the piece's)."""

    def __init__(self, source_file: str, piece_bytes: int):
        self.source_file, self.piece_bytes = source_file, piece_bytes
        self.buffer = bytearray()
        self.cut = 0  # the end of the buffer's last whole line
        self.first_line = 1
        self.skipping = False  # inside a line over the limit

    def feed(self, chunk: bytes) -> Iterator[tuple[bytes, int, Quarantined | None]]:
        if self.skipping and (end := chunk.find(b"\n")) >= 0:
            chunk, self.skipping = chunk[end + 1 :], False
        if self.skipping:
            return
        if (newline := chunk.rfind(b"\n")) >= 0:
            self.cut = len(self.buffer) + newline + 1
        self.buffer += chunk
        if len(self.buffer) - self.cut > MAX_FILE_BYTES:  # the unfinished line is over the limit
            yield self._take(whole_buffer=True)
            problem = f"JSONL line over size limit ({MAX_FILE_BYTES} bytes)"
            yield b"", self.first_line, Quarantined(self.source_file, self.first_line, problem, "")
            self.first_line, self.skipping = self.first_line + 1, True
        elif self.cut >= self.piece_bytes:
            yield self._take(whole_buffer=False)

    def _take(self, whole_buffer: bool) -> tuple[bytes, int, None]:
        """The buffer's whole lines as a piece (and the rest of the buffer dropped, with
        `whole_buffer`)."""
        lines = bytes(self.buffer[: self.cut])
        if whole_buffer:
            self.buffer.clear()
        else:
            del self.buffer[: self.cut]
        piece = (lines, self.first_line, None)
        self.cut, self.first_line = 0, self.first_line + lines.count(b"\n")
        return piece


def _jsonl_bytes(
    source_file: str,
    number: int,
    line: bytes,
    utf8: str,
    records: list[ArticleRecord],
    rejected: list[Quarantined],
) -> None:
    """One line of a bundle read in pieces, decoded on its own; `utf8` is how UTF-8 lines are
    labelled (BOM or not).
    """
    if not line.strip():
        return
    try:
        text, encoding = decode_unmarked(line)
        if not text.strip("\r\n"):  # bytes a detected charset reads as nothing
            raise Rejected("undecodable line")
    except Rejected as exc:
        rejected.append(
            Quarantined(
                source_file, number, str(exc), line[:2000].decode("utf-8", errors="replace")
            )
        )
        return
    jsonl_line(
        source_file,
        number,
        text.rstrip("\r\n"),
        utf8 if encoding == "utf-8" else encoding,
        records,
        rejected,
    )
