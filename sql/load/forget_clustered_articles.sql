-- The changed articles' old record goes: they are clustered again in this run.
DELETE FROM ops.clustered_articles WHERE article_id IN (SELECT article_id FROM changed_articles)
