"""Warehouse helpers on a real DuckDB file."""

import datetime as dt

import duckdb

from pipelines.warehouse import ensure_schema, fresh_stamp, now


def test_load_stamps_only_grow_even_when_the_clock_is_behind(tmp_path):
    conn = duckdb.connect(str(tmp_path / "w.duckdb"))
    ensure_schema(conn)
    conn.execute("CREATE TABLE loads (stamp TIMESTAMP)")
    before = now()
    assert before <= fresh_stamp(conn, "loads", "stamp") <= now()  # no rows yet: the clock
    ahead = now() + dt.timedelta(days=1)  # a stamp from a machine whose clock ran ahead
    conn.execute("INSERT INTO loads VALUES ($stamp)", {"stamp": ahead})
    issued = fresh_stamp(conn, "loads", "stamp")
    assert issued == ahead + dt.timedelta(microseconds=1)
    conn.execute("INSERT INTO loads VALUES ($stamp)", {"stamp": issued})
    # the newest rows go: the stamps handed out stay
    conn.execute("DELETE FROM loads WHERE stamp >= $stamp", {"stamp": ahead})
    assert fresh_stamp(conn, "loads", "stamp") == issued + dt.timedelta(microseconds=1)
    conn.execute("CREATE TABLE other (stamp TIMESTAMP)")
    # kept per column: another table's stamps follow the clock
    assert fresh_stamp(conn, "other", "stamp") <= now()


def test_an_older_warehouse_gains_the_columns_added_since(tmp_path):
    conn = duckdb.connect(str(tmp_path / "w.duckdb"))
    ensure_schema(conn)
    # as a version before loaded_at built it
    conn.execute("ALTER TABLE facts.incidents DROP COLUMN loaded_at")
    conn.execute(
        "INSERT INTO facts.incidents (incident_id, date_precision, place_resolved, n_claims, "
        "n_articles, status) "
        "VALUES ('inc_1', 'unknown', false, 0, 1, 'claimed')"
    )
    ensure_schema(conn)
    assert conn.execute("SELECT incident_id, loaded_at FROM facts.incidents").fetchall() == [
        ("inc_1", None)
    ]
