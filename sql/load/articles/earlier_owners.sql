-- Which file already holds each of a batch's articles: one this run does not touch (none in a backfill),
-- or one this run has loaded in an earlier batch (ingested at $stamp).
SELECT article_id, source_file, source_record FROM raw.articles
WHERE article_id IN (SELECT article_id FROM batch_articles)
  AND (ingested_at = $stamp OR NOT $everything AND source_file NOT IN (SELECT source_file FROM touched_files))
