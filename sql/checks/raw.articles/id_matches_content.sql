-- severity: blocking
-- The stored hash is the hash of the stored text, and the id is taken from it.
SELECT article_id, source_file FROM raw.articles
WHERE content_sha256 <> sha256(text) OR article_id <> 'art_' || left(content_sha256, 16)
