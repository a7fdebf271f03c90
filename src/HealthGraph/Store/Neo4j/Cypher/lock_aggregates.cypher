// Takes the aggregates' write lock (held until the transaction ends): every change, and every step of a rebuild,
// takes it before it reads what it counts, so they take turns and each reads what the last one committed. A change
// takes it before its nodes' locks (lock_nodes.cypher), so two changes never wait for each other in opposite orders.
// Returns the agency whose partner-overlap rows a rebuild is counting a range of its work at a time, if any, and the
// last work id its rows count (begin_agency_rebuild.cypher): a change leaves that agency's counts through later work
// to the rebuild.
// It also gives the graph a new version (IGraphVersion): whatever the transaction writes is a new graph.
MERGE (l:AggregateLock {name: 'aggregates'})
SET l._lock = true, l.version = randomUUID()
REMOVE l._lock
RETURN l.rebuilding AS rebuilding, l.rebuiltThrough AS through
