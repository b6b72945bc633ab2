-- A load stamp was handed out for $stamp_column: keep the newest one (a feed partition's writer, in its
-- own row, as for table versions).
MERGE INTO ops.load_stamps AS current
USING (SELECT $stamp_column AS stamp_column, coalesce(getvariable('feed_part'), '') AS feed_part,
    $stamp::TIMESTAMP AS newest) AS issued
ON current.stamp_column = issued.stamp_column AND current.feed_part = issued.feed_part
WHEN MATCHED THEN UPDATE SET newest = greatest(current.newest, issued.newest)
WHEN NOT MATCHED THEN INSERT (stamp_column, feed_part, newest)
    VALUES (issued.stamp_column, issued.feed_part, issued.newest)
