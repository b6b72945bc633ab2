-- Files to read: new, with another size or mtime than when last read, or of another kind than then (a reader
-- added for their type since), all of them in a backfill.
CREATE OR REPLACE TEMP TABLE changed_files AS
SELECT s.source_file FROM scanned_files s
LEFT JOIN (SELECT * FROM raw.files WHERE input_kind IN ('article', 'unsupported', 'refused') AND status <> 'deleted') f USING (source_file)
WHERE $everything OR f.source_file IS NULL OR f.bytes <> s.size OR f.modified_at <> s.modified_at OR f.input_kind <> s.kind
