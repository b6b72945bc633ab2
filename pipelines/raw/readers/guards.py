"""What keeps a hostile input from hurting a run or an analyst: names, YAML and cell values with
bounds.
"""

from __future__ import annotations

import os
import re
from typing import Any

import yaml

from pipelines.raw.readers.decode import Rejected

# Front matter and sidecars are a few lines of metadata; more than this is not metadata.
MAX_YAML_BYTES = 64 * 1024

# What a spreadsheet runs when a cell starts with it (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def display_name(name: str) -> str:
    """A file name as the warehouse stores it: valid UTF-8, an undecodable byte shown as `\\xff` and
    a backslash doubled, so that no two names are ever shown alike.

    `os.scandir` hands undecodable bytes over as surrogates, which no UTF-8 column can hold.
    """
    if name.isascii() and "\\" not in name:
        return name
    return os.fsencode(name).replace(b"\\", b"\\\\").decode("utf-8", errors="backslashreplace")


def load_yaml(text: str, what: str) -> Any:
    """YAML metadata parsed safely: aliases refused (a few of them expand to billions of nodes),
    size capped.
    """
    if len(text.encode("utf-8", errors="replace")) > MAX_YAML_BYTES:
        raise Rejected(f"{what} over size limit ({MAX_YAML_BYTES} bytes)")
    try:
        # an alias is written `*name`: without an asterisk there is none, and no second pass
        if "*" in text and any(
            isinstance(token, yaml.AliasToken) for token in yaml.scan(text, Loader=yaml.CSafeLoader)
        ):
            raise Rejected(f"{what} uses YAML aliases, which are refused")
        return yaml.load(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as exc:
        raise Rejected(f"broken YAML {what}: {str(exc).splitlines()[0]}") from None


_FIELD_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*):[ \t]*(?P<value>.*?)[ \t]*$")
_YAML_SYNTAX = ("[", "{", "&", "*", "!", "|", ">", "%", "@", "`")
_QUOTED = re.compile(r"""^(?P<quote>["'])(?P<inner>.*)(?P=quote)$""")


def plain_fields(text: str) -> dict[str, str | None] | None:
    """Metadata written as one `key: value` a line but not valid YAML (a scraper's unquoted title
    holding ": "), read as such; None when the text is not of that form."""
    fields: dict[str, str | None] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not (m := _FIELD_LINE.match(line)):
            return None
        value = m.group("value")
        if value.startswith(_YAML_SYNTAX):  # a list, a mapping, an alias...: YAML, and broken
            return None
        quoted = _QUOTED.match(value)
        value = quoted.group("inner") if quoted else value
        fields[m.group("key")] = None if value in ("", "null", "~") else value
    return fields


def scalar_text(value: Any, field: str) -> str | None:
    """A metadata field as text: None when absent or blank; Rejected when it is a list or a
    mapping.
    """
    if value is None:
        return None
    if isinstance(value, (list, dict, set, tuple)):
        raise Rejected(f"metadata field {field!r} is a {type(value).__name__}, not text")
    return str(value).strip() or None


def is_formula(text: str | None) -> bool:
    """True for text a spreadsheet would run as a formula when an analyst opens an export of it."""
    if not text or not text.startswith(FORMULA_STARTS):
        return False
    try:
        float(text.replace(",", "").strip().rstrip("%"))
    except ValueError:
        return True
    return False  # a signed number ("-5", "+3.5%") is a value, not a formula


def defused(text: str | None) -> str | None:
    """Text with a leading apostrophe where a spreadsheet would run it (OWASP's neutralisation)."""
    return "'" + text if is_formula(text) else text
