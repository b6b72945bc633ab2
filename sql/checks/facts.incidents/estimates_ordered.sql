-- severity: blocking
-- low <= best <= high for killed and wounded, none negative.
SELECT incident_id, killed_low, killed_best, killed_high, wounded_low, wounded_best, wounded_high FROM facts.incidents
WHERE killed_low > killed_best OR killed_best > killed_high OR wounded_low > wounded_best OR wounded_best > wounded_high
   OR killed_low < 0 OR wounded_low < 0
