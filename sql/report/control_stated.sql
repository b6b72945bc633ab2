-- Shares stated in articles (views.control_text_vs_watchdog), on the watchdog measure they are checked against:
-- 'territory' is read as districts there too. Counts and areas are not drawn. Alike statements (same source,
-- category, figure, hedge and date) are one row with the number of articles.
SELECT v.source, v.category, v.stated_share, v.qualifier, min(v.evidence) AS evidence, v.agrees,
       v.watchdog_share, v.watchdog_as_of,
       CASE v.measure WHEN 'territory' THEN 'districts' ELSE v.measure END AS measure,
       coalesce(v.stated_as_of, a.published) AS as_of, min(a.outlet) AS outlet, count(*) AS articles
FROM views.control_text_vs_watchdog v
LEFT JOIN raw.articles a USING (article_id)
WHERE v.stated_share IS NOT NULL
GROUP BY ALL
ORDER BY measure, as_of, v.source, v.category;
