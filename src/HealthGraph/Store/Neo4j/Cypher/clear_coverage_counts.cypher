// Deletes at most $limit of the goal-coverage counts of the SDG node $sdg (its CoverageAgency, CoverageItem and
// CoverageCount nodes), by index: a step of rebuilding the counts of a node with too many to replace in one transaction
// (a goal's hundreds of thousands of items at 1,000,000 deliverables passed the server's transaction memory). Returns
// how many it deleted: 0 once none are left. Run under the aggregate lock.
CALL () {
  MATCH (a:CoverageAgency {sdg: $sdg})
  USING INDEX SEEK a:CoverageAgency(sdg)
  RETURN a AS counted
  LIMIT $limit
  UNION ALL
  MATCH (i:CoverageItem)
  USING INDEX SEEK i:CoverageItem(sdg, label, item)
  WHERE i.sdg = $sdg AND i.label IS NOT NULL AND i.item IS NOT NULL
  RETURN i AS counted
  LIMIT $limit
  UNION ALL
  MATCH (c:CoverageCount {sdg: $sdg})
  USING INDEX SEEK c:CoverageCount(sdg)
  RETURN c AS counted
  LIMIT $limit
}
WITH counted
LIMIT $limit
DELETE counted
RETURN count(*) AS deleted
