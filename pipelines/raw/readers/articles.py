"""Read article files of every supported layout into uniform records, or quarantine them with a
reason.
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import gzip
import hashlib
import io
import json
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import frontmatter
import trafilatura
from frontmatter.default_handlers import YAMLHandler
from trafilatura.settings import set_date_params

from pipelines.config import MAX_FILE_BYTES
from pipelines.raw.readers.decode import (
    WIDE_BOMS,
    Rejected,
    decode_text,
    decode_unmarked,
    error_reason,
)
from pipelines.raw.readers.guards import defused, load_yaml, scalar_text

ARTICLE_SUFFIXES = {".md", ".markdown", ".txt", ".jsonl", ".html", ".htm"}
_META_FIELDS = ("url", "title", "outlet", "language")


@dataclass(frozen=True)
class ArticleRecord:
    source_file: str
    source_record: int | None  # line number inside a JSONL bundle
    url: str | None
    title: str | None
    outlet: str | None
    published: dt.date | None
    language: str | None
    text: str
    encoding: str

    @functools.cached_property
    def content_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def article_id(self) -> str:
        """Stable id from the article's content, so renames and re-runs keep it."""
        return "art_" + self.content_sha256[:16]


@dataclass(frozen=True)
class Quarantined:
    source_file: str
    source_record: int | None
    reason: str
    payload: str


def parse_published(value: Any) -> dt.date | None:
    """Front-matter or JSON date to a date; None for null/unknown; Rejected for impossible dates."""
    if value is None or (
        isinstance(value, str) and value.strip().lower() in ("", "null", "none", "unknown")
    ):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        try:
            return dt.datetime.fromisoformat(text).date()
        except ValueError:
            raise Rejected(f"impossible or unparseable published date: {text!r}") from None


def _record(
    source_file: str, record: int | None, meta: dict[str, Any], text: str, encoding: str
) -> ArticleRecord:
    if not text.strip():
        raise Rejected("no article text")
    fields = {k: defused(scalar_text(meta.get(k), k)) for k in _META_FIELDS}
    return ArticleRecord(
        source_file,
        record,
        published=parse_published(meta.get("published", meta.get("date"))),
        text=text,
        encoding=encoding,
        **fields,
    )


class _CYAMLHandler(YAMLHandler):
    """python-frontmatter's YAML handler on PyYAML's C loader, bounded (see `load_yaml`)."""

    def load(self, fm: str, **kwargs: object) -> object:
        return load_yaml(fm, "front matter")


_YAML = _CYAMLHandler()


def _front_matter(source_file: str, text: str, encoding: str) -> ArticleRecord:
    if not text.lstrip().startswith("---"):
        return _record(source_file, None, {}, text, encoding)
    try:
        post = frontmatter.loads(text, handler=_YAML)
    except Rejected:
        raise
    except ValueError as exc:  # YAML's own date parsing of e.g. 2019-13-45
        raise Rejected(
            f"impossible or unparseable published date in front matter ({exc})"
        ) from None
    if not isinstance(post.metadata, dict):
        raise Rejected("front matter is not a mapping")
    return _record(source_file, None, post.metadata, post.content, encoding)


def _html(source_file: str, text: str, encoding: str) -> ArticleRecord:
    """The main text and metadata of a page. Its publication day only as the page marks it up (meta
    tags, JSON-LD, <time>, a byline, the URL): htmldate's search of every date-like string took a
    copyright line's year for it (2024-01-01 on a page with no date), and cost 27 ms a page instead
    of 6.
    """
    doc = trafilatura.bare_extraction(
        text,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=set_date_params(extensive=False),
    )
    if doc is None or not (doc.text or "").strip():
        raise Rejected("no article text found in HTML page")
    meta = {
        "url": doc.url,
        "title": doc.title,
        "outlet": doc.sitename,
        "published": doc.date,
        "language": doc.language,
    }
    return _record(source_file, None, meta, doc.text, encoding)


def read_article_file(
    path: Path, source_file: str
) -> tuple[list[ArticleRecord], list[Quarantined], str]:
    """Every article in one file, every part of it that could not be read (with the reason), and the
    file's SHA-256.

    The file is read once: its hash comes from the same bytes ("" when it cannot be read).
    """
    try:
        with path.open("rb") as stream:
            # never more than the limit in memory, however large the file (nor a buffer of the
            # limit's size)
            data = stream.read(min(os.fstat(stream.fileno()).st_size, MAX_FILE_BYTES) + 1)
            if len(data) > MAX_FILE_BYTES:
                stream.seek(0)
                sha256 = hashlib.file_digest(stream, "sha256").hexdigest()
                return (
                    [],
                    [
                        Quarantined(
                            source_file, None, f"file over size limit ({MAX_FILE_BYTES} bytes)", ""
                        )
                    ],
                    sha256,
                )
    except OSError as exc:
        return [], [Quarantined(source_file, None, f"unreadable file: {exc}", "")], ""
    try:
        records, bad = _parse_article_bytes(data, path.suffix, source_file)
    # whatever one file makes a reader do is that file's: quarantined, not the end of the run
    except Exception as exc:
        payload = data[:2000].decode("utf-8", errors="replace")
        records, bad = (
            [],
            [Quarantined(source_file, None, f"unreadable file: {error_reason(exc)}", payload)],
        )
    return records, bad, hashlib.sha256(data).hexdigest()


