-- severity: warn
-- Publication dates lie in the past.
SELECT article_id, source_file, published FROM raw.articles WHERE published > current_date
