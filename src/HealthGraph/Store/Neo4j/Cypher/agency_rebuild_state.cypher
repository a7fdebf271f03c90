// The agency a rebuild stopped while counting its partner-overlap rows in ranges, if any (begin_agency_rebuild.cypher):
// the next rebuild counts that agency in ranges again, so that its record ends.
OPTIONAL MATCH (l:AggregateLock {name: 'aggregates'})
RETURN l.rebuilding AS rebuilding
