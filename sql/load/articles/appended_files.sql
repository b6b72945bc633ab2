-- Changed bundles that only grew since last read: their old rows stay, and only their new lines are read (filled by the loader).
CREATE OR REPLACE TEMP TABLE appended_files (source_file VARCHAR)
