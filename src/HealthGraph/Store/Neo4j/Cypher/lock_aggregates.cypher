// Takes the aggregates' write lock (held until the transaction ends): every change, and every step of a rebuild,
// takes it before it reads what it counts, so they take turns and each reads what the last one committed. A change
// takes it before its nodes' locks (lock_nodes.cypher), so two changes never wait for each other in opposite orders.
MERGE (l:AggregateLock {name: 'aggregates'})
SET l._lock = true
REMOVE l._lock
RETURN count(l) AS locked
