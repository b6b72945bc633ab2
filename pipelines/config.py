"""Where the pipeline reads and writes: the two variables users and scripts rely on."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SQL_DIR = REPO_ROOT / "sql"
REFERENCE_DIR = REPO_ROOT / "data" / "reference"

# A file larger than this is quarantined unread: articles and watchdog tables are small.
MAX_FILE_BYTES = int(os.environ.get("CONTESTED_MAX_FILE_BYTES", 20 * 1024 * 1024))

# Extraction is linear in an article's length: an article that takes longer than this has met a
# pathological case, and is quarantined with the reason instead of stalling the feed.
EXTRACTION_BUDGET_SECONDS = float(os.environ.get("CONTESTED_EXTRACTION_BUDGET", 60))
# Reading one file or piece (an HTML page's main text, most of all) past this is quarantined too.
READ_BUDGET_SECONDS = float(os.environ.get("CONTESTED_READ_BUDGET", 120))

# Files read, and articles extracted, per batch: a run holds one batch in memory, however large the
# feed.
ARTICLE_BATCH = int(os.environ.get("CONTESTED_BATCH", 5000))
# A batch of files read, or of articles extracted, also stops at about this many bytes (of files; of
# article text); a JSONL bundle larger than a piece is read a piece at a time.
BATCH_BYTES = 64 * 1024 * 1024
BUNDLE_PIECE_BYTES = 4 * 1024 * 1024
ARTICLE_BYTES = (
    4096  # about the size of one article, to share the reading of a batch out among the workers
)

# Rows per row group of the tables a run writes (a multiple of DuckDB's 2,048-row vectors; its
# default is 122,880).
ROW_GROUP_SIZE = 16_384

# DuckDB's memory cap when $CONTESTED_DUCKDB_MEMORY is unset (docs/performance.md: what it held)
DEFAULT_DUCKDB_MEMORY = "512MB"


def duckdb_settings() -> dict[str, str]:
    """DuckDB settings of the warehouse connection: `$CONTESTED_DUCKDB_MEMORY` caps DuckDB's memory
    (default DEFAULT_DUCKDB_MEMORY; beyond it, joins, sorts, aggregates and temporary tables spill
    to disk).

    A cap keeps a run's memory flat as the feed grows: what grows with it (a full build's temporary
    tables, an incident's reports) is DuckDB's, and spills; what Python holds is one batch.
    Uncapped, DuckDB takes up to 80% of the machine's memory and keeps what it reads cached.

    DuckDB's allocator hands freed memory back after any bulk free over 1 MB, not only over 512 MB
    (its default): a load frees a batch's memory at every commit.
    """
    return {
        "allocator_bulk_deallocation_flush_threshold": "1MB",
        "memory_limit": os.environ.get("CONTESTED_DUCKDB_MEMORY") or DEFAULT_DUCKDB_MEMORY,
    }


def raw_dir() -> Path:
    """Raw inputs: `$CONTESTED_RAW_DIR`, default `data/raw` under the current directory."""
    return Path(os.environ.get("CONTESTED_RAW_DIR", "data/raw")).resolve()


def warehouse_path() -> Path:
    """The DuckDB warehouse file: `$CONTESTED_WAREHOUSE`, default `data/warehouse.duckdb`."""
    return Path(os.environ.get("CONTESTED_WAREHOUSE", "data/warehouse.duckdb")).resolve()


def report_path(warehouse: Path | None = None) -> Path:
    """The analyst report page: `$CONTESTED_REPORT`, default `report.html` beside the warehouse
    (`data/report.html` for the default warehouse).
    """
    if os.environ.get("CONTESTED_REPORT"):
        return Path(os.environ["CONTESTED_REPORT"]).resolve()
    return (warehouse or warehouse_path()).with_name("report.html")