def _parse_article_bytes(
    data: bytes, suffix: str, source_file: str
) -> tuple[list[ArticleRecord], list[Quarantined]]:
    """Every article in the bytes of one file of the given suffix, and every part that could not be
    read.
    """
    try:
        text, encoding = decode_text(data)
        suffix = suffix.lower()
        if suffix == ".jsonl":
            return _jsonl(source_file, text, encoding)
        if suffix in (".html", ".htm"):
            return [_html(source_file, text, encoding)], []
        return [_front_matter(source_file, text, encoding)], []
    except Rejected as exc:
        return [], [
            Quarantined(source_file, None, str(exc), data[:2000].decode("utf-8", errors="replace"))
        ]


def _jsonl(
    source_file: str, text: str, encoding: str
) -> tuple[list[ArticleRecord], list[Quarantined]]:
    records: list[ArticleRecord] = []
    rejected: list[Quarantined] = []
    for number, line in enumerate(
        text.split("\n"), start=1
    ):  # not splitlines(): JSON strings may hold U+2028, U+0085...
        _jsonl_line(source_file, number, line, encoding, records, rejected)
    return records, rejected


def _jsonl_line(
    source_file: str,
    number: int,
    line: str,
    encoding: str,
    records: list[ArticleRecord],
    rejected: list[Quarantined],
) -> None:
    """Line `number` of a bundle, appended to `records` or to `rejected` with the reason; a blank
    line is neither.
    """
    if not line.strip():
        return
    try:
        obj = json.loads(line)
        if not isinstance(obj, dict):
            raise Rejected("JSONL line is not an object")
        records.append(_record(source_file, number, obj, str(obj.get("text") or ""), encoding))
    except json.JSONDecodeError as exc:
        rejected.append(Quarantined(source_file, number, f"invalid JSON: {exc.msg}", line[:2000]))
    except Rejected as exc:
        rejected.append(Quarantined(source_file, number, str(exc), line[:2000]))


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
            marked = (
                stream.read(len(codecs.BOM_UTF8)) == codecs.BOM_UTF8
            )  # labelled as reading the bundle whole labels it
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
                while line and not line.endswith(
                    b"\n"
                ):  # skip the rest of the line, never holding it whole
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
_GZIP_READ = (
    1 << 16
)  # decompressed bytes read at a time: a broken stream loses at most this much before the break


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
            # type: ignore[arg-type]
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
    buffer = bytearray()
    cut, first_line, skipping = (
        0,
        1,
        False,
    )  # cut: the end of the buffer's last whole line; skipping: a line over the limit
    try:
        read = min(_GZIP_READ, piece_bytes)
        chunk = stream.read(read)
        if chunk.startswith(WIDE_BOMS):
            yield (
                b"",
                1,
                Quarantined(
                    source_file, None, "compressed UTF-16/32 bundle: re-encode it as UTF-8", ""
                ),
            )
            return
        chunk = chunk.removeprefix(codecs.BOM_UTF8)
        while chunk:
            if skipping and (end := chunk.find(b"\n")) >= 0:
                chunk, skipping = chunk[end + 1 :], False
            if not skipping:
                if (newline := chunk.rfind(b"\n")) >= 0:
                    cut = len(buffer) + newline + 1
                buffer += chunk
                if (
                    len(buffer) - cut > MAX_FILE_BYTES
                ):  # the unfinished line is already over the limit: skipped unread
                    lines = bytes(buffer[:cut])
                    buffer.clear()
                    cut = 0
                    yield lines, first_line, None
                    first_line += lines.count(b"\n")
                    yield (
                        b"",
                        first_line,
                        Quarantined(
                            source_file,
                            first_line,
                            f"JSONL line over size limit ({MAX_FILE_BYTES} bytes)",
                            "",
                        ),
                    )
                    first_line, skipping = first_line + 1, True
                elif cut >= piece_bytes:
                    lines = bytes(buffer[:cut])
                    del buffer[:cut]
                    cut = 0
                    yield lines, first_line, None
                    first_line += lines.count(b"\n")
            chunk = stream.read(read)
    except (OSError, EOFError, zlib.error) as exc:  # a broken or truncated stream
        yield (
            bytes(buffer),
            first_line,
            Quarantined(source_file, None, f"unreadable file: broken gzip stream ({exc})", ""),
        )
        return
    yield bytes(buffer), first_line, None


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
    _jsonl_line(
        source_file,
        number,
        text.rstrip("\r\n"),
        utf8 if encoding == "utf-8" else encoding,
        records,
        rejected,
    )
