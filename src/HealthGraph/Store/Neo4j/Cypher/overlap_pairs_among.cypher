// The pair counts (Migrations/0005_agency_pairs.cypher) of the pairs both of whose agencies are in $agencies, looked
// up pair by pair by the pair's key (an overlap matrix's cells): as overlap_pairs.cypher, what each pair shares in each
// dimension counting links of $basis, only in $dimension when it is not null; and, in the same read, the sizes of
// $agencies (agency_sizes.cypher), which are every end of those pairs.
RETURN COLLECT {
         UNWIND $agencies AS agency
         UNWIND $agencies AS other
         WITH agency, other
         WHERE agency < other
         MATCH (p:AgencyPair)
         USING INDEX SEEK p:AgencyPair(a, b, dimension)
         WHERE p.a = agency AND p.b = other AND p.dimension IS NOT NULL
         WITH p, CASE $basis WHEN 'STATED' THEN p.stated WHEN 'INFERRED' THEN p.inferred WHEN 'DERIVED' THEN p.derived ELSE p.any END AS shared
         WHERE shared > 0 AND ($dimension IS NULL OR p.dimension = $dimension)
         RETURN {a: p.a, b: p.b, dimension: p.dimension, shared: shared}
       } AS pairs,
       COLLECT {
         CALL () {
           // include: agency_sizes
         }
         RETURN {agency: agency, dimension: dimension, items: items}
       } AS sizes
