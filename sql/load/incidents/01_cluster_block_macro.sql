-- The part of the world a mention can be merged within: its country and province when its place is
-- resolved and its date is a day or a week; NULL when it is never merged (an incident of its own).
-- Coarser than the clustering key (which adds the target type), so a block holds whole clusters.
CREATE OR REPLACE TEMP MACRO cluster_block(place_resolved, date_precision, event_date, country, admin1) AS
    CASE WHEN place_resolved AND event_date IS NOT NULL AND date_precision IN ('day', 'week')
         THEN coalesce(country, '') || chr(31) || coalesce(admin1, '') END
