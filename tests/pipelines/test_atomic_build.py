"""Building into a copy and publishing by rename, on real files."""

import os

import pytest

from pipelines.atomic_build import (
    WarehouseBusy,
    copy_file,
    keep_failed,
    publish,
    run_lock,
    start_build,
)
from tests.conftest import lock_in_another_process


def test_build_is_a_copy_and_publish_replaces_atomically(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    warehouse.write_bytes(b"old")
    building = start_build(warehouse)
    assert building.read_bytes() == b"old"
    building.write_bytes(b"new")
    assert warehouse.read_bytes() == b"old"
    publish(building, warehouse)
    assert warehouse.read_bytes() == b"new" and not building.exists()


def test_copy_is_byte_for_byte_whatever_the_size(tmp_path):
    for size in (0, 1, 3 * 2**20 + 17):
        source, target = tmp_path / f"s{size}", tmp_path / f"t{size}"
        source.write_bytes(os.urandom(size))
        target.write_bytes(b"stale content, longer than the empty source")
        copy_file(source, target)
        assert target.read_bytes() == source.read_bytes()


def test_failed_build_is_set_aside_and_the_warehouse_kept(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    warehouse.write_bytes(b"old")
    building = start_build(warehouse)
    building.write_bytes(b"broken")
    failed = keep_failed(building, warehouse)
    assert warehouse.read_bytes() == b"old" and failed.read_bytes() == b"broken"


def test_lock_is_exclusive_between_processes_and_reentrant_within_one(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    holder = lock_in_another_process(warehouse, hold=True)
    assert holder.stdout.readline().strip() == "held"
    busy = f"another contested run \\(pid {holder.pid}\\)"
    with pytest.raises(WarehouseBusy, match=busy), run_lock(warehouse, wait_seconds=0.3):
        pass
    holder.communicate("")
    with run_lock(warehouse, wait_seconds=0):
        with run_lock(warehouse, wait_seconds=0):  # the run inside `contested run` takes it again
            pass
        # still held by the outer block
        out, err = lock_in_another_process(warehouse).communicate("")
        assert "WarehouseBusy" in err and "held" not in out
    out, _ = lock_in_another_process(warehouse).communicate("")
    assert out.strip() == "held"


def test_a_run_waiting_for_the_lock_says_on_whom_and_for_how_long(tmp_path, capsys):
    warehouse = tmp_path / "w.duckdb"
    holder = lock_in_another_process(warehouse, hold=True)
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(WarehouseBusy), run_lock(warehouse, wait_seconds=0.5):
        pass
    holder.communicate("")
    err = capsys.readouterr().err
    assert f"waiting for another run (pid {holder.pid})" in err and "of at most 0s" in err
