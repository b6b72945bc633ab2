-- Every incident with a position, and the words that say what the position stands for.
SELECT incident_id, event_date, country, admin1, admin2, place, latitude, longitude,
       geo_precision, target, status, n_claims, n_articles,
       coalesce(killed_best, 0) + coalesce(wounded_best, 0) AS casualties_best,
       killed_best, wounded_best
FROM facts.incidents
WHERE latitude IS NOT NULL AND longitude IS NOT NULL
ORDER BY casualties_best DESC, incident_id;
