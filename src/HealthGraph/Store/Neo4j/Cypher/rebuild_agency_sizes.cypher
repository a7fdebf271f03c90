// Replaces the sizes and shares (Migrations/0005_agency_pairs.cypher) of $agencies: their AgencyItem rows counted by
// dimension and basis, and their pairs' counts summed. A step of a rebuild, under the aggregate lock, after the pairs.
CALL () {
  UNWIND $agencies AS agency
  MATCH (s:AgencySize {agency: agency})
  USING INDEX SEEK s:AgencySize(agency)
  DELETE s
}
UNWIND $agencies AS agency
CALL (agency) {
  MATCH (i:AgencyItem {agency: agency})
  USING INDEX SEEK i:AgencyItem(agency)
  RETURN i.dimension AS dimension, count(*) AS any,
         sum(CASE WHEN i.stated > 0 THEN 1 ELSE 0 END) AS stated,
         sum(CASE WHEN i.inferred > 0 THEN 1 ELSE 0 END) AS inferred,
         sum(CASE WHEN i.derived > 0 THEN 1 ELSE 0 END) AS derived
}
CALL (agency, dimension) {
  CALL (agency, dimension) {
    MATCH (p:AgencyPair {a: agency})
    USING INDEX SEEK p:AgencyPair(a)
    WHERE p.dimension = dimension
    RETURN p
    UNION ALL
    MATCH (p:AgencyPair {b: agency})
    USING INDEX SEEK p:AgencyPair(b)
    WHERE p.dimension = dimension
    RETURN p
  }
  RETURN coalesce(sum(p.any), 0) AS sharedAny, coalesce(sum(p.stated), 0) AS sharedStated, coalesce(sum(p.inferred), 0) AS sharedInferred,
         coalesce(sum(p.derived), 0) AS sharedDerived
}
CREATE (:AgencySize {
  agency: agency, dimension: dimension, any: any, stated: stated, inferred: inferred, derived: derived,
  sharedAny: sharedAny, sharedStated: sharedStated, sharedInferred: sharedInferred, sharedDerived: sharedDerived
})
RETURN count(*) AS sizes
