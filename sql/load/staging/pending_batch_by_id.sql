-- The articles of one batch of pending_articles, found by id: when a checkpoint has moved rows since the cut
-- (DuckDB renumbers the rows of a table it compacts), at the cost of reading the whole table's text.
SELECT article_id, text, title, outlet, published
FROM raw.articles
WHERE article_id IN (SELECT article_id FROM pending_articles WHERE batch = $batch)
ORDER BY article_id
