// How many items each of $agencies has in each dimension (only $dimension when it is not null), counting links of
// $basis ('STATED', 'INFERRED', 'DERIVED' or null for any): the sizes of the Jaccard index, from AgencySize nodes
// (Migrations/0005_agency_pairs.cypher), by index. Dimensions in which an agency has nothing are left out.
UNWIND $agencies AS agency
MATCH (s:AgencySize {agency: agency})
USING INDEX SEEK s:AgencySize(agency)
WITH s, CASE $basis WHEN 'STATED' THEN s.stated WHEN 'INFERRED' THEN s.inferred WHEN 'DERIVED' THEN s.derived ELSE s.any END AS items
WHERE items > 0 AND ($dimension IS NULL OR s.dimension = $dimension)
RETURN s.agency AS agency, s.dimension AS dimension, items
