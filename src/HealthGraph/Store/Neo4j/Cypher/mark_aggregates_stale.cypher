// Marks the aggregates stale while a load writes its batches (a load is many transactions, and the aggregates are
// rebuilt after them), and says whether they were already: a load cut short leaves them marked, so the next load
// rebuilds them even when it finds nothing left to write.
MERGE (l:AggregateLock {name: 'aggregates'})
WITH l, coalesce(l.stale, false) AS wasStale
SET l.stale = true, l.version = randomUUID()
RETURN wasStale
