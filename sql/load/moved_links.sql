-- The links just made that the facts do not hold yet, and every link of a changed article: the mentions whose claims are
-- written again (a claim's row is its staged claim with its mention's incident, so a mention that kept its link keeps its claims).
CREATE OR REPLACE TEMP TABLE moved_links AS
SELECT * FROM incoming_links l
WHERE l.article_id IN (SELECT article_id FROM changed_articles)
   OR NOT EXISTS (SELECT 1 FROM facts.incident_articles f
                  WHERE f.incident_id = l.incident_id AND f.article_id = l.article_id AND f.incident_key = l.incident_key)
