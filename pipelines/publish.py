"""Whole-run atomicity and single-writer locking for `contested run`.

A run builds into `<warehouse>.building` (a copy of the current warehouse) and, only when every
step and blocking check passed, renames it over the warehouse in one `os.replace`. A reader, or a
`kill -9` at any moment, therefore sees the previous warehouse or the new one, never a mix; a
failed build is kept as `<warehouse>.failed` for inspection. An exclusive `flock` on
`<warehouse>.lock` makes a second run wait (up to `CONTESTED_LOCK_WAIT` seconds) or fail clearly;
the operating system releases it when the holder dies.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class WarehouseBusy(RuntimeError):
    """Another run holds the warehouse's lock."""


def _sibling(warehouse: Path, suffix: str) -> Path:
    return warehouse.with_name(warehouse.name + suffix)


@contextmanager
def run_lock(warehouse: Path, wait_seconds: float | None = None) -> Iterator[None]:
    """Hold the warehouse's writer lock; raise WarehouseBusy after `wait_seconds` of waiting."""
    wait = float(os.environ.get("CONTESTED_LOCK_WAIT", "600")) if wait_seconds is None else wait_seconds
    lock_path = _sibling(warehouse, ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as handle:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "unknown"
                    raise WarehouseBusy(
                        f"another contested run (pid {holder}) is writing {warehouse}; "
                        f"waited {wait:.0f}s (set CONTESTED_LOCK_WAIT to wait longer)"
                    ) from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def start_build(warehouse: Path) -> Path:
    """A fresh `<warehouse>.building`: a copy of the current warehouse, or nothing for a first run."""
    building = _sibling(warehouse, ".building")
    for stale in (building, _sibling(building, ".wal")):
        stale.unlink(missing_ok=True)
    if warehouse.exists():
        shutil.copyfile(warehouse, building)
        if _sibling(warehouse, ".wal").exists():
            shutil.copyfile(_sibling(warehouse, ".wal"), _sibling(building, ".wal"))
    return building


def publish(building: Path, warehouse: Path) -> None:
    """Make the build the warehouse in one atomic rename; an older failed build is then stale."""
    _sibling(warehouse, ".wal").unlink(missing_ok=True)
    os.replace(building, warehouse)
    _sibling(warehouse, ".failed").unlink(missing_ok=True)


def keep_failed(building: Path, warehouse: Path) -> Path:
    """Set a failed build aside; the warehouse stays as it was."""
    failed = _sibling(warehouse, ".failed")
    os.replace(building, failed)
    return failed
