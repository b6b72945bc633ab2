-- Files whose old rows go before the new ones land: the changed (except bundles that only grew) and the deleted.
CREATE OR REPLACE TEMP TABLE touched_files AS
SELECT source_file FROM changed_files WHERE source_file NOT IN (SELECT source_file FROM appended_files)
UNION SELECT source_file FROM deleted_files
