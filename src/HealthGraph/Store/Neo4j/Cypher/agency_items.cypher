// The partner-overlap aggregate's rows (AgencyItem nodes) of some agencies, with each item's label and name, in
// (dimension, item, agency) order: what partner overlaps are counted from (OverlapCounting), by index.
// $agencies: organization ids, or null for all; $dimension: one dimension's code, or null for all; $basis: 'STATED',
// 'INFERRED' or null for both (a row has a basis when its count of that basis is above 0).
CALL () {
  UNWIND coalesce($agencies, []) AS agency
  MATCH (i:AgencyItem {agency: agency})
  USING INDEX i:AgencyItem(agency)
  RETURN i
  UNION ALL
  WITH $agencies AS agencies
  WHERE agencies IS NULL
  MATCH (i:AgencyItem)
  RETURN i
}
WITH i
WHERE ($dimension IS NULL OR i.dimension = $dimension)
  AND ($basis IS NULL OR ($basis = 'STATED' AND i.stated > 0) OR ($basis = 'INFERRED' AND i.inferred > 0))
MATCH (n:Entity {id: i.item})
RETURN i.agency AS agency, i.dimension AS dimension, i.item AS item, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.name AS name
ORDER BY dimension, item, agency
