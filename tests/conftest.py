"""Shared fixtures: the shared corpus, a bundled-data copy, and one real pipeline run per
session.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.resources import build_resources, open_warehouse
from pipelines.runner import run_pipeline

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEV_CORPUS = SHARED / "corpus" / "dev"
WIDE_CORPUS = SHARED / "corpus" / "wide"
WATCHDOG = SHARED / "data" / "watchdog"


# three dev articles: a small feed that incremental runs change
FEED_ARTICLES = [
    "bbc-2017-07-26-kandahar.md",
    "cna-2017-10-19-kandahar-base.md",
    "islandpacket-2019-08-02-day-kundi.md",
]


@pytest.fixture()
def feed(tmp_path) -> tuple[Path, Path]:
    """FEED_ARTICLES in a raw folder, materialized into a fresh DuckDB file: (raw_dir,
    warehouse).
    """
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in FEED_ARTICLES:
        shutil.copy(DEV_CORPUS / "articles" / name, raw / name)
    warehouse = tmp_path / "w.duckdb"
    assert run_pipeline(raw, warehouse).success
    return raw, warehouse


@pytest.fixture(scope="session")
def dev_corpus() -> Path:
    assert (DEV_CORPUS / "gold").is_dir(), f"shared corpus missing at {DEV_CORPUS}"
    return DEV_CORPUS


@pytest.fixture(scope="session")
def bundled_run(tmp_path_factory):
    """The pipeline materialized on a copy of data/raw into a fresh DuckDB file: (raw_dir,
    warehouse, result).
    """
    base = tmp_path_factory.mktemp("bundled")
    raw = base / "raw"
    shutil.copytree(REPO / "data" / "raw", raw)
    warehouse = base / "warehouse.duckdb"
    result = run_pipeline(raw, warehouse)
    return raw, warehouse, result


def connect(warehouse: Path, raw: Path | None = None):
    """A connection to a test warehouse through the project's own resource."""
    return open_warehouse(build_resources(raw, warehouse)["warehouse"])


def lock_in_another_process(warehouse: Path, hold: bool = False) -> subprocess.Popen:
    """Another process takes the warehouse's writer lock without waiting: with `hold`, it keeps it
    until its stdin closes.
    """
    code = (
        "from pathlib import Path; import sys; from pipelines.atomic_build import run_lock\n"
        f"with run_lock(Path({str(warehouse)!r}), 0):\n    print('held', flush=True); "
        f"{'sys.stdin.read()' if hold else 'pass'}"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


HOSTILE_INPUTS = REPO / "tests" / "hostile_inputs"
OUTSIDE_MARKER = (
    "outside-the-raw-folder-7781"  # text of a file beside the raw folder, which no run may read
)


def hostile_raw_folder(base: Path) -> Path:
    """A raw folder of every hostile input kind beside one good article: the files of
    tests/hostile_inputs, links out of the folder, to /etc/passwd, to a folder above, in a loop and
    to nothing, a name that is not UTF-8, a named pipe, and a one-line article of 1 MB.
    """
    raw = base / "raw"
    shutil.copytree(HOSTILE_INPUTS, raw / "feed")
    outside = base / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(
        f"---\ntitle: secret\n---\n{OUTSIDE_MARKER}: officials said 5 soldiers died.\n"
    )
    links = raw / "links"
    links.mkdir()
    for name, target in {
        "to-secret.md": outside / "secret.md",
        "to-outside": outside,
        "passwd.txt": Path("/etc/passwd"),
        "up": Path(".."),
        "loop-a.md": Path("loop-b.md"),
        "loop-b.md": Path("loop-a.md"),
        "dangling.md": Path("nowhere.md"),
        "to-good.md": Path("../feed/good.md"),
    }.items():
        (links / name).symlink_to(target)
    undecodable = os.fsdecode(str(raw / "feed").encode() + b"/caf\xe9-latin1.md")
    Path(undecodable).write_text(
        "---\ntitle: latin\n---\nPolice said 4 soldiers were wounded in the ambush.\n"
    )
    os.mkfifo(raw / "feed" / "pipe.md")
    sentence = "Officials said 12 soldiers were killed in the fighting near the border. "
    (raw / "feed" / "one-line.txt").write_text(sentence * (1_000_000 // len(sentence)))
    return raw


def names_under(raw: Path) -> set[str]:
    """Every name a run must account for below `raw` (links not followed), as the warehouse shows
    it.
    """
    from pipelines.raw.readers.guards import display_name

    found = set()
    for folder, dirs, files in os.walk(raw):
        relative = Path(folder).relative_to(raw)
        for name in files + [d for d in dirs if (Path(folder) / d).is_symlink()]:
            found.add(display_name(str(relative / name)).removeprefix("./"))
    return found


def claim_mention(**fields) -> dict:
    """A staged claim mention with neutral defaults, which `fields` override."""
    defaults = {
        "claim_id": "clm_x",
        "article_id": "art_x",
        "claim_index": 0,
        "incident_key": "main",
        "kind": "killed",
        "subject_side": "government",
        "value": 1,
        "value_low": None,
        "value_high": None,
        "qualifier": "exact",
        "claimant": None,
        "claimant_side": "media",
        "evidence": "x",
        "span_start": 0,
        "span_end": 1,
        "confirmed": None,
        "mentions": 1,
        "extractor_version": "test",
    }
    return {**defaults, **fields}
