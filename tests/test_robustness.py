"""A run survives crashes and concurrency: real processes, real kill -9, real DuckDB readers."""

import os
import shutil
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from pipelines.synthetic import write_synthetic_corpus
from tests.conftest import DEV_CORPUS, REPO

FACTS = ("facts.claims", "facts.incidents", "facts.incident_articles", "facts.control_shares")
SLOW_RUN_ARTICLES = 3000


def _env(raw, warehouse, **extra):
    return {
        **os.environ,
        "CONTESTED_RAW_DIR": str(raw),
        "CONTESTED_WAREHOUSE": str(warehouse),
        **extra,
    }


def _run(raw, warehouse, **extra):
    return subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "run"],
        cwd=REPO,
        env=_env(raw, warehouse, **extra),
        capture_output=True,
        text=True,
        timeout=600,
    )


def _start(raw, warehouse):
    return subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "run"],
        cwd=REPO,
        env=_env(raw, warehouse),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _facts(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in FACTS}


def _wait_for(predicate, timeout=120):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.fixture()
def published(tmp_path):
    """A warehouse built from the bundled inputs, and a raw folder that then grows large enough for
    a slow run.
    """
    raw = tmp_path / "raw"
    shutil.copytree(REPO / "data" / "raw", raw)
    warehouse = tmp_path / "w.duckdb"
    first = _run(raw, warehouse)
    assert first.returncode == 0, first.stderr[-2000:]
    write_synthetic_corpus(
        sorted((DEV_CORPUS / "articles").glob("*.md")), raw / "feed", SLOW_RUN_ARTICLES
    )
    return raw, warehouse, _facts(warehouse)


def test_kill_9_mid_run_leaves_the_previous_warehouse_and_the_next_run_completes(published):
    raw, warehouse, before = published
    run = _start(raw, warehouse)
    building = warehouse.with_name(warehouse.name + ".building")
    _wait_for(building.exists)
    time.sleep(1.0)
    assert run.poll() is None, "the run ended before it could be killed; make it slower"
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    assert _facts(warehouse) == before
    again = _run(raw, warehouse)
    assert again.returncode == 0, again.stderr[-2000:]
    after = _facts(warehouse)
    assert len(after["facts.claims"]) > len(before["facts.claims"])
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        assert (
            conn.execute("SELECT count(*) FROM raw.articles").fetchone()[0] == SLOW_RUN_ARTICLES + 1
        )


def test_second_writer_fails_clearly_while_readers_see_the_last_committed_state(published):
    raw, warehouse, before = published
    run = _start(raw, warehouse)
    lock = warehouse.with_name(warehouse.name + ".lock")
    _wait_for(lambda: lock.exists() and lock.read_text().strip() == str(run.pid))
    second = _run(raw, warehouse, CONTESTED_LOCK_WAIT="0")
    assert second.returncode == 3
    assert "another contested run" in second.stderr and str(run.pid) in second.stderr
    assert run.poll() is None
    # a read-only reader is not blocked and sees the published state
    assert _facts(warehouse) == before
    out, err = run.communicate(timeout=600)
    assert run.returncode == 0, err[-2000:]
    assert _facts(warehouse) != before
