-- How has the share of districts under government control or influence changed, per watchdog report?
SELECT source, as_of, report_published, round(government, 3) AS government, round(contested, 3) AS contested,
       round(insurgent, 3) AS insurgent, derivations
FROM views.control_trend
WHERE measure = 'districts'
ORDER BY as_of;
