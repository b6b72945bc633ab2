-- The names of the files deleted since the last run, in path order.
SELECT source_file FROM deleted_files ORDER BY 1
