-- $asset_key was built from inputs with this $fingerprint: the next run skips it while they stay the same.
INSERT INTO ops.asset_inputs AS current (asset_key, fingerprint, built_at)
VALUES ($asset_key, $fingerprint, now()::TIMESTAMP)
ON CONFLICT (asset_key) DO UPDATE SET fingerprint = excluded.fingerprint, built_at = excluded.built_at
