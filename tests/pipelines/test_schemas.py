"""Table contracts: the pandera check of a warehouse table reads it in chunks and still finds every
failure.
"""

from pipelines.schemas import (
    CONTROL_SHARE_SCHEMA,
    TABLE_SCHEMAS,
    frame_schema,
    table_schema_failures,
)
from pipelines.warehouse import ddl_columns, read_frame
from tests.conftest import connect


def _incident(conn, incident_id, status):
    conn.execute(
        "INSERT INTO facts.incidents (incident_id, date_precision, place_resolved, n_claims, "
        "n_articles, status) "
        "VALUES ($id, 'day', true, 1, 1, $status)",
        {"id": incident_id, "status": status},
    )


def test_a_failure_in_a_later_chunk_is_found_and_an_empty_table_passes(tmp_path):
    with connect(tmp_path / "w.duckdb") as conn:
        assert table_schema_failures(conn, "facts.incidents", chunk_rows=2).is_empty()
        for number, status in enumerate(["claimed", "contested", "confirmed", "rumoured"]):
            _incident(conn, f"inc_{number}", status)
        failures = table_schema_failures(conn, "facts.incidents", chunk_rows=2)
        assert failures["column"].to_list() == ["status"]
        assert failures["check"][0].startswith("isin") and "rumoured" in failures["error"][0]


_PANDERA_TYPES = {
    "String": {"VARCHAR"},
    "Int64": {"BIGINT", "INTEGER"},
    "Int32": {"INTEGER"},
    "Float64": {"DOUBLE"},
    "Boolean": {"BOOLEAN"},
    "Date": {"DATE"},
}


def test_the_pandera_contracts_name_columns_the_ddl_makes_with_its_types():
    ddl = {(f"{schema}.{table}", column): kind for schema, table, column, kind in ddl_columns()}
    for table, model in TABLE_SCHEMAS.items():
        for column, spec in model.to_schema().columns.items():
            assert (table, column) in ddl, f"{model.__name__}.{column} is not a column of {table}"
            assert ddl[table, column] in _PANDERA_TYPES[str(spec.dtype)], (
                table,
                column,
                spec.dtype,
            )


def test_every_frame_shape_is_what_the_warehouse_hands_polars_for_its_table(tmp_path):
    with connect(tmp_path / "w.duckdb") as conn:
        for table in sorted({f"{schema}.{name}" for schema, name, _, _ in ddl_columns()}):
            assert dict(read_frame(conn, f"SELECT * FROM {table} LIMIT 0").schema) == frame_schema(
                table
            ), table
    assert frame_schema("staging.control_statements") == CONTROL_SHARE_SCHEMA
