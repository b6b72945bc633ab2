-- Files whose old rows go before the new ones land: the changed and the deleted.
CREATE OR REPLACE TEMP TABLE touched_files AS
SELECT source_file FROM changed_files UNION SELECT source_file FROM deleted_files
