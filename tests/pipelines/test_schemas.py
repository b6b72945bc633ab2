"""Table contracts: the pandera check of a warehouse table reads it in chunks and still finds every failure."""

from pipelines.schemas import table_schema_failures
from tests.conftest import connect


def _incident(conn, incident_id, status):
    conn.execute("INSERT INTO facts.incidents (incident_id, date_precision, place_resolved, n_claims, n_articles, status) "
                 "VALUES ($id, 'day', true, 1, 1, $status)", {"id": incident_id, "status": status})


def test_a_failure_in_a_later_chunk_is_found_and_an_empty_table_passes(tmp_path):
    with connect(tmp_path / "w.duckdb") as conn:
        assert table_schema_failures(conn, "facts.incidents", chunk_rows=2).is_empty()
        for number, status in enumerate(["claimed", "contested", "confirmed", "rumoured"]):
            _incident(conn, f"inc_{number}", status)
        failures = table_schema_failures(conn, "facts.incidents", chunk_rows=2)
        assert failures["column"].to_list() == ["status"]
        assert failures["check"][0].startswith("isin") and "rumoured" in failures["error"][0]
