-- Which file already holds each of a batch's articles, among the files this run does not touch (none in a backfill).
SELECT article_id, source_file, source_record FROM raw.articles
WHERE NOT $everything AND article_id IN (SELECT article_id FROM batch_articles)
  AND source_file NOT IN (SELECT source_file FROM touched_files)
