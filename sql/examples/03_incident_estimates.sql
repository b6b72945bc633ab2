-- Every incident with its reconciled killed estimates and the number of claims behind them.
SELECT incident_id, event_date, date_precision, country, admin1, admin2, target, perpetrator,
       killed_low, killed_best, killed_high, wounded_best, n_claims, n_articles, status
FROM facts.incidents
ORDER BY event_date NULLS LAST, incident_id;
