// Records that a rebuild's agency now counts its work up to $through (a work id), or, with $through null, all of it:
// the end of that agency's rebuild (begin_agency_rebuild.cypher). No row when another rebuild ($owner) has taken over.
// Run under the aggregate lock, in the transaction that counted the range.
MATCH (l:AggregateLock {name: 'aggregates'})
WHERE l.rebuildOwner = $owner AND l.rebuilding = $agency
SET l.rebuiltThrough = $through, l.rebuildAt = datetime()
WITH l
CALL (l) {
  WITH l
  WHERE $through IS NULL
  REMOVE l.rebuilding, l.rebuiltThrough, l.rebuildOwner, l.rebuildAt
}
RETURN count(l) AS recorded
