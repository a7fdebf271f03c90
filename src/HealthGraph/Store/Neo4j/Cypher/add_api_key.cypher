// Keeps a new API key unless one of that name exists (the name's constraint makes MERGE lock it). created: whether the
// key under that name is the one given (a fresh key's hash is random, so a key kept before has another).
MERGE (k:ApiKey {name: $name})
  ON CREATE SET k.hash = $hash, k.roles = $roles, k.organisations = $organisations, k.createdAt = $createdAt, k.createdBy = $createdBy
WITH k
MATCH (l:AggregateLock {name: 'aggregates'})
SET l.version = randomUUID() // the keys are answers too (apiKeys): a new graph version
RETURN k.hash = $hash AS created
