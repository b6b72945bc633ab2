"""Facts exported as partitioned Parquet read back identically (the storage another engine or machine uses)."""

import duckdb

from pipelines.export import PARTITIONS, export_facts, read_back


def test_exported_facts_read_back_identically(bundled_run, tmp_path):
    raw, warehouse, _ = bundled_run
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        folders = export_facts(conn, tmp_path / "lake")
        for table, folder in folders.items():
            columns = [c[0] for c in conn.execute(f"SELECT * FROM {table} LIMIT 0").description]
            original = conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY ALL").fetchall()
            exported = read_back(conn, folder)
            assert exported.select(*columns).order("ALL").fetchall() == original, table
            if PARTITIONS[table]:
                assert any(p.name.startswith(PARTITIONS[table] + "=") for p in folder.iterdir()), table
