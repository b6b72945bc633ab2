-- The watchdog's top-level shares per report (views.control_trend), one row per category.
SELECT source, measure, as_of, report_published, category, share
FROM (
    UNPIVOT views.control_trend
    ON government, contested, insurgent, unreported
    INTO NAME category VALUE share
)
ORDER BY measure, source, category, as_of;
