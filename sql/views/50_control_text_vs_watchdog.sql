-- Each share stated in an article against the watchdog figure it most likely cites: same source and
-- category, the latest report published before the article, 'territory' read as the districts measure.
-- agrees: 'exact' within 0.5 points, 'about' within 1.5, 'under' up to 2 below, 'more_than' up to 2 above.
CREATE OR REPLACE VIEW views.control_text_vs_watchdog AS
WITH stated AS (
    SELECT s.*, a.published AS article_published
    FROM facts.control_shares s JOIN raw.articles a USING (article_id)
    WHERE s.origin = 'article' AND s.share IS NOT NULL
),
candidates AS (
    SELECT st.control_share_id, t.share AS watchdog_share, t.as_of AS watchdog_as_of,
           t.report_published AS watchdog_report, t.derivation AS watchdog_derivation,
           row_number() OVER (PARTITION BY st.control_share_id ORDER BY t.report_published DESC, t.as_of DESC) AS rank
    FROM stated st
    JOIN facts.control_shares t
      ON t.origin = 'table' AND upper(t.source) = upper(st.source) AND t.category = st.category
     AND t.measure = CASE st.measure WHEN 'territory' THEN 'districts' ELSE st.measure END
     AND t.report_published <= st.article_published
)
SELECT st.article_id, st.source, st.category, st.measure, st.share AS stated_share, st.qualifier, st.evidence,
       c.watchdog_share, c.watchdog_as_of, c.watchdog_report, c.watchdog_derivation,
       CASE
         WHEN c.watchdog_share IS NULL THEN NULL
         WHEN st.qualifier = 'exact' THEN abs(c.watchdog_share - st.share) <= 0.005
         WHEN st.qualifier = 'about' THEN abs(c.watchdog_share - st.share) <= 0.015
         WHEN st.qualifier IN ('under', 'up_to') THEN c.watchdog_share <= st.share AND c.watchdog_share >= st.share - 0.02
         WHEN st.qualifier IN ('more_than', 'at_least') THEN c.watchdog_share >= st.share AND c.watchdog_share <= st.share + 0.02
       END AS agrees,
       st.control_share_id, st.as_of AS stated_as_of
FROM stated st
LEFT JOIN candidates c ON c.control_share_id = st.control_share_id AND c.rank = 1;
