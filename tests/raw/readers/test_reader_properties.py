"""The raw readers on arbitrary and mutated bytes and names: they never raise, and every file is
accounted for.
"""

import datetime as dt
import os
import tempfile
from pathlib import Path

import polars as pl
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipelines.raw.readers.articles import read_article_file
from pipelines.raw.scan import InputFile, scan_frames
from pipelines.raw.watchdog_files import load_watchdog_inputs
from tests.conftest import HOSTILE_INPUTS

SEEDS = [path.read_bytes() for path in sorted(HOSTILE_INPUTS.iterdir())]


@st.composite
def mutated(draw) -> bytes:
    """A hostile input's bytes with a stretch replaced by arbitrary bytes, or arbitrary bytes
    outright.
    """
    if draw(st.booleans()):
        return draw(st.binary(max_size=600))
    seed = draw(st.sampled_from(SEEDS))
    start = draw(st.integers(0, len(seed)))
    return seed[:start] + draw(st.binary(max_size=40)) + seed[start + draw(st.integers(0, 40)) :]


@settings(max_examples=300, deadline=None)
@given(data=mutated(), suffix=st.sampled_from([".md", ".txt", ".jsonl", ".html", ".markdown"]))
def test_an_article_reader_never_raises_and_reads_or_quarantines(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"a{suffix}"
        path.write_bytes(data)
        records, bad, sha256 = read_article_file(path, path.name)
    assert len(sha256) == 64
    assert records or bad or suffix == ".jsonl"  # a bundle of blank lines holds nothing
    assert all(record.text.strip() for record in records)


@settings(max_examples=100, deadline=None)
@given(data=mutated(), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_a_table_reader_never_raises_and_reads_or_quarantines(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"t{suffix}"
        path.write_bytes(data)
        item = InputFile(str(path), path.name, "watchdog", len(data), dt.datetime(2020, 1, 1))
        rows, quarantined, files = load_watchdog_inputs([item], None)
    assert files.height == 1 and (rows.height > 0) != (quarantined.height > 0)


NAME = st.binary(min_size=1, max_size=30).filter(
    lambda b: b"/" not in b and b"\0" not in b and b not in (b".", b"..")
)


@settings(max_examples=100, deadline=None)
@given(names=st.sets(NAME, max_size=8))
# a backslash, an undecodable byte, both: never shown alike
@example(names={b"a\\xff", b"a\xff", b"a\\\\xff"})
def test_the_scan_lists_every_name_whatever_its_bytes(names):
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            with open(os.path.join(os.fsencode(folder), name), "wb") as out:
                out.write(b"x")
        scanned = pl.concat(
            [pl.DataFrame(schema={"source_file": pl.String}), *scan_frames(Path(folder))],
            how="diagonal",
        )
    visible = [name for name in names if not name.startswith(b".")]
    assert scanned.height == len(visible) == scanned["source_file"].n_unique()
