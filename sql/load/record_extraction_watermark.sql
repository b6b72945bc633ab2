-- $fact_table has now taken in every staged extraction: the next load of it reads only articles extracted later.
MERGE INTO ops.extraction_watermarks AS current
USING (SELECT $fact_table AS fact_table, max(extracted_at) AS extracted_until
    FROM staging.article_extractions) AS taken
ON current.fact_table = taken.fact_table
WHEN MATCHED THEN UPDATE SET extracted_until = taken.extracted_until
WHEN NOT MATCHED THEN INSERT (fact_table, extracted_until) VALUES (taken.fact_table, taken.extracted_until)
