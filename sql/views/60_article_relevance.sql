-- Every article with its language, what the relevance rules made of it and why, and what it yielded: the place
-- to see what the gate kept out (relevance <> 'conflict_event') and to tune data/reference/conflict_terms.csv.
CREATE OR REPLACE VIEW views.article_relevance AS
SELECT a.article_id, a.source_file, a.url, a.title, a.outlet, a.published,
       a.language, a.language_source,
       e.relevance, e.relevance_evidence, e.n_claims,
       (SELECT count(DISTINCT incident_id) FROM facts.incident_articles i
        WHERE i.article_id = a.article_id) AS n_incidents,
       e.extracted_at
FROM raw.articles a
LEFT JOIN staging.article_extractions e USING (article_id);
