"""The warehouse resource: DuckDB settings from the environment reach the connection."""

from tests.conftest import connect


def test_duckdb_memory_cap_reaches_the_connection(tmp_path, monkeypatch):
    with connect(tmp_path / "default.duckdb") as conn:
        (default,) = conn.execute("SELECT current_setting('memory_limit')").fetchone()
    monkeypatch.setenv("CONTESTED_DUCKDB_MEMORY", "256MB")
    with connect(tmp_path / "capped.duckdb") as conn:
        (capped,) = conn.execute("SELECT current_setting('memory_limit')").fetchone()
    assert capped == "244.1 MiB" != default  # 256 MB, shown in MiB
