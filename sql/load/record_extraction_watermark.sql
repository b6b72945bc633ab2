-- $fact_table has now taken in every staged extraction: the next load of it reads only articles extracted later.
INSERT INTO ops.extraction_watermarks AS current (fact_table, extracted_until)
SELECT $fact_table, max(extracted_at) FROM staging.article_extractions
ON CONFLICT (fact_table) DO UPDATE SET extracted_until = excluded.extracted_until
