-- The first day a mention's clustering can reach: a day-dated mention joins events at most a day
-- away, a week-dated one the single event of its week (the week starts at its date).
CREATE OR REPLACE TEMP MACRO reach_start(date_precision, event_date) AS
    CASE WHEN date_precision = 'week' THEN event_date ELSE event_date - 1 END
