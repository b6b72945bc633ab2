-- severity: blocking
-- Every place has a country code and a level 0..3; a district or town that names its subdivision names one the
-- gazetteer holds (a town whose subdivision GeoNames does not name has none); positions are on the globe.
SELECT g.country, g.name, g.admin1, g.level FROM reference.gazetteer g
WHERE g.level NOT BETWEEN 0 AND 3
   OR g.country_code IS NULL
   OR g.latitude NOT BETWEEN -90 AND 90
   OR g.longitude NOT BETWEEN -180 AND 180
   OR (g.level = 2 AND g.admin1 IS NULL)
   OR (g.level >= 2 AND g.admin1 IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM reference.gazetteer p
        WHERE p.level = 1 AND p.name = g.admin1 AND p.country_code = g.country_code))
