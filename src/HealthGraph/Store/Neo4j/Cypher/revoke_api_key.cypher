// Revokes the API key of this name, once: a key revoked already keeps its first revocation. No row: no such key. The
// key's write lock is taken before its revocation is read, so of two revocations at once the second sees the first.
MATCH (k:ApiKey {name: $name})
SET k._lock = true
REMOVE k._lock
WITH k
SET k.revokedAt = coalesce(k.revokedAt, $at), k.revokedBy = coalesce(k.revokedBy, $by)
WITH k
MATCH (l:AggregateLock {name: 'aggregates'})
SET l.version = randomUUID() // the keys are answers too (apiKeys): a new graph version
RETURN k
