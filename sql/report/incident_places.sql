-- Incidents by position: one row per place and precision, with how many incidents stand there, their best estimates
-- summed, and their dates; the words say what the position stands for.
SELECT latitude, longitude, geo_precision, country, admin1, admin2, place,
       count(*) AS incidents,
       sum(coalesce(killed_best, 0) + coalesce(wounded_best, 0)) AS casualties_best,
       sum(killed_best) AS killed_best, sum(wounded_best) AS wounded_best,
       min(event_date) AS first_date, max(event_date) AS last_date, sum(n_claims) AS n_claims
FROM facts.incidents
WHERE latitude IS NOT NULL AND longitude IS NOT NULL
GROUP BY ALL
ORDER BY casualties_best DESC, latitude, longitude;
