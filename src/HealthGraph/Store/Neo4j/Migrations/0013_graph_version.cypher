// Schema version 13: the graph's version, for the API's result cache (IGraphVersion), kept on the aggregates' lock node
// that every change and every rebuild step takes in its transaction (lock_aggregates.cypher), and that a load marks
// stale and current (mark_aggregates_stale.cypher, mark_aggregates_current.cypher): each of them gives it a new random
// value, and API keys' writes do too. graph_version.cypher reads it.
MERGE (l:AggregateLock {name: 'aggregates'})
SET l.version = coalesce(l.version, randomUUID());
