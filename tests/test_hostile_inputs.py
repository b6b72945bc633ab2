"""A raw folder of hostile inputs beside a good article: `contested run` as a user runs it, real
files and links.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.raw.scan import FOLDER_LINK
from pipelines.runner import publish_run
from tests.conftest import HOSTILE_INPUTS, OUTSIDE_MARKER, REPO, hostile_raw_folder, names_under


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    raw = hostile_raw_folder(base)
    warehouse = base / "w.duckdb"
    env = {**os.environ, "CONTESTED_RAW_DIR": str(raw), "CONTESTED_WAREHOUSE": str(warehouse)}
    run = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "run"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return raw, warehouse, run


def _rows(warehouse, query):
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return conn.execute(query).fetchall()


def test_the_run_exits_0_and_the_good_article_reaches_the_facts(hostile_run):
    _, warehouse, run = hostile_run
    assert run.returncode == 0, run.stderr[-3000:]
    claims = _rows(
        warehouse,
        "SELECT c.value, c.claimant_side FROM facts.claims c JOIN raw.articles a USING "
        "(article_id) "
        "WHERE a.source_file = 'feed/good.md' ORDER BY 1",
    )
    assert claims == [(14, "government"), (35, "insurgent")]


def test_every_name_is_accounted_for_with_a_status_and_a_reason(hostile_run):
    raw, warehouse, _ = hostile_run
    files = {
        name: (status, reason)
        for name, status, reason in _rows(
            warehouse, "SELECT source_file, status, reason FROM raw.files"
        )
    }
    assert set(files) == names_under(raw)
    assert files["links/to-secret.md"] == ("refused", "link to outside the raw folder")
    assert files["links/to-outside"] == ("refused", "link to outside the raw folder")
    assert files["links/passwd.txt"] == ("refused", "link to outside the raw folder")
    assert files["links/up"] == ("refused", FOLDER_LINK)
    assert files["links/dangling.md"][0] == files["links/loop-a.md"][0] == "refused"
    assert files["links/dangling.md"][1].startswith("dangling or looping link")
    assert files["feed/pipe.md"] == ("refused", "not a regular file (a device, pipe or socket)")
    assert files["links/to-good.md"][0] == "duplicate"  # a link inside the folder is followed
    # an undecodable name, escaped, still read
    assert files["feed/caf\\xe9-latin1.md"] == (
        "loaded",
        None,
    )
    assert files["feed/alias-bomb.md"] == (
        "quarantined",
        "front matter uses YAML aliases, which are refused",
    )
    assert files["feed/wrong-types.md"] == (
        "quarantined",
        "metadata field 'title' is a list, not text",
    )
    quarantined = {reason for (reason,) in _rows(warehouse, "SELECT reason FROM quarantine.files")}
    assert "link to outside the raw folder" in quarantined


def test_nothing_from_outside_the_raw_folder_is_read(hostile_run):
    _, warehouse, _ = hostile_run
    texts = [text for (text,) in _rows(warehouse, "SELECT text FROM raw.articles")]
    assert texts and not any(OUTSIDE_MARKER in text or "root:x:0:0" in text for text in texts)


def test_no_formula_cell_and_no_non_count_reaches_the_facts(hostile_run):
    _, warehouse, _ = hostile_run
    sources = [source for (source,) in _rows(warehouse, "SELECT source FROM facts.control_shares")]
    assert sources and not any(source.startswith(("=", "+", "-", "@")) for source in sources)
    reasons = _rows(
        warehouse,
        "SELECT source_row, reason FROM quarantine.watchdog_rows "
        "WHERE source_file = 'feed/formula-cells.csv' ORDER BY 1",
    )
    assert [row for row, _ in reasons] == [2, 3, 4] and all(
        "spreadsheet formula" in r for _, r in reasons
    )
    outlets = _rows(
        warehouse, "SELECT outlet FROM raw.articles WHERE source_file = 'feed/formula-outlet.md'"
    )
    assert outlets == [('\'=HYPERLINK("http://example.invalid","click")',)]
    not_counts = _rows(
        warehouse,
        "SELECT value FROM facts.claims JOIN raw.articles a USING (article_id) "
        "WHERE a.source_file = 'feed/not-counts.md'",
    )
    assert not_counts == []


def test_a_bundle_line_nested_past_the_parser_loses_only_itself(hostile_run):
    _, warehouse, _ = hostile_run
    loaded = _rows(
        warehouse,
        "SELECT title FROM raw.articles WHERE source_file = 'feed/deep-nesting.jsonl' ORDER BY 1",
    )
    assert loaded == [("after",), ("before",)]
    reasons = _rows(
        warehouse,
        "SELECT source_record, reason FROM quarantine.articles "
        "WHERE source_file = 'feed/deep-nesting.jsonl' ORDER BY 1",
    )
    assert [row for row, _ in reasons] == [2, 3]
    assert reasons[0][1].startswith("unreadable line: RecursionError")
    assert reasons[1][1] == "field 'text' is a list, not text"


def test_one_article_stating_a_share_twice_does_not_fail_the_facts(hostile_run):
    _, warehouse, _ = hostile_run
    shares = _rows(
        warehouse,
        "SELECT category, share FROM facts.control_shares s JOIN raw.articles a USING (article_id) "
        "WHERE a.source_file = 'feed/same-share-twice.md'",
    )
    assert shares == [("government", 0.6)]


def test_a_one_line_article_of_a_megabyte_is_extracted(hostile_run):
    _, warehouse, _ = hostile_run
    (claims,) = _rows(
        warehouse,
        "SELECT count(*) FROM facts.claims JOIN raw.articles a USING (article_id) "
        "WHERE a.source_file = 'feed/one-line.txt'",
    )[0]
    assert claims == 1  # the same sentence restated is one claim


SEEDS = sorted(path.name for path in HOSTILE_INPUTS.iterdir())
SUFFIXES = [".md", ".txt", ".jsonl", ".html", ".csv", ".xlsx", ".meta.yaml", ".pdf", ""]


@st.composite
def hostile_files(draw) -> list[tuple[bytes, bytes]]:
    """(name, content) of a few generated files: hostile inputs with a stretch of their bytes
    replaced, or arbitrary bytes, under arbitrary names with the suffixes the readers know.
    """
    files = []
    for number in range(draw(st.integers(1, 6))):
        stem = draw(
            st.binary(min_size=1, max_size=12).filter(lambda b: b"/" not in b and b"\0" not in b)
        )
        name = b"%d-" % number + stem + draw(st.sampled_from(SUFFIXES)).encode()
        seed = (HOSTILE_INPUTS / draw(st.sampled_from(SEEDS))).read_bytes()
        start = draw(st.integers(0, len(seed)))
        content = draw(
            st.one_of(
                st.binary(max_size=300),
                st.just(seed[:start] + draw(st.binary(max_size=30)) + seed[start + 10 :]),
            )
        )
        files.append((name, content))
    return files


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=hostile_files())
def test_a_run_over_generated_hostile_files_succeeds_and_accounts_for_every_file(files):
    with tempfile.TemporaryDirectory() as folder:
        raw = Path(folder) / "raw"
        raw.mkdir()
        for name, content in files:
            with open(os.path.join(os.fsencode(raw), name), "wb") as out:
                out.write(content)
        warehouse = Path(folder) / "w.duckdb"
        ok, _, built = publish_run(raw, warehouse)
        assert ok and built == warehouse
        accounted = {
            name
            for (name,) in _rows(
                warehouse, "SELECT source_file FROM raw.files WHERE status <> 'deleted'"
            )
        }
        assert accounted == names_under(raw)
