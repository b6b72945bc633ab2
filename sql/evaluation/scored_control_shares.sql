-- Every control share stated in an article, with the article's file: what `contested eval` scores against the gold.
SELECT a.source_file, s.source, s.source_side, s.category, s.category_actor, s.measure, s.count, s.unit,
       s.share, s.qualifier, s.as_of, s.as_of_precision, s.evidence
FROM facts.control_shares s
JOIN raw.articles a USING (article_id)
WHERE s.origin = 'article'
ORDER BY a.source_file, s.span_start, s.share;
