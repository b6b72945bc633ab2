-- $asset_key was built from inputs with this $fingerprint: the next run skips it while they stay the same.
MERGE INTO ops.asset_inputs AS current
USING (SELECT $asset_key AS asset_key, $fingerprint AS fingerprint) AS built
ON current.asset_key = built.asset_key
WHEN MATCHED THEN UPDATE SET fingerprint = built.fingerprint, built_at = now()::TIMESTAMP
WHEN NOT MATCHED THEN INSERT (asset_key, fingerprint, built_at)
    VALUES (built.asset_key, built.fingerprint, now()::TIMESTAMP)
