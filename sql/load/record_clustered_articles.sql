-- The changed articles still staged are now in the facts as extracted, under these clustering rules.
INSERT INTO ops.clustered_articles (article_id, extracted_at, rules_version)
SELECT article_id, extracted_at, $rules_version FROM staging.article_extractions
WHERE article_id IN (SELECT article_id FROM changed_articles)
