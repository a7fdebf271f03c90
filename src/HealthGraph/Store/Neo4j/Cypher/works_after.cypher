// The pieces of work of $works (ids) after $after in Neo4j's string order: those of a change that a rebuild in ranges
// has not counted yet for its agency (lock_aggregates.cypher).
UNWIND $works AS work
WITH work
WHERE work > $after
RETURN work
