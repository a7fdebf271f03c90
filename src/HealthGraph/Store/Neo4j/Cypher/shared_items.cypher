// The items each pair of agencies shares in a dimension, the first $first of each by id: what an overlap answer lists
// of what it counted. $keys: [{key, a, b, dimension, basis}] (basis 'STATED', 'INFERRED', 'DERIVED' or null for any).
// The items of a in the dimension come in id order from the AgencyItem key's index (ordered by the whole key, so the
// index provides the order and no sort reads them all), each looked up for b, until $first are found: the rows read
// grow with the items listed.
UNWIND $keys AS k
CALL (k) {
  MATCH (x:AgencyItem)
  USING INDEX SEEK x:AgencyItem(agency, dimension, item)
  WHERE x.agency = k.a AND x.dimension = k.dimension AND x.item >= ''
  WITH x
  ORDER BY x.agency, x.dimension, x.item
  WHERE k.basis IS NULL OR (k.basis = 'STATED' AND x.stated > 0) OR (k.basis = 'INFERRED' AND x.inferred > 0)
     OR (k.basis = 'DERIVED' AND x.derived > 0)
  MATCH (y:AgencyItem {agency: k.b, dimension: k.dimension, item: x.item})
  USING INDEX SEEK y:AgencyItem(agency, dimension, item)
  WHERE k.basis IS NULL OR (k.basis = 'STATED' AND y.stated > 0) OR (k.basis = 'INFERRED' AND y.inferred > 0)
     OR (k.basis = 'DERIVED' AND y.derived > 0)
  RETURN x.item AS item
  LIMIT $first
}
RETURN k.key AS key, collect(item) AS items
