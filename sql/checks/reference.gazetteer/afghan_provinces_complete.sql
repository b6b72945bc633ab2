-- severity: warn
-- All 34 provinces of Afghanistan are in the gazetteer, each with its P-code.
SELECT count(*) AS provinces, count(pcode) AS with_pcode FROM reference.gazetteer
WHERE country = 'Afghanistan' AND level = 1
HAVING count(*) <> 34 OR count(pcode) <> 34
