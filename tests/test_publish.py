"""Building into a copy and publishing by rename, on real files."""

import pytest

from pipelines.publish import WarehouseBusy, keep_failed, publish, run_lock, start_build


def test_build_is_a_copy_and_publish_replaces_atomically(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    warehouse.write_bytes(b"old")
    building = start_build(warehouse)
    assert building.read_bytes() == b"old"
    building.write_bytes(b"new")
    assert warehouse.read_bytes() == b"old"
    publish(building, warehouse)
    assert warehouse.read_bytes() == b"new" and not building.exists()


def test_failed_build_is_set_aside_and_the_warehouse_kept(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    warehouse.write_bytes(b"old")
    building = start_build(warehouse)
    building.write_bytes(b"broken")
    failed = keep_failed(building, warehouse)
    assert warehouse.read_bytes() == b"old" and failed.read_bytes() == b"broken"


def test_lock_is_exclusive(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    with run_lock(warehouse, wait_seconds=0):
        with pytest.raises(WarehouseBusy, match="another contested run"):
            with run_lock(warehouse, wait_seconds=0.3):
                pass
    with run_lock(warehouse, wait_seconds=0):
        pass
