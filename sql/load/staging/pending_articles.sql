-- The articles this run extracts, cut once into batches: those not yet read with extraction key $key (all of them in a
-- backfill) of the feed partition being written (variable feed_part) or of the whole feed, in the order raw.articles
-- stores them, so that each batch is read from one stretch of the table.
-- `staged`: the article may have staged rows to replace (it was read before, or failed); others have none to delete.
-- A batch holds at most $batch articles and about $batch_bytes of text: an article weighs one, or as many as its
-- text fills of a batch's share per article, and a batch ends before its weights pass $batch.
-- The pending ids are found from the ids alone, and text is then read by rowid from their rows only: a join that
-- carries text would decompress the text of every row group.
CREATE OR REPLACE TEMP TABLE pending_articles AS
WITH pending AS (
    SELECT rowid AS row, article_id,
           article_id IN (SELECT article_id FROM staging.article_extractions UNION ALL SELECT article_id FROM quarantine.extractions) AS staged
    FROM raw.articles
    WHERE ($everything OR article_id NOT IN (SELECT article_id FROM staging.article_extractions WHERE extraction_key = $key))
      AND in_written_feed_part(source_file)
),
weighed AS (
    SELECT p.row, p.article_id, p.staged, greatest(1, (strlen(a.text) * $batch + $batch_bytes - 1) // $batch_bytes) AS weight
    FROM pending p JOIN raw.articles a ON a.rowid = p.row
)
SELECT row, article_id, staged, (sum(weight) OVER (ORDER BY row ROWS UNBOUNDED PRECEDING) - weight) // $batch AS batch
FROM weighed
