"""Helpers of the reader tests: a warehouse, a file written, a bundle's lines."""

import json

from tests.conftest import connect


def _warehouse(raw):
    """A warehouse beside the raw folder, not in it."""
    return connect(raw.with_name(raw.name + ".duckdb"))


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def _bundle_lines(count):
    """A bundle's lines: articles of varied length, blank lines, broken and text-less lines, UTF-8
    and escaped non-ASCII.
    """
    lines = []
    for n in range(count):
        if n % 11 == 3:
            lines.append("")
        elif n % 13 == 5:
            lines.append("{broken")
        elif n % 17 == 7:
            lines.append(json.dumps({"title": "no text"}))
        else:
            text = f"Report {n}: {n % 40} soldiers were killed in K\u00e2bul\u2028." + " More." * (
                n % 29
            )
            lines.append(
                json.dumps(
                    {"title": f"t{n}", "published": "2020-01-02", "text": text},
                    ensure_ascii=n % 2 == 0,
                )
            )
    return lines
