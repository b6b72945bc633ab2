-- Every column the DDL makes, with its type, in column order.
SELECT schema_name, table_name, column_name, data_type FROM duckdb_columns()
WHERE NOT internal ORDER BY schema_name, table_name, column_index
