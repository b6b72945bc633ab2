-- Which incidents have death tolls disputed by the two sides, and by how much?
SELECT incident_id, event_date, admin1, admin2, target, subject_side, government_low, insurgent_high, round(spread, 2) AS spread
FROM views.disputed_incidents
WHERE kind = 'killed'
ORDER BY spread DESC;
