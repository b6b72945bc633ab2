-- The last day a mention's clustering can reach (see reach_start).
CREATE OR REPLACE TEMP MACRO reach_end(date_precision, event_date) AS
    CASE WHEN date_precision = 'week' THEN event_date + 6 ELSE event_date + 1 END
