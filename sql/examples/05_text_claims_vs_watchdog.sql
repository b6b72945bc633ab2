-- Do the control shares that articles quote agree with the watchdog report they cite?
SELECT article_id, source, category, stated_share, qualifier, round(watchdog_share, 3) AS watchdog_share,
       watchdog_report, agrees
FROM views.control_text_vs_watchdog
ORDER BY article_id, category;
