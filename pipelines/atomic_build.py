"""Whole-run atomicity and single-writer locking for every run, however it is launched.

A run builds into `<warehouse>.building` (a copy of the current warehouse) and, only when every
step and blocking check passed, renames it over the warehouse in one `os.replace`. A reader, or a
`kill -9` at any moment, therefore sees the previous warehouse or the new one, never a mix; a
failed build is kept as `<warehouse>.failed` for inspection. An exclusive `flock` on
`<warehouse>.lock` makes a second run wait (up to `CONTESTED_LOCK_WAIT` seconds) or fail clearly;
the operating system releases it when the holder dies. The warehouse resource does all this
around each run (pipelines/resources.py), so runs from the schedule, the sensor and the UI
publish like `contested run`.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg


class WarehouseBusy(RuntimeError):
    """Another run holds the warehouse's lock."""


def _sibling(warehouse: Path, suffix: str) -> Path:
    return warehouse.with_name(warehouse.name + suffix)


# the locks this process holds, so that the run inside `contested run` takes its lock again
_held: Counter[Path] = Counter()


@contextmanager
def run_lock(warehouse: Path, wait_seconds: float | None = None) -> Iterator[None]:
    """Hold the warehouse's writer lock; raise WarehouseBusy after `wait_seconds` of waiting.
    Re-entrant within a process.
    """
    lock_path = _sibling(warehouse, ".lock").resolve()
    if _held[lock_path]:
        _held[lock_path] += 1
        try:
            yield
        finally:
            _held[lock_path] -= 1
        return
    wait = (
        float(os.environ.get("CONTESTED_LOCK_WAIT", "600"))
        if wait_seconds is None
        else wait_seconds
    )
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as handle:
        _wait_for_lock(handle, warehouse, wait)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        _held[lock_path] = 1
        try:
            yield
        finally:
            del _held[lock_path]
            fcntl.flock(handle, fcntl.LOCK_UN)


# while it waits for the lock, a run says so this often (and once at the start)
WAIT_NOTICE_SECONDS = 30.0


def _holder(handle) -> str:
    handle.seek(0)
    return handle.read().strip() or "unknown"


def _wait_for_lock(handle, warehouse: Path, wait: float) -> None:
    """Take the lock on `handle`, saying on stderr that the run waits, on whom and for how long;
    raise WarehouseBusy after `wait` seconds.
    """
    started = time.monotonic()
    noticed = None
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if noticed is not None:
                print(
                    f"contested: lock taken after {time.monotonic() - started:.0f}s",
                    file=sys.stderr,
                    flush=True,
                )
            return
        except BlockingIOError:
            waited = time.monotonic() - started
            if waited >= wait:
                raise WarehouseBusy(
                    f"another contested run (pid {_holder(handle)}) is writing {warehouse}; "
                    f"waited {wait:.0f}s (set CONTESTED_LOCK_WAIT to wait longer)"
                ) from None
            if noticed is None or waited - noticed >= WAIT_NOTICE_SECONDS:
                noticed = waited
                print(
                    f"contested: waiting for another run (pid {_holder(handle)}) to finish "
                    f"writing {warehouse}; "
                    f"{waited:.0f}s of at most {wait:.0f}s so far",
                    file=sys.stderr,
                    flush=True,
                )
            time.sleep(0.2)


def copy_file(source: Path, target: Path) -> None:
    """Copy a file with copy_file_range: a reflink on XFS and btrfs, a copy in the kernel elsewhere.

    A reflink shares the source's blocks, so the copy is instant whatever the warehouse's size and
    the run's writes then copy only the blocks they change.
    """
    try:
        with open(source, "rb") as reading, open(target, "wb") as writing:
            left = os.fstat(reading.fileno()).st_size
            while left > 0 and (
                copied := os.copy_file_range(reading.fileno(), writing.fileno(), left)
            ):
                left -= copied
        if left > 0:
            raise OSError(f"{source} shrank while it was copied")
    except OSError as exc:
        if exc.errno not in (
            errno.EXDEV,
            errno.ENOSYS,
            errno.EINVAL,
            errno.EOPNOTSUPP,
            errno.EPERM,
        ):
            raise
        shutil.copyfile(source, target)  # no copy_file_range between these files: a plain copy


def start_build(warehouse: Path) -> Path:
    """A fresh `<warehouse>.building`: a copy of the current warehouse, or nothing for a
    first run.
    """
    building = _sibling(warehouse, ".building")
    for stale in (building, _sibling(building, ".wal")):
        stale.unlink(missing_ok=True)
    if warehouse.exists():
        copy_file(warehouse, building)
        if _sibling(warehouse, ".wal").exists():
            copy_file(_sibling(warehouse, ".wal"), _sibling(building, ".wal"))
    return building


def publish(building: Path, warehouse: Path) -> None:
    """Make the build the warehouse in one atomic rename; an older failed build is then stale."""
    _sibling(warehouse, ".wal").unlink(missing_ok=True)
    os.replace(building, warehouse)
    _sibling(warehouse, ".failed").unlink(missing_ok=True)


def keep_failed(building: Path, warehouse: Path) -> Path:
    """Set a failed build aside; the warehouse stays as it was."""
    failed = failed_sibling(warehouse)
    os.replace(building, failed)
    return failed


def failed_sibling(warehouse: Path) -> Path:
    """Where a failed build is kept."""
    return _sibling(warehouse, ".failed")


def run_passed(instance: dg.DagsterInstance, run_id: str) -> bool:
    """True when every step that started succeeded and no blocking (ERROR) check failed: the build
    may be published.
    """
    kinds = {
        dg.DagsterEventType.STEP_START,
        dg.DagsterEventType.STEP_SUCCESS,
        dg.DagsterEventType.STEP_FAILURE,
        dg.DagsterEventType.ASSET_CHECK_EVALUATION,
    }
    started, succeeded = set(), set()
    for record in instance.all_logs(run_id, of_type=kinds):
        event = record.dagster_event
        if event.event_type == dg.DagsterEventType.STEP_FAILURE:
            return False
        if event.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
            evaluation = event.asset_check_evaluation_data
            if not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.ERROR:
                return False
        elif event.event_type == dg.DagsterEventType.STEP_START:
            started.add(event.step_key)
        else:
            succeeded.add(event.step_key)
    return started <= succeeded
