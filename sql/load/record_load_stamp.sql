-- A load stamp was handed out for $stamp_column: keep the newest one.
INSERT INTO ops.load_stamps AS current (stamp_column, newest) VALUES ($stamp_column, $stamp)
ON CONFLICT (stamp_column) DO UPDATE SET newest = greatest(current.newest, excluded.newest)
