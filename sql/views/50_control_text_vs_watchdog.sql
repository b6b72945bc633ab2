-- Each share or count stated in an article against the watchdog figure it most likely cites: same source, the
-- category as it rolls up (not_government read as insurgent, as in control_text.CATEGORY_ROLLUP), 'territory' read as
-- the districts measure, and the report of the as_of the text states (same month, or quarter) if it states one, else
-- the latest report published before the article.
-- agrees: 'exact' within 0.5 points, 'about' within 1.5, 'under' up to 2 below, 'more_than' up to 2 above; a count
-- of districts exactly (within 1 for 'about'). verdict: agrees | disagrees | no_table (the source has no such table).
CREATE OR REPLACE VIEW views.control_text_vs_watchdog AS
WITH stated AS (
    SELECT s.*, a.published AS article_published,
           CASE s.category WHEN 'not_government' THEN 'insurgent' ELSE s.category END AS rolled_up,
           CASE s.measure WHEN 'territory' THEN 'districts' ELSE s.measure END AS table_measure
    FROM facts.control_shares s JOIN raw.articles a USING (article_id)
    WHERE s.origin = 'article' AND (s.share IS NOT NULL OR s.count IS NOT NULL)
),
candidates AS (
    SELECT st.control_share_id, t.share AS watchdog_share, t.count AS watchdog_count, t.as_of AS watchdog_as_of,
           t.report_published AS watchdog_report, t.derivation AS watchdog_derivation,
           row_number() OVER (
               PARTITION BY st.control_share_id
               ORDER BY (st.as_of_precision IN ('day', 'month', 'quarter')
                         AND date_trunc(CASE st.as_of_precision WHEN 'quarter' THEN 'quarter' ELSE 'month' END, t.as_of)
                             = date_trunc(CASE st.as_of_precision WHEN 'quarter' THEN 'quarter' ELSE 'month' END, st.as_of)) DESC,
                        t.report_published DESC, t.as_of DESC) AS rank
    FROM stated st
    JOIN facts.control_shares t
      ON t.origin = 'table' AND upper(t.source) = upper(st.source) AND t.category = st.rolled_up
     AND t.measure = st.table_measure AND t.report_published <= coalesce(st.article_published, t.report_published)
     AND (st.share IS NOT NULL AND t.share IS NOT NULL OR st.count IS NOT NULL AND t.count IS NOT NULL)
),
judged AS (
    SELECT st.*, c.watchdog_share, c.watchdog_count, c.watchdog_as_of, c.watchdog_report, c.watchdog_derivation,
           CASE
             WHEN c.watchdog_share IS NULL AND c.watchdog_count IS NULL THEN NULL
             WHEN st.share IS NULL THEN abs(c.watchdog_count - st.count) <= CASE st.qualifier WHEN 'about' THEN 1 ELSE 0 END
             WHEN st.qualifier = 'exact' THEN abs(c.watchdog_share - st.share) <= 0.005
             WHEN st.qualifier = 'about' THEN abs(c.watchdog_share - st.share) <= 0.015
             WHEN st.qualifier IN ('under', 'up_to') THEN c.watchdog_share <= st.share AND c.watchdog_share >= st.share - 0.02
             WHEN st.qualifier IN ('more_than', 'at_least') THEN c.watchdog_share >= st.share AND c.watchdog_share <= st.share + 0.02
           END AS agrees
    FROM stated st
    LEFT JOIN candidates c ON c.control_share_id = st.control_share_id AND c.rank = 1
)
SELECT article_id, source, category, measure, share AS stated_share, qualifier, evidence,
       watchdog_share, watchdog_as_of, watchdog_report, watchdog_derivation, agrees,
       control_share_id, as_of AS stated_as_of,
       count AS stated_count, watchdog_count, as_of_precision AS stated_as_of_precision,
       CASE WHEN agrees IS NULL THEN 'no_table' WHEN agrees THEN 'agrees' ELSE 'disagrees' END AS verdict
FROM judged;
