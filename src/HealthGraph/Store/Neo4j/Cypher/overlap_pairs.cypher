// The pair counts (Migrations/0005_agency_pairs.cypher) of every pair one of $agencies is in, by index (each agency's
// pairs as a, then as b): a row per pair and dimension with what the pair shares counting links of $basis ('STATED',
// 'INFERRED', 'DERIVED' or null for any), only in $dimension when it is not null. overlap_pairs_among.cypher reads the
// pairs among $agencies only.
UNWIND $agencies AS agency
CALL (agency) {
  MATCH (p:AgencyPair {a: agency})
  USING INDEX SEEK p:AgencyPair(a)
  RETURN p
  UNION ALL
  MATCH (p:AgencyPair {b: agency})
  USING INDEX SEEK p:AgencyPair(b)
  WHERE NOT p.a IN $agencies
  RETURN p
}
WITH p, CASE $basis WHEN 'STATED' THEN p.stated WHEN 'INFERRED' THEN p.inferred WHEN 'DERIVED' THEN p.derived ELSE p.any END AS shared
WHERE shared > 0 AND ($dimension IS NULL OR p.dimension = $dimension)
RETURN p.a AS a, p.b AS b, p.dimension AS dimension, shared
