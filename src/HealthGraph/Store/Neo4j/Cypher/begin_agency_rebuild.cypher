// Starts rebuilding the partner-overlap rows of an agency with more work than a transaction should count, a range of
// its work ids at a time (agency_work_bounds.cypher, agency_work_page.cypher): deletes its rows and records that they
// count its work up to '' (none). Until the rebuild ends (end_agency_rebuild.cypher) a change counts only the agency's
// work up to that id (lock_aggregates.cypher), so each range is counted once, by the change or by the rebuild. Refused
// (no row) while another rebuild ($owner: a rebuild run's id) is counting an agency and has taken a step in the last
// $leaseSeconds; one that stopped longer ago is taken over. Run under the aggregate lock.
// $agency: the organization id.
MERGE (l:AggregateLock {name: 'aggregates'})
WITH l
WHERE l.rebuilding IS NULL OR l.rebuildOwner = $owner OR l.rebuildAt < datetime() - duration({seconds: $leaseSeconds})
SET l.rebuilding = $agency, l.rebuiltThrough = '', l.rebuildOwner = $owner, l.rebuildAt = datetime()
WITH l
CALL () {
  MATCH (i:AgencyItem {agency: $agency})
  USING INDEX SEEK i:AgencyItem(agency)
  DELETE i
}
RETURN count(l) AS begun
