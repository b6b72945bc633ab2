-- Claims as `contested eval` scores them: with the article's file name and their incident's place.
SELECT c.*, a.source_file,
       i.country AS incident_country, i.country_code AS incident_country_code,
       i.admin1 AS incident_admin1, i.admin1_code AS incident_admin1_code
FROM facts.claims c
JOIN raw.articles a USING (article_id)
JOIN facts.incidents i USING (incident_id)
