"""Read article files of every supported layout into uniform records, or quarantine them with a
reason.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frontmatter
import trafilatura
from frontmatter.default_handlers import YAMLHandler
from trafilatura.settings import set_date_params

from pipelines.config import MAX_FILE_BYTES
from pipelines.raw.readers.decode import (
    Rejected,
    decode_text,
    error_reason,
)
from pipelines.raw.readers.guards import defused, load_yaml, plain_fields, scalar_text

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
    """python-frontmatter's YAML handler on PyYAML's C loader, bounded (see `load_yaml`); front
    matter that is not YAML but plain `key: value` lines is read as such."""

    def load(self, fm: str, **kwargs: object) -> object:
        try:
            return load_yaml(fm, "front matter")
        except Rejected as exc:
            if str(exc).startswith("broken YAML") and (fields := plain_fields(fm)) is not None:
                return fields
            raise


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
    tags, JSON-LD, <time>, a byline, the URL): htmldate's search of every date-like string takes a
    copyright line's year for it, and costs several times as much.
    """
    tree = trafilatura.load_html(text)
    if tree is None:
        raise Rejected("no article text found in HTML page")
    # the page's own word on its language (<html lang="de">), which trafilatura does not report
    language = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    doc = trafilatura.bare_extraction(
        tree,
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
        "language": language or doc.language,
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
    # not splitlines(): JSON strings may hold U+2028, U+0085...
    for number, line in enumerate(text.split("\n"), start=1):
        jsonl_line(source_file, number, line, encoding, records, rejected)
    return records, rejected


def jsonl_line(
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
        text = obj.get("text")
        if text is not None and not isinstance(text, str):
            raise Rejected(f"field 'text' is a {type(text).__name__}, not text")
        records.append(_record(source_file, number, obj, text or "", encoding))
    except json.JSONDecodeError as exc:
        rejected.append(Quarantined(source_file, number, f"invalid JSON: {exc.msg}", line[:2000]))
    except Rejected as exc:
        rejected.append(Quarantined(source_file, number, str(exc), line[:2000]))
    except (
        Exception
    ) as exc:  # a line's problem is that line's (JSON nested past the parser's depth...)
        reason = f"unreadable line: {error_reason(exc)}"
        rejected.append(Quarantined(source_file, number, reason, line[:2000]))
