-- severity: blocking
-- since: raw.articles.ingested_at
-- The stored hash is the hash of the stored text, and the id is taken from it (rows ingested since the last passing verdict).
SELECT article_id, source_file FROM raw.articles
WHERE ($since IS NULL OR ingested_at > $since) AND (content_sha256 <> sha256(text) OR article_id <> 'art_' || left(content_sha256, 16))
