"""Warehouse helpers on a real DuckDB file."""

import datetime as dt

import duckdb

from pipelines.warehouse import fresh_stamp, now


def test_load_stamps_only_grow_even_when_the_clock_is_behind(tmp_path):
    conn = duckdb.connect(str(tmp_path / "w.duckdb"))
    conn.execute("CREATE TABLE loads (stamp TIMESTAMP)")
    before = now()
    assert before <= fresh_stamp(conn, "loads", "stamp") <= now()  # no rows yet: the clock
    ahead = now() + dt.timedelta(days=1)  # a stamp from a machine whose clock ran ahead
    conn.execute("INSERT INTO loads VALUES ($stamp)", {"stamp": ahead})
    assert fresh_stamp(conn, "loads", "stamp") == ahead + dt.timedelta(microseconds=1)
