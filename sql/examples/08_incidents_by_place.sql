-- Incidents and the dead per country and first-level subdivision, with how precisely each is placed.
SELECT country_code, country, admin1_code, admin1, geo_precision,
       count(*) AS incidents, sum(killed_best) AS killed_best
FROM facts.incidents
GROUP BY ALL
ORDER BY killed_best DESC NULLS LAST, country_code, admin1;
