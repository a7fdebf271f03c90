// The graph's version (IGraphVersion), by the lock node's unique name; stale while a load or a rebuild is half-way.
MATCH (l:AggregateLock {name: 'aggregates'})
RETURN l.version AS version, coalesce(l.stale, false) AS stale
