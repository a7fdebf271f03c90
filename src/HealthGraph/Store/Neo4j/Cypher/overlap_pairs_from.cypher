// A page of one agency's pairs (Migrations/0005_agency_pairs.cypher): the pairs in which $agency is a and b comes after
// $after ('' for the start: no id is empty), the first $first by b, each with what it shares in each dimension counting
// links of $basis ('STATED', 'INFERRED', 'DERIVED' or null for any), only in $dimension when it is not null. The pair
// key's index gives the pairs in (a, b, dimension) order from the cursor, so the rows read grow with the page, not with
// the agency's pairs. The sizes of the ends come from agency_sizes.cypher.
CALL () {
  MATCH (p:AgencyPair)
  USING INDEX SEEK p:AgencyPair(a, b, dimension)
  WHERE p.a = $agency AND p.b > $after AND p.dimension IS NOT NULL
  WITH p
  ORDER BY p.a, p.b, p.dimension
  WITH p, CASE $basis WHEN 'STATED' THEN p.stated WHEN 'INFERRED' THEN p.inferred WHEN 'DERIVED' THEN p.derived ELSE p.any END AS shared
  WHERE shared > 0 AND ($dimension IS NULL OR p.dimension = $dimension)
  WITH DISTINCT p.b AS b
  LIMIT $first
  RETURN collect(b) AS partners
}
UNWIND partners AS b
MATCH (p:AgencyPair)
USING INDEX SEEK p:AgencyPair(a, b, dimension)
WHERE p.a = $agency AND p.b = b AND p.dimension IS NOT NULL
WITH p, CASE $basis WHEN 'STATED' THEN p.stated WHEN 'INFERRED' THEN p.inferred WHEN 'DERIVED' THEN p.derived ELSE p.any END AS shared
WHERE shared > 0 AND ($dimension IS NULL OR p.dimension = $dimension)
RETURN p.a AS a, p.b AS b, p.dimension AS dimension, shared
