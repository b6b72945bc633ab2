"""Bytes to text, or a clear reason why a file cannot be read as text."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from pipelines.config import MAX_FILE_BYTES


class Rejected(ValueError):
    """An input that goes to quarantine; the message is the recorded reason."""


def error_reason(exc: BaseException) -> str:
    """An unexpected error as a quarantine reason: its type and the start of its message."""
    return f"{type(exc).__name__}: {str(exc)[:500]}"


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
)
# text whose lines cannot be cut at b"\n"
WIDE_BOMS = tuple(bom for bom, encoding in _BOMS if encoding != "utf-8-sig")


# below space, except tab, newlines and form feed
_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def _looks_binary(text: str) -> bool:
    controls = len(_CONTROL_CHARACTER.findall(text, 0, 20000))
    return "\x00" in text or controls > max(2, len(text[:20000]) // 100)


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding): BOM first, then strict UTF-8, then charset detection; binary is
    rejected.
    """
    if len(data) > MAX_FILE_BYTES:
        raise Rejected(f"file over size limit ({len(data)} > {MAX_FILE_BYTES} bytes)")
    if not data.strip():
        raise Rejected("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise Rejected(f"undecodable {encoding} text: {exc}") from exc
            return text.lstrip("\ufeff"), encoding
    return decode_unmarked(data)


def decode_unmarked(data: bytes) -> tuple[str, str]:
    """(text, encoding) of bytes without a byte-order mark (also each line of a bundle read in
    pieces): strict UTF-8, then charset detection; binary is rejected.
    """
    if b"\x00" in data:
        raise Rejected("binary content (NUL bytes) in a text input")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None or best.encoding is None:
            raise Rejected("binary content or unknown text encoding") from None
        text, encoding = str(best), best.encoding
    if _looks_binary(text):
        raise Rejected("binary content (control characters) in a text input")
    return text, encoding
