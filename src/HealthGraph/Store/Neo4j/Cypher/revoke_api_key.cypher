// Revokes the API key of this name, once: a key revoked already keeps its first revocation. No row: no such key.
MATCH (k:ApiKey {name: $name})
SET k.revokedAt = coalesce(k.revokedAt, $at), k.revokedBy = coalesce(k.revokedBy, $by)
WITH k
MATCH (l:AggregateLock {name: 'aggregates'})
SET l.version = randomUUID() // the keys are answers too (apiKeys): a new graph version
RETURN k
