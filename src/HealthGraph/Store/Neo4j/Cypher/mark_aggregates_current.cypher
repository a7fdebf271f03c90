// Clears the stale mark of mark_aggregates_stale.cypher once a rebuild has finished.
MERGE (l:AggregateLock {name: 'aggregates'})
SET l.stale = false, l.version = randomUUID()
RETURN l.stale AS stale
