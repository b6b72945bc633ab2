-- severity: blocking
-- Districts and cities name a province that is in the gazetteer; levels are 0..3.
SELECT g.country, g.name, g.admin1, g.level FROM reference.gazetteer g
WHERE g.level NOT BETWEEN 0 AND 3
   OR (g.level >= 2 AND NOT EXISTS (SELECT 1 FROM reference.gazetteer p WHERE p.level = 1 AND p.name = g.admin1 AND p.country = g.country))
